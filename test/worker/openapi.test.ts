import { env, SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { app } from "../../src/worker/app.js";
import { ERRORS, type ErrorCode } from "../../src/worker/errors.js";
import { MAX_BATCH_BODY_BYTES, MAX_BATCH_PAIRS, MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_JSON_KEYS, MAX_JSON_VALUES, MAX_TEXT_LENGTH } from "../../src/worker/limits.js";
import { errorsOf, openApiDocument, operations } from "../../src/worker/openapi.js";
import { errorBodySchema } from "../../src/worker/responses.js";
import * as z from "../../src/zod.js";
import { BASE, postJson } from "./request.js";

type Operation = (typeof operations)[number];

const document = openApiDocument();

/** The headers the document lists for an operation's answer with this status. */
function documentedHeaders(op: Operation, status: number): string[] {
  const response = (document.paths[op.path]![op.method] as { responses: Record<number, { headers: object }> }).responses[status];
  return Object.keys(response?.headers ?? {});
}

/** Calls the app with some bindings replaced; getters are kept, so a binding can throw when read. */
function call(bindings: object, path: string, init: RequestInit): Promise<Response> {
  const environment = Object.defineProperties({ ...env }, Object.getOwnPropertyDescriptors(bindings));
  return Promise.resolve(app.request(`${BASE}${path}`, init, environment));
}

const json = (body: string, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json", ...headers },
  body,
});

/** The request the operation answers 200, from its documented request example. */
function okRequest(op: Operation, headers: Record<string, string> = {}): RequestInit {
  if (!op.body) return { headers };
  return json(JSON.stringify((z.globalRegistry.get(op.body)?.examples as unknown[])[0]), headers);
}

const TOKEN = "openapi-test-token";

/** A request that makes the Worker refuse the operation with `code`: the bindings it runs with, and the request. */
function trigger(op: Operation, code: ErrorCode): [bindings: object, init: RequestInit] {
  const batch = op.path === "/predict/batch";
  const pair = { text1: "a", text2: "b" };
  // The documented examples name the fourth pair of a batch (pairs.3.*).
  const body = (last: object) => JSON.stringify(batch ? { pairs: [pair, pair, pair, last] } : last);
  switch (code) {
    case "unauthorized":
      return [{ API_TOKEN: TOKEN }, okRequest(op, { Authorization: "Bearer not-the-token" })];
    case "rate_limited":
      return [{ RATE_LIMITER: { limit: async () => ({ success: false }) } }, okRequest(op)];
    case "internal_error":
      return [{ get ALLOWED_ORIGINS(): string { throw new Error("injected fault"); } }, okRequest(op)];
    case "method_not_allowed":
      return [{}, { method: "DELETE" }];
    case "unsupported_media_type":
      return [{}, { method: "POST", headers: { "Content-Type": "text/plain" }, body: "{}" }];
    case "malformed_json":
      return [{}, json("")];
    case "json_too_deep":
      return [{}, json("[".repeat(MAX_JSON_DEPTH + 1))];
    case "too_many_keys":
      return [{}, json(JSON.stringify(Object.fromEntries(Array.from({ length: MAX_JSON_KEYS + 1 }, (_, i) => [`k${i}`, i]))))];
    case "too_many_values":
      return [{}, json(JSON.stringify({ text1: "a", text2: "b", x: Array(MAX_JSON_VALUES).fill(0) }))];
    case "duplicate_key":
      return [{}, json('{"text1":"a","text1":"b"}')];
    case "lone_surrogate":
      return [{}, json('{"text1":"ab\\ud800","text2":"b"}')];
    case "nul_character":
      return [{}, json('{"text1":"ab\\u0000","text2":"b"}')];
    case "body_too_large":
      return [{}, json(" ".repeat((batch ? MAX_BATCH_BODY_BYTES : MAX_BODY_BYTES) + 1))];
    case "text_too_long":
      return [{}, json(body({ text1: "x".repeat(MAX_TEXT_LENGTH + 1), text2: "b" }))];
    case "invalid_request":
      return [{}, json(body({ text1: "a" }))];
    case "too_many_pairs":
      return [{}, json(JSON.stringify({ pairs: Array(MAX_BATCH_PAIRS + 1).fill(pair) }))];
    case "not_found":
      throw new Error(`${code} belongs to no operation`);
  }
}

afterEach(() => vi.restoreAllMocks());

describe("GET /openapi.json", () => {
  it("serves the document built from the schemas (validated in test/node/openapi.test.ts)", async () => {
    const response = await SELF.fetch(`${BASE}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(await response.json()).toEqual(document);
  });

  it("documents exactly the routes the app serves", () => {
    const served = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`));
    const documented = new Set(operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    expect(documented).toEqual(served);
  });

  it("describes the successful answers the Worker really gives, with their headers", async () => {
    for (const op of operations) {
      const ok = await SELF.fetch(BASE + op.path, okRequest(op));
      expect(ok.status, op.path).toBe(200);
      for (const name of documentedHeaders(op, 200)) expect(ok.headers.get(name), `${op.path} ${name}`).toBeTruthy();
      const success = op.ok.body;
      if (success === "html") expect(ok.headers.get("Content-Type")).toContain("text/html");
      else success.parse(await ok.json());
    }
    const invalid = await postJson("/predict", { text1: "a" });
    expect(invalid.status).toBe(422);
    errorBodySchema.parse(await invalid.json());
  });

  it("documents each error with the message, status and headers the Worker answers when it happens", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {}); // the injected faults' log lines
    for (const op of operations) {
      for (const [code, message] of errorsOf(op)) {
        const [bindings, init] = trigger(op, code);
        const response = await call(bindings, op.path, init);
        const where = `${op.method.toUpperCase()} ${op.path} ${code}`;
        expect(response.status, where).toBe(ERRORS[code].status);
        expect(errorBodySchema.parse(await response.json()).error, where).toMatchObject({ code, message });
        for (const name of documentedHeaders(op, response.status)) expect(response.headers.get(name), `${where} ${name}`).toBeTruthy();
      }
    }
  });

  it("marks exactly the operations that need the bearer token when auth is on", async () => {
    for (const op of operations) {
      const response = await call({ API_TOKEN: TOKEN }, op.path, okRequest(op));
      const secured = (document.paths[op.path]![op.method] as { security?: unknown }).security !== undefined;
      expect(response.status, op.path).toBe(secured ? 401 : 200);
    }
  });
});
