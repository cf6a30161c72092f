/** The one JSON error shape every failure answers with: `{ "error": { code, message, details? } }`. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody } from "./responses.js";

/** Every code an error answer can carry. */
export const ERROR_CODES = [
  "malformed_json",
  "json_too_deep",
  "duplicate_key",
  "too_many_keys",
  "lone_surrogate",
  "nul_character",
  "unauthorized",
  "not_found",
  "method_not_allowed",
  "body_too_large",
  "text_too_long",
  "too_many_pairs",
  "unsupported_media_type",
  "invalid_request",
  "rate_limited",
  "internal_error",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Generic in the status so that the typed client (hono/client) tells error answers from success. */
export function errorResponse<S extends ContentfulStatusCode>(c: Context, status: S, code: ErrorCode, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  c.set("errorCode", code); // for the request log line
  return c.json(body, status);
}

/** Codes for the statuses that middleware raises as HTTPException. */
export const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: "malformed_json",
  401: "unauthorized",
  404: "not_found",
  405: "method_not_allowed",
  413: "body_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};
