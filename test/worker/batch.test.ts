import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_BATCH_BODY_BYTES,
  MAX_NON_ASCII_LENGTH,
  MAX_BATCH_PAIRS,
  MAX_EXPLAINED_BATCH_LENGTH,
  MAX_EXPLAINED_BATCH_PAIRS,
  MAX_ID_LENGTH,
  MAX_SEGMENTED_BATCH_LENGTH,
  MAX_SEGMENTED_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
} from "../../src/worker/limits.js";
import { batchResponseSchema, predictResponseSchema } from "../../src/worker/responses.js";
import { BASE, errorOf, postJson } from "./request.js";
import { clientPair } from "../fixtures/arbitraries.js";

const idArb = fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), {
  nil: undefined,
});

describe("POST /predict/batch", () => {
  it("answers each pair exactly as /predict does, in order, with its id", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ id: idArb, pair: clientPair }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("", "?explain=true", "?explain=all", "?explain=false", "?explain=segments", "?explain=true,segments"),
        async (items, query) => {
          const pairs = items.map(({ id, pair }) => (id === undefined ? pair : { id, ...pair }));
          const batchResponse = await postJson(`/predict/batch${query}`, { pairs });
          expect(batchResponse.status).toBe(200);
          const batch = batchResponseSchema.parse(await batchResponse.json());
          expect(batch.results).toHaveLength(pairs.length);
          for (const [i, { id, pair }] of items.entries()) {
            const single = predictResponseSchema.parse(await (await postJson(`/predict${query}`, pair)).json());
            const { model, ...prediction } = single;
            expect(batch.model).toEqual(model);
            // The id as JSON carries it (-0 becomes 0).
            const echoed = id === undefined ? prediction : { id: JSON.parse(JSON.stringify(id)), ...prediction };
            expect(batch.results[i]).toStrictEqual(echoed);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it(`accepts ${MAX_BATCH_PAIRS} pairs and answers 413 too_many_pairs with the limit beyond`, async () => {
    const pairs = Array.from({ length: MAX_BATCH_PAIRS }, (_, i) => ({ id: i, text1: `text ${i}`, text2: "other" }));
    const ok = await postJson("/predict/batch", { pairs });
    expect(ok.status).toBe(200);
    expect(batchResponseSchema.parse(await ok.json()).results.map((r) => r.id)).toEqual(pairs.map((p) => p.id));

    const over = await postJson("/predict/batch", { pairs: [...pairs, { text1: "a", text2: "b" }] });
    expect(over.status).toBe(413);
    const error = await errorOf(over);
    expect(error.code).toBe("too_many_pairs");
    expect(error.message).toContain(String(MAX_BATCH_PAIRS));
  });

  it("scores a body just within its limit and answers 413 body_too_large over it", async () => {
    const text = "a".repeat(MAX_TEXT_LENGTH);
    const pair = { text1: text, text2: text };
    const fits = Math.floor(MAX_BATCH_BODY_BYTES / JSON.stringify(pair).length);
    expect((await postJson("/predict/batch", { pairs: Array(fits).fill(pair) })).status).toBe(200);

    const response = await postJson("/predict/batch", { pairs: Array(fits + 1).fill(pair) });
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe("body_too_large");
    expect(error.message).toContain(String(MAX_BATCH_BODY_BYTES));
  });

  it("takes texts of at most the segmented limit with explain=segments, naming the pair of one over it", async () => {
    const pairs = [{ text1: "a", text2: "b" }, { text1: "x".repeat(MAX_SEGMENTED_TEXT_LENGTH + 1), text2: "b" }];
    expect((await postJson("/predict/batch", { pairs })).status).toBe(200);
    const response = await postJson("/predict/batch?explain=true,segments", { pairs });
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: "text_too_long", details: [{ path: "pairs.1.text1" }] });
    expect(error.message).toContain(`${MAX_SEGMENTED_TEXT_LENGTH} characters, the limit with explain=segments`);
    pairs[1]!.text1 = "x".repeat(MAX_SEGMENTED_TEXT_LENGTH);
    expect((await postJson("/predict/batch?explain=segments", { pairs })).status).toBe(200);
  });

  it(`takes, with explain, at most ${MAX_EXPLAINED_BATCH_PAIRS} pairs`, async () => {
    const pairs = Array.from({ length: MAX_EXPLAINED_BATCH_PAIRS }, (_, i) => ({ text1: `a${i}`, text2: "b" }));
    for (const explain of ["true", "all,segments"]) {
      expect((await postJson(`/predict/batch?explain=${explain}`, { pairs })).status, explain).toBe(200);
      const response = await postJson(`/predict/batch?explain=${explain}`, { pairs: [...pairs, { text1: "c", text2: "d" }] });
      expect(response.status, explain).toBe(413);
      expect(await errorOf(response)).toMatchObject({
        code: "too_many_pairs",
        message: `pairs holds ${MAX_EXPLAINED_BATCH_PAIRS + 1} pairs, more than the ${MAX_EXPLAINED_BATCH_PAIRS} a batch with explain takes`,
        details: [{ path: "pairs", message: `must hold at most ${MAX_EXPLAINED_BATCH_PAIRS} pairs with explain` }],
      });
    }
    expect((await postJson("/predict/batch", { pairs: [...pairs, { text1: "c", text2: "d" }] })).status).toBe(200);
  });

  it("takes, with explain, texts adding up to at most one explained pair at the limits", async () => {
    const cases = [
      ["all", MAX_EXPLAINED_BATCH_LENGTH],
      ["true,segments", MAX_SEGMENTED_BATCH_LENGTH],
    ] as const;
    for (const [explain, limit] of cases) {
      // Three texts of a third of the limit each and a fourth that brings the total to exactly the limit.
      const third = Math.floor(limit / 3);
      const pairs = [
        { text1: "x".repeat(third), text2: "y".repeat(third) },
        { text1: "z".repeat(third), text2: "w".repeat(limit - 3 * third) },
      ];
      expect((await postJson(`/predict/batch?explain=${explain}`, { pairs })).status, explain).toBe(200);
      pairs[1]!.text2 += "w";
      expect((await postJson("/predict/batch", { pairs })).status).toBe(200);
      const response = await postJson(`/predict/batch?explain=${explain}`, { pairs });
      expect(response.status, explain).toBe(413);
      expect(await errorOf(response)).toMatchObject({
        code: "text_too_long",
        message: `pairs hold ${limit + 1} characters of text, more than the ${limit} a batch with explain=${explain} takes`,
        details: [{ path: "pairs", message: `must hold at most ${limit} characters of text in all with explain=${explain}` }],
      });
    }
  });

  it(`takes texts holding at most ${MAX_NON_ASCII_LENGTH} code units outside ASCII in all, however long their ASCII`, async () => {
    // Two code units outside ASCII per emoji; ASCII text between them does not count.
    const quarter = MAX_NON_ASCII_LENGTH / 4;
    const pairs = [
      { text1: "😀".repeat(quarter / 2), text2: `ascii ${"é".repeat(quarter)} ascii` },
      { text1: "ж".repeat(quarter), text2: "aж".repeat(quarter) },
    ];
    expect((await postJson("/predict/batch", { pairs })).status).toBe(200);
    pairs[1]!.text1 += "\u00e9";
    const response = await postJson("/predict/batch", { pairs });
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({
      code: "text_too_long",
      message: `pairs hold ${MAX_NON_ASCII_LENGTH + 1} code units outside ASCII, more than the ${MAX_NON_ASCII_LENGTH} a request takes`,
      details: [{ path: "pairs", message: `must hold at most ${MAX_NON_ASCII_LENGTH} code units outside ASCII in all` }],
    });
  });

  it("answers 413 text_too_long naming the pair of a text over the limit", async () => {
    const pairs = Array.from({ length: 5 }, () => ({ text1: "a", text2: "b" }));
    pairs[3]!.text2 = "x".repeat(MAX_TEXT_LENGTH + 1);
    const response = await postJson("/predict/batch", { pairs });
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe("text_too_long");
    expect(error.message).toContain("pairs.3.text2");
    expect(error.message).toContain(String(MAX_TEXT_LENGTH));
  });

  it("answers 422 invalid_request naming the index of the bad pair", async () => {
    const bad: [unknown, string][] = [
      [{ text1: "a" }, "pairs.3.text2"],
      [{ text1: 5, text2: "b" }, "pairs.3.text1"],
      [{ text1: "a", text2: "b", extra: 1 }, "pairs.3"],
      [{ id: true, text1: "a", text2: "b" }, "pairs.3.id"],
      [{ id: "i".repeat(MAX_ID_LENGTH + 1), text1: "a", text2: "b" }, "pairs.3.id"],
      [null, "pairs.3"],
    ];
    for (const [pair, path] of bad) {
      const pairs: unknown[] = Array.from({ length: 5 }, () => ({ text1: "a", text2: "b" }));
      pairs[3] = pair;
      const response = await postJson("/predict/batch", { pairs });
      expect(response.status, JSON.stringify(pair)).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid_request");
      expect(error.message).toContain(path);
      expect(error.details?.map((d) => d.path)).toContain(path);
    }
  });

  it("answers 422 for a body that is not a non-empty list of pairs", async () => {
    for (const body of [{ pairs: [] }, {}, { pairs: {} }, [], { pairs: [{ text1: "a", text2: "b" }], more: 1 }]) {
      const response = await postJson("/predict/batch", body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await errorOf(response)).code).toBe("invalid_request");
    }
  });

  it("answers 400, 415 and 405 like /predict", async () => {
    const malformed = await postJson("/predict/batch", "{ not json");
    expect(malformed.status).toBe(400);
    expect((await errorOf(malformed)).code).toBe("malformed_json");

    const text = await SELF.fetch(`${BASE}/predict/batch`, { method: "POST", body: "{}", headers: { "Content-Type": "text/plain" } });
    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe("unsupported_media_type");

    for (const method of ["GET", "PUT", "DELETE"]) {
      const response = await SELF.fetch(`${BASE}/predict/batch`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get("Allow")).toBe("POST");
      expect((await errorOf(response)).code).toBe("method_not_allowed");
    }
  });
});
