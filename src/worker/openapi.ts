/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate requests and describe
 * responses (z.toJSONSchema), so it cannot drift from what the Worker does. The Worker imports
 * this module only when a request needs it (`import()`, which the bundler evaluates lazily).
 */
import * as z from "../zod.js";
import { ERRORS, type ErrorCode } from "./errors.js";
import { PUBLIC_PATHS } from "./middleware/index.js";
import { RETRY_AFTER_SECONDS } from "./middleware/rate-limit.js";
import {
  MAX_BATCH_BODY_BYTES,
  MAX_BATCH_PAIRS,
  MAX_BODY_BYTES,
  MAX_EXPLAINED_BATCH_LENGTH,
  MAX_EXPLAINED_BATCH_PAIRS,
  MAX_JSON_DEPTH,
  MAX_JSON_KEYS,
  MAX_JSON_VALUES,
  MAX_SEGMENTED_BATCH_LENGTH,
  MAX_SEGMENTED_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
} from "./limits.js";
import {
  batchResponseSchema,
  batchResultSchema,
  deploymentSchema,
  errorBodySchema,
  explanationSchema,
  featureContributionSchema,
  healthResponseSchema,
  modelIdSchema,
  modelInfoResponseSchema,
  predictResponseSchema,
} from "./responses.js";
import { batchRequestSchema, explainQuerySchema, predictRequestSchema } from "./requests.js";

const openApiDocumentSchema = z
  .object({ openapi: z.string(), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) })
  .check(z.meta({ examples: [{ openapi: "3.1.0", info: { title: "Impostor Hunt Edge API", version: "1.0.0" }, paths: {} }] }));

/** The response schemas, under components.schemas by these names; responses and each other refer to them. */
const SCHEMAS = {
  Error: errorBodySchema,
  Model: modelIdSchema,
  Deployment: deploymentSchema,
  FeatureContribution: featureContributionSchema,
  Explanation: explanationSchema,
  PredictResponse: predictResponseSchema,
  BatchResult: batchResultSchema,
  BatchResponse: batchResponseSchema,
  Health: healthResponseSchema,
  ModelInfo: modelInfoResponseSchema,
  OpenApiDocument: openApiDocumentSchema,
};

/** An error an operation can answer with, and an example of its message. */
type ErrorExample = [code: ErrorCode, message: string];

interface Operation {
  method: "get" | "post";
  path: string;
  summary: string;
  description?: string;
  query?: z.ZodMiniObject;
  body?: z.ZodMiniType;
  /** The 200 answer: a zod schema for JSON, or "html" for a page. */
  ok: { description: string; body: z.ZodMiniType | "html" };
  /** Every error it can answer with; the document groups them into responses by their status. */
  errors: ErrorExample[];
}

const notAllowed = (allow: string): ErrorExample => ["method_not_allowed", `DELETE is not allowed here; use ${allow}`];
const internal: ErrorExample = ["internal_error", "internal error"];

/** Errors of every endpoint outside PUBLIC_PATHS: the optional auth and the rate limit run there. */
const guardErrors: ErrorExample[] = [
  ["unauthorized", "the bearer token is not valid"],
  ["rate_limited", `too many requests; retry after ${RETRY_AFTER_SECONDS} seconds`],
];

/** Errors that both prediction endpoints answer with; `path` is where a pair's fields are. */
const predictErrors = (bodyLimit: number, path: string): ErrorExample[] => [
  ["malformed_json", "request body is not valid JSON: Unexpected end of JSON input"],
  ["json_too_deep", `JSON nesting is deeper than ${MAX_JSON_DEPTH} levels`],
  ["duplicate_key", 'duplicate key "text1"'],
  ["too_many_keys", `a JSON object has more than ${MAX_JSON_KEYS} keys`],
  ["too_many_values", `the body holds more than ${MAX_JSON_VALUES} array items and object members`],
  notAllowed("POST"),
  ["body_too_large", `request body exceeds ${bodyLimit} bytes`],
  ["text_too_long", `${path}text1 is longer than ${MAX_TEXT_LENGTH} characters`],
  ["unsupported_media_type", "Content-Type must be application/json"],
  ["invalid_request", `request body does not match the schema: ${path}text2: Invalid input: expected string, received undefined`],
  ["lone_surrogate", "a string contains a lone surrogate at character 12"],
  ["nul_character", "a string contains NUL (U+0000) at character 12"],
  internal,
];

const html = (description: string) => ({ description, body: "html" as const });

