import { readFileSync } from "node:fs";
import fc from "fast-check";
import wabt from "wabt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { KERNEL_WASM, KERNEL_WAT, readHashKernel } from "../../src/cli/hash-kernel.js";
import { readWeights } from "../../src/cli/data.js";
import { bucketSum } from "../../src/model/features.js";
import { HashKernel } from "../../src/model/hash-kernel.js";
import { hashNormalized, hashText, normalizeForHashing, type TextBuckets } from "../../src/model/hashing.js";
import { decodeTables, encodeTable } from "../../src/model/weights.js";
import { bytesOf } from "../fixtures/bits.js";
import { referenceHash } from "../fixtures/reference-hashing.js";
import { englishText } from "../fixtures/texts.js";

const BITS = 20;
const lists = (h: TextBuckets) => ({ grams: [...h.grams.slice(0, h.gramCount)], words: [...h.words.slice(0, h.wordCount)] });

/** Whether hashText answered from the kernel's memory: JavaScript's scratch arrays are a few KiB, a WebAssembly memory whole pages of 64 KiB. */
const fromKernel = (h: TextBuckets) => h.grams.buffer.byteLength % 65536 === 0;

// As the Node tools do: reading the weights installs the kernel, and hashText runs every text through it from here on.
beforeAll(() => readWeights("weights/model.json"));

/** ASCII texts of every unit the pass treats apart: whitespace runs, digits, capitals, controls, punctuation; some past the first layout's 4,096 units. */
const asciiText = fc.oneof(
  fc.string({ unit: "binary-ascii", maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r", "\f", "\v", "\u001c", "A", "z", "0", "9", ".", "_", "\u0000", "\u007f"), maxLength: 300 }),
  fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 9000 })).map(([seed, length]) => englishText(seed, length)),
);

