/** The Hono app: routes, request validation and the JSON error handling around them. */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { FEATURES } from "../model/features.js";
import { authMode } from "./auth.js";
import type { AppEnv } from "./env.js";
import { CODE_FOR_STATUS, errorResponse } from "./errors.js";
import { hardening } from "./hardening.js";
import { LIMITS } from "./limits.js";
import { methodNotAllowed } from "./middleware.js";
import { modelId, weightsDigest, weightsFile } from "./model.js";
import { loadOpenApi, pageRoutes } from "./routes/pages.js";
import { predictRoutes } from "./routes/predict.js";
import type { ModelInfo } from "./responses.js";

export const app = new Hono<AppEnv>()
  .use(...hardening())
  .get("/health", (c) => c.json({ status: "ok" as const, model: modelId, auth: authMode(c) }))
  .get("/model_info", async (c) =>
    c.json({
      model: weightsFile.model,
      features: FEATURES.map((f, j) => ({ ...f, ...weightsFile.features[j]! })),
      tables: {
        char_ngram_order: weightsFile.tables.char_ngram_order,
        buckets: 2 ** weightsFile.tables.bits,
        step: weightsFile.tables.step,
        char_ngram_entries: weightsFile.tables.char_ngram.entries,
        word_entries: weightsFile.tables.word.entries,
      },
      training: weightsFile.training,
      metrics: weightsFile.metrics,
      weights_sha256: await weightsDigest(),
      limits: LIMITS,
      endpoints: (await loadOpenApi()).operations.map((op) => ({ method: op.method.toUpperCase(), path: op.path, summary: op.summary })),
    } satisfies ModelInfo),
  )
  .route("/", predictRoutes)
  .route("/", pageRoutes)
  .all("/health", methodNotAllowed("GET, HEAD"))
  .all("/model_info", methodNotAllowed("GET, HEAD"));

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
