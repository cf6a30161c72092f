import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MARK_RUN, hashNormalized, hashText, normalizeForHashing, type BucketEnds, type TextBuckets } from "../../src/model/hashing.js";
import { isAscii } from "../../src/model/unicode.js";
import { anyText } from "../fixtures/arbitraries.js";
import { referenceHash } from "../fixtures/reference-hashing.js";
import { englishText } from "../fixtures/texts.js";

const BITS = 20;
const buckets = (text: string) => {
  const h = hashText(text, BITS);
  return { grams: [...h.grams.slice(0, h.gramCount)], words: [...h.words.slice(0, h.wordCount)] };
};

describe("hashText", () => {
  it("keeps the buckets the committed tables were fitted with (known answer)", () => {
    // "a b" padded is "   a b ": 4-grams "   a", "  a ", " a b", "a b "; words "a", "b".
    expect(buckets("A b")).toEqual({ grams: [438067, 498532, 912248, 82034], words: [909620, 910333] });
  });

  it("has one 4-gram per normalized code unit plus the closing pad", () => {
    expect(buckets("").grams).toHaveLength(1);
    expect(buckets("abc").grams).toHaveLength(4);
    expect(buckets("a🚀b").grams).toHaveLength(5); // the emoji is two UTF-16 units
  });

  it("normalizes case, digits, whitespace runs, outer whitespace and composition", () => {
    expect(buckets("Hello \n\t World")).toEqual(buckets("hello world"));
    expect(buckets("in 1999 and 2024")).toEqual(buckets("in 0000 and 0000"));
    expect(buckets("  padded  ")).toEqual(buckets("padded"));
    expect(buckets("cafe\u0301")).toEqual(buckets("caf\u00e9"));
  });

  it("splits words at anything but letters and numbers, keeping astral letters whole", () => {
    expect(buckets("a1b, c-d").words).toHaveLength(3);
    expect(buckets("a🚀b").words).toHaveLength(2);
    expect(buckets("𝒜𝒜 x").words).toHaveLength(2);
    expect(buckets("\ud835 x").words).toHaveLength(1); // a lone surrogate is no letter
    expect(buckets("a b").words[0]).not.toBe(buckets("c b").words[0]);
  });

  it("stays within the table and is deterministic on any string", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const first = buckets(text);
        expect(first.grams.every((b) => b >= 0 && b < 1 << BITS)).toBe(true);
        expect(first.words.every((b) => b >= 0 && b < 1 << BITS)).toBe(true);
        expect(buckets(text)).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});

describe("hashText on a text not yet normalized", () => {
  it("reads every code point, in every case, as normalizeForHashing makes it (all of Unicode)", () => {
    // hashText lower-cases the text itself, a final Σ included, and takes NFC only when it must.
    // Each code point also sits between a Σ and a cased letter, on either side (Final_Sigma).
    const wrong: string[] = [];
    for (let cp = 0x80; cp < 0x110000; cp++) {
      const ch = cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      const text = `${ch}Ab${ch}c ${ch}${ch}.${ch} a${ch}Σ ${ch}Σ aΣ${ch} aΣ${ch}b Σ${ch}`;
      const h = hashNormalized(normalizeForHashing(text), BITS);
      const expected = { grams: [...h.grams.slice(0, h.gramCount)], words: [...h.words.slice(0, h.wordCount)] };
      if (JSON.stringify(buckets(text)) !== JSON.stringify(expected)) wrong.push(`U+${cp.toString(16)}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  }, 120_000); // 1.1 million texts: 16 to 33 s on the 2 shared cores here, over the suite's 30 s when the machine runs slow
});

describe("hashText on a text that lower case makes longer", () => {
  it("keeps every bucket however many İ it reads as two units", () => {
    // 30,000 İ need room for 60,001 buckets: more than any text hashed before in this file, so the scratch space grows for it.
    for (const text of ["İ".repeat(30_000), `Capital İ, ${"İstanbul ".repeat(4_000)}`]) {
      const expected = referenceHash(normalizeForHashing(text), BITS);
      expect(buckets(text)).toEqual({ grams: [...expected.grams.slice(0, expected.gramCount)], words: [...expected.words.slice(0, expected.wordCount)] });
    }
  });
});

describe("normalizeForHashing", () => {
  const nfcLower = (text: string) => text.normalize("NFC").toLowerCase();
  // Texts that NFC changes, or skips, in every way: marks in and out of order (from U+0300, the first), Hangul jamo, singletons, accents, emoji.
  const composing = fc.array(fc.constantFrom("e", "\u0300", "\u0301", "\u0316", "\u0345", "\u1100", "\u1161", "\u11a8", "\u212b", "é", "😀", " ", "ж", "\ud800"), { maxLength: 200 }).map((units) => units.join(""));

  it("is NFC in lower case, the step skipped or not, on any text without a run of more than 30 marks", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, composing), (text) => {
        fc.pre(!new RegExp(`\\p{M}{${MAX_MARK_RUN + 1}}`, "u").test(text));
        expect(normalizeForHashing(text)).toBe(nfcLower(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("puts U+034F after every 30 marks in a row, so that NFC orders them in linear time (UAX #15)", () => {
    const marks = "\u0301\u0316".repeat(25_000); // two combining classes, each out of order after the other
    const safe = normalizeForHashing(`a${marks}`);
    expect(safe).toBe(nfcLower(`a${marks.match(/.{1,30}/gsu)!.join("\u034f")}`));
    expect(safe.match(/\u034f/g)).toHaveLength(Math.ceil(50_000 / 30) - 1);
    expect(normalizeForHashing(`a${marks.slice(0, 30)}b`)).toBe(nfcLower(`a${marks.slice(0, 30)}b`)); // 30 in a row are left alone
    const twoRuns = `a${marks.slice(0, 20)}b${marks.slice(0, 20)}é${marks.slice(0, 20)}`; // any unit that is no mark ends a run
    expect(normalizeForHashing(twoRuns)).toBe(nfcLower(twoRuns));
    const longRun = `${"ж".repeat(40)}${marks.slice(0, 30)}ж${marks.slice(0, 30)}`; // over 30 units past U+0300 in a row, marks looked at one by one
    expect(normalizeForHashing(longRun)).toBe(nfcLower(longRun));
  });

  describe("finds a run of more than 30 marks wherever it lies", () => {
    const streamSafe = (text: string) => text.replace(/\p{M}{31,}/gu, (marks) => marks.match(/.{1,30}/gsu)!.join("\u034f"));

    it("at every offset from the first mark, of every length around 30", () => {
      for (const head of ["", "ab", "a\u0301"])
        for (let gap = 0; gap < 70; gap++)
          for (let length = 29; length <= 33; length++) {
            const text = `${head}\u0301${"a".repeat(gap)}${"\u0301\u0316".repeat(17).slice(0, length)}a`;
            expect(normalizeForHashing(text)).toBe(nfcLower(streamSafe(text)));
          }
    });

    it("among any units past U+0300", () => {
      const units = fc.array(fc.constantFrom("a", " ", "é", "ж", "😀", "\u0301"), { maxLength: 80 }).map((parts) => parts.join(""));
      const run = fc.array(fc.constantFrom("\u0301", "\u0316"), { minLength: 25, maxLength: 40 }).map((marks) => marks.join(""));
      fc.assert(
        fc.property(units, run, units, (before, marks, after) => {
          const text = `${before}${marks}${after}`;
          expect(normalizeForHashing(text)).toBe(nfcLower(streamSafe(text)));
        }),
        { numRuns: 2000 },
      );
    });
  });
});

describe("the hashing pass", () => {
  /** ASCII of every class: prose, space terms, case, digits, whitespace runs, control characters. */
  const fragment = fc.constantFrom("Star", "star", "STAR", "orbit", "the", "A", "z", "1999", "x9", " ", "  ", "\t\n", "\r\n\n", ".", "!", "?", ",", "(", "\u0000", "\u000b", "\u001c", "\u007f");
  const asciiText = fc.oneof(
    fc.string({ unit: "binary-ascii", maxLength: 300 }),
    fc.array(fragment, { maxLength: 200 }).map((parts) => parts.join("")),
    fc.tuple(fc.nat(), fc.nat(3000)).map(([seed, length]) => englishText(seed, length)),
  );
  /** Mostly ASCII with units past it anywhere, as in an edited document: the pass switches between its two loops. */
  const mixedText = fc
    .array(fc.oneof({ arbitrary: fragment, weight: 4 }, fc.constantFrom("é", "ж", "ß", "٣", "\u0301", "\u00a0", "\u3000", "😀", "\ud800", "\udc00", "\uffff", "Ж", "É", "Σ", "İ", "ǅ", "Ⅻ", "Ⓐ", "𐐀", "ẞ", "Ω")), { maxLength: 200 })
    .map((parts) => parts.join(""));
  /** The buckets and where they end, copied out of scratch space. */
  const read = (hash: (s: string, bits: number, ends: BucketEnds) => TextBuckets, text: string) => {
    const ends = { grams: new Int32Array(text.length + 2).fill(-2), words: new Int32Array(text.length + 2).fill(-2) };
    const { grams, gramCount, words, wordCount } = hash(text, BITS, ends);
    return {
      grams: [...grams.slice(0, gramCount)],
      words: [...words.slice(0, wordCount)],
      gramEnds: [...ends.grams.slice(0, gramCount)],
      wordEnds: [...ends.words.slice(0, wordCount)],
    };
  };

  it("gives the reference pass's buckets and their ends on any normalized text", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, asciiText, mixedText), (text) => {
        const normalized = normalizeForHashing(text);
        expect(read(hashNormalized, normalized)).toEqual(read(referenceHash, normalized));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads ASCII capitals in lower case itself, so that hashText and the segments need no lower-case copy", () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(isAscii(text)).toBe(true);
        expect(read(hashNormalized, text)).toEqual(read(referenceHash, text.toLowerCase()));
      }),
      { numRuns: 1000 },
    );
  });

  it("is what hashText runs, on the text as normalizeForHashing makes it", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, asciiText, mixedText), (text) => {
        const { grams, words } = read(referenceHash, normalizeForHashing(text));
        expect(buckets(text)).toEqual({ grams, words });
      }),
      { numRuns: 1000 },
    );
  });
});
