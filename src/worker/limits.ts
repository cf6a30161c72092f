/** Request limits, enforced before any model work is done (documented in the README). */

/** Largest accepted request body of /predict, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Longest accepted text, in UTF-16 code units (JavaScript string length). */
export const MAX_TEXT_LENGTH = 100_000;

/** Deepest accepted JSON nesting (objects and arrays); requests need two levels at most. */
export const MAX_JSON_DEPTH = 8;

/** Most keys accepted in one JSON object; requests need two. Many keys make JSON.parse slow. */
export const MAX_JSON_KEYS = 64;

/** Most pairs in one /predict/batch request. */
export const MAX_BATCH_PAIRS = 256;

/** Largest accepted request body of /predict/batch, in bytes: it bounds the work of one request. */
export const MAX_BATCH_BODY_BYTES = 4 * 1024 * 1024;

/** Longest accepted pair id string in a batch. */
export const MAX_ID_LENGTH = 256;

/** Features listed by `explain=true`; the rest are summed into `other_contributions`. */
export const TOP_FEATURES = 5;

/** The limits as /model_info reports them. */
export const LIMITS = {
  max_body_bytes: MAX_BODY_BYTES,
  max_batch_body_bytes: MAX_BATCH_BODY_BYTES,
  max_batch_pairs: MAX_BATCH_PAIRS,
  max_text_length: MAX_TEXT_LENGTH,
  max_id_length: MAX_ID_LENGTH,
  explain_top_features: TOP_FEATURES,
  max_json_depth: MAX_JSON_DEPTH,
  max_json_keys: MAX_JSON_KEYS,
};
