/**
 * Request validation with the schemas in schemas.ts. Schema failures are 422 and name the path of
 * the first bad field (for example pairs.3.text1); an over-long text or too many pairs is 413, like
 * an oversized body, with the limit in the message.
 */
import { zValidator } from "@hono/zod-validator";
import type { Context } from "hono";
import * as z from "../zod.js";
import { errorResponse } from "./errors.js";
import { MAX_BATCH_PAIRS, MAX_TEXT_LENGTH } from "./limits.js";
import { batchRequestSchema, explainQuerySchema, predictRequestSchema } from "./schemas.js";

type Failure = { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] }; target: string };

const isText = (issue: z.core.$ZodIssue) => ["text1", "text2"].includes(String(issue.path.at(-1)));

function onFailure(result: Failure, c: Context) {
  if (result.success) return;
  const { issues } = result.error;
  const path = (issue: z.core.$ZodIssue) => issue.path.join(".");
  const details = issues.map((issue) => ({ path: path(issue), message: issue.message }));
  const tooMany = issues.find((issue) => issue.code === "too_big" && issue.origin === "array");
  if (tooMany) {
    return errorResponse(c, 413, "too_many_pairs", `${path(tooMany)} holds more than ${MAX_BATCH_PAIRS} pairs`, details);
  }
  const tooLong = issues.find((issue) => issue.code === "too_big" && isText(issue));
  if (tooLong) {
    return errorResponse(c, 413, "text_too_long", `${path(tooLong)} is longer than ${MAX_TEXT_LENGTH} characters`, details);
  }
  const first = issues[0]!;
  const where = result.target === "json" ? "request body" : "query";
  return errorResponse(c, 422, "invalid_request", `${where} does not match the schema: ${path(first) || "(root)"}: ${first.message}`, details);
}

export const validatePredict = zValidator("json", predictRequestSchema, onFailure);
export const validateBatch = zValidator("json", batchRequestSchema, onFailure);
// Optional so that typed-client callers may leave out `query` altogether.
export const validateExplain = zValidator("query", z.optional(explainQuerySchema), onFailure);