describe("the WebAssembly pass", () => {
  it("is installed by the Node tools when they read the weights, and hashes every text with them", () => {
    expect(fromKernel(hashText("plain ASCII", BITS))).toBe(true);
    expect(fromKernel(hashText("not ASCII: é", BITS))).toBe(true);
  });

  it("is the assembly of the committed source (npm run wasm)", async () => {
    const assembled = (await wabt()).parseWat(KERNEL_WAT, readFileSync(KERNEL_WAT, "utf8")).toBinary({}).buffer;
    expect(Buffer.from(assembled).equals(readFileSync(KERNEL_WASM))).toBe(true);
  });

  it("gives the reference pass's buckets on any ASCII text, read as it comes (hashText) or as normalized (hashNormalized)", () => {
    fc.assert(
      fc.property(asciiText, fc.integer({ min: 8, max: 24 }), (text, bits) => {
        const reference = lists(referenceHash(text.toLowerCase(), bits));
        expect(lists(hashNormalized(text, bits))).toEqual(reference);
        expect(lists(hashText(text, bits))).toEqual(reference);
      }),
      { numRuns: 500 },
    );
  });

  it("writes where each bucket of an ASCII text ends, as the reference pass does (the segments' bucket ends)", () => {
    /** The buckets' ends, copied out of the scratch arrays the pass fills. */
    const endsOf = (hash: typeof hashNormalized, text: string) => {
      const ends = { grams: new Int32Array(text.length + 2).fill(-2), words: new Int32Array(text.length + 2).fill(-2) };
      const { gramCount, wordCount } = hash(text, BITS, ends);
      return { grams: [...ends.grams.slice(0, gramCount)], words: [...ends.words.slice(0, wordCount)] };
    };
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(endsOf(hashNormalized, text)).toEqual(endsOf(referenceHash, text.toLowerCase()));
      }),
      { numRuns: 500 },
    );
    expect(endsOf(hashNormalized, "")).toEqual({ grams: [0], words: [] });
    expect(endsOf(hashNormalized, "  ab  ")).toEqual(endsOf(referenceHash, "  ab  "));
  });

  it("takes an ASCII text's bucket ends from the module, and leaves any other text's to JavaScript", () => {
    const writeEnds = vi.spyOn(HashKernel.prototype, "writeEnds");
    const ends = { grams: new Int32Array(64), words: new Int32Array(64) };
    hashNormalized("an ascii sentence. and another one", BITS, ends);
    expect(writeEnds).toHaveBeenCalledTimes(1);
    hashNormalized("not ascii: é and ж", BITS, ends);
    expect(writeEnds).toHaveBeenCalledTimes(1);
    writeEnds.mockRestore();
  });

  // Stretches of ASCII between units past it of every length in UTF-8 (2, 3, a pair's 4, a lone surrogate's 3 as U+FFFD),
  // İ (two units in lower case), final Σ, marks NFC composes, K (KELVIN SIGN, ASCII in lower case), any code point of the
  // BMP (blocks the kernel learns as texts bring them); some texts past the first layout, so that the memory grows.
  const other = fc.oneof(
    fc.constantFrom("é", "ж", "\u0301", "e\u0301", "\u212b", "\u212a", "İ", "Σ", "ΑΣ ", "\u3000", "\u00a0", "😀", "\ud800", "\udc00", "\uffff", "\ufffd", "€", "ǅ", "\u0344"),
    fc.integer({ min: 0x80, max: 0xffff }).filter((cp) => (cp & 0xf800) !== 0xd800).map((cp) => String.fromCharCode(cp)),
  );
  const stretch = fc.oneof(asciiText, fc.string({ unit: "binary-ascii", maxLength: 8 }));
  const mixed = fc.array(fc.oneof({ arbitrary: stretch, weight: 2 }, { arbitrary: other, weight: 1 }), { maxLength: 12 }).map((parts) => parts.join(""));

  it("gives the reference pass's buckets on any text, the units it reads and the rest taken in turn", () => {
    fc.assert(
      fc.property(mixed, fc.integer({ min: 8, max: 24 }), (text, bits) => {
        expect(lists(hashText(text, bits))).toEqual(lists(referenceHash(normalizeForHashing(text), bits)));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads Σ as σ or final ς by the units around it, as lower case does", () => {
    // Letters, case-ignorables (ASCII and not), other ASCII, units past ASCII, on either side of Σ.
    const around = fc.constantFrom("Σ", "ΣΣ", "a", "Z", "x", " ", "  ", "'", ".", ":", "^", "`", "0", "-", ",", "\n", "ά", "Α", "\u0301", "\u00ad", "é", "😀");
    const text = fc.array(around, { minLength: 1, maxLength: 24 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (text) => {
        expect(lists(hashText(text, BITS))).toEqual(lists(referenceHash(normalizeForHashing(text), BITS)));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads U+FFFD itself in a text without lone surrogates, and leaves it to JavaScript in a text with one", () => {
    // Its copy holds U+FFFD for a lone surrogate too: U+FFFD before, after and between lone surrogates, pairs and ASCII.
    const part = fc.constantFrom("\ufffd", "\ufffd\ufffd", "\ud800", "\udc00", "\ud83d\ude00", "a", "ab", " ", "Σ", "word. ");
    const text = fc.array(part, { maxLength: 16 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (text) => {
        const normalized = normalizeForHashing(text);
        expect(lists(hashText(text, BITS))).toEqual(lists(referenceHash(normalized, BITS)));
        expect(lists(hashNormalized(normalized, BITS))).toEqual(lists(referenceHash(normalized, BITS)));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads a text as it is for hashNormalized: what lower case would change is left to JavaScript", () => {
    // The reference reads ASCII capitals as they are, the pass as letters: both agree on ASCII in lower case.
    fc.assert(
      fc.property(mixed, fc.integer({ min: 8, max: 24 }), (text, bits) => {
        const asIs = text.replace(/[A-Z]+/g, (capitals) => capitals.toLowerCase());
        expect(lists(hashNormalized(asIs, bits))).toEqual(lists(referenceHash(asIs, bits)));
      }),
      { numRuns: 1000 },
    );
  });

  // Above the BMP: letters cased (Deseret, Osage, Adlam, in both cases) and not (CJK, Linear B), numbers, emoji, marks, tags,
  // private use, unassigned, any code point; beside ASCII, a Σ, İ and the BMP.
  const astral = fc.oneof(
    fc.constantFrom("\u{10400}", "\u{10428}", "\u{104b0}", "\u{1e900}", "\u{1e922}", "\u{20000}", "\u{10000}", "\u{1d7ce}", "\u{104a0}"),
    fc.constantFrom("😀", "🚀", "\u{1d15e}", "\u{1d165}", "\u{e0041}", "\u{e0100}", "\u{f0000}", "\u{10fffd}", "\u{3fffd}", "Σ", "İ", "ж"),
    fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  );
  const withAstral = fc.array(fc.oneof(stretch, astral), { maxLength: 16 }).map((parts) => parts.join(""));

  it("reads code points above the BMP as the reference does, lower case and word or not, read as it comes or as it is", () => {
    fc.assert(
      fc.property(withAstral, fc.integer({ min: 8, max: 24 }), (text, bits) => {
        const normalized = normalizeForHashing(text);
        expect(lists(hashText(text, bits))).toEqual(lists(referenceHash(normalized, bits)));
        expect(lists(hashNormalized(normalized, bits))).toEqual(lists(referenceHash(normalized, bits)));
        const asIs = text.replace(/[A-Z]+/g, (capitals) => capitals.toLowerCase());
        expect(lists(hashNormalized(asIs, bits))).toEqual(lists(referenceHash(asIs, bits)));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads code points above the BMP itself once it has learned them, but for those a text read as it is would lower", () => {
    const runs = vi.spyOn(HashKernel.prototype, "run");
    const stops = (hash: () => unknown) => {
      runs.mockClear();
      hash();
      return runs.mock.calls.length;
    };
    const emoji = englishText(1, 400).replace(/ /g, " 😀 🚀 \u{20000}\u{10428} ");
    hashText(emoji, BITS); // learns them
    expect(stops(() => hashText(emoji, BITS))).toBe(1);
    const capitals = `${englishText(2, 400).replace(/ /g, " \u{10400} ")} and no capital after`;
    expect(stops(() => hashText(capitals, BITS))).toBe(1);
    // Read as it is, each capital is JavaScript's: a stop at each, and a run after it.
    expect(stops(() => hashNormalized(capitals, BITS))).toBe(capitals.split("\u{10400}").length);
    runs.mockRestore();
  });

  it("is right after its memory grows for a longer text, and for shorter ones after that, ASCII or not", () => {
    const texts = [
      ...[englishText(1, 100), englishText(2, 30_000), "", englishText(3, 5000), englishText(4, 200_000), " x "],
      ...["é" + englishText(5, 20_000), "ж".repeat(30_000), englishText(6, 100) + "😀", "İ".repeat(20_000) + englishText(7, 5000), "\ud800 x"],
    ];
    for (const text of texts) expect(lists(hashText(text, BITS))).toEqual(lists(referenceHash(normalizeForHashing(text), BITS)));
  });

  describe("an instance that holds a model's tables", () => {
    /** Tables of `bits` bits whose values come from `seed` (any byte but -128), decoded in JavaScript and by an instance of the module that holds them. */
    const tablesOf = (bits: number, seed: number) => {
      const table = (salt: number) => Int8Array.from({ length: 1 << bits }, (_, k) => ((Math.imul(k ^ seed ^ salt, 0x9e3779b1) >>> 24) % 255) - 127);
      const sparse = { char_ngram_order: 4 as const, bits, step: 1, char_ngram: encodeTable(table(0)), word: encodeTable(table(0x5bd1e995)) };
      return { plain: decodeTables(sparse), held: decodeTables(sparse, readHashKernel()) };
    };
    const javaScriptSum = (table: Int8Array, keys: Int32Array, from: number, to: number) => keys.subarray(from, to).reduce((sum, key) => sum + table[key]!, 0);

    it("hashes its texts as the reference does, and sums its tables at any range of their buckets as JavaScript does", () => {
      const tables = [tablesOf(8, 1), tablesOf(12, 2), tablesOf(16, 3)];
      fc.assert(
        fc.property(fc.oneof(mixed, withAstral), fc.nat(tables.length - 1), fc.nat(), fc.nat(), (text, which, a, b) => {
          const { plain, held } = tables[which]!;
          const buckets = hashText(text, held.bits, held.kernel);
          expect(lists(buckets)).toEqual(lists(referenceHash(normalizeForHashing(text), held.bits)));
          const { grams, gramCount, words, wordCount } = buckets;
          const [from, to] = [a % (gramCount + 1), b % (gramCount + 1)].sort((x, y) => x - y) as [number, number];
          expect(held.kernel!.sum(held.charNgram, grams, from, to)).toBe(javaScriptSum(plain.charNgram, grams, from, to));
          expect(held.kernel!.sum(held.word, words, 0, wordCount)).toBe(javaScriptSum(plain.word, words, 0, wordCount));
        }),
        { numRuns: 500 },
      );
    });

    it("never grows: a text longer than its room is hashed and summed in JavaScript, and the tables' views stay valid", () => {
      const { plain, held } = tablesOf(12, 4);
      const long = englishText(5, 70_000);
      const { grams, gramCount } = hashText(long, held.bits, held.kernel);
      expect(lists(hashText(long, held.bits, held.kernel))).toEqual(lists(referenceHash(normalizeForHashing(long), held.bits)));
      expect(held.kernel!.sum(held.charNgram, grams, 0, gramCount)).toBeUndefined();
      expect(bucketSum(held, held.charNgram, grams, 0, gramCount)).toBe(javaScriptSum(plain.charNgram, grams, 0, gramCount));
      expect(bytesOf(held.charNgram).equals(bytesOf(plain.charNgram))).toBe(true);
      expect(bytesOf(held.word).equals(bytesOf(plain.word))).toBe(true);
      const short = hashText(englishText(6, 60_000), held.bits, held.kernel); // at the limits' longest text, and more: in the instance
      expect(held.kernel!.sum(held.charNgram, short.grams, 0, short.gramCount)).toBe(javaScriptSum(plain.charNgram, short.grams, 0, short.gramCount));
    });

    it("sums only the tables it holds, and holds one model's", () => {
      const { plain, held } = tablesOf(10, 7);
      const { grams, gramCount } = hashText(englishText(3, 2000) + " é ж 😀", held.bits, held.kernel);
      expect(held.kernel!.sum(plain.charNgram, grams, 0, gramCount)).toBeUndefined();
      expect(bucketSum(plain, plain.charNgram, grams, 0, gramCount)).toBe(javaScriptSum(plain.charNgram, grams, 0, gramCount));
      const sparse = { fill: 0, gaps: new Uint8Array(0), values: new Int8Array(0) };
      expect(() => held.kernel!.holdTables(1 << 10, sparse, sparse)).toThrow(/holds tables already/);
    });
  });
});
