import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readWeights } from "../../src/cli/data.js";
import { scorePair } from "../../src/model/scorer.js";
import { documentText } from "../fixtures/arbitraries.js";
import { FIXTURE_PAIRS } from "../fixtures/pairs.js";

const { model } = readWeights("weights/model.json");

describe("scorePair with the committed weights", () => {
  it("negates the score exactly and flips the answer when the texts swap", () => {
    fc.assert(
      fc.property(documentText, documentText, (a, b) => {
        const forward = scorePair(model, a, b);
        const backward = scorePair(model, b, a);
        expect(backward.score === -forward.score).toBe(true);
        expect(backward.tie).toBe(forward.tie);
        if (!forward.tie) expect(backward.realTextId).toBe(3 - forward.realTextId);
        expect(Math.abs(forward.probability + backward.probability - 1)).toBeLessThanOrEqual(Number.EPSILON);
      }),
      { numRuns: 400 },
    );
  });

  it("calls identical texts a tie and answers 1", () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const result = scorePair(model, text, text);
        expect(result).toMatchObject({ score: 0, probability: 0.5, realTextId: 1, tie: true });
      }),
      { numRuns: 100 },
    );
  });

  it("has contributions that sum to the score", () => {
    fc.assert(
      fc.property(documentText, documentText, (a, b) => {
        const result = scorePair(model, a, b);
        expect(result.contributions.reduce((s, c) => s + c, 0)).toBe(result.score);
      }),
      { numRuns: 200 },
    );
  });

  it("scores the same whether or not it computes the statistics it gives no weight", () => {
    expect(model.weighsStatistics).toBe(false);
    fc.assert(
      fc.property(documentText, documentText, (a, b) => {
        const lean = scorePair(model, a, b, false);
        const full = scorePair(model, a, b, true);
        expect(lean.score).toBe(full.score);
        expect(lean.probability).toBe(full.probability);
      }),
      { numRuns: 200 },
    );
  });

  it("finds the real text of the hand-written fixtures", () => {
    for (const pair of FIXTURE_PAIRS) expect(scorePair(model, pair.text1, pair.text2).realTextId).toBe(pair.real_text_id);
  });
});
