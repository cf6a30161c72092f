/**
 * The app as the benchmarks serve it on plain workerd: the real Worker, with the Rate Limiting
 * binding answered inside the isolate. Plain workerd lacks the binding, and a stand-in Worker
 * reached over RPC would add a second isolate's work that production does not pay.
 */
import { app } from "../src/worker/app.js";

const allow: RateLimit = { limit: async () => ({ success: true }) };

export default {
  fetch: (request: Request, env: Cloudflare.Env, ctx: ExecutionContext) => app.fetch(request, { ...env, RATE_LIMITER: allow }, ctx),
};
