/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate requests and describe
 * responses (z.toJSONSchema), so it cannot drift from what the Worker does. The Worker imports
 * this module only when a request needs it (`import()`, which the bundler evaluates lazily).
 */
import * as z from "../zod.js";
import type { ErrorCode } from "./errors.js";
import { MAX_BATCH_BODY_BYTES, MAX_BATCH_PAIRS, MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_JSON_KEYS, MAX_TEXT_LENGTH } from "./limits.js";
import { batchResponseSchema, errorBodySchema, healthResponseSchema, modelInfoResponseSchema, predictResponseSchema } from "./responses.js";
import { batchRequestSchema, explainQuerySchema, predictRequestSchema } from "./schemas.js";

type ErrorExample = [code: ErrorCode, message: string];

interface Response {
  description: string;
  /** A zod schema for JSON, or "html" for a page. */
  body: z.ZodMiniType | "html";
  /** Error responses list one example per error code they can carry. */
  errors?: ErrorExample[];
}

interface Operation {
  method: "get" | "post";
  path: string;
  summary: string;
  description?: string;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  responses: Record<number, Response>;
}

const error = (description: string, ...errors: ErrorExample[]): Response => ({ description, body: errorBodySchema, errors });
const notAllowed = (allow: string) => error("Wrong method.", ["method_not_allowed", `DELETE is not allowed here; use ${allow}`]);
const internal = error("Unexpected failure (a bug).", ["internal_error", "internal error"]);
const page = (description: string): Response => ({ description, body: "html" });

/** Errors of every endpoint behind the optional token and the rate limit. */
const guardErrors: Record<number, Response> = {
  401: error("API_TOKEN is set and the request has no valid `Authorization: Bearer` token.", ["unauthorized", "a valid Bearer token is required"]),
  429: error("Over the rate limit; `Retry-After` says when to try again.", ["rate_limited", "too many requests; retry after 60 s"]),
};

/** Errors that both prediction endpoints answer with. */
const predictErrors = (bodyLimit: number): Record<number, Response> => ({
  400: error(
    "The body is not valid JSON, or JSON the API refuses before parsing it into requests.",
    ["malformed_json", "request body is not valid JSON: Unexpected end of JSON input"],
    ["json_too_deep", `JSON nesting is deeper than ${MAX_JSON_DEPTH} levels`],
    ["duplicate_key", 'duplicate key "text1"'],
    ["too_many_keys", `a JSON object has more than ${MAX_JSON_KEYS} keys`],
  ),
  ...guardErrors,
  405: notAllowed("POST"),
  413: error(
    "The body or a text is over its limit.",
    ["body_too_large", `request body exceeds ${bodyLimit} bytes`],
    ["text_too_long", `text1 is longer than ${MAX_TEXT_LENGTH} characters`],
  ),
  415: error("The body is not declared as JSON.", ["unsupported_media_type", "Content-Type must be application/json"]),
  422: error(
    "The body or the query does not match the schema (details list each bad field's path), or a text is not well-formed Unicode.",
    ["invalid_request", "request body does not match the schema: text2: Invalid input: expected string, received undefined"],
    ["lone_surrogate", "a string contains a lone surrogate at character 12"],
    ["nul_character", "a string contains NUL (U+0000) at character 12"],
  ),
  500: internal,
});

/** Every endpoint of the API, in the order the README lists them. */
export const operations: Operation[] = [
  {
    method: "post",
    path: "/predict",
    summary: "Which of two texts is the real one",
    description: `Body at most ${MAX_BODY_BYTES} bytes; each text at most ${MAX_TEXT_LENGTH} UTF-16 code units (empty texts are valid).`,
    query: explainQuerySchema,
    body: predictRequestSchema,
    responses: { 200: { description: "The judgement.", body: predictResponseSchema }, ...predictErrors(MAX_BODY_BYTES) },
  },
  {
    method: "post",
    path: "/predict/batch",
    summary: "Score many pairs in one request",
    description:
      `1 to ${MAX_BATCH_PAIRS} pairs, body at most ${MAX_BATCH_BODY_BYTES} bytes, each text at most ${MAX_TEXT_LENGTH} UTF-16 code units. ` +
      "Each result equals what /predict answers for that pair, plus its id when one was given.",
    query: explainQuerySchema,
    body: batchRequestSchema,
    responses: {
      200: { description: "One result per pair, in order.", body: batchResponseSchema },
      ...predictErrors(MAX_BATCH_BODY_BYTES),
      413: error(
        "The body, the number of pairs or a text is over its limit.",
        ["body_too_large", `request body exceeds ${MAX_BATCH_BODY_BYTES} bytes`],
        ["too_many_pairs", `pairs holds more than ${MAX_BATCH_PAIRS} pairs`],
        ["text_too_long", `pairs.3.text1 is longer than ${MAX_TEXT_LENGTH} characters`],
      ),
    },
  },
  {
    method: "get",
    path: "/health",
    summary: "Liveness and the model's name",
    responses: { 200: { description: "The Worker is up.", body: healthResponseSchema }, 405: notAllowed("GET, HEAD"), 500: internal },
  },
  {
    method: "get",
    path: "/model_info",
    summary: "The model, its features and weights, the limits and the endpoints",
    responses: { 200: { description: "About the model.", body: modelInfoResponseSchema }, ...guardErrors, 405: notAllowed("GET, HEAD"), 500: internal },
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    responses: {
      200: {
        description: "OpenAPI 3.1 document.",
        body: z
          .object({ openapi: z.string(), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) })
          .check(z.meta({ examples: [{ openapi: "3.1.0", info: { title: "Impostor Hunt Edge API", version: "1.0.0" }, paths: {} }] })),
      },
      405: notAllowed("GET, HEAD"),
      500: internal,
    },
  },
  {
    method: "get",
    path: "/docs",
    summary: "Interactive API docs (self-contained page)",
    responses: { 200: page("HTML page that renders this document with try-it forms."), 405: notAllowed("GET, HEAD") },
  },
  {
    method: "get",
    path: "/",
    summary: "Demo page: paste two texts, see which one is judged real",
    responses: { 200: page("Self-contained HTML page."), 405: notAllowed("GET, HEAD") },
  },
];

function jsonSchema(schema: z.core.$ZodType, io: "input" | "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12" });
  return rest;
}

function content(response: Response) {
  if (response.body === "html") return { "text/html": { schema: { type: "string" } } };
  const schema = jsonSchema(response.body, "output");
  const examples = response.errors?.map(([code, message]) => [code, { value: { error: { code, message } } }]);
  return { "application/json": { schema, ...(examples ? { examples: Object.fromEntries(examples) } : {}) } };
}

function operationObject(op: Operation) {
  const parameters = Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: "query",
    required: false,
    description: z.globalRegistry.get(schema)?.description,
    schema: jsonSchema(schema, "input"),
  }));
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    operationId: op.method + op.path.replace(/[^a-z]+(.)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase()),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(op.responses).map(([status, response]) => [status, { description: response.description, content: content(response) }]),
    ),
  };
}

/** The document served at /openapi.json. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: {
      title: "Impostor Hunt Edge API",
      version: "1.0.0",
      description:
        "Tells which of two versions of a text is the authentic one, with a pairwise linear model. " +
        "Every error answers { error: { code, message, details? } }.",
    },
    paths,
  };
}
