/** The Hono app: routes, request validation and the JSON error handling around them. */
import { zValidator } from "@hono/zod-validator";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { FEATURES } from "../model/features.js";
import { scorePair } from "../model/scorer.js";
import { CODE_FOR_STATUS, errorResponse } from "./errors.js";
import { MAX_BODY_BYTES, MAX_TEXT_LENGTH } from "./limits.js";
import { model, weightsDigest, weightsFile } from "./model.js";
import { predictRequestSchema } from "./schemas.js";

const modelId = { name: model.name, version: model.version };

/** POST bodies must be JSON; anything else is 415 before the body is read. */
const requireJson: MiddlewareHandler = async (c, next) => {
  const mediaType = c.req.header("Content-Type")?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") {
    return errorResponse(c, 415, "unsupported_media_type", "Content-Type must be application/json");
  }
  await next();
};

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: (c) => errorResponse(c, 413, "body_too_large", `request body exceeds ${MAX_BODY_BYTES} bytes`),
});

/** Schema failures are 422; a text over the length limit is 413, like an oversized body. */
const validatePredict = zValidator("json", predictRequestSchema, (result, c) => {
  if (result.success) return;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const tooLong = result.error.issues.find((issue) => issue.code === "too_big");
  if (tooLong) {
    return errorResponse(c, 413, "text_too_long", `${tooLong.path.join(".")} is longer than ${MAX_TEXT_LENGTH} characters`, details);
  }
  return errorResponse(c, 422, "invalid_request", "request body does not match the schema", details);
});

/** Answers 405 with an Allow header for the methods a path does not serve. */
const methodNotAllowed = (allow: string): MiddlewareHandler => async (c) => {
  c.header("Allow", allow);
  return errorResponse(c, 405, "method_not_allowed", `${c.req.method} is not allowed here; use ${allow}`);
};

export const app = new Hono()
  .use(cors())
  .get("/health", (c) => c.json({ status: "ok" as const, model: modelId }))
  .get("/model_info", async (c) =>
    c.json({
      model: weightsFile.model,
      features: FEATURES.map((f, j) => ({ ...f, ...weightsFile.features[j]! })),
      tables: {
        char_ngram: {
          order: weightsFile.tables.char_ngram.order,
          bits: weightsFile.tables.char_ngram.bits,
          entries: weightsFile.tables.char_ngram.log_ratio.length,
        },
      },
      training: weightsFile.training,
      metrics: weightsFile.metrics,
      weights_sha256: await weightsDigest(),
    }),
  )
  .post("/predict", requireJson, limitBody, validatePredict, (c) => {
    const { text1, text2 } = c.req.valid("json");
    const result = scorePair(model, text1, text2);
    return c.json({
      real_text_id: result.realTextId,
      probability_text1_real: result.probability,
      confidence: result.realTextId === 1 ? result.probability : 1 - result.probability,
      score: result.score,
      tie: result.tie,
      model: modelId,
    });
  })
  .all("/health", methodNotAllowed("GET, HEAD"))
  .all("/model_info", methodNotAllowed("GET, HEAD"))
  .all("/predict", methodNotAllowed("POST"));

app.notFound((c) => errorResponse(c, 404, "not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));

app.onError((error, c) => {
  if (error instanceof HTTPException) {
    const code = CODE_FOR_STATUS[error.status] ?? "invalid_request";
    return errorResponse(c, error.status as 400, code, error.message);
  }
  console.error(JSON.stringify({ level: "error", message: error.message }));
  return errorResponse(c, 500, "internal_error", "internal error");
});

export type AppType = typeof app;
