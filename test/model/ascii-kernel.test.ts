import { readFileSync } from "node:fs";
import fc from "fast-check";
import wabt from "wabt";
import { beforeAll, describe, expect, it } from "vitest";
import { KERNEL_WASM, KERNEL_WAT, readAsciiKernel } from "../../src/cli/ascii-kernel.js";
import { AsciiKernel } from "../../src/model/ascii-kernel.js";
import { readWeights } from "../../src/cli/data.js";
import { hashNormalized, hashText, type TextBuckets } from "../../src/model/hashing.js";
import { referenceHash } from "../fixtures/reference-hashing.js";
import { englishText } from "../fixtures/texts.js";

const BITS = 20;
const lists = (h: TextBuckets) => ({ grams: [...h.grams.slice(0, h.gramCount)], words: [...h.words.slice(0, h.wordCount)] });

/** Whether hashText answered from the kernel's memory: JavaScript's scratch arrays are a few KiB, a WebAssembly memory whole pages of 64 KiB. */
const fromKernel = (h: TextBuckets) => h.grams.buffer.byteLength % 65536 === 0;

// As the Node tools do: reading the weights installs the kernel, and hashText runs ASCII texts through it from here on.
beforeAll(() => readWeights("weights/model.json"));

/** ASCII texts of every unit the pass treats apart: whitespace runs, digits, capitals, controls, punctuation; some past the first layout's 4,096 units. */
const asciiText = fc.oneof(
  fc.string({ unit: "binary-ascii", maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(" ", "\t", "\n", "\r", "\f", "\v", "\u001c", "A", "z", "0", "9", ".", "_", "\u0000", "\u007f"), maxLength: 300 }),
  fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 9000 })).map(([seed, length]) => englishText(seed, length)),
);

describe("the WebAssembly pass for ASCII texts", () => {
  it("is installed by the Node tools when they read the weights, and hashes ASCII texts alone", () => {
    expect(fromKernel(hashText("plain ASCII", BITS))).toBe(true);
    expect(fromKernel(hashText("not ASCII: é", BITS))).toBe(false);
  });

  it("is the assembly of the committed source (npm run wasm)", async () => {
    const assembled = (await wabt()).parseWat(KERNEL_WAT, readFileSync(KERNEL_WAT, "utf8")).toBinary({}).buffer;
    expect(Buffer.from(assembled).equals(readFileSync(KERNEL_WASM))).toBe(true);
  });

  it("gives the buckets of the reference pass and of the JavaScript pass on any ASCII text", () => {
    fc.assert(
      fc.property(asciiText, fc.integer({ min: 8, max: 24 }), (text, bits) => {
        const reference = lists(referenceHash(text.toLowerCase(), bits));
        expect(lists(hashNormalized(text, bits))).toEqual(reference);
        expect(lists(hashText(text, bits))).toEqual(reference);
      }),
      { numRuns: 500 },
    );
  });

  it("is right after its memory grows for a longer text, and for shorter ones after that", () => {
    const texts = [englishText(1, 100), englishText(2, 30_000), "", englishText(3, 5000), englishText(4, 200_000), " x "];
    for (const text of texts) expect(lists(hashText(text, BITS))).toEqual(lists(referenceHash(text.toLowerCase(), BITS)));
  });

  it("leaves every text with a unit outside ASCII to the JavaScript pass, wherever the unit is", () => {
    // Only whether it answers is looked at here, so the lookup may be all zeros.
    const kernel = new AsciiKernel(readAsciiKernel(), new Int32Array(0x80 + 0x4000));
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 5000 }), fc.nat(), fc.integer({ min: 0x80, max: 0xffff }), (ascii, at, unit) => {
        const i = at % (ascii.length + 1);
        const text = ascii.slice(0, i) + String.fromCharCode(unit) + ascii.slice(i);
        expect(kernel.hash(text, BITS)).toBe(-1);
        expect(kernel.hash(ascii, BITS)).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
    // Around the ends of the stretches copied one by one (256 units, then 1,024 more, then 4,096): lengths and places on either side.
    for (const length of [255, 256, 257, 600, 1279, 1280, 1281, 6000]) {
      for (const at of [0, 254, 255, 256, 257, 1279, 1280, 5375, 5376, length - 1].filter((i) => i < length)) {
        for (const unit of ["é", "\ud83d\ude00", "\ud800"]) {
          const text = "a".repeat(at) + unit + "b".repeat(Math.max(0, length - at - 1));
          expect(kernel.hash(text, BITS)).toBe(-1);
        }
      }
      expect(kernel.hash("a".repeat(length), BITS)).toBeGreaterThan(0);
    }
  });
});
