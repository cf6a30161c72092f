/**
 * The fuzz properties, run inside workerd against one transport: whatever arrives, the answer is a
 * documented status with the JSON error shape (or a consistent prediction), never a 500, never a
 * hang; HEAD answers as GET; and with a token set, the right token gets the open API's answers.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ErrorCode } from "../../src/worker/errors.js";
import { MAX_TEXT_LENGTH } from "../../src/worker/limits.js";
import { clientPair } from "../fixtures/arbitraries.js";
import { BASE } from "./request.js";

/** Sends one request to the Worker. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

const HANG_MS = 10_000;

const CODES: Record<ErrorCode, number[]> = {
  malformed_json: [400],
  json_too_deep: [400],
  duplicate_key: [400],
  too_many_keys: [400],
  too_many_values: [400],
  lone_surrogate: [422],
  nul_character: [422],
  unauthorized: [401],
  not_found: [404],
  method_not_allowed: [405],
  body_too_large: [413],
  text_too_long: [413],
  too_many_pairs: [413],
  unsupported_media_type: [415],
  invalid_request: [422],
  rate_limited: [429],
  internal_error: [], // documented, and never expected
};

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** Sends a request, failing on a hang, and checks the answer against the documented shapes. */
async function send(transport: Transport, path: string, init: RequestInit = {}): Promise<Answer> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${HANG_MS} ms`)), HANG_MS)));
  const response = await Promise.race([transport(`${BASE}${path}`, init), hang]).finally(() => clearTimeout(timer));
  const text = await response.text();
  const { status, headers } = response;
  expect(headers.get("X-Request-Id")).toBeTruthy();
  if (status === 204 || init.method === "HEAD") return { status, headers, text, body: undefined };
  if (headers.get("Content-Type")?.startsWith("text/html")) {
    expect(status).toBe(200); // the demo and docs pages; every error is JSON
    return { status, headers, text, body: text };
  }
  const body: unknown = JSON.parse(text);
  if (status >= 400) {
    const error = (body as { error: { code: ErrorCode; message: string } }).error;
    expect(error.message).toBeTypeOf("string");
    expect(CODES[error.code], `${status} ${error.code}`).toContain(status);
  } else {
    expect(status).toBe(200);
  }
  return { status, headers, text, body };
}

interface PredictionBody {
  real_text_id: number;
  probability_text1_real: number;
  confidence: number;
  score: number;
  tie: boolean;
}

/** A successful answer whose fields agree with each other and with the sign of the score. */
function expectPrediction(answer: Answer) {
  expect(answer.status).toBe(200);
  const { real_text_id, probability_text1_real: p, confidence, score, tie } = answer.body as PredictionBody;
  expect(score).toBeTypeOf("number");
  expect(p).toBeGreaterThanOrEqual(0);
  expect(p).toBeLessThanOrEqual(1);
  // The probability is on the score's side of 1/2 (it rounds to 1/2 for a score near 0).
  expect(score > 0 ? p >= 0.5 : score < 0 ? p <= 0.5 : p === 0.5, `p ${p} for score ${score}`).toBe(true);
  expect(real_text_id).toBe(score < 0 ? 2 : 1);
  expect(tie).toBe(score === 0);
  expect(confidence).toBe(Math.max(p, 1 - p));
}

/** A string of any UTF-16 code units: whole code points from all planes, and lone surrogates. */
const anyUnits = fc
  .array(fc.oneof(fc.string({ unit: "binary", maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u))), { maxLength: 12 })
  .map((parts) => parts.join(""));
const hasLoneSurrogate = (s: string) => /[\ud800-\udfff]/u.test(s); // with /u, a proper pair is one code point, never matched

const method = fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"); // workerd refuses others
const path = fc.oneof(
  fc.constantFrom("/predict", "/health", "/model_info", "/", "/docs", "/openapi.json", "/predict/", "//predict", "/PREDICT", "/predict/batch"),
  fc.webPath(),
  fc.array(fc.string({ unit: "binary", maxLength: 6 }).map(encodeURIComponent), { maxLength: 4 }).map((parts) => `/${parts.join("/")}`),
);
const headerValue = fc.oneof(fc.string(), fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "Bearer x", "*"));
const headers = fc.dictionary(
  fc.constantFrom("Content-Type", "Authorization", "X-Request-Id", "Origin", "CF-Connecting-IP", "Accept", "Access-Control-Request-Method", "X-Anything"),
  headerValue,
);
const body = fc.option(fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), fc.string({ unit: "binary" })), { nil: undefined });
const request = fc
  .record({ method, path, headers, body })
  .map(({ method, path, headers, body }) => ({ method, path, headers, ...(method !== "GET" && method !== "HEAD" && body !== undefined ? { body } : {}) }));
/** Well-formed predictions, single and batched, so that the token pass compares successful answers too. */
const validRequest = fc.oneof(
  clientPair.map((pair) => ({ method: "POST", path: "/predict", headers: { "Content-Type": "application/json" }, body: JSON.stringify(pair) })),
  fc.array(clientPair, { minLength: 1, maxLength: 3 }).map((pairs) => ({
    method: "POST",
    path: "/predict/batch",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ pairs }),
  })),
);

/** Paths served without a token, as the README documents them. */
const PUBLIC_PATHS = ["/health", "/docs", "/openapi.json", "/"];
function isPublic(path: string): boolean {
  const pathname = new URL(`${BASE}${path}`).pathname;
  let decoded = pathname;
  try {
    decoded = decodeURI(pathname); // the router matches the decoded path
  } catch {}
  return PUBLIC_PATHS.includes(decoded) || decoded.startsWith("/docs/");
}

/** The same request with a fixed X-Request-Id, so that two answers to it can be compared header for header. */
const pinned = (headers: Record<string, string>) => ({ ...headers, "X-Request-Id": "fuzz-compare" });

/** The answer `open` gave, as the Worker with a token set gives it: /health reports the token mode. */
const withTokenMode = (answer: Answer) =>
  (answer.body as { auth?: string } | undefined)?.auth === "open" ? { ...(answer.body as object), auth: "token" } : answer.body;

/** The Worker with API_TOKEN set to `token`, for the fuzz pass that compares it with the open one. */
export interface Guarded {
  transport: Transport;
  token: string;
}

/** Defines the fuzz tests; `total` cases in all, shared out between the properties. */
export function fuzzWorker(transport: Transport, total: number, guarded?: Guarded): void {
  const runs = (share: number) => Math.max(1, Math.round(total * share));
  const timeout = total * 200 + 30_000;
  const postJson = (text: string | Uint8Array) =>
    send(transport, "/predict", { method: "POST", headers: { "Content-Type": "application/json" }, body: text });

  beforeAll(() => {
    vi.spyOn(console, "log").mockImplementation(() => {}); // the per-request log lines
  });
  afterAll(() => vi.restoreAllMocks());

  describe("fuzzing POST /predict", () => {
    it("arbitrary JSON values: 200 exactly when the body is {text1, text2} of clean strings, else a documented 4xx", { timeout }, async () => {
      const clean = (v: unknown) => typeof v === "string" && !v.includes("\0") && !hasLoneSurrogate(v) && v.length <= MAX_TEXT_LENGTH;
      const body = fc.oneof(
        fc.jsonValue(),
        fc.record({ text1: fc.jsonValue(), text2: fc.jsonValue() }),
        fc.record({ text1: fc.string(), text2: fc.string() }, { requiredKeys: [] }),
        fc.dictionary(fc.constantFrom("text1", "text2", "text3", "__proto__", "constructor"), fc.jsonValue()),
      );
      await fc.assert(
        fc.asyncProperty(body, async (value) => {
          const answer = await postJson(JSON.stringify(value));
          const o = value as Record<string, unknown>;
          const valid = typeof value === "object" && value !== null && !Array.isArray(value) &&
            Object.keys(o).sort().join() === "text1,text2" && clean(o.text1) && clean(o.text2);
          if (valid) expectPrediction(answer);
          else expect(answer.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: runs(0.25) },
      );
    });

    it("strings from all planes with lone surrogates as JSON escapes: 200, or exactly lone_surrogate / nul_character", { timeout }, async () => {
      await fc.assert(
        fc.asyncProperty(anyUnits, anyUnits, async (text1, text2) => {
          const json = JSON.stringify({ text1, text2 }); // writes lone surrogates as \udxxx escapes
          const answer = await postJson(json);
          const lone = hasLoneSurrogate(text1) || hasLoneSurrogate(text2);
          const nul = text1.includes("\0") || text2.includes("\0");
          if (!lone && !nul) return expectPrediction(answer);
          expect(answer.status).toBe(422);
          const code = (answer.body as { error: { code: string } }).error.code;
          // With both in one body, the first one in the text is reported.
          expect(lone && nul ? ["lone_surrogate", "nul_character"] : [lone ? "lone_surrogate" : "nul_character"]).toContain(code);
        }),
        { numRuns: runs(0.29) },
      );
    });

    it("long texts of code points that lower case or NFC make longer or change, repeated: 200", { timeout }, async () => {
      // Thousands of units, so that the hashing's scratch space must grow; İ is two units in lower case, U+0344 two in NFC, U+FB2C three.
      const part = fc.oneof(fc.constantFrom("İ", "\u0344", "\ufb2c", "\u0390", "ǅ", "Σ", "\u212b", "e\u0301", "😀", "a "), anyUnits);
      const longText = fc
        .tuple(fc.array(part, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1_000, max: 12_000 }))
        .map(([parts, length]) => {
          const unit = parts.join("").replace(/[\0\ud800-\udfff]/gu, "") || "a";
          return unit.repeat(Math.ceil(length / unit.length));
        });
      await fc.assert(
        fc.asyncProperty(longText, longText, async (text1, text2) => expectPrediction(await postJson(JSON.stringify({ text1, text2 })))),
        { numRuns: runs(0.01) },
      );
    });

    it("random bytes: never a 500", { timeout }, async () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 256 }),
        fc.string({ unit: "binary" }).map((s) => new TextEncoder().encode(`{"text1":"${s}","text2":"b"}`)),
      );
      await fc.assert(
        fc.asyncProperty(bytes, async (body) => {
          const answer = await postJson(body);
          expect([200, 400, 413, 422]).toContain(answer.status);
        }),
        { numRuns: runs(0.2) },
      );
    });
  });

  describe("fuzzing methods, paths and headers", () => {
    it("every answer is documented", { timeout }, async () => {
      await fc.assert(
        fc.asyncProperty(request, async ({ path, ...init }) => {
          const answer = await send(transport, path, init);
          expect(answer.status).not.toBe(500);
        }),
        { numRuns: runs(0.25) },
      );
    });

    it("HEAD answers as GET does on the GET routes: same status and headers, no body", { timeout }, async () => {
      const getRoute = fc.constantFrom("/health", "/model_info", "/openapi.json", "/", "/docs");
      await fc.assert(
        fc.asyncProperty(getRoute, headers, async (path, headers) => {
          const get = await send(transport, path, { method: "GET", headers: pinned(headers) });
          const head = await send(transport, path, { method: "HEAD", headers: pinned(headers) });
          expect(head.status).toBe(get.status);
          expect([...head.headers]).toEqual([...get.headers]);
          expect(head.text).toBe("");
        }),
        { numRuns: runs(0.05) },
      );
    });
  });

  if (!guarded) return;
  describe("fuzzing with API_TOKEN set", () => {
    it("the right token gets the open API's answers; without it, 401 but on public paths and preflights", { timeout }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(request, validRequest), async ({ path, headers, ...init }) => {
          const open = await send(transport, path, { ...init, headers: pinned(headers) });

          const bearer = `Bearer ${guarded.token}`;
          const authorized = await send(guarded.transport, path, { ...init, headers: { ...pinned(headers), Authorization: bearer } });
          expect(authorized.status).toBe(open.status);
          expect(authorized.body).toEqual(withTokenMode(open));

          const anonymous = await send(guarded.transport, path, { ...init, headers: pinned(headers) }); // any Authorization it has is wrong
          if (init.method === "OPTIONS" || isPublic(path)) {
            expect(anonymous.status).toBe(open.status);
            expect(anonymous.body).toEqual(withTokenMode(open));
          } else {
            expect(anonymous.status).toBe(401);
            if (init.method !== "HEAD") expect((anonymous.body as { error: { code: string } }).error.code).toBe("unauthorized");
          }
        }),
        { numRuns: runs(0.1) },
      );
    });
  });
}
