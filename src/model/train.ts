/**
 * Training, pure and deterministic: fit the character n-gram log-ratio table, extract
 * cross-fitted features, standardize, and fit an L2-regularized logistic regression without
 * bias on pair differences, choosing the regularization by cross-validation.
 */
import { FEATURES, extractFeatures, type FeatureTables } from "./features.js";
import { ngramBuckets } from "./ngram.js";
import { logLossOf } from "./metrics.js";
import type { Model, WeightsFile } from "./weights.js";

export interface LabeledPair {
  id: string;
  text1: string;
  text2: string;
  realTextId: 1 | 2;
  /** Sample weight in the logistic loss; 1 when absent. */
  weight?: number;
}

export interface TrainOptions {
  ngramOrder: number;
  ngramBits: number;
  /** Additive smoothing of the n-gram counts. */
  smoothing: number;
  /** Folds used to cross-fit the table-derived features of the training pairs. */
  crossFitFolds: number;
  /** Candidate L2 strengths; the one with the lowest cross-validated log loss wins. */
  lambdas: number[];
  cvFolds: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  ngramOrder: 4,
  ngramBits: 16,
  smoothing: 0.5,
  crossFitFolds: 5,
  lambdas: [0.1, 0.3, 1, 3, 10, 30, 100],
  cvFolds: 5,
  seed: 1,
};

export interface TrainedModel {
  model: Model;
  lambda: number;
  file: Pick<WeightsFile, "features" | "tables">;
}

