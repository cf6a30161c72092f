/**
 * The Hono environment of the app: the Worker's bindings, typed by `npm run cf-typegen` from
 * wrangler.toml into worker-configuration.d.ts (the global `Env`), its optional secrets, and the
 * per-request values that middleware and handlers share.
 */
import type { ErrorCode } from "./errors.js";
import type { Prediction } from "./responses.js";

export interface Variables {
  requestId: string;
  /** Who called: the name of the API key, or "token" for API_TOKEN; unset when the API is open. */
  client?: string;
  /** Lengths of the texts a request carried, for the log line (never the texts). */
  textLengths?: number[];
  /** At least as many as the code units outside ASCII in a JSON body's strings, once strictJson has read it. */
  nonAsciiBound?: number;
  /** The answers a prediction route gave, for the analytics data point. */
  predictions?: readonly Prediction[];
  errorCode?: ErrorCode;
}

export type AppEnv = { Bindings: Env; Variables: Variables };

declare global {
  namespace Cloudflare {
    // Secrets are not in wrangler.toml, and may be unset: then auth is off (.dev.vars.example).
    interface Env {
      /** One bearer token every client shares. */
      API_TOKEN?: string;
      /** One client per line, `name:sha256-of-its-key` (src/worker/api-keys.ts). */
      API_KEYS?: string;
    }
  }
}
