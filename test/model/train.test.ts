import { describe, expect, it } from "vitest";
import { fitLogistic, stratifiedFolds, trainModel, DEFAULT_TRAIN_OPTIONS, type LabeledPair } from "../../src/model/train.js";
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

  it("refuses too little data", () => {
    expect(() => trainModel(labeled(5, 1), options)).toThrow(/at least 10 labeled pairs/);
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
