import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("health", async () => {
  const r = await SELF.fetch("http://x/health");
  expect(r.status).toBe(200);
  expect(await r.json()).toMatchObject({ status: "ok" });
});
