/**
 * The pairwise scorer: score = w . (z(text1) - z(text2)), no bias. Each term negates exactly when
 * the texts swap, and so does their sum in a fixed order, so the model is antisymmetric to the bit.
 */
import { exp } from "./exp.js";
import { extractFeatures } from "./features.js";
import type { Model } from "./weights.js";

export interface PairScore {
  /** The logit that text1 is the real text. */
  score: number;
  /** P(text1 is the real text). */
  probability: number;
  realTextId: 1 | 2;
  /** The probability of the answer given: max(p, 1 - p). */
  confidence: number;
  /** True when the score is exactly 0 (for example identical texts): the answer 1 is arbitrary. */
  tie: boolean;
  /** True for a tie, or when the confidence is below the model's uncertainty threshold. */
  uncertain: boolean;
  features1: Float64Array;
  features2: Float64Array;
  /** Per-feature terms of the score: weight * (z(text1) - z(text2)); they sum to the score. */
  contributions: Float64Array;
}

function sigmoid(x: number): number {
  return 1 / (1 + exp(-x));
}

/** Scores two already extracted feature vectors. */
export function scoreFeatures(model: Model, features1: Float64Array, features2: Float64Array): PairScore {
  const { means, scales, weights } = model;
  const contributions = new Float64Array(weights.length);
  let score = 0;
  for (let j = 0; j < weights.length; j++) {
    const diff = (features1[j]! - means[j]!) / scales[j]! - (features2[j]! - means[j]!) / scales[j]!;
    contributions[j] = weights[j]! * diff;
    score += contributions[j]!;
  }
  const probability = sigmoid(score);
  const realTextId = score < 0 ? 2 : 1;
  const confidence = realTextId === 1 ? probability : 1 - probability;
  return {
    score,
    probability,
    realTextId,
    confidence,
    tie: score === 0,
    uncertain: score === 0 || confidence < model.uncertaintyThreshold,
    features1,
    features2,
    contributions,
  };
}

/**
 * Scores two texts. The text statistics are computed when the model weighs them or when asked
 * (`statistics`, for explanations that show them); otherwise they read 0 and contribute 0 either way.
 */
export function scorePair(model: Model, text1: string, text2: string, statistics = model.weighsStatistics): PairScore {
  const { tables } = model;
  return scoreFeatures(model, extractFeatures(text1, tables, statistics), extractFeatures(text2, tables, statistics));
}
