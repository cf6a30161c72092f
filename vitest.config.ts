import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Two projects: the Worker's tests run inside workerd; model and tool tests run in Node.
export default defineConfig({
  test: {
    onConsoleLog: (log) => !log.includes('"message":"request"'), // the Worker's per-request log lines
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: "./wrangler.toml" },
            // The real limiter is raised out of the way of the other tests; the rate-limit tests run
            // the app against RATE_LIMITER_TEST, the same binding with a low limit.
            miniflare: {
              ratelimits: {
                RATE_LIMITER: { namespace_id: "1001", simple: { limit: 1_000_000_000, period: 60 } },
                RATE_LIMITER_TEST: { namespace_id: "1002", simple: { limit: 3, period: 60 } },
              },
            },
          }),
        ],
        test: { name: "worker", include: ["test/worker/**/*.test.ts"], provide: { fuzzRuns: Number(process.env.FUZZ_RUNS) || 0 } },
      },
      {
        test: { name: "node", include: ["test/model/**/*.test.ts", "test/cli/**/*.test.ts"], environment: "node" },
      },
    ],
  },
});
