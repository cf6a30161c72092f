/** Scores a pair and turns it into the response object: the one function /predict and /predict/batch share. */
import { FEATURES } from "../model/features.js";
import { scorePair, type PairScore } from "../model/scorer.js";
import { scoreWithSegments } from "../model/segments.js";
import { TOP_FEATURES } from "./limits.js";
import { model } from "./model.js";
import type { ExplainMode } from "./requests.js";
import type { Prediction } from "./responses.js";

type Explanation = NonNullable<Prediction["explanation"]>;

/** Features that the model weighs; the others are descriptive statistics with weight 0. */
const WEIGHTED = FEATURES.flatMap((_, j) => (model.weights[j] !== 0 ? [j] : []));

/**
 * Features by decreasing |contribution| (ties keep feature order): `reasons` lists up to
 * TOP_FEATURES of the weighted ones, `all` every feature; what is not listed is summed.
 */
function explain(result: PairScore, mode: "reasons" | "all"): Explanation {
  const candidates = mode === "all" ? FEATURES.map((_, j) => j) : WEIGHTED;
  const listed = [...candidates]
    .sort((a, b) => Math.abs(result.contributions[b]!) - Math.abs(result.contributions[a]!))
    .slice(0, mode === "all" ? FEATURES.length : TOP_FEATURES);
  let other = 0;
  FEATURES.forEach((_, j) => {
    if (!listed.includes(j)) other += result.contributions[j]!;
  });
  return {
    features: listed.map((j) => ({
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

/**
 * Scores a pair and builds its answer. The statistics are computed only when `all` shows them,
 * the segments only when asked (they cost more than the score).
 */
export function predict(text1: string, text2: string, mode: ExplainMode): Prediction {
  const features = mode === "true" || mode === "true,segments" ? "reasons" : mode === "all" || mode === "all,segments" ? "all" : undefined;
  const statistics = features === "all" || model.weighsStatistics;
  const withSegments = mode?.endsWith("segments") ? scoreWithSegments(model, text1, text2, statistics) : undefined;
  const result = withSegments?.result ?? scorePair(model, text1, text2, statistics);
  const prediction: Prediction = {
    real_text_id: result.realTextId,
    probability_text1_real: result.probability,
    confidence: result.confidence,
    score: result.score,
    tie: result.tie,
    uncertain: result.uncertain,
  };
  if (features) prediction.explanation = explain(result, features);
  if (withSegments) {
    const { text1: one, text2: two, unsegmented } = withSegments.segments;
    prediction.segments = { text1: one, text2: two, unsegmented_contribution: unsegmented, constant: 0 };
  }
  return prediction;
}
