/**
 * Rate limiting with the Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml; Miniflare
 * runs it locally). Runs after authentication, so with a token the key is a verified token (a
 * client cannot dodge its budget by inventing tokens); otherwise the key is the client address
 * that Cloudflare's edge (and wrangler dev) puts in CF-Connecting-IP.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.js";
import { sha256Hex } from "./digest.js";
import { errorResponse } from "./errors.js";
import { PUBLIC_PATHS, isPublicPath } from "./public-paths.js";

const DEFAULT_PERIOD_SECONDS = 60;

export function rateLimit(publicPaths: readonly string[] = PUBLIC_PATHS): MiddlewareHandler<AppEnv> {
  let tokenKey: { token: string; key: Promise<string> } | undefined; // hashed once per isolate and token
  return async (c, next) => {
    if (isPublicPath(c.req.path, publicPaths)) return next();
    const token = c.env.API_TOKEN;
    // The token is hashed so that the secret never leaves the Worker as a key.
    if (token && tokenKey?.token !== token) tokenKey = { token, key: sha256Hex(token).then((hex) => `token:${hex}`) };
    const key = token ? await tokenKey!.key : `ip:${c.req.header("CF-Connecting-IP") ?? "unknown"}`;
    const { success } = await c.env.RATE_LIMITER.limit({ key });
    if (success) return next();
    const period = Number.parseInt(c.env.RATE_LIMIT_PERIOD ?? "", 10) || DEFAULT_PERIOD_SECONDS;
    c.header("Retry-After", String(period));
    return errorResponse(c, 429, "rate_limited", `too many requests; retry after ${period} seconds`);
  };
}
