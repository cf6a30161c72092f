/**
 * Every error the API answers with: the one map from code to HTTP status, and the one JSON body
 * shape, `{ "error": { code, message, details? } }`. The OpenAPI document's error responses are
 * generated from this map and the README's table is tested against it, so a new code is one line
 * here.
 */
import type { Context } from "hono";

export const ERRORS = {
  malformed_json: { status: 400, when: "not valid JSON (or not UTF-8): empty, a syntax error, trailing garbage" },
  json_too_deep: { status: 400, when: "JSON nested deeper than the limit (checked before parsing)" },
  duplicate_key: { status: 400, when: "a key twice in one object, however spelled (`\"text1\"` and `\"text\\u0031\"`)" },
  too_many_keys: { status: 400, when: "an object with more keys than the limit (checked before parsing)" },
  too_many_values: { status: 400, when: "more array items and object members in the body than the limit (checked before parsing)" },
  unauthorized: { status: 401, when: "a token is required and the Bearer token is missing or wrong" },
  not_found: { status: 404, when: "no such path" },
  method_not_allowed: { status: 405, when: "the path does not serve this method (`Allow` lists those it does)" },
  body_too_large: { status: 413, when: "the body is over its limit" },
  text_too_long: { status: 413, when: "a text is over its limit (the field is named, e.g. `pairs.3.text1`)" },
  too_many_pairs: { status: 413, when: "a batch holds more pairs than the limit" },
  unsupported_media_type: { status: 415, when: "a POST whose `Content-Type` is not `application/json`" },
  invalid_request: { status: 422, when: "valid JSON that does not match the schema, or a bad query (`details` names each field)" },
  lone_surrogate: { status: 422, when: "a string holds a lone surrogate (`\"\\ud800\"`)" },
  nul_character: { status: 422, when: "a string holds NUL (`\"\\u0000\"`)" },
  rate_limited: { status: 429, when: "over the rate limit (`Retry-After` says when to retry)" },
  internal_error: { status: 500, when: "a bug: never expected, and fuzzed for; the message hides the cause" },
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type ErrorStatus = (typeof ERRORS)[ErrorCode]["status"];

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** One bad field of a request: its path (such as `pairs.3.text1`) and what is wrong with it. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

/** The longest message or path an error answer carries, in UTF-16 code units; longer ones are cut. */
export const MAX_ERROR_TEXT = 200;

/**
 * A message or path cut to MAX_ERROR_TEXT with an ellipsis, never inside a surrogate pair. Messages
 * can quote the request (zod's names an unknown key): a key of 512 KiB made an answer of 1 MB,
 * whose serialization cost 12 to 17 ms of CPU.
 */
function clip(text: string): string {
  if (text.length <= MAX_ERROR_TEXT) return text;
  const end = MAX_ERROR_TEXT - 1 - ((text.charCodeAt(MAX_ERROR_TEXT - 2) & 0xfc00) === 0xd800 ? 1 : 0);
  return `${text.slice(0, end)}…`;
}

/**
 * Answers an error with the status its code maps to. Generic in the code so that the typed client
 * (hono/client) tells each error answer's status from success.
 */
export function errorResponse<C extends ErrorCode>(c: Context, code: C, message: string, details?: ErrorDetail[]) {
  const clipped = details?.map((detail) => ({ path: clip(detail.path), message: clip(detail.message) }));
  const body: ErrorBody = { error: { code, message: clip(message), ...(clipped === undefined ? {} : { details: clipped }) } };
  c.set("errorCode", code); // for the request log line
  return c.json(body, ERRORS[code].status as (typeof ERRORS)[C]["status"]);
}
