/** The Hono app: routes, request validation and the JSON error handling around them. */
import { zValidator } from "@hono/zod-validator";
import { Hono, type MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { FEATURES } from "../model/features.js";
import { scorePair } from "../model/scorer.js";
import { authMode } from "./auth.js";
import type { AppEnv } from "./env.js";
import { CODE_FOR_STATUS, errorResponse } from "./errors.js";
import { hardening } from "./hardening.js";
import { MAX_TEXT_LENGTH } from "./limits.js";
import { model, weightsDigest, weightsFile } from "./model.js";
import { noteTexts } from "./request-log.js";
import { predictRequestSchema } from "./schemas.js";
import { strictJson } from "./strict-json.js";

const modelId = { name: model.name, version: model.version };

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

export const app = new Hono<AppEnv>()
  .use(...hardening())
  .get("/health", (c) => c.json({ status: "ok" as const, model: modelId, auth: authMode(c) }))
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
  .post("/predict", strictJson, validatePredict, (c) => {
    const { text1, text2 } = c.req.valid("json");
    noteTexts(c, [text1, text2]);
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
  if (error instanceof HTTPException && error.res) return error.getResponse(); // e.g. bearer-auth's 401 and its WWW-Authenticate
  if (error instanceof HTTPException) {
    const code = CODE_FOR_STATUS[error.status] ?? "invalid_request";
    return errorResponse(c, error.status as 400, code, error.message);
  }
  console.error(JSON.stringify({ level: "error", message: error.message }));
  return errorResponse(c, 500, "internal_error", "internal error");
});

export type AppType = typeof app;
