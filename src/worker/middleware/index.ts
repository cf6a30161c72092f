/**
 * The middleware every route runs through, in order: request id, the log line, the prediction
 * analytics, CORS (which answers preflights before auth), then, except on the public paths, auth
 * and the rate limit.
 * Mounted once with `app.use(...middleware())`, so routes added later are covered too.
 */
import type { MiddlewareHandler } from "hono";
import { except } from "hono/combine";
import { requestId } from "hono/request-id";
import type { AppEnv } from "../env.js";
import { predictionAnalytics } from "./analytics.js";
import { optionalAuth } from "./auth.js";
import { configurableCors } from "./cors.js";
import { rateLimit } from "./rate-limit.js";
import { requestLog } from "./request-log.js";

/** Paths anyone may call without a token and without counting against the rate limit. */
export const PUBLIC_PATHS = ["/health", "/docs", "/docs/*", "/openapi.json", "/"];

export function middleware(): MiddlewareHandler<AppEnv>[] {
  return [
    requestId(), // keeps a sane incoming X-Request-Id (word characters, '-', '='; at most 255), else a UUID
    requestLog(),
    predictionAnalytics(),
    configurableCors(),
    except(PUBLIC_PATHS, optionalAuth(), rateLimit()),
  ];
}
