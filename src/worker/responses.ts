/**
 * Response schemas of the API, and the error body every failure answers with: the tests check
 * responses against them and /openapi.json is generated from them. The Worker never validates a
 * response, so it imports this module only with the OpenAPI document, on the first request that
 * needs it (see openapi.ts), and does not build these schemas at start-up.
 */
import * as z from "../zod.js";
import { FEATURE_NAMES } from "../model/features.js";
import { SHARED_OVERLAP } from "../model/segments.js";
import { ERROR_CODES } from "./errors.js";
import { LIMITS } from "./limits.js";
import { pairIdSchema } from "./requests.js";

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().check(z.describe("What went wrong, for a person.")),
    details: z.optional(z.unknown()).check(z.describe("For schema errors: [{ path, message }], path like pairs.3.text1.")),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

export const modelIdSchema = z.object({ name: z.string(), version: z.string() });

export const featureContributionSchema = z.object({
  name: z.enum(FEATURE_NAMES as [string, ...string[]]).check(z.describe("The feature's name.")),
  description: z.string().check(z.describe("What the feature measures.")),
  value_text1: z.number().check(z.describe("The feature's raw value for text1.")),
  value_text2: z.number().check(z.describe("The feature's raw value for text2.")),
  contribution: z.number().check(z.describe("Signed term of the score: > 0 points to text1 being real, < 0 to text2.")),
});

export const explanationSchema = z
  .object({
    features: z.array(featureContributionSchema).check(z.describe("Features by decreasing |contribution|.")),
    other_contributions: z.number().check(z.describe("Sum of the contributions of the features not listed.")),
    constant: z.number().check(z.describe("The model's constant term (the model has no bias: always 0).")),
  })
  .check(z.describe("features' contributions + other_contributions + constant = score, up to rounding."));

export const segmentSchema = z.object({
  start: z.int().check(z.gte(0), z.describe("Where the segment starts in the text as sent, in UTF-16 code units.")),
  end: z.int().check(z.gte(0), z.describe("Where it ends (exclusive): text.slice(start, end) is the segment.")),
  contribution: z.number().check(z.describe("The segment's signed share of the score: > 0 points to text1 being real, < 0 to text2.")),
  shared: z.boolean().check(z.describe(`Whether the other text has a segment with nearly the same words (Jaccard overlap of their words of at least ${SHARED_OVERLAP}).`)),
});

export const segmentsSchema = z
  .object({
    text1: z.array(segmentSchema).check(z.describe("text1's segments, in order; they tile the text.")),
    text2: z.array(segmentSchema).check(z.describe("text2's segments, in order; they tile the text.")),
    unsegmented_contribution: z.number().check(z.describe("The part of the score that comes from no text position (the text statistics' terms, the padding of an empty text).")),
    constant: z.number().check(z.describe("The model's constant term (always 0).")),
  })
  .check(z.describe("Sentences (or bounded windows of text without sentence ends) with their share of the score: all contributions + unsegmented_contribution + constant = score, up to rounding."));

export const predictionSchema = z.object({
  real_text_id: z.union([z.literal(1), z.literal(2)]).check(z.describe("Which text is judged the real one.")),
  probability_text1_real: z.number().check(z.gte(0), z.lte(1), z.describe("P(text1 is the real text).")),
  confidence: z.number().check(z.gte(0), z.lte(1), z.describe("Probability of the answer given in real_text_id.")),
  score: z.number().check(z.describe("The model's logit that text1 is real: probability_text1_real = sigmoid(score).")),
  tie: z.boolean().check(z.describe("True when the score is exactly 0 (e.g. identical texts): the answer 1 is arbitrary.")),
  uncertain: z
    .boolean()
    .check(z.describe("True when the model cannot tell: a tie, or a confidence below the model's uncertainty threshold (see /model_info). real_text_id is still the better guess.")),
  explanation: z.optional(explanationSchema).check(z.describe("Present when explain asks for features (true or all).")),
  segments: z.optional(segmentsSchema).check(z.describe("Present when explain asks for segments.")),
});

export type Prediction = z.infer<typeof predictionSchema>;

