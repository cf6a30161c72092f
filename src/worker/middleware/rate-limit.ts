/**
 * Rate limiting with the Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml, the one
 * place its limit and period are stated; Miniflare runs it locally). Runs after authentication, so
 * with auth on the key is the verified client's name (each API key has its own budget, and a
 * client cannot dodge it by inventing keys); otherwise it is the client address that Cloudflare's
 * edge (and wrangler dev) puts in CF-Connecting-IP.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.js";
import { errorResponse } from "../errors.js";

/**
 * The binding's longest period (it allows 10 or 60 s): a retry after it always falls in a fresh
 * window, whichever period wrangler.toml sets, and the Worker cannot read that setting.
 */
export const RETRY_AFTER_SECONDS = 60;

export const rateLimit = (): MiddlewareHandler<AppEnv> => async function rateLimit(c, next) {
  const client = c.get("client");
  const key = client ? `key:${client}` : `ip:${c.req.header("CF-Connecting-IP") ?? "unknown"}`;
  const { success } = await c.env.RATE_LIMITER.limit({ key });
  if (success) return next();
  c.header("Retry-After", String(RETRY_AFTER_SECONDS));
  return errorResponse(c, "rate_limited", `too many requests; retry after ${RETRY_AFTER_SECONDS} seconds`);
};
