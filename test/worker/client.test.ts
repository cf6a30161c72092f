import { SELF } from "cloudflare:test";
import { hc } from "hono/client";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { AppType } from "../../src/worker/index.js";
import { batchResponseSchema, predictResponseSchema } from "../../src/worker/responses.js";
import { BASE, postJson } from "./request.js";

// The typed client as a TypeScript user would build it, calling the Worker through SELF.
const client = hc<AppType>(BASE, { fetch: (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init) });

describe("hono/client typed client", () => {
  it("calls /predict with typed input and output", async () => {
    const pair = { text1: "The telescope observed the nebula.", text2: "teh telescop observd" };
    const response = await client.predict.$post({ json: pair, query: { explain: "true" } });
    expect(response.status).toBe(200);
    if (!response.ok) throw new Error("expected 200");
    const body = await response.json();
    expectTypeOf(body.real_text_id).toEqualTypeOf<1 | 2>();
    expectTypeOf(body.probability_text1_real).toEqualTypeOf<number>();
    predictResponseSchema.parse(body);
    expect(body).toEqual(await (await postJson("/predict?explain=true", pair)).json());
    expect(body.explanation?.features.map((f) => f.name)).toContain("char_ngram_log_ratio");
  });

  it("calls /predict/batch and gets ids back in order", async () => {
    const response = await client.predict.batch.$post({
      json: { pairs: [{ id: "x", text1: "a", text2: "b" }, { id: 7, text1: "c. d", text2: "e" }] },
    });
    if (!response.ok) throw new Error(`expected 200, got ${response.status}`);
    const body = await response.json();
    expectTypeOf(body.results[0]!.score).toEqualTypeOf<number>();
    batchResponseSchema.parse(body);
    expect(body.results.map((r) => r.id)).toEqual(["x", 7]);
    expect(body.results[0]).not.toHaveProperty("explanation");
  });

  it("types error answers too", async () => {
    const response = await client.predict.$post({ json: { text1: "a", text2: "x".repeat(100_001) } });
    expect(response.status).toBe(413);
    if (response.status === 413) {
      const body = await response.json();
      expect(body.error.code).toBe("text_too_long");
    }
  });

  it("calls the GET endpoints", async () => {
    const health = await (await client.health.$get()).json();
    expect(health.status).toBe("ok");
    const info = await (await client.model_info.$get()).json();
    expect(info.limits.max_batch_pairs).toBe(256);
  });
});
