/**
 * The extractor's code point classes come from a generated table (unicode-classes.ts): it must give
 * every code point the class the Unicode property regexes give it.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CASED, CASE_IGNORABLE, CHANGES_WHEN_LOWERCASED, CONTROL, DIGIT, LATIN, LETTER, MARK, NFC_UNSTABLE, PUNCT, UPPER, classOf, isAscii, nonAsciiLength } from "../../src/model/unicode.js";
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
    const bitsOf = (cp: number) => classOf(cp) & ~NFC_UNSTABLE;
    expect(bitsOf(0x41)).toBe(LETTER | UPPER | LATIN | CHANGES_WHEN_LOWERCASED | CASED); // A
    expect(bitsOf(0x436)).toBe(LETTER | CASED); // ж
    expect(bitsOf(0x5d0)).toBe(LETTER); // א, without case
    expect(bitsOf(0x1d400)).toBe(LETTER | UPPER | CASED); // 𝐀, astral, which has no lower case
    expect(bitsOf(0x216b)).toBe(DIGIT | LATIN | CHANGES_WHEN_LOWERCASED | CASED); // Ⅻ, a capital that is no letter
    expect(bitsOf(0x2e)).toBe(PUNCT | CASE_IGNORABLE); // the full stop, skipped when a Σ looks for its word's end
    expect(bitsOf(0x661)).toBe(DIGIT); // Arabic-Indic one
    expect(bitsOf(0x2014)).toBe(PUNCT); // em dash
    expect(bitsOf(0x301)).toBe(MARK | CASE_IGNORABLE); // combining acute
    expect(bitsOf(0xdc00)).toBe(CONTROL); // a lone surrogate
    expect(bitsOf(0x10ffff)).toBe(CONTROL); // unassigned
  });
});

describe("NFC_UNSTABLE", () => {
  const stable = Array.from({ length: 0x110000 }, (_, cp) => cp).filter((cp) => !(classOf(cp) & NFC_UNSTABLE));
  const text = (cps: number[]) => cps.map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp))).join("");

  it("is on no code point below U+0300, nor on most others", () => {
    expect(stable.slice(0, 0x300)).toEqual(Array.from({ length: 0x300 }, (_, cp) => cp));
    expect(stable.length).toBeGreaterThan(0x100000);
    for (const cp of [0x301, 0x1161, 0x212b, 0x2000, 0xf900]) expect(classOf(cp) & NFC_UNSTABLE, cp.toString(16)).toBe(NFC_UNSTABLE); // a mark, a jamo vowel, singletons
  });

  it("leaves out exactly what makes a text not its own NFC: texts of the other code points are", () => {
    expect(text(stable).normalize("NFC") === text(stable)).toBe(true);
    expect(text([...stable].reverse()).normalize("NFC") === text([...stable].reverse())).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.nat(stable.length - 1), { maxLength: 300 }), (picks) => {
        const s = text(picks.map((k) => stable[k]!));
        expect(s.normalize("NFC")).toBe(s);
      }),
      { numRuns: 2000 },
    );
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