/** Every endpoint of the API, in the order the README lists them. */
export const operations: Operation[] = [
  {
    method: "post",
    path: "/predict",
    summary: "Which of two texts is the real one",
    description: `Body at most ${MAX_BODY_BYTES} bytes; each text at most ${MAX_TEXT_LENGTH} UTF-16 code units, ${MAX_SEGMENTED_TEXT_LENGTH} with explain=segments (empty texts are valid).`,
    query: explainQuerySchema,
    body: predictRequestSchema,
    ok: { description: "The judgement.", body: predictResponseSchema },
    errors: predictErrors(MAX_BODY_BYTES, ""),
  },
  {
    method: "post",
    path: "/predict/batch",
    summary: "Score many pairs in one request",
    description:
      `1 to ${MAX_BATCH_PAIRS} pairs, body at most ${MAX_BATCH_BODY_BYTES} bytes, each text at most ${MAX_TEXT_LENGTH} UTF-16 code units, ${MAX_SEGMENTED_TEXT_LENGTH} with explain=segments; ` +
      `with explain, at most ${MAX_EXPLAINED_BATCH_PAIRS} pairs whose texts add up to at most ${MAX_EXPLAINED_BATCH_LENGTH} (${MAX_SEGMENTED_BATCH_LENGTH} with segments), what one /predict explains. ` +
      "Each result equals what /predict answers for that pair, plus its id when one was given.",
    query: explainQuerySchema,
    body: batchRequestSchema,
    ok: { description: "One result per pair, in order.", body: batchResponseSchema },
    errors: [...predictErrors(MAX_BATCH_BODY_BYTES, "pairs.3."), ["too_many_pairs", `pairs holds more than ${MAX_BATCH_PAIRS} pairs`]],
  },
  {
    method: "get",
    path: "/health",
    summary: "Liveness and the model's name",
    ok: { description: "The Worker is up.", body: healthResponseSchema },
    errors: [notAllowed("GET, HEAD"), internal],
  },
  {
    method: "get",
    path: "/model_info",
    summary: "The model, its features and weights, the limits and the endpoints",
    ok: { description: "About the model.", body: modelInfoResponseSchema },
    errors: [notAllowed("GET, HEAD"), internal],
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    ok: { description: "OpenAPI 3.1 document.", body: openApiDocumentSchema },
    errors: [notAllowed("GET, HEAD"), internal],
  },
  {
    method: "get",
    path: "/docs",
    summary: "Interactive API docs (self-contained page)",
    ok: html("HTML page that renders this document with try-it forms."),
    errors: [notAllowed("GET, HEAD")],
  },
  {
    method: "get",
    path: "/",
    summary: "Demo page: paste two texts, see which one is judged real",
    ok: html("Self-contained HTML page."),
    errors: [notAllowed("GET, HEAD")],
  },
];

/** Whether the path is behind the optional auth and the rate limit. */
const guarded = (op: Operation) => !PUBLIC_PATHS.includes(op.path);

/** Every error the operation can answer with, the guard's included. */
export const errorsOf = (op: Operation): ErrorExample[] => (guarded(op) ? [...guardErrors, ...op.errors] : op.errors);

const ids = z.registry<{ id: string }>();
for (const [id, schema] of Object.entries(SCHEMAS)) ids.add(schema, { id });

const ref = (schema: z.ZodMiniType) => ({ $ref: `#/components/schemas/${ids.get(schema)!.id}` });

function jsonSchema(schema: z.core.$ZodType, io: "input" | "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, target: "draft-2020-12" });
  return rest;
}

/** components.schemas: each schema refers to the others by $ref. */
function componentSchemas() {
  const { schemas } = z.toJSONSchema(ids, { io: "output", target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _, $id: __, ...schema }]) => [id, schema]));
}

const HEADERS = {
  "X-Request-Id": {
    description: "The request's id, also in the Worker's log line: the caller's X-Request-Id when it is at most 255 of A-Z a-z 0-9 _ = -, else a new UUID.",
    schema: { type: "string" },
  },
  "WWW-Authenticate": {
    description: 'The Bearer challenge (RFC 6750): realm="" without an Authorization header, error="invalid_request" for a malformed one, error="invalid_token" for an unknown token.',
    schema: { type: "string" },
  },
  Allow: { description: "The methods the path serves.", schema: { type: "string" } },
  "Retry-After": {
    description: "Seconds after which a retry falls in a fresh rate-limit window.",
    schema: { type: "integer", examples: [RETRY_AFTER_SECONDS] },
  },
};

/** The header each status brings besides X-Request-Id, which every answer carries. */
const STATUS_HEADERS: Partial<Record<number, keyof typeof HEADERS>> = { 401: "WWW-Authenticate", 405: "Allow", 429: "Retry-After" };

function headers(status: number) {
  const names = ["X-Request-Id", STATUS_HEADERS[status]].filter((name) => name !== undefined);
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

/**
 * A JSON answer refers to its schema; the examples are repeated on the media object for viewers
 * that do not follow $ref (the /docs page).
 */
function content(body: z.ZodMiniType | "html", examples?: ErrorExample[]) {
  if (body === "html") return { "text/html": { schema: { type: "string" } } };
  const named = examples
    ? examples.map(([code, message]) => [code, { value: { error: { code, message } } }])
    : ((z.globalRegistry.get(body)?.examples as unknown[] | undefined) ?? []).map((value, i) => [`example${i + 1}`, { value }]);
  return { "application/json": { schema: ref(body), examples: Object.fromEntries(named) } };
}

/** The operation's error responses: one per status, listing each code's meaning from ERRORS. */
function errorResponses(errors: ErrorExample[]) {
  const statuses = [...new Set(errors.map(([code]) => ERRORS[code].status))];
  return Object.fromEntries(
    statuses.map((status) => {
      const examples = errors.filter(([code]) => ERRORS[code].status === status);
      const description = examples.map(([code]) => `\`${code}\`: ${ERRORS[code].when}.`).join(" ");
      return [status, { description, headers: headers(status), content: content(errorBodySchema, examples) }];
    }),
  );
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
    ...(guarded(op) ? { security: [{ bearerAuth: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } }
      : {}),
    responses: {
      200: { description: op.ok.description, headers: headers(200), content: content(op.ok.body) },
      ...errorResponses(errorsOf(op)),
    },
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
    // Relative: the document is served by the deployment it describes (local, staging or production).
    servers: [{ url: "/", description: "The Worker that serves this document." }],
    paths,
    components: {
      schemas: componentSchemas(),
      headers: HEADERS,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "A named API key (API_KEYS) or the shared API_TOKEN. A deployment with neither is open: GET /health says which (auth).",
        },
      },
    },
  };
}
