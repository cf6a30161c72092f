/**
 * Response schemas of the API, and the error body every failure answers with: the tests check
 * responses against them and /openapi.json is generated from them. The Worker never validates a
 * response, so it imports this module only with the OpenAPI document, on the first request that
 * needs it (see openapi.ts), and does not build these schemas at start-up.
 */
import * as z from "../zod.js";
import { FEATURE_NAMES } from "../model/features.js";
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

export const predictionSchema = z.object({
  real_text_id: z.union([z.literal(1), z.literal(2)]).check(z.describe("Which text is judged the real one.")),
  probability_text1_real: z.number().check(z.gte(0), z.lte(1), z.describe("P(text1 is the real text).")),
  confidence: z.number().check(z.gte(0), z.lte(1), z.describe("Probability of the answer given in real_text_id.")),
  score: z.number().check(z.describe("The model's logit that text1 is real: probability_text1_real = sigmoid(score).")),
  tie: z.boolean().check(z.describe("True when the score is exactly 0 (e.g. identical texts): the answer 1 is arbitrary.")),
  explanation: z.optional(explanationSchema).check(z.describe("Present when explain=true or explain=all.")),
});

export type Prediction = z.infer<typeof predictionSchema>;

const examplePrediction = {
  real_text_id: 1,
  probability_text1_real: 0.93,
  confidence: 0.93,
  score: 2.59,
  tie: false,
} as const;

const exampleModel = { name: "impostor-hunt-pairwise", version: "1.0.0" };

export const predictResponseSchema = z
  .extend(predictionSchema, { model: modelIdSchema })
  .check(z.meta({ examples: [{ ...examplePrediction, model: exampleModel }] }));

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
            { id: 2, real_text_id: 1, probability_text1_real: 0.5, confidence: 0.5, score: 0, tie: true },
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
    training: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.unknown()),
    weights_sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    limits: z.object({
      max_body_bytes: z.number().check(z.describe("Largest body of /predict.")),
      max_batch_body_bytes: z.number().check(z.describe("Largest body of /predict/batch.")),
      max_batch_pairs: z.number(),
      max_text_length: z.number().check(z.describe("Longest text, in UTF-16 code units.")),
      max_id_length: z.number(),
      explain_top_features: z.number(),
      max_json_depth: z.number().check(z.describe("Deepest JSON nesting accepted.")),
      max_json_keys: z.number().check(z.describe("Most keys in one JSON object.")),
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
