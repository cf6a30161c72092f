import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeVarints, toBase64 } from "../../src/model/codec.js";
import { decodeTable, encodeTable, loadWeights, serializeWeights, type WeightsFile } from "../../src/model/weights.js";

const text = readFileSync("weights/model.json", "utf8");

/** Replaces the word table with the given gaps and values. */
function setTable(f: WeightsFile, gaps: number[], values: number[]) {
  f.tables.word = {
    default: 0,
    entries: gaps.length,
    keys: toBase64(encodeVarints(gaps)),
    values: toBase64(new Uint8Array(Int8Array.from(values).buffer)),
  };
}
const committed = (): WeightsFile => JSON.parse(text);

describe("the weights file", () => {
  it("loads the committed file and re-serializes it byte for byte", () => {
    const { file, model } = loadWeights(committed());
    expect(serializeWeights(file)).toBe(text);
    expect(model.weights).toHaveLength(file.features.length);
  });

  const broken: [string, (f: WeightsFile) => void, RegExp][] = [
    ["a renamed feature", (f) => void (f.features[0]!.name = "renamed"), /do not match/],
    ["a missing feature", (f) => void f.features.pop(), /do not match/],
    ["a zero scale", (f) => void (f.features[1]!.scale = 0), /must be > 0/],
    ["a count that does not match", (f) => void (f.tables.word.entries += 1), /word: expected \d+ values/],
    ["a key beyond the table", (f) => setTable(f, [2 ** f.tables.bits], [1]), /key 0 is not an increasing bucket/],
    ["keys out of order", (f) => setTable(f, [5, 0], [1, 2]), /key 1 is not an increasing bucket/],
    ["fewer keys than values", (f) => void (f.tables.word = { ...f.tables.word, keys: toBase64(encodeVarints([3])), entries: 2, values: toBase64(Uint8Array.of(1, 2)) }), /expected 2 keys, found 1/],
    ["keys that are not base64", (f) => void (f.tables.char_ngram.keys = "not base64!"), /char_ngram: .*base64/],
    ["a value outside the stored range", (f) => setTable(f, [5], [-128]), /value 0 is -128/],
    ["another n-gram order", (f) => void ((f.tables as { char_ngram_order: number }).char_ngram_order = 3), /char_ngram_order|expected 4/],
    ["a non-numeric weight", (f) => void ((f.features[2] as { weight: unknown }).weight = "1"), /number/],
    ["another format version", (f) => void ((f as { format_version: number }).format_version = 1), /format_version|expected 2/],
  ];
  it.each(broken)("refuses %s", (_, breakIt, message) => {
    const file = committed();
    breakIt(file);
    expect(() => loadWeights(file)).toThrow(message);
  });
});

describe("sparse tables", () => {
  it("decode to exactly the table they were encoded from", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -127, max: 127 }), { minLength: 256, maxLength: 256 }), fc.nat(255), (cells, spread) => {
        // Mostly one value, with `spread` others scattered: gaps of every size, some over 127.
        const dense = Int8Array.from(cells, (v, i) => ((i * 37) % 256 < spread ? v : cells[0]!));
        expect(decodeTable(encodeTable(dense), 8, "t")).toEqual(dense);
      }),
    );
  });
});
