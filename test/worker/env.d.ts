declare namespace Cloudflare {
  interface Env {
    /** The rate limiter with a low limit that the rate-limit tests run the app against (vitest.config.ts). */
    RATE_LIMITER_TEST: RateLimit;
  }
}
