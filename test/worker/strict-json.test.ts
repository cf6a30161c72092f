import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, MAX_JSON_KEYS, MAX_JSON_VALUES } from "../../src/worker/limits.js";
import { scanJson, threeByteSequences } from "../../src/worker/middleware/strict-json.js";
import { escapedJson, unitEscape } from "../fixtures/texts.js";
import { BASE, errorOf, postJson } from "./request.js";

describe("strict JSON bodies: each refusal has its status and code", () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth - 1)}{"text1":"a","text2":"b"}${"}".repeat(depth - 1)}`;

  it.each([
    ["an empty body", "", 400, "malformed_json"],
    ["a byte-order mark only", "\ufeff", 400, "malformed_json"],
    ["trailing garbage", '{"text1":"a","text2":"b"} x', 400, "malformed_json"],
    ["a raw control character in a string", '{"text1":"a\u0001","text2":"b"}', 400, "malformed_json"],
    ["a bad escape", '{"text1":"\\x41","text2":"b"}', 400, "malformed_json"],
    ["nesting one level too deep", nested(MAX_JSON_DEPTH + 1), 400, "json_too_deep"],
    ["a body-limit's worth of open brackets", "[".repeat(MAX_BODY_BYTES), 400, "json_too_deep"],
    ["an object with one key too many", `{${Array.from({ length: MAX_JSON_KEYS + 1 }, (_, i) => `"k${i}":0`).join(",")}}`, 400, "too_many_keys"],
    ["a body-limit's worth of keys", `{${Array.from({ length: MAX_BODY_BYTES / 10 }, (_, i) => `"${i}":0`).join(",")}}`, 400, "too_many_keys"],
    ["one array item too many", `{"text1":"a","x":[${Array(MAX_JSON_VALUES - 1).fill(0).join(",")}]}`, 400, "too_many_values"],
    ["one object member too many, in sibling objects", `[${Array.from({ length: MAX_JSON_VALUES / 4 + 1 }, (_, i) => `{"a":${i},"b":"c","d":[]}`).join(",")}]`, 400, "too_many_values"],
    ["a body-limit's worth of empty objects", `{"pairs":[${Array(MAX_BODY_BYTES / 4).fill("{}").join(",")}]}`, 400, "too_many_values"],
    ["a duplicate key", '{"text1":"a","text2":"b","text1":"c"}', 400, "duplicate_key"],
    ["a duplicate key spelled with an escape", '{"text1":"a","text2":"b","text\\u0031":"c"}', 400, "duplicate_key"],
    ["a duplicate key inside a nested object", '{"text1":"a","text2":"b","x":{"k":1,"k":2}}', 400, "duplicate_key"],
    ["a lone high surrogate", '{"text1":"a\\ud800","text2":"b"}', 422, "lone_surrogate"],
    ["a lone low surrogate", '{"text1":"a","text2":"\\udfff b"}', 422, "lone_surrogate"],
    ["two high surrogates", '{"text1":"\\ud800\\ud800","text2":"b"}', 422, "lone_surrogate"],
    ["a reversed pair", '{"text1":"\\udc00\\ud800","text2":"b"}', 422, "lone_surrogate"],
    ["a NUL escape", '{"text1":"a\\u0000b","text2":"b"}', 422, "nul_character"],
    ["a NUL in a key", '{"text1":"a","text2":"b","\\u0000":1}', 422, "nul_character"],
    ["a string", '"text"', 422, "invalid_request"],
    ["a number", "42", 422, "invalid_request"],
    ["true", "true", 422, "invalid_request"],
    ["numbers for texts", '{"text1":1,"text2":2}', 422, "invalid_request"],
    ["an array for a text", '{"text1":["a"],"text2":"b"}', 422, "invalid_request"],
    ["null for a text", '{"text1":null,"text2":"b"}', 422, "invalid_request"],
  ])("%s", async (_, body, status, code) => {
    const response = await postJson("/predict", body);
    expect(response.status).toBe(status);
    expect((await errorOf(response)).code).toBe(code);
  });

  it("refuses a body that is not UTF-8", async () => {
    for (const bytes of [[0x7b, 0xff, 0x7d], [0x22, 0xed, 0xa0, 0x80, 0x22] /* an encoded surrogate */, [0xc0, 0xaf]]) {
      const response = await SELF.fetch(`${BASE}/predict`, { method: "POST", headers: { "Content-Type": "application/json" }, body: new Uint8Array(bytes) });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe("malformed_json");
    }
  });

  it.each([
    ["nesting at the limit (unknown fields are refused by the schema afterwards)", nested(MAX_JSON_DEPTH), 422],
    ["surrogate pairs, escaped and raw", '{"text1":"\\ud83d\\ude00 😀","text2":"b"}', 200],
    ["the same key in sibling objects", '[{"k":1},{"k":2}]', 422],
    ["the most array items and object members allowed", `{"text1":"a","x":[${Array(MAX_JSON_VALUES - 2).fill("[]").join(",")}]}`, 422],
    ["objects with the most keys allowed", `[${Array(3).fill(`{${Array.from({ length: MAX_JSON_KEYS }, (_, i) => `"k${i}":0`).join(",")}}`).join(",")}]`, 422],
    ["escaped quotes and backslashes", '{"text1":"a\\"b\\\\","text2":"\\\\\\""}', 200],
    ["a leading byte-order mark", '\ufeff{"text1":"a","text2":"b"}', 200],
  ])("accepts %s", async (_, body, status) => {
    const response = await postJson("/predict", body);
    expect(response.status).toBe(status);
  });
});

describe("scanJson", () => {
  it("finds nothing in what JSON.stringify writes from well-formed strings without NUL", () => {
    const wellFormed = fc.string({ unit: "binary" }).filter((s) => !s.includes("\0"));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, wellFormed, fc.double(), fc.boolean(), fc.constant(null), fc.array(tie("node")), fc.dictionary(wellFormed, tie("node"))),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(scanJson(JSON.stringify(v), 64).problem).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it("finds a duplicate however the keys are spelled", () => {
    const key = fc.string({ unit: "binary", minLength: 1 }).filter((s) => !s.includes("\0"));
    fc.assert(
      fc.property(fc.uniqueArray(key, { minLength: 1, maxLength: 8 }), fc.nat(), (keys, pick) => {
        const repeated = keys[pick % keys.length]!;
        const text = `{${keys.map((k) => `${JSON.stringify(k)}:0`).join(",")},${escapedJson(repeated)}:1}`;
        expect(JSON.parse(text)).toBeTypeOf("object");
        expect(scanJson(text).problem?.code).toBe("duplicate_key");
      }),
      { numRuns: 300 },
    );
  });

  it("finds every lone surrogate that JSON.stringify escapes", () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u));
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), lone, fc.string({ unit: "binary" }), (before, surrogate, after) => {
        // "binary" units are whole code points, so the inserted surrogate stays lone.
        const { problem } = scanJson(JSON.stringify({ s: before + surrogate + after }));
        expect(problem?.code).toBe(before.includes("\0") ? "nul_character" : "lone_surrogate");
      }),
      { numRuns: 300 },
    );
  });

  it("finds NUL escaped in any string, and leaves a raw one to JSON.parse, whose syntax error it is", () => {
    const plain = fc.string({ unit: "binary" }).map((s) => s.replace(/["\\\0-\x1f]/g, "").replace(/[\ud800-\udfff]/g, ""));
    fc.assert(
      fc.property(plain, plain, fc.boolean(), (before, after, asKey) => {
        const json = (nul: string) => (asKey ? `{"a":"${before}","${before}${nul}${after}":1}` : `{"s":[1,"${after}","${before}${nul}${after}"]}`);
        expect(scanJson(json("\\u0000")).problem?.code).toBe("nul_character");
        expect(JSON.parse(json(""))).toBeTypeOf("object");
        expect(() => JSON.parse(json("\0"))).toThrow(SyntaxError);
      }),
      { numRuns: 300 },
    );
  });

  it("counts the escapes of code units outside ASCII in keys and values, and no other unit", () => {
    const text = fc.string({ unit: "binary" });
    const escapeOutsideAscii = (json: string, pick: (k: number) => boolean) => {
      let k = 0, escapes = 0;
      const written = json.replace(/[^\x00-\x7f]/g, (u) => (pick(k++) ? (escapes++, unitEscape(u)) : u));
      return { written, escapes };
    };
    fc.assert(
      fc.property(fc.dictionary(text, fc.array(text, { maxLength: 3 })), fc.func(fc.boolean()), (v, pick) => {
        const strings = Object.entries(v).flat(2);
        // JSON.stringify escapes lone surrogates itself.
        const lone = strings.reduce((sum, s) => sum + [...s].filter((u) => u.length === 1 && (u.charCodeAt(0) & 0xf800) === 0xd800).length, 0);
        const { written, escapes } = escapeOutsideAscii(JSON.stringify(v), pick);
        expect(scanJson(written, 64, 1 << 20, 1 << 20).nonAsciiEscapes).toBe(escapes + lone);
      }),
      { numRuns: 300 },
    );
  });

  it("finds every lone surrogate written as it is, in a text that did not come from UTF-8", () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u));
    const plain = fc.string({ unit: "binary" }).map((s) => s.replace(/["\\\0]/g, ""));
    fc.assert(
      fc.property(plain, lone, plain, fc.boolean(), (before, surrogate, after, asKey) => {
        const string = `"${before}${surrogate}${after}"`;
        expect(scanJson(asKey ? `{${string}:1}` : `{"s":[1,${string}]}`).problem?.code).toBe("lone_surrogate");
        expect(scanJson(`{"s":"${before}\ud83d\ude00${after}"}`).problem).toBeUndefined(); // a pair is no lone surrogate
      }),
      { numRuns: 300 },
    );
  });
});

describe("threeByteSequences", () => {
  it("counts the lead bytes of three-byte sequences (0xE0 to 0xEF), at any alignment", () => {
    const byte = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0xe0, max: 0xef }), fc.integer({ min: 0x80, max: 0xff }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 64 }), fc.nat(7), (values, offset) => {
        const bytes = new Uint8Array(values.length + 8).subarray(offset, offset + values.length);
        bytes.set(values);
        expect(threeByteSequences(bytes)).toBe(values.filter((b) => b >= 0xe0 && b <= 0xef).length);
      }),
      { numRuns: 1000 },
    );
  });
});
