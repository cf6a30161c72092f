/**
 * Requests: their zod schemas, which validate requests and which /openapi.json describes, and the
 * validators the routes mount. Schema failures are 422 and name the path of the first bad field
 * (for example pairs.3.text1); an over-long text or too many pairs is 413, like an oversized body,
 * with the limit in the message. The response schemas are in responses.ts.
 */
import { zValidator } from "@hono/zod-validator";
import type { Context, MiddlewareHandler } from "hono";
import * as z from "../zod.js";
import { errorResponse } from "./errors.js";
import { nonAsciiLength } from "../model/unicode.js";
import {
  MAX_NON_ASCII_LENGTH,
  MAX_BATCH_PAIRS,
  MAX_EXPLAINED_BATCH_LENGTH,
  MAX_EXPLAINED_BATCH_PAIRS,
  MAX_ID_LENGTH,
  MAX_SEGMENTED_BATCH_LENGTH,
  MAX_SEGMENTED_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
  TOP_FEATURES,
} from "./limits.js";

const text = z.string().check(z.maxLength(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`));

const examplePair = {
  text1: "The telescope observed the nebula for six nights in March.",
  text2: "Teh telescop observd the nebulla for 6 nites in march!!",
};

const pairShape = {
  text1: text.check(z.describe("The first version of the document.")),
  text2: text.check(z.describe("The second version of the document.")),
};

export const predictRequestSchema = z.strictObject(pairShape).check(z.meta({ examples: [examplePair] }));

export type PredictRequest = z.infer<typeof predictRequestSchema>;

export const pairIdSchema = z
  .union([z.string().check(z.maxLength(MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`)), z.number()])
  .check(z.describe("Optional caller's id of the pair, echoed in its result."));

export const batchRequestSchema = z
  .strictObject({
    pairs: z
      .array(z.strictObject({ ...pairShape, id: z.optional(pairIdSchema) }))
      .check(
        z.minLength(1, "must hold at least one pair"),
        z.maxLength(MAX_BATCH_PAIRS, `must hold at most ${MAX_BATCH_PAIRS} pairs`),
        z.describe(`The pairs to score, 1 to ${MAX_BATCH_PAIRS}; results come back in the same order.`),
      ),
  })
  .check(z.meta({ examples: [{ pairs: [{ id: "a", ...examplePair }, { id: 2, text1: "Same text.", text2: "Same text." }] }] }));

export type BatchRequest = z.infer<typeof batchRequestSchema>;

/** The values of `explain`: a feature explanation, the segments, or both (joined by a comma). */
export const EXPLAIN_MODES = ["false", "true", "all", "segments", "true,segments", "all,segments"] as const;

export type ExplainMode = (typeof EXPLAIN_MODES)[number] | undefined;

/** `explain` is a query parameter so that request bodies stay the same with or without it. */
export const explainQuerySchema = z.object({
  explain: z.optional(z.enum(EXPLAIN_MODES)).check(
    z.describe(
      `"true" adds the features the model weighs (up to ${TOP_FEATURES}), largest contribution first; "all" lists every feature, ` +
        'with the weight-0 text statistics; "segments" adds each text\'s sentences with their share of the score and whether the other ' +
        `text shares them (texts of at most ${MAX_SEGMENTED_TEXT_LENGTH} characters); ` +
        '"true,segments" and "all,segments" add both; "false" (the default) adds nothing.',
    ),
  ),
});

type Failure = { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] }; target: string };

const isText = (issue: z.core.$ZodIssue) => ["text1", "text2"].includes(String(issue.path.at(-1)));

function onFailure(result: Failure, c: Context) {
  if (result.success) return;
  const { issues } = result.error;
  const path = (issue: z.core.$ZodIssue) => issue.path.join(".");
  const details = issues.map((issue) => ({ path: path(issue), message: issue.message }));
  const tooMany = issues.find((issue) => issue.code === "too_big" && issue.origin === "array");
  if (tooMany) {
    return errorResponse(c, "too_many_pairs", `${path(tooMany)} holds more than ${MAX_BATCH_PAIRS} pairs`, details);
  }
  const tooLong = issues.find((issue) => issue.code === "too_big" && isText(issue));
  if (tooLong) {
    return errorResponse(c, "text_too_long", `${path(tooLong)} is longer than ${MAX_TEXT_LENGTH} characters`, details);
  }
  const first = issues[0]!;
  const where = result.target === "json" ? "request body" : "query";
  return errorResponse(c, "invalid_request", `${where} does not match the schema: ${path(first) || "(root)"}: ${first.message}`, details);
}

type Texts = { text1: string; text2: string };

/**
 * The texts' limit with explain=segments, which the body's schema cannot check (it is the query's):
 * 413 text_too_long naming the first text over it (`where` gives its path in the body), or nothing.
 */
