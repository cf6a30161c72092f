/** Measuring a model on labeled pairs, and cross-validating the whole training pipeline. */
import { metricsOf, type Metrics } from "./metrics.js";
import { scorePair } from "./scorer.js";
import { stratifiedFolds, trainModel, type LabeledPair, type TrainOptions } from "./train.js";
import type { Model } from "./weights.js";

/** One labeled pair as the metrics see it: the model's probability and the truth. */
const scored = (model: Model, p: LabeledPair) => ({ probability: scorePair(model, p.text1, p.text2).probability, truth: p.realTextId });

/** Scores labeled pairs with a model and summarizes how well it did. */
export function evaluatePairs(model: Model, pairs: readonly LabeledPair[]): Metrics {
  return metricsOf(pairs.map((p) => scored(model, p)));
}

export interface CrossValidation {
  folds: number;
  repeats: number;
  /** Mean and standard deviation of the accuracy over all folds of all repeats. */
  accuracyMean: number;
  accuracyStd: number;
  /** Standard deviation of the repeats' accuracies (0 for one repeat): how much the fold split moves it. */
  accuracyStdOverRepeats: number;
  /** Pooled over every held-out prediction of every repeat. */
  pooled: Metrics;
  /** Every held-out prediction: the pair's index in `pairs` and P(text1 is real). */
  predictions: { index: number; probability: number; truth: 1 | 2 }[];
}

/**
 * Repeated stratified k-fold over `pairs`: each fold is scored by a model trained from scratch
 * on the other folds plus `alwaysTrain` (pairs that are never held out, such as gold labels).
 */
export function crossValidate(
  pairs: readonly LabeledPair[],
  alwaysTrain: readonly LabeledPair[],
  folds: number,
  repeats: number,
  options: TrainOptions,
): CrossValidation {
  const accuracies: number[] = [];
  const repeatAccuracies: number[] = [];
  const predictions: CrossValidation["predictions"] = [];
  for (let r = 0; r < repeats; r++) {
    const fold = stratifiedFolds(pairs.map((p) => p.realTextId), folds, options.seed + 100 + r);
    for (let k = 0; k < folds; k++) {
      const { model } = trainModel([...alwaysTrain, ...pairs.filter((_, i) => fold[i] !== k)], options);
      const held = pairs.flatMap((p, index) => (fold[index] === k ? [{ index, ...scored(model, p) }] : []));
      accuracies.push(metricsOf(held).accuracy);
      predictions.push(...held);
    }
    repeatAccuracies.push(metricsOf(predictions.slice(-pairs.length)).accuracy);
  }
  return {
    folds,
    repeats,
    accuracyMean: mean(accuracies),
    accuracyStd: std(accuracies),
    accuracyStdOverRepeats: std(repeatAccuracies),
    pooled: metricsOf(predictions),
    predictions,
  };
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Sample standard deviation; 0 for fewer than two values. */
function std(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}
