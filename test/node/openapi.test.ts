/**
 * Validates the OpenAPI document with an OpenAPI validator, and every example in it against its
 * own JSON Schema (Ajv, draft 2020-12, resolving the document's $refs). The Worker serves exactly
 * this function's output, and test/worker/openapi.test.ts checks it against the Worker's answers.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { ERRORS } from "../../src/worker/errors.js";
import { PUBLIC_PATHS } from "../../src/worker/middleware/index.js";
import { openApiDocument } from "../../src/worker/openapi.js";

type Media = { schema: object; examples?: Record<string, { value: unknown }> };
type Response = { headers?: Record<string, { $ref: string }>; content: Record<string, Media> };
type Operation = {
  security?: Record<string, string[]>[];
  parameters?: { schema: object }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, Response>;
};

const document = openApiDocument();
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.values(methods).map((op) => ({ path, op: op as Operation })),
);
const media = operations.flatMap(({ op }) => [
  ...Object.values(op.requestBody?.content ?? {}),
  ...Object.values(op.responses).flatMap((r) => Object.values(r.content)),
]);

/** Compiles a schema of the document, its `#/components/...` references resolved. */
function compiler() {
  const ajv = new Ajv2020({ strict: false });
  return (schema: object) => ajv.compile({ ...schema, components: document.components });
}

describe("GET /openapi.json document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has JSON Schemas that compile, and examples that satisfy them", () => {
    const compile = compiler();
    const schemas = [...media, ...Object.values(document.components.schemas).map((schema) => ({ schema }) as Media)];
    for (const { schema, examples: named } of schemas) {
      const validate = compile(schema);
      const values = [...((schema as { examples?: unknown[] }).examples ?? []), ...Object.values(named ?? {}).map((e) => e.value)];
      for (const value of values) {
        expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
      }
    }
    for (const { op } of operations) for (const p of op.parameters ?? []) compile(p.schema);
  });

  it("documents every error code errors.ts has, under the status it maps to", () => {
    const documented = new Set<string>();
    for (const { op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        for (const code of Object.keys(response.content["application/json"]?.examples ?? {})) {
          if (status !== "200") expect(ERRORS[code as keyof typeof ERRORS]?.status, code).toBe(Number(status));
          if (status !== "200") documented.add(code);
        }
      }
    }
    // not_found answers paths the document does not list, so no operation can list it (the README's table does).
    expect([...documented].sort()).toEqual(Object.keys(ERRORS).filter((code) => code !== "not_found").sort());
  });

  it("has an example for every JSON request body and response", () => {
    for (const { op } of operations) {
      const jsons = [...Object.values(op.requestBody?.content ?? {}), ...Object.values(op.responses).map((r) => r.content["application/json"])];
      for (const m of jsons) {
        if (!m) continue;
        const hasExample = Boolean((m.schema as { examples?: unknown[] }).examples?.length || Object.keys(m.examples ?? {}).length);
        expect(hasExample, JSON.stringify(m.schema).slice(0, 200)).toBe(true);
      }
    }
  });

  it("shares the error body and the prediction schemas under components", () => {
    expect(Object.keys(document.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "PredictResponse", "BatchResponse", "BatchResult", "Explanation", "FeatureContribution"]),
    );
    for (const { op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (status !== "200") expect(response.content["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
  });

  it("declares the bearer scheme on every operation but the public paths, and a server", () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    for (const { path, op } of operations) {
      expect(op.security, path).toEqual(PUBLIC_PATHS.includes(path) ? undefined : [{ bearerAuth: [] }]);
      expect("401" in op.responses, path).toBe(!PUBLIC_PATHS.includes(path));
    }
    expect(document.servers).toEqual([expect.objectContaining({ url: "/" })]);
  });

  it("lists X-Request-Id on every response, WWW-Authenticate on 401, Allow on 405 and Retry-After on 429", () => {
    const expected: Record<string, string[]> = { 401: ["WWW-Authenticate"], 405: ["Allow"], 429: ["Retry-After"] };
    for (const { op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        expect(Object.keys(response.headers ?? {})).toEqual(["X-Request-Id", ...(expected[status] ?? [])]);
        for (const { $ref } of Object.values(response.headers ?? {})) {
          expect(document.components.headers).toHaveProperty($ref.replace("#/components/headers/", ""));
        }
      }
    }
  });
});
