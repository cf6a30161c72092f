/**
 * Measuring a model on labeled pairs: accuracy, log loss and calibration, and cross-validation of
 * the whole training pipeline.
 */
import { scorePair } from "./scorer.js";
import { confidenceOf, logLossOf, stratifiedFolds, trainModel, type LabeledPair, type TrainOptions } from "./train.js";
import type { Model } from "./weights.js";

export interface Metrics {
  n: number;
  accuracy: number;
  logLoss: number;
  /** Expected calibration error over 10 equal-width bins of the predicted answer's probability. */
  ece: number;
}

export function metricsOf(results: { probability: number; truth: 1 | 2 }[]): Metrics {
  const n = results.length;
  const bins = Array.from({ length: 10 }, () => ({ count: 0, confidence: 0, correct: 0 }));
  let correct = 0;
  let logLoss = 0;
  for (const r of results) {
    const answer = r.probability < 0.5 ? 2 : 1;
    const confidence = answer === 1 ? r.probability : 1 - r.probability;
    const right = answer === r.truth ? 1 : 0;
    correct += right;
    logLoss += logLossOf(r.probability, r.truth);
    const bin = bins[Math.min(9, Math.floor(confidence * 10))]!;
    bin.count++;
    bin.confidence += confidence;
    bin.correct += right;
  }
  const ece = bins.reduce((s, b) => s + Math.abs(b.confidence - b.correct), 0) / Math.max(1, n);
  return { n, accuracy: n ? correct / n : 0, logLoss: n ? logLoss / n : 0, ece };
}

/** A labeled pair as the metrics see it: the model's probability, whether it was marked uncertain, and the truth. */
export interface Scored {
  probability: number;
  uncertain: boolean;
  truth: 1 | 2;
}

const scored = (model: Model, p: LabeledPair): Scored => {
  const { probability, uncertain } = scorePair(model, p.text1, p.text2);
  return { probability, uncertain, truth: p.realTextId };
};

/** Scores labeled pairs with a model. */
export function scorePairs(model: Model, pairs: readonly LabeledPair[]): Scored[] {
  return pairs.map((p) => scored(model, p));
}

export interface Coverage {
  /** Share of the pairs not marked uncertain. */
  coverage: number;
  /** Agreement with the labels on the pairs not marked uncertain, and on those marked. */
  accuracyKept: number;
  accuracyUncertain: number;
}

/** How the uncertain mark splits the pairs: how many it keeps, and how right each side is. */
export function coverageOf(results: readonly Scored[]): Coverage {
  const kept = results.filter((r) => !r.uncertain);
  const uncertain = results.filter((r) => r.uncertain);
  return { coverage: kept.length / Math.max(1, results.length), accuracyKept: metricsOf(kept).accuracy, accuracyUncertain: metricsOf(uncertain).accuracy };
}

/** Agreement on the most confident share of the pairs, for each share: the accuracy-coverage curve. */
export function accuracyAtCoverage(results: readonly Scored[], shares: readonly number[]): { share: number; n: number; accuracy: number; minConfidence: number }[] {
  const ranked = [...results].sort((a, b) => confidenceOf(b.probability) - confidenceOf(a.probability));
  return shares.map((share) => {
    const top = ranked.slice(0, Math.round(share * ranked.length));
    return { share, n: top.length, accuracy: metricsOf(top).accuracy, minConfidence: top.length ? confidenceOf(top.at(-1)!.probability) : 1 };
  });
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
  /** The uncertain mark on held-out pairs, each fold's model with the threshold it chose itself. */
  coverage: Coverage;
  /** Every held-out prediction, with the pair's index in `pairs`. */
  predictions: (Scored & { index: number })[];
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
    coverage: coverageOf(predictions),
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
