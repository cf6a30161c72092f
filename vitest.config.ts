import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { unstable_readConfig } from "wrangler";
import { defineConfig } from "vitest/config";

// The rate limiter as wrangler.toml declares it (the one place its period is stated).
const [limiter] = unstable_readConfig({ config: "wrangler.toml" }).ratelimits;

// Room for a slow CI machine (2 cores, tests in parallel): no test should lean on the 5 s default.
const TEST_TIMEOUT = 30_000;

// The Worker's tests run inside workerd; model, tool, benchmark and document tests run in Node; the e2e
// tests start the Worker locally and drive the demo page in headless Chromium.
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
                RATE_LIMITER: { ...limiter!, simple: { ...limiter!.simple, limit: 1_000_000_000 } },
                RATE_LIMITER_TEST: { namespace_id: "1002", simple: { limit: 3, period: 60 } },
              },
            },
          }),
        ],
        // The codec and exp also run here: workerd decodes base64 natively, Node with atob; exp must give the same bits in both.
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts", "test/model/codec.test.ts", "test/model/exp.test.ts"],
          provide: { fuzzRuns: Number(process.env.FUZZ_RUNS) || 0 },
          testTimeout: TEST_TIMEOUT,
        },
      },
      {
        test: {
          name: "node",
          include: ["test/model/**/*.test.ts", "test/cli/**/*.test.ts", "test/bench/**/*.test.ts", "test/node/**/*.test.ts"],
          environment: "node",
          testTimeout: TEST_TIMEOUT,
          globalSetup: ["test/cli/global-setup.ts"],
        },
      },
      {
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
