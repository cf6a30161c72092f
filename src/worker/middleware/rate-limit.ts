/**
 * Rate limiting with the Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml, the one
 * place its limit and period are stated; Miniflare runs it locally). Runs after authentication, so
 * with a token the key is a verified token (a client cannot dodge its budget by inventing tokens);
 * otherwise the key is the client address that Cloudflare's edge (and wrangler dev) puts in
 * CF-Connecting-IP.
 */
import type { MiddlewareHandler } from "hono";
import { sha256 } from "hono/utils/crypto";
import type { AppEnv } from "../env.js";
import { errorResponse } from "../errors.js";

/**
 * The binding's longest period (it allows 10 or 60 s): a retry after it always falls in a fresh
 * window, whichever period wrangler.toml sets, and the Worker cannot read that setting.
 */
export const RETRY_AFTER_SECONDS = 60;

export function rateLimit(): MiddlewareHandler<AppEnv> {
  let tokenKey: { token: string; key: Promise<string | null> } | undefined; // hashed once per isolate and token
  return async function rateLimit(c, next) {
    const token = c.env.API_TOKEN;
    // The token is hashed so that the secret never leaves the Worker as a key.
    if (token && tokenKey?.token !== token) tokenKey = { token, key: sha256(token) };
    const key = token ? `token:${await tokenKey!.key}` : `ip:${c.req.header("CF-Connecting-IP") ?? "unknown"}`;
    const { success } = await c.env.RATE_LIMITER.limit({ key });
    if (success) return next();
    c.header("Retry-After", String(RETRY_AFTER_SECONDS));
    return errorResponse(c, "rate_limited", `too many requests; retry after ${RETRY_AFTER_SECONDS} seconds`);
  };
}
