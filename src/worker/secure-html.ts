/**
 * Hono's secure-headers on pages a browser renders: every text/html response, plus the paths
 * listed (the docs), whatever they answer. JSON API responses are left as they are.
 */
import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

export function secureHtml(paths: readonly string[] = ["/", "/docs"], options: SecureHeadersOptions = {}): MiddlewareHandler {
  const apply = secureHeaders(options);
  return async (c, next) => {
    await next();
    const isHtml = c.res.headers.get("Content-Type")?.toLowerCase().startsWith("text/html") ?? false;
    if (isHtml || paths.includes(c.req.path)) await apply(c, async () => {});
  };
}