/** Small deterministic PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fold index of each item, stratified by label, from a seeded shuffle. */
export function stratifiedFolds(labels: readonly number[], k: number, seed: number): number[] {
  const random = mulberry32(seed);
  const folds = new Array<number>(labels.length).fill(0);
  for (const label of [...new Set(labels)].sort()) {
    const members = labels.flatMap((l, i) => (l === label ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    members.forEach((index, rank) => (folds[index] = rank % k));
  }
  return folds;
}

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

/** log P_real(bucket) - log P_edited(bucket), from the n-grams of real and of edited texts. */
export function fitLogRatioTable(real: Uint32Array[], edited: Uint32Array[], bits: number, smoothing: number): Float64Array {
  const size = 1 << bits;
  const count = (texts: Uint32Array[]) => {
    const counts = new Float64Array(size);
    let total = 0;
    for (const buckets of texts) {
      for (const b of buckets) counts[b]!++;
      total += buckets.length;
    }
    return { counts, denominator: total + smoothing * size };
  };
  const r = count(real);
  const e = count(edited);
  return Float64Array.from(r.counts, (c, b) => {
    const ratio = Math.log((c + smoothing) / r.denominator) - Math.log((e.counts[b]! + smoothing) / e.denominator);
    return Math.round(ratio * 1000) / 1000; // three decimals: the table is stored as JSON
  });
}

/** Minimizes sum_i v_i log(1 + exp(-y_i w.x_i)) + lambda/2 |w|^2 by Newton's method. */
export function fitLogistic(xs: Float64Array[], ys: number[], sampleWeights: number[], lambda: number): Float64Array {
  const d = xs[0]?.length ?? 0;
  const w = new Float64Array(d);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = Float64Array.from(w, (wj) => lambda * wj);
    const hessian = Array.from({ length: d }, (_, j) => Float64Array.from({ length: d }, (_, k) => (j === k ? lambda : 0)));
    xs.forEach((x, i) => {
      let margin = 0;
      for (let j = 0; j < d; j++) margin += w[j]! * x[j]!;
      const p = 1 / (1 + Math.exp(ys[i]! * margin)); // P(wrong side)
      const g = -sampleWeights[i]! * ys[i]! * p;
      const h = sampleWeights[i]! * p * (1 - p);
      for (let j = 0; j < d; j++) {
        gradient[j]! += g * x[j]!;
        for (let k = 0; k <= j; k++) hessian[j]![k]! += h * x[j]! * x[k]!;
      }
    });
    const step = solveSymmetric(hessian, gradient);
    let change = 0;
    for (let j = 0; j < d; j++) {
      w[j]! -= step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < 1e-10) break;
  }
  return w;
}

/** Solves A x = b for symmetric positive definite A, given by its lower triangle (Cholesky). */
function solveSymmetric(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const l = a.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(sum) : sum / l[j]![j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

function meanAndScale(rows: Float64Array[]): { means: Float64Array; scales: Float64Array } {
  const d = rows[0]?.length ?? 0;
  const means = new Float64Array(d);
  const scales = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const mean = rows.reduce((s, r) => s + r[j]!, 0) / rows.length;
    const variance = rows.reduce((s, r) => s + (r[j]! - mean) ** 2, 0) / rows.length;
    means[j] = round(mean, 8);
    scales[j] = variance > 1e-12 ? round(Math.sqrt(variance), 8) : 1;
  }
  return { means, scales };
}

/** Trains on labeled pairs: the whole pipeline, so cross-validation can call it per fold. */
export function trainModel(pairs: readonly LabeledPair[], options: TrainOptions): TrainedModel {
  if (pairs.length < options.cvFolds * 2) throw new Error(`need at least ${options.cvFolds * 2} labeled pairs, got ${pairs.length}`);
  const { ngramOrder: order, ngramBits: bits, smoothing } = options;
  const buckets = pairs.map((p) => [ngramBuckets(p.text1, order, bits), ngramBuckets(p.text2, order, bits)] as const);
  const tableFor = (indices: number[]) =>
    fitLogRatioTable(
      indices.map((i) => buckets[i]![pairs[i]!.realTextId - 1]!),
      indices.map((i) => buckets[i]![2 - pairs[i]!.realTextId]!),
      bits,
      smoothing,
    );
  const labels = pairs.map((p) => p.realTextId);

  // Table-derived features of a training pair come from a table fitted without that pair.
  const crossFold = stratifiedFolds(labels, options.crossFitFolds, options.seed);
  const features: [Float64Array, Float64Array][] = new Array(pairs.length);
  for (let k = 0; k < options.crossFitFolds; k++) {
    const outside = pairs.flatMap((_, i) => (crossFold[i] !== k ? [i] : []));
    const tables: FeatureTables = { charNgram: { order, bits, logRatio: tableFor(outside) } };
    pairs.forEach((p, i) => {
      if (crossFold[i] === k) features[i] = [extractFeatures(p.text1, tables), extractFeatures(p.text2, tables)];
    });
  }

  const { means, scales } = meanAndScale(features.flat());
  const diffs = features.map(([a, b]) => Float64Array.from(a, (v, j) => (v - means[j]!) / scales[j]! - (b[j]! - means[j]!) / scales[j]!));
  const ys = labels.map((l) => (l === 1 ? 1 : -1));
  const sampleWeights = pairs.map((p) => p.weight ?? 1);

  // Regularization: lowest cross-validated log loss over the candidates (first one on ties).
  const cvFold = stratifiedFolds(labels, options.cvFolds, options.seed + 1);
  let best = { lambda: options.lambdas[0]!, loss: Infinity };
  for (const lambda of options.lambdas) {
    let loss = 0;
    for (let k = 0; k < options.cvFolds; k++) {
      const train = diffs.flatMap((_, i) => (cvFold[i] !== k ? [i] : []));
      const w = fitLogistic(train.map((i) => diffs[i]!), train.map((i) => ys[i]!), train.map((i) => sampleWeights[i]!), lambda);
      diffs.forEach((x, i) => {
        if (cvFold[i] !== k) return;
        let margin = 0;
        for (let j = 0; j < w.length; j++) margin += w[j]! * x[j]!;
        loss += logLossOf(1 / (1 + Math.exp(-margin)), labels[i]!);
      });
    }
    if (loss < best.loss) best = { lambda, loss };
  }

  const weights = fitLogistic(diffs, ys, sampleWeights, best.lambda).map((w) => round(w, 8));
  const logRatio = tableFor(pairs.map((_, i) => i));
  return {
    lambda: best.lambda,
    model: { name: "", version: "", means, scales, weights, tables: { charNgram: { order, bits, logRatio } } },
    file: {
      features: FEATURES.map((f, j) => ({ name: f.name, mean: means[j]!, scale: scales[j]!, weight: weights[j]! })),
      tables: { char_ngram: { order, bits, log_ratio: Array.from(logRatio) } },
    },
  };
}
