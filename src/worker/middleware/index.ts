/**
 * The middleware every route runs through, in order: request id, the log line, the prediction
 * analytics, CORS (which answers preflights before auth), then, except on the public paths, auth
 * and the rate limit.
 * Mounted once with `app.use(...middleware())`, so routes added later are covered too.
 */
import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import type { AppEnv } from "../env.js";
import { predictionAnalytics } from "./analytics.js";
import { optionalAuth } from "./auth.js";
import { configurableCors } from "./cors.js";
import { rateLimit } from "./rate-limit.js";
import { requestLog } from "./request-log.js";

/** Paths anyone may call without a token and without counting against the rate limit ("/docs/*": below /docs). */
export const PUBLIC_PATHS = ["/health", "/docs", "/docs/*", "/openapi.json", "/"];

const isPublic = (path: string) => PUBLIC_PATHS.includes(path) || path.startsWith("/docs/");

/**
 * Auth, then the rate limit, except on the public paths. Written out rather than with Hono's
 * `except`, whose router and two composed chains cost more per request than both guards together.
 */
function guard(): MiddlewareHandler<AppEnv> {
  const auth = optionalAuth();
  const limit = rateLimit();
  return async function guard(c, next) {
    if (isPublic(c.req.path)) return next();
    return auth(c, async () => {
      const refused = await limit(c, next); // as Hono's compose does with a middleware's answer
      if (refused && !c.finalized) c.res = refused;
    });
  };
}

export function middleware(): MiddlewareHandler<AppEnv>[] {
  return [
    requestId(), // keeps a sane incoming X-Request-Id (word characters, '-', '='; at most 255), else a UUID
    requestLog(),
    predictionAnalytics(),
    configurableCors(),
    guard(),
  ];
}
