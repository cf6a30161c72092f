import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";
import * as limits from "../../src/worker/limits.js";
import { operations } from "../../src/worker/openapi.js";
import { modelInfoResponseSchema } from "../../src/worker/responses.js";
import { BASE } from "./request.js";

it("GET /model_info lists the limits and every endpoint", async () => {
  const response = await SELF.fetch(`${BASE}/model_info`);
  expect(response.status).toBe(200);
  const info = modelInfoResponseSchema.parse(await response.json());
  expect(info.limits).toEqual({
    max_body_bytes: limits.MAX_BODY_BYTES,
    max_batch_body_bytes: limits.MAX_BATCH_BODY_BYTES,
    max_batch_pairs: limits.MAX_BATCH_PAIRS,
    max_text_length: limits.MAX_TEXT_LENGTH,
    max_segmented_text_length: limits.MAX_SEGMENTED_TEXT_LENGTH,
    max_explained_batch_pairs: limits.MAX_EXPLAINED_BATCH_PAIRS,
    max_explained_batch_length: limits.MAX_EXPLAINED_BATCH_LENGTH,
    max_segmented_batch_length: limits.MAX_SEGMENTED_BATCH_LENGTH,
    max_non_ascii_length: limits.MAX_NON_ASCII_LENGTH,
    max_id_length: limits.MAX_ID_LENGTH,
    explain_top_features: limits.TOP_FEATURES,
    max_json_depth: limits.MAX_JSON_DEPTH,
    max_json_keys: limits.MAX_JSON_KEYS,
    max_json_values: limits.MAX_JSON_VALUES,
  });
  expect(info.endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
  expect(info.endpoints.map((e) => e.path)).toEqual(
    expect.arrayContaining(["/predict", "/predict/batch", "/openapi.json", "/docs", "/", "/health", "/model_info"]),
  );
});
