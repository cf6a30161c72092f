import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, MAX_NON_ASCII_LENGTH, MAX_SEGMENTED_TEXT_LENGTH, MAX_TEXT_LENGTH } from "../../src/worker/limits.js";
import { MAX_ERROR_TEXT } from "../../src/worker/errors.js";
import { unitEscape } from "../fixtures/texts.js";
import { BASE, errorOf, postJson } from "./request.js";

describe("errors share one JSON shape with a stable code", () => {
  it("404 for an unknown route", async () => {
    const response = await SELF.fetch(`${BASE}/nowhere`);
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toMatchObject({ code: "not_found", message: "no route for GET /nowhere" });
  });

  it.each([
    ["GET", "/predict", "POST"],
    ["PUT", "/predict", "POST"],
    ["POST", "/health", "GET, HEAD"],
    ["DELETE", "/model_info", "GET, HEAD"],
  ])("405 for %s %s, with Allow", async (method, path, allow) => {
    const response = await SELF.fetch(`${BASE}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe(allow);
    expect((await errorOf(response)).code).toBe("method_not_allowed");
  });

  it("400 for malformed JSON", async () => {
    const response = await postJson("/predict", '{"text1": "a", ');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).code).toBe("malformed_json");
  });

  it.each([
    ["a missing field", { text1: "a" }, "text2"],
    ["a number for a text", { text1: "a", text2: 5 }, "text2"],
    ["an unknown field", { text1: "a", text2: "b", text3: "c" }, ""],
    ["an array", ["a", "b"], ""],
    ["null", null, ""],
  ])("422 for %s, naming the field", async (_, body, path) => {
    const response = await postJson("/predict", body);
    expect(response.status).toBe(422);
    const error = await errorOf(response);
    expect(error.code).toBe("invalid_request");
    expect(error.details?.[0]?.path).toBe(path);
  });

  it("413 for a text over the length limit, naming it", async () => {
    const response = await postJson("/predict", { text1: "a", text2: "x".repeat(MAX_TEXT_LENGTH + 1) });
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe("text_too_long");
    expect(error.message).toContain("text2");
  });

  it("accepts a text at exactly the length limit", async () => {
    const response = await postJson("/predict", { text1: "a", text2: "x".repeat(MAX_TEXT_LENGTH) });
    expect(response.status).toBe(200);
  });

  it("413 for a text over the segmented limit when explain asks for segments, naming it", async () => {
    const pair = { text1: "x".repeat(MAX_SEGMENTED_TEXT_LENGTH + 1), text2: "b" };
    expect((await postJson("/predict?explain=true", pair)).status).toBe(200);
    const response = await postJson("/predict?explain=all,segments", pair);
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code: "text_too_long", details: [{ path: "text1" }] });
    expect(error.message).toBe(`text1 is longer than ${MAX_SEGMENTED_TEXT_LENGTH} characters, the limit with explain=segments`);
    pair.text1 = "x".repeat(MAX_SEGMENTED_TEXT_LENGTH);
    expect((await postJson("/predict?explain=segments", pair)).status).toBe(200);
  });

  it(`413 for texts holding over ${MAX_NON_ASCII_LENGTH} code units outside ASCII in all, however long their ASCII`, async () => {
    const pair = { text1: `${"ж".repeat(MAX_NON_ASCII_LENGTH / 2)} and ASCII`, text2: "😀".repeat(MAX_NON_ASCII_LENGTH / 4) };
    expect((await postJson("/predict", pair)).status).toBe(200);
    pair.text2 += "é";
    const response = await postJson("/predict", pair);
    expect(response.status).toBe(413);
    expect(await errorOf(response)).toMatchObject({
      code: "text_too_long",
      message: `text1 and text2 hold ${MAX_NON_ASCII_LENGTH + 1} code units outside ASCII, more than the ${MAX_NON_ASCII_LENGTH} a request takes`,
      details: [{ path: "", message: `must hold at most ${MAX_NON_ASCII_LENGTH} code units outside ASCII in all` }],
    });
  });

  it("counts units outside ASCII written as escapes, or in three bytes of UTF-8, toward the same limit", async () => {
    // What the Worker counts only past a bound from the body's bytes: escapes take no more bytes than their length, "中" two more.
    const escaped = (text: string) => JSON.stringify(text).replace(/[^\x00-\x7f]/g, unitEscape);
    const half = MAX_NON_ASCII_LENGTH / 2;
    const body = (more: string) => `{"text1":${escaped(`${"ж".repeat(half / 2)} ${"😀".repeat(half / 4)}${more}`)},"text2":${JSON.stringify("中".repeat(half))}}`;
    expect((await postJson("/predict", body(""))).status).toBe(200);
    const response = await postJson("/predict", body("é"));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).message).toBe(`text1 and text2 hold ${MAX_NON_ASCII_LENGTH + 1} code units outside ASCII, more than the ${MAX_NON_ASCII_LENGTH} a request takes`);
  });

  it("decides the limit outside ASCII at the exact count, whatever units in whatever bytes make it up", async () => {
    // The Worker counts the texts' units only past a bound from the body's bytes; near the limit the bound is the count.
    const units = ["é", "ж", "中", "’", "😀", "\ufeff", "a", " "];
    const outside = (text: string) => text.replace(/[\x00-\x7f]/g, "").length;
    /** Text holding `count` units outside ASCII, repeating `pattern` (with less ASCII than the rest, so that each text stays within the length limit). */
    const textOf = (pattern: string[], count: number) => {
      if (outside(pattern.join("")) === 0) pattern = [...pattern, "é"];
      let text = "", outsideCount = 0;
      for (let k = 0; outsideCount < count; k++) {
        const unit = pattern[k % pattern.length]!;
        const more = outside(unit);
        if (more === 0 && text.length > 1.4 * outsideCount) continue;
        if (outsideCount + more > count) text += "é", outsideCount++; // an emoji would overshoot
        else text += unit, outsideCount += more;
      }
      return text;
    };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 16 }), fc.integer({ min: -2, max: 2 }), fc.func(fc.boolean()), fc.integer({ min: 30, max: 70 }), fc.boolean(), async (pattern, delta, escape, cut, bom) => {
        const text = textOf(pattern, MAX_NON_ASCII_LENGTH + delta);
        const at = Math.floor((text.length * cut) / 100);
        const [text1, text2] = (text.charCodeAt(at) & 0xfc00) === 0xdc00 ? [text.slice(0, at + 1), text.slice(at + 1)] : [text.slice(0, at), text.slice(at)];
        let k = 0;
        const json = (t: string) => JSON.stringify(t).replace(/[^\x00-\x7f]/gu, (c) => (escape(k++) ? c.split("").map(unitEscape).join("") : c));
        const response = await postJson("/predict", `${bom ? "\ufeff" : ""}{"text1":${json(text1)},"text2":${json(text2)}}`);
        expect(response.status).toBe(delta > 0 ? 413 : 200);
        await response.arrayBuffer();
      }),
      { numRuns: 40 },
    );
  });

  it("cuts a message that quotes the request to MAX_ERROR_TEXT, never inside a surrogate pair", async () => {
    for (const key of ["k".repeat(100_000), "😀".repeat(50_000), `a${"😀".repeat(50_000)}`]) {
      const response = await postJson("/predict", `{"text1":"a","text2":"b",${JSON.stringify(key)}:0}`);
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe("invalid_request");
      for (const text of [error.message, ...error.details!.map((d) => d.message)]) {
        expect(text.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);
        expect(text.endsWith("…")).toBe(true);
        expect(text.isWellFormed()).toBe(true);
      }
    }
  });

  it("413 for a body over the size limit", async () => {
    const response = await postJson("/predict", { text1: "a", text2: "x", pad: "y".repeat(MAX_BODY_BYTES) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("body_too_large");
  });

  it.each([["text/plain"], ["application/x-www-form-urlencoded"], [""]])("415 for Content-Type %j", async (type) => {
    const response = await SELF.fetch(`${BASE}/predict`, {
      method: "POST",
      headers: type ? { "Content-Type": type } : {},
      body: JSON.stringify({ text1: "a", text2: "b" }),
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe("unsupported_media_type");
  });
});