export function segmentedTextTooLong(c: Context, explain: ExplainMode, pairs: readonly Texts[], where: (index: number, key: keyof Texts) => string) {
  if (!explain?.endsWith("segments")) return;
  for (const [index, pair] of pairs.entries()) {
    for (const key of ["text1", "text2"] as const) {
      if (pair[key].length <= MAX_SEGMENTED_TEXT_LENGTH) continue;
      const path = where(index, key);
      const message = `must be at most ${MAX_SEGMENTED_TEXT_LENGTH} characters with explain=segments`;
      return errorResponse(c, "text_too_long", `${path} is longer than ${MAX_SEGMENTED_TEXT_LENGTH} characters, the limit with explain=segments`, [
        { path, message },
      ]);
    }
  }
}

/**
 * The limit on code units outside ASCII in all of a request's texts (`subject` names them, `path`
 * is where they are in the body): 413 text_too_long, or nothing.
 */
export function nonAsciiTooLong(c: Context, pairs: readonly Texts[], subject: string, path: string) {
  // Nothing to count when the texts cannot hold more outside ASCII than the limit: when they are no
  // longer than it in all (a typical /predict), or when the body's strings cannot (strictJson's bound,
  // from its bytes: near the limit, the count of such units in all its strings, so every batch
  // of real pairs).
  const length = pairs.reduce((sum, p) => sum + p.text1.length + p.text2.length, 0);
  if (Math.min(length, c.get("nonAsciiBound") ?? Infinity) <= MAX_NON_ASCII_LENGTH) return;
  const nonAscii = pairs.reduce((sum, p) => sum + nonAsciiLength(p.text1) + nonAsciiLength(p.text2), 0);
  if (nonAscii <= MAX_NON_ASCII_LENGTH) return;
  const message = `must hold at most ${MAX_NON_ASCII_LENGTH} code units outside ASCII in all`;
  return errorResponse(c, "text_too_long", `${subject} hold ${nonAscii} code units outside ASCII, more than the ${MAX_NON_ASCII_LENGTH} a request takes`, [
    { path, message },
  ]);
}

/**
 * A batch's limits beyond its schema's: the code units outside ASCII in all its texts, then with
 * `explain` (the query's, like the ones above) each text's with segments, the number of pairs and
 * their texts' total. 413 text_too_long or too_many_pairs, or nothing.
 */
export function batchTooLarge(c: Context, explain: ExplainMode, pairs: readonly Texts[]) {
  const nonAscii = nonAsciiTooLong(c, pairs, "pairs", "pairs");
  if (nonAscii) return nonAscii;
  if (!explain) return;
  const tooLong = segmentedTextTooLong(c, explain, pairs, (index, key) => `pairs.${index}.${key}`);
  if (tooLong) return tooLong;
  if (pairs.length > MAX_EXPLAINED_BATCH_PAIRS) {
    const message = `must hold at most ${MAX_EXPLAINED_BATCH_PAIRS} pairs with explain`;
    return errorResponse(c, "too_many_pairs", `pairs holds ${pairs.length} pairs, more than the ${MAX_EXPLAINED_BATCH_PAIRS} a batch with explain takes`, [
      { path: "pairs", message },
    ]);
  }
  const limit = explain.endsWith("segments") ? MAX_SEGMENTED_BATCH_LENGTH : MAX_EXPLAINED_BATCH_LENGTH;
  const length = pairs.reduce((sum, p) => sum + p.text1.length + p.text2.length, 0);
  if (length <= limit) return;
  const message = `must hold at most ${limit} characters of text in all with explain=${explain}`;
  return errorResponse(c, "text_too_long", `pairs hold ${length} characters of text, more than the ${limit} a batch with explain=${explain} takes`, [
    { path: "pairs", message },
  ]);
}

export const validatePredict = zValidator("json", predictRequestSchema, onFailure);
export const validateBatch = zValidator("json", batchRequestSchema, onFailure);
/** What validateExplain takes (typed clients may leave out `query` altogether) and gives the route. */
type ExplainInput = { in: { query?: { explain?: string | string[] } }; out: { query: z.infer<typeof explainQuerySchema> } };

/**
 * The `explain` query parameter, checked by its schema; the others are ignored. Only that one is
 * read: zValidator("query") builds an object of every parameter, 15 ms of CPU for a URL of 22,000.
 */
export const validateExplain: MiddlewareHandler<{}, string, ExplainInput> = async (c, next) => {
  const { url } = c.req;
  const query = url.indexOf("?");
  const values = query < 0 ? [] : new URLSearchParams(url.slice(query + 1)).getAll("explain");
  const result = explainQuerySchema.safeParse(values.length === 0 ? {} : { explain: values.length === 1 ? values[0] : values });
  if (!result.success) return onFailure({ success: false, error: result.error, target: "query" }, c);
  c.req.addValidatedData("query", result.data);
  await next();
};
