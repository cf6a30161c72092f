import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../../src/worker/app.js";
import * as z from "../../src/zod.js";
import { openApiDocument, operations } from "../../src/worker/openapi.js";
import { errorBodySchema } from "../../src/worker/responses.js";
import { BASE, postJson } from "./request.js";

describe("GET /openapi.json", () => {
  it("serves the document built from the schemas (validated in test/node/openapi.test.ts)", async () => {
    const response = await SELF.fetch(`${BASE}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(await response.json()).toEqual(openApiDocument());
  });

  it("documents exactly the routes the app serves", () => {
    const served = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const documented = new Set(operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    expect(documented).toEqual(served);
  });

  it("describes the responses the Worker really gives, errors included", async () => {
    for (const op of operations) {
      const body = op.body ? JSON.stringify((z.globalRegistry.get(op.body)?.examples as unknown[])[0]) : undefined;
      const init = body ? { method: "POST", headers: { "Content-Type": "application/json" }, body } : {};
      const ok = await SELF.fetch(BASE + op.path, init);
      expect(ok.status, op.path).toBe(200);
      const success = op.ok.body;
      if (success === "html") expect(ok.headers.get("Content-Type")).toContain("text/html");
      else success.parse(await ok.json());

      const wrong = await SELF.fetch(BASE + op.path, { method: "DELETE" });
      expect(wrong.status).toBe(405);
      expect(op.errors.map(([code]) => code)).toContain("method_not_allowed");
      errorBodySchema.parse(await wrong.json());
    }
    const invalid = await postJson("/predict", { text1: "a" });
    expect(invalid.status).toBe(422);
    errorBodySchema.parse(await invalid.json());
  });
});
