/**
 * Validates the OpenAPI document with an OpenAPI validator, and every example in it against its
 * own JSON Schema (Ajv, draft 2020-12). The Worker serves exactly this function's output
 * (test/worker/openapi.test.ts checks that).
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../src/worker/openapi.js";

type Media = { schema: object; examples?: Record<string, { value: unknown }> };
type Operation = {
  parameters?: { schema: object }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content: Record<string, Media> }>;
};

const document = openApiDocument();
const operations = Object.values(document.paths).flatMap((path) => Object.values(path) as Operation[]);
const media = operations.flatMap((op) => [
  ...Object.values(op.requestBody?.content ?? {}),
  ...Object.values(op.responses).flatMap((r) => Object.values(r.content)),
]);

describe("GET /openapi.json document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has JSON Schemas that compile, and examples that satisfy them", () => {
    const ajv = new Ajv2020({ strict: false });
    for (const { schema, examples: named } of media) {
      const validate = ajv.compile(schema);
      const values = [...((schema as { examples?: unknown[] }).examples ?? []), ...Object.values(named ?? {}).map((e) => e.value)];
      for (const value of values) {
        expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
      }
    }
    for (const op of operations) for (const p of op.parameters ?? []) ajv.compile(p.schema);
  });

  it("has an example for every JSON request body and response", () => {
    for (const op of operations) {
      const jsons = [...Object.values(op.requestBody?.content ?? {}), ...Object.values(op.responses).map((r) => r.content["application/json"])];
      for (const m of jsons) {
        if (!m) continue;
        const hasExample = Boolean((m.schema as { examples?: unknown[] }).examples?.length || Object.keys(m.examples ?? {}).length);
        expect(hasExample, JSON.stringify(m.schema).slice(0, 200)).toBe(true);
      }
    }
  });
});
