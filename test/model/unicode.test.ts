/**
 * The extractor's code point classes come from a generated table (unicode-classes.ts): it must give
 * every code point the class the Unicode property regexes give it.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CASED, CASE_IGNORABLE, CHANGES_WHEN_LOWERCASED, CONTROL, DIGIT, LATIN, LETTER, MARK, PUNCT, UPPER, classOf, isAscii, nonAsciiLength } from "../../src/model/unicode.js";
import { classPages, propertyClass } from "../../src/model/unicode-properties.js";
import { UNICODE_VERSION } from "../../src/model/unicode-classes.js";

describe("classOf", () => {
  it("gives every code point the class of the property regexes", () => {
    // A runtime of another Unicode version may not assign what the table's does, or the reverse (CONTROL alone is unassigned).
    const sameVersion = process.versions.unicode === UNICODE_VERSION;
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      const [table, regexes] = [classOf(cp), propertyClass(cp)];
      if (table !== regexes && (sameVersion || (table !== CONTROL && regexes !== CONTROL))) wrong.push(`U+${cp.toString(16)}: ${table} not ${regexes}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it("knows letters, case, scripts, numbers, punctuation, marks and controls", () => {
    expect(classOf(0x41)).toBe(LETTER | UPPER | LATIN | CHANGES_WHEN_LOWERCASED | CASED); // A
    expect(classOf(0x436)).toBe(LETTER | CASED); // ж
    expect(classOf(0x5d0)).toBe(LETTER); // א, without case
    expect(classOf(0x1d400)).toBe(LETTER | UPPER | CASED); // 𝐀, astral, which has no lower case
    expect(classOf(0x216b)).toBe(DIGIT | LATIN | CHANGES_WHEN_LOWERCASED | CASED); // Ⅻ, a capital that is no letter
    expect(classOf(0x2e)).toBe(PUNCT | CASE_IGNORABLE); // the full stop, skipped when a Σ looks for its word's end
    expect(classOf(0x661)).toBe(DIGIT); // Arabic-Indic one
    expect(classOf(0x2014)).toBe(PUNCT); // em dash
    expect(classOf(0x301)).toBe(MARK | CASE_IGNORABLE); // combining acute
    expect(classOf(0xdc00)).toBe(CONTROL); // a lone surrogate
    expect(classOf(0x10ffff)).toBe(CONTROL); // unassigned
  });
});

describe("NFC below U+0300", () => {
  // What hashing.ts' nfc relies on to normalize a text only from the unit before its first one from U+0300 on.
  it("changes no code point below U+0300, and joins none of them to another", () => {
    const below = Array.from({ length: 0x300 }, (_, cp) => String.fromCharCode(cp));
    const changed = below.flatMap((a) => below.map((b) => a + b)).filter((pair) => pair.normalize("NFC") !== pair);
    expect(changed).toEqual([]);
    expect("e\u0301".normalize("NFC")).toBe("\u00e9"); // the unit before the first from U+0300 on is joined
  });
});

describe("classPages", () => {
  it("gives each block a page of its classes as characters, and blocks of the same classes one page", () => {
    const classes = (cp: number) => (cp < 0x100 ? cp & 1 : cp === 0x345 ? 64 : 7);
    const { blocks, pages } = classPages(classes);
    const page = (k: number) => [...pages.slice(k << 8, (k + 1) << 8)].map((ch) => ch.charCodeAt(0) - 0x30);
    expect(blocks.slice(0, 5)).toEqual([0, 1, 1, 2, 1]);
    expect(new Set(blocks.slice(5))).toEqual(new Set([1]));
    expect(pages).toHaveLength(3 << 8);
    expect(page(0).slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(new Set(page(1))).toEqual(new Set([7]));
    expect(page(2)[0x45]).toBe(64);
  });
});

describe("isAscii", () => {
  it("is true exactly for texts all ASCII, which NFC leaves unchanged (segments skip normalizing them)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 300 }), fc.nat(), fc.integer({ min: 0x80, max: 0xffff }), (text, at, unit) => {
        expect(isAscii(text)).toBe(true);
        expect(text.normalize("NFC")).toBe(text);
        const i = at % (text.length + 1);
        expect(isAscii(text.slice(0, i) + String.fromCharCode(unit) + text.slice(i))).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe("nonAsciiLength", () => {
  it("counts the code units outside ASCII", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(nonAsciiLength(text)).toBe([...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x7f ? ch.length : 0), 0));
      }),
      { numRuns: 1000 },
    );
    expect(nonAsciiLength("plain ascii")).toBe(0);
    expect(nonAsciiLength("é😀 ж")).toBe(4);
  });
});
