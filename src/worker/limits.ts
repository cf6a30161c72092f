/** Request limits, enforced before any model work is done (documented in the README). */

/**
 * Largest accepted request body of /predict, in bytes. With the limits below it keeps requests
 * near the Workers Free plan's 10 ms of CPU (BENCHMARKS.md, worst cases: the fullest batches of
 * text that NFC works on take about 10 ms on a calm machine, up to 17 on a slow one): a body of
 * escapes the strict JSON check must read one by one costs the most per byte.
 */
export const MAX_BODY_BYTES = 512 * 1024;

/**
 * Longest accepted text, in UTF-16 code units (JavaScript string length): five times the longest
 * text of the competition, and two of them score within the 10 ms.
 */
export const MAX_TEXT_LENGTH = 50_000;

/** Longest text explain=segments takes: segments cost more than the score itself. */
export const MAX_SEGMENTED_TEXT_LENGTH = 20_000;

/**
 * What a /predict/batch with `explain` takes: at most MAX_EXPLAINED_BATCH_PAIRS pairs, whose texts
 * add up to at most what one /predict explains at the limits (two texts of the longest length the
 * mode takes). Explaining costs per pair (the answer lists every feature or segment) and per
 * character: 256 pairs of prose filling the body took 12 ms of CPU with explain=all and 60 ms
 * with explain=all,segments, and 256 short pairs 13 and 16 ms (BENCHMARKS.md, worst cases).
 */
export const MAX_EXPLAINED_BATCH_PAIRS = 32;
export const MAX_EXPLAINED_BATCH_LENGTH = 2 * MAX_TEXT_LENGTH;
export const MAX_SEGMENTED_BATCH_LENGTH = 2 * MAX_SEGMENTED_TEXT_LENGTH;

/**
 * Most code units outside ASCII that the texts of one request, /predict or a whole /predict/batch,
 * may hold in all. Such text can cost ten times what ASCII does to normalize and hash: two texts of
 * 50,000 that NFC splits in three took 15 ms of CPU, a batch body of 512 KiB of such text 17-28
 * ms. At 50,000, batches of prose with a mark NFC splits in two (U+0344) after every 8th unit took
 * about a tenth more than at 35,000 (12.5-12.7 ms there). Real texts hold few: any 64 consecutive
 * pairs of the competition's test set at most 33,841, which this still takes.
 */
export const MAX_NON_ASCII_LENGTH = 35_000;

/** Deepest accepted JSON nesting (objects and arrays); requests need two levels at most. */
export const MAX_JSON_DEPTH = 8;

/** Most keys accepted in one JSON object; requests need two. Many keys make JSON.parse slow. */
export const MAX_JSON_KEYS = 64;

/**
 * Most values (array items and object members, counted together) accepted in one body: a batch of
 * the most pairs holds 769 (1,025 with ids). A body that fills 512 KiB with tiny values made the
 * Worker spend up to 35 ms of CPU refusing it.
 */
export const MAX_JSON_VALUES = 4096;

/** Most pairs in one /predict/batch request. */
export const MAX_BATCH_PAIRS = 256;

/**
 * Largest accepted request body of /predict/batch, in bytes: it bounds the work of one request
 * (any 64 consecutive pairs of the competition's test set fit).
 */
export const MAX_BATCH_BODY_BYTES = 512 * 1024;

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
  max_segmented_text_length: MAX_SEGMENTED_TEXT_LENGTH,
  max_explained_batch_pairs: MAX_EXPLAINED_BATCH_PAIRS,
  max_explained_batch_length: MAX_EXPLAINED_BATCH_LENGTH,
  max_segmented_batch_length: MAX_SEGMENTED_BATCH_LENGTH,
  max_non_ascii_length: MAX_NON_ASCII_LENGTH,
  max_id_length: MAX_ID_LENGTH,
  explain_top_features: TOP_FEATURES,
  max_json_depth: MAX_JSON_DEPTH,
  max_json_keys: MAX_JSON_KEYS,
  max_json_values: MAX_JSON_VALUES,
};