const examplePrediction = {
  real_text_id: 1,
  probability_text1_real: 0.93,
  confidence: 0.93,
  score: 2.59,
  tie: false,
  uncertain: false,
} as const;

const exampleModel = { name: "impostor-hunt-pairwise", version: "1.0.0" };

/**
 * /predict?explain=true,segments on a two-sentence text (text1) and the same text with an invented
 * sentence inserted (text2, characters 86 to 174): the one segment not shared, and it points to text1.
 */
const exampleExplained = {
  real_text_id: 1,
  probability_text1_real: 0.99937,
  confidence: 0.99937,
  score: 7.3675,
  tie: false,
  uncertain: false,
  explanation: {
    features: [
      {
        name: "char_ngram_log_ratio",
        description: "mean log-probability ratio, real vs edited, of the text's character 4-grams",
        value_text1: 0.3841,
        value_text2: 0.2064,
        contribution: 5.6858,
      },
      { name: "word_log_ratio", description: "mean log-probability ratio, real vs edited, of the text's words", value_text1: 0.2955, value_text2: 0.0139, contribution: 1.6818 },
    ],
    other_contributions: 0,
    constant: 0,
  },
  segments: {
    text1: [
      { start: 0, end: 86, contribution: 8.6105, shared: true },
      { start: 86, end: 144, contribution: 5.4452, shared: true },
    ],
    text2: [
      { start: 0, end: 86, contribution: -5.3424, shared: true },
      { start: 86, end: 174, contribution: 1.9842, shared: false },
      { start: 174, end: 232, contribution: -3.3301, shared: true },
    ],
    unsegmented_contribution: 0,
    constant: 0,
  },
};

export const predictResponseSchema = z
  .extend(predictionSchema, { model: modelIdSchema })
  .check(z.meta({ examples: [{ ...examplePrediction, model: exampleModel }, { ...exampleExplained, model: exampleModel }] }));

export const batchResultSchema = z.extend(predictionSchema, { id: z.optional(pairIdSchema) });

export const batchResponseSchema = z
  .object({
    model: modelIdSchema,
    results: z.array(batchResultSchema).check(z.describe("One result per pair, in the order of the request.")),
  })
  .check(
    z.meta({
      examples: [
        {
          model: exampleModel,
          results: [
            { id: "a", ...examplePrediction },
            { id: 2, real_text_id: 1, probability_text1_real: 0.5, confidence: 0.5, score: 0, tie: true, uncertain: true },
          ],
        },
      ],
    }),
  );

export const deploymentSchema = z
  .object({
    version_id: z.string().check(z.describe("The Worker version serving this request.")),
    version_tag: z.string().check(z.describe("Its tag (wrangler versions upload --tag), empty when none.")),
  })
  .check(z.describe("Present when the deployment binds its version metadata (wrangler.toml)."));

const exampleDeployment = { version_id: "5b8e2f0c-3d1a-4c6e-9f7b-2a4d6c8e0b1f", version_tag: "" };

export const healthResponseSchema = z
  .object({
    status: z.literal("ok"),
    model: modelIdSchema,
    auth: z
      .enum(["open", "token", "keys", "token+keys"])
      .check(z.describe("What every endpoint but /health and the docs needs as Bearer token: nothing (open), API_TOKEN (token), a named API key (keys), or either (token+keys).")),
    deployment: z.optional(deploymentSchema),
  })
  .check(z.meta({ examples: [{ status: "ok", model: exampleModel, auth: "keys", deployment: exampleDeployment }] }));

export const endpointSchema = z.object({ method: z.string(), path: z.string(), summary: z.string() });

