/** The Worker's bindings (wrangler.toml and secrets) and the per-request values middleware shares. */
import type { ErrorCode } from "./errors.js";

export interface Env {
  /** Secret; when set, every route but the public ones needs `Authorization: Bearer <API_TOKEN>`. */
  API_TOKEN?: string;
  /** Comma-separated origins CORS allows; "*" (the default) allows any. */
  ALLOWED_ORIGINS?: string;
  /** Seconds in the rate limiter's window (must equal `[ratelimits.simple] period`); sent as Retry-After. */
  RATE_LIMIT_PERIOD?: string;
  /** The Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml). */
  RATE_LIMITER: RateLimit;
}

export interface Variables {
  requestId: string;
  /** Lengths of the texts a request carried, for the log line (never the texts). */
  textLengths?: number[];
  errorCode?: ErrorCode;
}

export type AppEnv = { Bindings: Env; Variables: Variables };

type WorkerEnv = Env;

declare global {
  namespace Cloudflare {
    // Types `env` from "cloudflare:test" and "cloudflare:workers".
    interface Env extends WorkerEnv {}
  }
}
