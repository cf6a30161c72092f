import { describe, expect, it } from "vitest";
import { worstCaseNamed, worstCases } from "../../bench/worst-cases.js";
import { nonAsciiLength } from "../../src/model/unicode.js";
import {
  MAX_BATCH_BODY_BYTES,
  MAX_NON_ASCII_LENGTH,
  MAX_BATCH_PAIRS,
  MAX_BODY_BYTES,
  MAX_EXPLAINED_BATCH_LENGTH,
  MAX_EXPLAINED_BATCH_PAIRS,
  MAX_SEGMENTED_BATCH_LENGTH,
  MAX_SEGMENTED_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
} from "../../src/worker/limits.js";

interface Texts {
  text1: string;
  text2: string;
}

describe("worst cases", () => {
  const cases = worstCases();

  it("are named apart", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it("stay within the documented limits, so that none is refused for its size", () => {
    for (const { name, path, body } of cases) {
      const batch = path.startsWith("/predict/batch");
      expect(new TextEncoder().encode(body).length, name).toBeLessThanOrEqual(batch ? MAX_BATCH_BODY_BYTES : MAX_BODY_BYTES);
      if (name.includes("refused")) continue;
      const parsed = JSON.parse(body) as Texts | { pairs: Texts[] };
      const pairs = "pairs" in parsed ? parsed.pairs : [parsed];
      expect(pairs.length, name).toBeLessThanOrEqual(MAX_BATCH_PAIRS);
      const longest = path.includes("segments") ? MAX_SEGMENTED_TEXT_LENGTH : MAX_TEXT_LENGTH;
      for (const { text1, text2 } of pairs) expect(Math.max(text1.length, text2.length), name).toBeLessThanOrEqual(longest);
      expect(pairs.reduce((sum, p) => sum + nonAsciiLength(p.text1) + nonAsciiLength(p.text2), 0), name).toBeLessThanOrEqual(MAX_NON_ASCII_LENGTH);
      if (batch && path.includes("explain")) {
        expect(pairs.length, name).toBeLessThanOrEqual(MAX_EXPLAINED_BATCH_PAIRS);
        const total = pairs.reduce((sum, p) => sum + p.text1.length + p.text2.length, 0);
        expect(total, name).toBeLessThanOrEqual(path.includes("segments") ? MAX_SEGMENTED_BATCH_LENGTH : MAX_EXPLAINED_BATCH_LENGTH);
      }
    }
  });

  it("are found by their name, or a part of it that names one (bench:profile --case)", () => {
    expect(worstCaseNamed("one giant word").name).toBe("one giant word");
    // The whole name of a case that begins the names of others.
    const plain = `batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body`;
    expect(worstCaseNamed(plain).name).toBe(plain);
    expect(() => worstCaseNamed(plain.slice(0, -1))).toThrow(/names \d+ worst cases, not one/);
    expect(() => worstCaseNamed("emoji")).toThrow(/names [3-9] worst cases, not one: emoji \(astral pairs\);/);
    expect(() => worstCaseNamed("no such case")).toThrow('"no such case" names 0 worst cases, not one');
  });
});
