/**
 * Training, pure and deterministic: fit the log-ratio tables of character 4-grams and words,
 * extract cross-fitted features, standardize, and fit an L2-regularized logistic regression
 * without bias on pair differences, choosing the regularization by cross-validation.
 */
import { exp } from "./exp.js";
import { FEATURES, FEATURE_NAMES, STATISTICS_COUNT, extractFeatures, type FeatureName, type FeatureTables } from "./features.js";
import { hashText } from "./hashing.js";
import { encodeTable, type Model } from "./weights.js";
import type { WeightsFile } from "./weights-file.js";

export interface LabeledPair {
  id: string;
  text1: string;
  text2: string;
  realTextId: 1 | 2;
  /** How many of the teacher judges agreed with the label, when the label is a teacher's. */
  votes?: number;
}

export interface TrainOptions {
  /** The features the regression may weigh; the others are computed and reported with weight 0. */
  features: FeatureName[];
  /** Hashed tables have 2^bits buckets. */
  bits: number;
  /** Table values are stored as whole multiples of this step. */
  step: number;
  /** Additive smoothing of the bucket counts. */
  smoothing: number;
  /** Sample weight of a teacher-labeled pair by its number of agreeing votes (others weigh 1). */
  voteWeights: Record<string, number>;
  /** Folds used to cross-fit the table-derived features of the training pairs. */
  crossFitFolds: number;
  /** Candidate L2 strengths; the one with the lowest cross-validated log loss wins. */
  lambdas: number[];
  cvFolds: number;
  /**
   * Agreement that the pairs not marked uncertain should reach: the uncertainty threshold is the
   * lowest confidence that keeps the cross-validated agreement of the pairs at or above it there.
   */
  uncertaintyTarget: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  features: ["char_ngram_log_ratio", "word_log_ratio"],
  bits: 20,
  step: 0.1,
  smoothing: 0.5,
  voteWeights: { "3": 0.3, "4": 0.6, "5": 1 },
  crossFitFolds: 5,
  lambdas: [0.001, 0.01, 0.03, 0.1, 0.3, 1, 3],
  cvFolds: 5,
  uncertaintyTarget: 0.975,
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

/** The log loss of one pair: -log of the probability given to the true answer. */
export const logLossOf = (probability: number, realTextId: 1 | 2) =>
  -Math.log(Math.max(1e-15, realTextId === 1 ? probability : 1 - probability));

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

/** Bucket ids of one text, copied out of hashText's scratch space. */
interface Buckets {
  grams: Int32Array;
  words: Int32Array;
}

/**
 * log P(bucket | real) - log P(bucket | edited), from the weighted bucket counts of the real and
 * the edited texts, quantized to whole multiples of `step` within the Int8 range.
 */
function fitLogRatioTable(
  real: Int32Array[],
  edited: Int32Array[],
  weights: number[],
  options: Pick<TrainOptions, "bits" | "smoothing" | "step">,
): Int8Array {
  const size = 1 << options.bits;
  const a = options.smoothing;
  const count = (texts: Int32Array[]) => {
    const counts = new Float64Array(size);
    let total = 0;
    texts.forEach((keys, i) => {
      for (const key of keys) counts[key]! += weights[i]!;
      total += weights[i]! * keys.length;
    });
    return { counts, total };
  };
  const r = count(real);
  const e = count(edited);
  const quantize = (x: number) => Math.max(-127, Math.min(127, Math.round(x / options.step)));
  const prior = Math.log((e.total + a * size) / (r.total + a * size));
  const unseen = quantize(prior);
  return Int8Array.from(r.counts, (c, key) => {
    const ec = e.counts[key]!;
    return c === 0 && ec === 0 ? unseen : quantize(Math.log((c + a) / (ec + a)) + prior);
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
      const p = 1 / (1 + exp(ys[i]! * margin)); // P(wrong side)
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
  const active = options.features.map((name) => FEATURE_NAMES.indexOf(name));
  if (active.includes(-1)) throw new Error(`unknown feature in [${options.features.join(", ")}]`);
  const { bits, step } = options;
  const bucketsOf = (text: string): Buckets => {
    const h = hashText(text, bits);
    return { grams: h.grams.slice(0, h.gramCount), words: h.words.slice(0, h.wordCount) };
  };
  const buckets = pairs.map((p) => [bucketsOf(p.text1), bucketsOf(p.text2)] as const);
  const sampleWeights = pairs.map((p) => (p.votes === undefined ? 1 : (options.voteWeights[String(p.votes)] ?? 1)));
  const tablesFor = (indices: number[]): FeatureTables => {
    const fit = (kind: keyof Buckets) =>
      fitLogRatioTable(
        indices.map((i) => buckets[i]![pairs[i]!.realTextId - 1]![kind]),
        indices.map((i) => buckets[i]![2 - pairs[i]!.realTextId]![kind]),
        indices.map((i) => sampleWeights[i]!),
        options,
      );
    return { bits, step, charNgram: fit("grams"), word: fit("words") };
  };
  const labels = pairs.map((p) => p.realTextId);

  // Table-derived features of a training pair come from tables fitted without that pair.
  const crossFold = stratifiedFolds(labels, options.crossFitFolds, options.seed);
  const features: [Float64Array, Float64Array][] = new Array(pairs.length);
  for (let k = 0; k < options.crossFitFolds; k++) {
    const tables = tablesFor(pairs.flatMap((_, i) => (crossFold[i] !== k ? [i] : [])));
    pairs.forEach((p, i) => {
      if (crossFold[i] === k) features[i] = [extractFeatures(p.text1, tables), extractFeatures(p.text2, tables)];
    });
  }

  const { means, scales } = meanAndScale(features.flat());
  const diffs = features.map(([a, b]) => Float64Array.from(active, (j) => (a[j]! - means[j]!) / scales[j]! - (b[j]! - means[j]!) / scales[j]!));
  const ys = labels.map((l) => (l === 1 ? 1 : -1));

  // Regularization: lowest cross-validated log loss over the candidates (first one on ties).
  const cvFold = stratifiedFolds(labels, options.cvFolds, options.seed + 1);
  let best = { lambda: options.lambdas[0]!, loss: Infinity, held: [] as HeldOut[] };
  for (const lambda of options.lambdas) {
    let loss = 0;
    const held: HeldOut[] = [];
    for (let k = 0; k < options.cvFolds; k++) {
      const train = diffs.flatMap((_, i) => (cvFold[i] !== k ? [i] : []));
      const w = fitLogistic(train.map((i) => diffs[i]!), train.map((i) => ys[i]!), train.map((i) => sampleWeights[i]!), lambda);
      diffs.forEach((x, i) => {
        if (cvFold[i] !== k) return;
        let margin = 0;
        for (let j = 0; j < w.length; j++) margin += w[j]! * x[j]!;
        const probability = 1 / (1 + exp(-margin));
        loss += sampleWeights[i]! * logLossOf(probability, labels[i]!);
        held.push({ probability, truth: labels[i]! });
      });
    }
    if (loss < best.loss) best = { lambda, loss, held };
  }
  // The uncertainty threshold, from the same held-out predictions: no pair judges a threshold it chose.
  const threshold = round(confidenceThreshold(best.held, options.uncertaintyTarget), 8);

  const fitted = fitLogistic(diffs, ys, sampleWeights, best.lambda);
  const weights = new Float64Array(FEATURES.length);
  active.forEach((j, k) => (weights[j] = round(fitted[k]!, 8)));
  const tables = tablesFor(pairs.map((_, i) => i));
  return {
    lambda: best.lambda,
    model: {
      name: "",
      version: "",
      means,
      scales,
      weights,
      weighsStatistics: weights.some((w, j) => j < STATISTICS_COUNT && w !== 0),
      tables,
      uncertaintyThreshold: threshold,
    },
    file: {
      features: FEATURES.map((f, j) => ({ name: f.name, mean: means[j]!, scale: scales[j]!, weight: weights[j]! })),
      tables: {
        char_ngram_order: 4,
        bits,
        step,
        char_ngram: encodeTable(tables.charNgram),
        word: encodeTable(tables.word),
      },
    },
  };
}

/** A held-out prediction: P(text1 is real) and the label. */
export interface HeldOut {
  probability: number;
  truth: 1 | 2;
}

/** The confidence of the answer a probability gives: max(p, 1 - p). */
export const confidenceOf = (probability: number) => Math.max(probability, 1 - probability);

/**
 * The lowest confidence such that the held-out pairs at or above it agree with their labels at
 * least `target` of the time: the most pairs that reach the target. 1 when no share of the pairs
 * reaches it (every answer is uncertain).
 */
export function confidenceThreshold(held: readonly HeldOut[], target: number): number {
  const ranked = held
    .map((h) => ({ confidence: confidenceOf(h.probability), right: (h.probability < 0.5 ? 2 : 1) === h.truth }))
    .sort((a, b) => b.confidence - a.confidence);
  let threshold = 1;
  let right = 0;
  ranked.forEach((r, k) => {
    right += r.right ? 1 : 0;
    // Only where the next pair is less confident: pairs of equal confidence are kept or dropped together.
    const boundary = k + 1 === ranked.length || ranked[k + 1]!.confidence < r.confidence;
    if (boundary && right >= target * (k + 1)) threshold = r.confidence;
  });
  return threshold;
}
