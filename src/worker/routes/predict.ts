/** POST /predict and POST /predict/batch: both score with scorePair and answer with toPrediction. */
import { Hono } from "hono";
import { scorePair } from "../../model/scorer.js";
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from "../limits.js";
import { limitBody, methodNotAllowed, requireJson } from "../middleware.js";
import { model, modelId } from "../model.js";
import { toPrediction } from "../prediction.js";
import { validateBatch, validateExplain, validatePredict } from "../validation.js";

export const predictRoutes = new Hono()
  .post("/predict", requireJson, limitBody(MAX_BODY_BYTES), validateExplain, validatePredict, (c) => {
    const { text1, text2 } = c.req.valid("json");
    const prediction = toPrediction(scorePair(model, text1, text2), c.req.valid("query")?.explain);
    return c.json({ ...prediction, model: modelId }, 200);
  })
  .post("/predict/batch", requireJson, limitBody(MAX_BATCH_BODY_BYTES), validateExplain, validateBatch, (c) => {
    const explain = c.req.valid("query")?.explain;
    const results = c.req.valid("json").pairs.map(({ id, text1, text2 }) => ({
      ...(id === undefined ? {} : { id }),
      ...toPrediction(scorePair(model, text1, text2), explain),
    }));
    return c.json({ model: modelId, results }, 200);
  })
  .all("/predict", methodNotAllowed("POST"))
  .all("/predict/batch", methodNotAllowed("POST"));
