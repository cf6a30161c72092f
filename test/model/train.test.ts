import { describe, expect, it } from "vitest";
import { confidenceThreshold, fitLogistic, stratifiedFolds, trainModel, DEFAULT_TRAIN_OPTIONS, type LabeledPair } from "../../src/model/train.js";
import { metricsOf, scorePairs } from "../../src/model/evaluation.js";
import { generatePairs } from "../fixtures/pairs.js";

const labeled = (count: number, seed: number): LabeledPair[] =>
  generatePairs(count, seed).map((p) => ({ id: p.id, text1: p.text1, text2: p.text2, realTextId: p.real_text_id }));

const options = { ...DEFAULT_TRAIN_OPTIONS, bits: 10 };

describe("trainModel", () => {
  it("gives identical weights when run twice on the same data", () => {
    const pairs = labeled(60, 7);
    expect(JSON.stringify(trainModel(pairs, options).file)).toBe(JSON.stringify(trainModel(pairs, options).file));
  });

  it("learns the synthetic edits well enough to score unseen pairs", () => {
    const { model } = trainModel(labeled(80, 1), options);
    expect(metricsOf(scorePairs(model, labeled(100, 2))).accuracy).toBeGreaterThan(0.9);
  });

  it("chooses the uncertainty threshold from held-out predictions, for the target agreement", () => {
    const pairs = labeled(60, 7);
    const strict = trainModel(pairs, { ...options, uncertaintyTarget: 1 }).model.uncertaintyThreshold;
    const lenient = trainModel(pairs, { ...options, uncertaintyTarget: 0 }).model.uncertaintyThreshold;
    expect(lenient).toBeGreaterThanOrEqual(0.5);
    expect(strict).toBeGreaterThanOrEqual(lenient);
    expect(strict).toBeLessThanOrEqual(1);
  });

  it("refuses too little data", () => {
    expect(() => trainModel(labeled(5, 1), options)).toThrow(/at least 10 labeled pairs/);
  });
});

describe("confidenceThreshold", () => {
  // Held-out predictions by decreasing confidence: 0.95 right, 0.9 right, 0.8 wrong, 0.7 right, 0.6 wrong.
  const held = [
    { probability: 0.95, truth: 1 as const },
    { probability: 0.1, truth: 2 as const },
    { probability: 0.2, truth: 1 as const },
    { probability: 0.7, truth: 1 as const },
    { probability: 0.4, truth: 1 as const },
  ];

  it("keeps the most pairs whose agreement reaches the target", () => {
    expect(confidenceThreshold(held, 1)).toBe(0.9); // the top 2 are all right
    expect(confidenceThreshold(held, 0.75)).toBe(0.7); // top 4: 3 of 4 right
    expect(confidenceThreshold(held, 0.6)).toBe(0.6); // all 5: 3 of 5 right
  });

  it("marks everything uncertain when no share reaches the target", () => {
    expect(confidenceThreshold([{ probability: 0.9, truth: 2 }], 0.5)).toBe(1);
  });

  it("keeps or drops pairs of equal confidence together", () => {
    const tied = [{ probability: 0.9, truth: 1 as const }, { probability: 0.1, truth: 1 as const }, { probability: 0.8, truth: 1 as const }];
    // 0.9 and 0.1 are both 0.9 confident, one wrong: the top 1 alone would reach 1.0, but it cannot be kept alone.
    expect(confidenceThreshold(tied, 1)).toBe(1);
    expect(confidenceThreshold(tied, 0.5)).toBe(0.8);
  });
});

describe("fitLogistic", () => {
  it("reaches the stationary point of the regularized loss", () => {
    const xs = [-2, -1, -0.5, 0.3, 1, 2, 0.7, -0.2].map((x, i) => Float64Array.of(x, i % 3 === 0 ? 1 : -0.5));
    const ys = [-1, -1, 1, 1, 1, 1, -1, -1];
    const sampleWeights = [1, 1, 1, 1, 1, 1, 2, 0.5];
    const lambda = 0.3;
    const w = fitLogistic(xs, ys, sampleWeights, lambda);
    const gradient = [0, 1].map((j) =>
      xs.reduce((g, x, i) => {
        const margin = w[0]! * x[0]! + w[1]! * x[1]!;
        return g - (sampleWeights[i]! * ys[i]! * x[j]!) / (1 + Math.exp(ys[i]! * margin));
      }, lambda * w[j]!),
    );
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-9);
    expect(w[0]).toBeGreaterThan(0);
  });
});

describe("stratifiedFolds", () => {
  it("spreads each label evenly over the folds, the same way every time", () => {
    const labels = Array.from({ length: 53 }, (_, i) => (i % 3 === 0 ? 1 : 2));
    const folds = stratifiedFolds(labels, 5, 42);
    expect(stratifiedFolds(labels, 5, 42)).toEqual(folds);
    for (const label of [1, 2]) {
      const counts = [0, 1, 2, 3, 4].map((k) => folds.filter((f, i) => f === k && labels[i] === label).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });
});
