/** Turns a scored pair into the response object: the one function /predict and /predict/batch share. */
import { FEATURES } from "../model/features.js";
import type { PairScore } from "../model/scorer.js";
import { TOP_FEATURES } from "./limits.js";
import type { ExplainMode, Prediction } from "./schemas.js";

type Explanation = NonNullable<Prediction["explanation"]>;

/** Features by decreasing |contribution| (ties keep feature order); the first `count` are listed. */
export function explain(result: PairScore, count: number): Explanation {
  const order = FEATURES.map((_, j) => j).sort(
    (a, b) => Math.abs(result.contributions[b]!) - Math.abs(result.contributions[a]!),
  );
  let other = 0;
  for (const j of order.slice(count)) other += result.contributions[j]!;
  return {
    features: order.slice(0, count).map((j) => ({
      name: FEATURES[j]!.name,
      description: FEATURES[j]!.description,
      value_text1: result.features1[j]!,
      value_text2: result.features2[j]!,
      contribution: result.contributions[j]!,
    })),
    other_contributions: other,
    // The pairwise model has no bias: a constant would not be antisymmetric under a swap.
    constant: 0,
  };
}

export function toPrediction(result: PairScore, mode: ExplainMode): Prediction {
  const prediction: Prediction = {
    real_text_id: result.realTextId,
    probability_text1_real: result.probability,
    confidence: result.realTextId === 1 ? result.probability : 1 - result.probability,
    score: result.score,
    tie: result.tie,
  };
  if (mode === "true") prediction.explanation = explain(result, TOP_FEATURES);
  if (mode === "all") prediction.explanation = explain(result, FEATURES.length);
  return prediction;
}
