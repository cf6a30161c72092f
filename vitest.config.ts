import { cloudflareTest } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// The Worker's tests run inside workerd; model, tool and document tests run in Node; the e2e
// tests start the Worker locally and drive the demo page in headless Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: "./wrangler.toml" } })],
        test: { name: "worker", include: ["test/worker/**/*.test.ts"] },
      },
      {
        test: {
          name: "node",
          include: ["test/model/**/*.test.ts", "test/cli/**/*.test.ts", "test/node/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], environment: "node", testTimeout: 60_000, hookTimeout: 120_000 },
      },
    ],
  },
});
