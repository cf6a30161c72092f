import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FEATURES } from "../../src/model/features.js";
import { scorePair } from "../../src/model/scorer.js";
import { scoreWithSegments } from "../../src/model/segments.js";
import { TOP_FEATURES } from "../../src/worker/limits.js";
import { model } from "../../src/worker/model.js";
import { predictResponseSchema, type Prediction } from "../../src/worker/responses.js";
import { BASE, postJson } from "./request.js";
import { clientPair } from "../fixtures/arbitraries.js";

type Explanation = NonNullable<Prediction["explanation"]>;

async function predict(query: string, pair: { text1: string; text2: string }) {
  const response = await postJson(`/predict${query}`, pair);
  expect(response.status).toBe(200);
  return predictResponseSchema.parse(await response.json());
}

/** The listed contributions, the rest and the constant, summed; and a bound on the rounding error. */
function total(explanation: Explanation) {
  const terms = [...explanation.features.map((f) => f.contribution), explanation.other_contributions, explanation.constant];
  return { sum: terms.reduce((a, b) => a + b, 0), tolerance: 1e-12 * (1 + terms.reduce((a, b) => a + Math.abs(b), 0)) };
}

describe("explanations", () => {
  it("explain=all lists every feature; contributions + constant add up to the score", async () => {
    await fc.assert(
      fc.asyncProperty(clientPair, async (pair) => {
        const { score, explanation } = await predict("?explain=all", pair);
        expect(explanation!.features.map((f) => f.name).sort()).toEqual(FEATURES.map((f) => f.name).sort());
        expect(explanation!.other_contributions).toBe(0);
        expect(explanation!.constant).toBe(0);
        const { sum, tolerance } = total(explanation!);
        expect(Math.abs(sum - score)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 60 },
    );
  });

  it(`explain=true lists up to ${TOP_FEATURES} weighted features by |contribution|, the rest summed, adding up to the score`, async () => {
    const weighted = new Set<string>(FEATURES.flatMap((f, j) => (model.weights[j] !== 0 ? [f.name] : [])));
    await fc.assert(
      fc.asyncProperty(clientPair, async (pair) => {
        const top = (await predict("?explain=true", pair)).explanation!;
        const all = (await predict("?explain=all", pair)).explanation!;
        const reasons = all.features.filter((f) => weighted.has(f.name)).slice(0, TOP_FEATURES);
        expect(top.features).toEqual(reasons);
        const magnitudes = all.features.map((f) => Math.abs(f.contribution));
        expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
        const rest = all.features.filter((f) => !reasons.includes(f)).reduce((a, f) => a + f.contribution, 0);
        expect(top.other_contributions).toBeCloseTo(rest, 10);
        const { score } = await predict("", pair);
        const { sum, tolerance } = total(top);
        expect(Math.abs(sum - score)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 40 },
    );
  });

  it("gives each feature's description, raw values for both texts and signed contribution", async () => {
    const pair = { text1: "The telescope observed the nebula. It was clear.", text2: "teh telescop observd!!! 123" };
    const expected = scorePair(model, pair.text1, pair.text2, true); // with the statistics "all" shows
    const { explanation } = await predict("?explain=all", pair);
    const asJson = (x: number | undefined) => JSON.parse(JSON.stringify(x)) as number; // JSON has no -0
    for (const f of explanation!.features) {
      const j = FEATURES.findIndex((spec) => spec.name === f.name);
      expect(f.description).toBe(FEATURES[j]!.description);
      expect(f.value_text1).toBe(asJson(expected.features1[j]));
      expect(f.value_text2).toBe(asJson(expected.features2[j]));
      expect(f.contribution).toBe(asJson(expected.contributions[j]));
    }
  });

  it("explain=segments adds each text's segments as the model computes them offline, summing to the score", async () => {
    await fc.assert(
      fc.asyncProperty(clientPair, async (pair) => {
        const answer = await predict("?explain=segments", pair);
        expect(answer).not.toHaveProperty("explanation");
        const offline = scoreWithSegments(model, pair.text1, pair.text2).segments;
        expect(answer.segments).toEqual({ text1: offline.text1, text2: offline.text2, unsegmented_contribution: offline.unsegmented, constant: 0 });
        const segments = answer.segments!;
        const sum = [...segments.text1, ...segments.text2].reduce((s, g) => s + g.contribution, 0) + segments.unsegmented_contribution;
        expect(Math.abs(sum - answer.score)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(answer.score)));
        for (const [text, list] of [[pair.text1, segments.text1], [pair.text2, segments.text2]] as const) {
          expect(list.map((s) => text.slice(s.start, s.end)).join("")).toBe(text);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("combines segments with either feature explanation, and leaves them out otherwise", async () => {
    const pair = { text1: "The telescope observed the nebula. It was cloudy.", text2: "The telescope observed the nebula! Cake recipes follow." };
    const plain = await predict("?explain=true", pair);
    const both = await predict("?explain=true,segments", pair);
    expect(both.explanation).toEqual(plain.explanation);
    expect(both.segments).toEqual((await predict("?explain=segments", pair)).segments);
    expect((await predict("?explain=all,segments", pair)).explanation).toEqual((await predict("?explain=all", pair)).explanation);
    expect(plain).not.toHaveProperty("segments");
    expect(await predict("", pair)).not.toHaveProperty("segments");
  });

  it("marks an answer uncertain exactly when its confidence is under the model's threshold, or a tie", async () => {
    await fc.assert(
      fc.asyncProperty(clientPair, async (pair) => {
        const answer = await predict("", pair);
        expect(answer.uncertain).toBe(answer.tie || answer.confidence < model.uncertaintyThreshold);
      }),
      { numRuns: 60 },
    );
  });

  it("adds no explanation when explain is absent or false", async () => {
    const pair = { text1: "One text.", text2: "Another text!" };
    expect(await predict("", pair)).not.toHaveProperty("explanation");
    expect(await predict("?explain=false", pair)).not.toHaveProperty("explanation");
  });

  it("answers 422 naming the parameter for an invalid explain value, on both endpoints", async () => {
    const bodies = { "/predict": { text1: "a", text2: "b" }, "/predict/batch": { pairs: [{ text1: "a", text2: "b" }] } };
    for (const [path, body] of Object.entries(bodies)) {
      for (const query of ["explain=maybe", "explain=TRUE", "explain=", "explain=true&explain=false", "explain=segments,true", "explain=true,all"]) {
        const response = await postJson(`${path}?${query}`, body);
        expect(response.status, `${path}?${query}`).toBe(422);
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe("invalid_request");
        expect(error.message).toContain("explain");
      }
    }
  });

  it("reads explain among thousands of other query parameters", async () => {
    const pair = { text1: "One text.", text2: "Another text!" };
    const others = Array.from({ length: 5000 }, (_, i) => `p${i.toString(36)}=`).join("&");
    const explained = await predict(`?${others}&explain=all`, pair);
    expect(explained).toHaveProperty("explanation");
    expect(await predict(`?explain=all&${others}`, pair)).toEqual(explained);
  });

  it("ignores unrelated query parameters", async () => {
    const response = await SELF.fetch(`${BASE}/predict?cache=1`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text1: "a", text2: "b" }),
    });
    expect(response.status).toBe(200);
  });
});