export const modelInfoResponseSchema = z
  .object({
    model: z.object({ name: z.string(), version: z.string(), type: z.string() }),
    features: z.array(
      z.object({ name: z.string(), description: z.string(), mean: z.number(), scale: z.number(), weight: z.number() }),
    ),
    tables: z
      .object({
        char_ngram_order: z.number(),
        buckets: z.number(),
        step: z.number(),
        char_ngram_entries: z.number(),
        word_entries: z.number(),
      })
      .check(z.describe("The hashed log-ratio tables: buckets each, the value step, and how many buckets each lists (those that differ from the default, and a few holding it that bridge gaps over 255).")),
    uncertainty: z
      .object({
        confidence_threshold: z.number().check(z.describe("Answers less confident than this are marked uncertain.")),
        target_agreement: z.number().check(z.describe("The agreement the trainer chose the threshold for, on cross-validated predictions.")),
        cross_validation: z
          .object({ coverage: z.number(), accuracy_kept: z.number(), accuracy_uncertain: z.number() })
          .check(z.describe("Held-out pairs, each fold's model with its own threshold: the share not marked uncertain, and the accuracy on each side.")),
      })
      .check(z.describe("When the model says it cannot tell.")),
    segmentation: z
      .object({
        max_segment_length: z.number().check(z.describe("A run without sentence ends is cut into windows of at most this many UTF-16 code units.")),
        min_segment_length: z.number().check(z.describe("No cut makes a segment shorter than this.")),
        shared_overlap: z.number().check(z.describe("Least Jaccard overlap of words for a segment to be shared with the other text.")),
        max_token_segments: z.number().check(z.describe("A word in more of the other text's segments than this does not count as common.")),
      })
      .check(z.describe("How explain=segments cuts texts and compares their segments.")),
    training: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.unknown()),
    weights_sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    limits: z.object({
      max_body_bytes: z.number().check(z.describe("Largest body of /predict.")),
      max_batch_body_bytes: z.number().check(z.describe("Largest body of /predict/batch.")),
      max_batch_pairs: z.number(),
      max_text_length: z.number().check(z.describe("Longest text, in UTF-16 code units.")),
      max_segmented_text_length: z.number().check(z.describe("Longest text explain=segments takes, in UTF-16 code units.")),
      max_explained_batch_pairs: z.number().check(z.describe("Most pairs a /predict/batch with explain takes.")),
      max_explained_batch_length: z.number().check(z.describe("Most text, all pairs together, a /predict/batch with explain takes.")),
      max_segmented_batch_length: z.number().check(z.describe("The same with explain=segments.")),
      max_non_ascii_length: z.number().check(z.describe("Most UTF-16 code units outside ASCII in all texts of one request (a /predict, or a whole batch).")),
      max_id_length: z.number(),
      explain_top_features: z.number(),
      max_json_depth: z.number().check(z.describe("Deepest JSON nesting accepted.")),
      max_json_keys: z.number().check(z.describe("Most keys in one JSON object.")),
      max_json_values: z.number().check(z.describe("Most array items and object members in one body, counted together.")),
    }),
    endpoints: z.array(endpointSchema).check(z.describe("Every endpoint of the API (see /openapi.json for details).")),
    deployment: z.optional(deploymentSchema),
  })
  .check(
    z.meta({
      examples: [
        {
          model: { ...exampleModel, type: "pairwise-logistic" },
          features: [{ name: "char_ngram_log_ratio", description: "mean log-probability ratio, real vs edited, of the text's character 4-grams", mean: 0.16, scale: 0.69, weight: 22.3 }],
          tables: { char_ngram_order: 4, buckets: 1048576, step: 0.1, char_ngram_entries: 62786, word_entries: 15515 },
          uncertainty: { confidence_threshold: 0.77, target_agreement: 0.975, cross_validation: { coverage: 0.8, accuracy_kept: 0.976, accuracy_uncertain: 0.655 } },
          segmentation: { max_segment_length: 400, min_segment_length: 16, shared_overlap: 0.5, max_token_segments: 64 },
          training: { command: "npm run train -- --data ../shared/data/impostor-hunt/train.jsonl", selected_lambda: 0.001 },
          metrics: { cross_validation: { accuracy_mean: 0.912, accuracy_std: 0.028 } },
          weights_sha256: "0".repeat(64),
          limits: LIMITS,
          endpoints: [{ method: "POST", path: "/predict", summary: "Which of two texts is the real one" }],
          deployment: exampleDeployment,
        },
      ],
    }),
  );

export type ModelInfo = z.infer<typeof modelInfoResponseSchema>;
