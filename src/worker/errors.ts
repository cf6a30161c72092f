/** The one JSON error shape every failure answers with: `{ "error": { code, message, details? } }`. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import * as z from "../zod.js";

export const errorCodeSchema = z.enum([
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
]);

export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string().check(z.describe("What went wrong, for a person.")),
    details: z.optional(z.unknown()).check(z.describe("For schema errors: [{ path, message }], path like pairs.3.text1.")),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

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
