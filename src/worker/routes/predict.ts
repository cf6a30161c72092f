/** POST /predict and POST /predict/batch: both answer each pair with predict(). */
import { Hono } from "hono";
import type { AppEnv } from "../env.js";
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from "../limits.js";
import { noteTexts } from "../middleware/request-log.js";
import { strictJson } from "../middleware/strict-json.js";
import { modelId } from "../model.js";
import { predict } from "../prediction.js";
import { batchTooLarge, nonAsciiTooLong, segmentedTextTooLong, validateBatch, validateExplain, validatePredict } from "../requests.js";

export const predictRoutes = new Hono<AppEnv>()
  .post("/predict", strictJson({ maxBytes: MAX_BODY_BYTES }), validateExplain, validatePredict, (c) => {
    const pair = c.req.valid("json");
    const { text1, text2 } = pair;
    const explain = c.req.valid("query")?.explain;
    noteTexts(c, [text1, text2]);
    const tooLong = segmentedTextTooLong(c, explain, [pair], (_, key) => key) ?? nonAsciiTooLong(c, [pair], "text1 and text2", "");
    if (tooLong) return tooLong;
    const prediction = predict(text1, text2, explain);
    c.set("predictions", [prediction]);
    return c.json({ ...prediction, model: modelId }, 200);
  })
  .post("/predict/batch", strictJson({ maxBytes: MAX_BATCH_BODY_BYTES }), validateExplain, validateBatch, (c) => {
    const explain = c.req.valid("query")?.explain;
    const { pairs } = c.req.valid("json");
    noteTexts(c, pairs.flatMap((p) => [p.text1, p.text2]));
    const tooLarge = batchTooLarge(c, explain, pairs);
    if (tooLarge) return tooLarge;
    const results = pairs.map(({ id, text1, text2 }) => ({
      ...(id === undefined ? {} : { id }),
      ...predict(text1, text2, explain),
    }));
    c.set("predictions", results);
    return c.json({ model: modelId, results }, 200);
  });
