/**
 * The middleware every route runs through, in order: request id, the log line, CORS (answers
 * preflights before auth), secure headers on HTML, optional auth, then the rate limit. Mounted
 * once with `app.use(...hardening())`, so routes added later are covered too.
 */
import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import { optionalAuth } from "./auth.js";
import { configurableCors } from "./cors.js";
import type { AppEnv } from "./env.js";
import { PUBLIC_PATHS } from "./public-paths.js";
import { rateLimit } from "./rate-limit.js";
import { requestLog } from "./request-log.js";
import { secureHtml } from "./secure-html.js";

export interface HardeningOptions {
  /** Paths open without a token and not rate limited. */
  publicPaths?: readonly string[];
  /** Paths that get secure headers whatever they answer (all text/html responses get them too). */
  htmlPaths?: readonly string[];
}

export function hardening({ publicPaths = PUBLIC_PATHS, htmlPaths = ["/", "/docs"] }: HardeningOptions = {}): MiddlewareHandler<AppEnv>[] {
  return [
    requestId(), // keeps a sane incoming X-Request-Id (word characters, '-', '='; at most 255), else a UUID
    requestLog(),
    configurableCors(),
    secureHtml(htmlPaths),
    optionalAuth(publicPaths),
    rateLimit(publicPaths),
  ];
}
