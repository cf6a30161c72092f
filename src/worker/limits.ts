/** Request limits, enforced before any model work is done (documented in the README). */

/** Largest accepted request body, in bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Longest accepted text, in UTF-16 code units (JavaScript string length). */
export const MAX_TEXT_LENGTH = 100_000;

/** Deepest accepted JSON nesting (objects and arrays); requests need two levels at most. */
export const MAX_JSON_DEPTH = 8;

/** Most keys accepted in one JSON object; requests need two. Many keys make JSON.parse slow. */
export const MAX_JSON_KEYS = 64;
