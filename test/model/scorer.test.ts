import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readWeights } from "../../src/cli/data.js";
import { scoreFeatures, scorePair } from "../../src/model/scorer.js";
import type { Model } from "../../src/model/weights.js";
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

describe("scoreFeatures on a hand-made model", () => {
  // Three features whose numbers are exact in binary, so every step below is exact too.
  const tiny: Model = {
    name: "tiny",
    version: "0",
    means: Float64Array.of(1, 0, 2),
    scales: Float64Array.of(2, 0.5, 4),
    weights: Float64Array.of(0.5, -2, 0.25),
    weighsStatistics: true,
    tables: { bits: 4, step: 1, charNgram: new Int8Array(16), word: new Int8Array(16) }, // unused by scoreFeatures
    uncertaintyThreshold: 0.75,
  };

  it("computes the score, probability and contributions worked out by hand", () => {
    // z(text1) = [(5-1)/2, (1-0)/0.5, (2-2)/4] = [2, 2, 0]
    // z(text2) = [(3-1)/2, (0-0)/0.5, (10-2)/4] = [1, 0, 2]
    // contributions = [0.5*(2-1), -2*(2-0), 0.25*(0-2)] = [0.5, -4, -0.5]; score = -4
    // probability = 1/(1+e^4) = 1/55.598150033144239... = 0.017986209962091558...
    const result = scoreFeatures(tiny, Float64Array.of(5, 1, 2), Float64Array.of(3, 0, 10));
    expect([...result.contributions]).toEqual([0.5, -4, -0.5]);
    expect(result.score).toBe(-4);
    expect(result.probability).toBeCloseTo(0.017986209962091558, 15);
    expect(result.realTextId).toBe(2);
    expect(result.confidence).toBe(1 - result.probability);
    expect(result.tie).toBe(false);
    expect(result.uncertain).toBe(false); // 0.982 >= 0.75
  });

  it("answers text1 when the same pair is swapped: score 4, probability 1/(1+e^-4)", () => {
    // contributions = [0.5*(1-2), -2*(0-2), 0.25*(2-0)] = [-0.5, 4, 0.5]; score = 4
    // probability = 1/(1+e^-4) = 0.98201379003790844...
    const result = scoreFeatures(tiny, Float64Array.of(3, 0, 10), Float64Array.of(5, 1, 2));
    expect([...result.contributions]).toEqual([-0.5, 4, 0.5]);
    expect(result.score).toBe(4);
    expect(result.probability).toBeCloseTo(0.9820137900379084, 15);
    expect(result.realTextId).toBe(1);
    expect(result.tie).toBe(false);
  });

  it("calls a tie when different features cancel out, answering 1 at probability 0.5", () => {
    // z(text1) = [(9-1)/2, (0.5-0)/0.5, 0] = [4, 1, 0]; z(text2) = [0, 0, 0]
    // contributions = [0.5*4, -2*1, 0.25*0] = [2, -2, 0]; score = 0
    const result = scoreFeatures(tiny, Float64Array.of(9, 0.5, 2), Float64Array.of(1, 0, 2));
    expect([...result.contributions]).toEqual([2, -2, 0]);
    expect(result).toMatchObject({ score: 0, probability: 0.5, realTextId: 1, tie: true, uncertain: true });
  });

  it("marks an answer less confident than the threshold uncertain", () => {
    // contributions = [0.5*((2-1)/2 - 0), 0, 0] = [0.25, 0, 0]; score = 0.25; probability = 1/(1+e^-0.25) = 0.5622 < 0.75
    const result = scoreFeatures(tiny, Float64Array.of(2, 0, 2), Float64Array.of(1, 0, 2));
    expect(result.score).toBe(0.25);
    expect(result.confidence).toBeCloseTo(0.5621765008857981, 15);
    expect(result).toMatchObject({ realTextId: 1, tie: false, uncertain: true });
  });
});
