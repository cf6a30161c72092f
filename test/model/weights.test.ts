import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readHashKernel } from "../../src/cli/hash-kernel.js";
import { fromBase64, toBase64 } from "../../src/model/codec.js";
import { parseWeightsFile, type WeightsFile } from "../../src/model/weights-file.js";
import { decodeTables, encodeTable, modelOf, serializeWeights } from "../../src/model/weights.js";
import { bytesOf } from "../fixtures/bits.js";

const text = readFileSync("weights/model.json", "utf8");

/** Replaces the word table with the given gaps and values. */
function setTable(f: WeightsFile, gaps: number[], values: number[]) {
  f.tables.word = {
    default: 0,
    entries: gaps.length,
    gaps: toBase64(Uint8Array.from(gaps)),
    values: toBase64(new Uint8Array(Int8Array.from(values).buffer)),
  };
}
const committed = (): WeightsFile => JSON.parse(text);
/** As the tools read a file: the schema, then the model. */
const load = (json: unknown, kernel?: WebAssembly.Module) => {
  const file = parseWeightsFile(json);
  return { file, model: modelOf(file, kernel) };
};

/** Tables are expanded by the hashing module's `expand` where it is given (the Worker, the tools), else in JavaScript. */
const expanders = [
  ["expanded by the hashing module", readHashKernel()],
  ["expanded in JavaScript", undefined],
] as const;

describe.each(expanders)("the weights file, %s", (_, kernel) => {
  it("loads the committed file and re-serializes it byte for byte", () => {
    const { file, model } = load(committed(), kernel);
    expect(serializeWeights(file)).toBe(text);
    expect(model.weights).toHaveLength(file.features.length);
    const { tables } = load(committed()).model;
    expect(bytesOf(model.tables.charNgram).equals(bytesOf(tables.charNgram))).toBe(true);
    expect(bytesOf(model.tables.word).equals(bytesOf(tables.word))).toBe(true);
  });

  const broken: [string, (f: WeightsFile) => void, RegExp][] = [
    ["a renamed feature", (f) => void (f.features[0]!.name = "renamed"), /do not match/],
    ["a missing feature", (f) => void f.features.pop(), /do not match/],
    ["a zero scale", (f) => void (f.features[1]!.scale = 0), /must be > 0/],
    ["a count that does not match", (f) => void (f.tables.word.entries += 1), /word: expected \d+ gaps and values/],
    ["a bucket beyond the table", (f) => setTable(f, Array(4113).fill(255), Array(4113).fill(1)), /word: entry 4112 is not an increasing bucket below 2\^20/],
    ["a gap of 0", (f) => setTable(f, [5, 0], [1, 2]), /entry 1 is not an increasing bucket/],
    ["more entries than buckets", (f) => setTable(f, Array(2 ** 20 + 1).fill(1), Array(2 ** 20 + 1).fill(1)), /word: entry 1048576 is not an increasing bucket below 2\^20/],
    ["fewer gaps than values", (f) => void (f.tables.word = { ...f.tables.word, gaps: toBase64(Uint8Array.of(3)), entries: 2, values: toBase64(Uint8Array.of(1, 2)) }), /expected 2 gaps and values, found 1 and 2/],
    ["gaps that are not base64", (f) => void (f.tables.char_ngram.gaps = "not base64!"), /char_ngram: .*base64/],
    ["a value outside the stored range", (f) => setTable(f, [5], [-128]), /value 0 is -128/],
    ["another n-gram order", (f) => void ((f.tables as { char_ngram_order: number }).char_ngram_order = 3), /char_ngram_order|expected 4/],
    ["a non-numeric weight", (f) => void ((f.features[2] as { weight: unknown }).weight = "1"), /number/],
    ["another format version", (f) => void ((f as { format_version: number }).format_version = 1), /format_version|expected 2/],
  ];
  it.each(broken)("refuses %s", (_, breakIt, message) => {
    const file = committed();
    breakIt(file);
    expect(() => load(file, kernel)).toThrow(message);
  });
});

describe("sparse tables", () => {
  it.each(expanders)("decode to exactly the table they were encoded from, %s", (_, kernel) => {
    const bits = 12;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -127, max: 127 }), { minLength: 1 << bits, maxLength: 1 << bits }), fc.nat(1000), (cells, spread) => {
        // Mostly one value, with the others scattered `spread` in 1000: gaps of every size, many bridged.
        const dense = Int8Array.from(cells, (v, i) => ((i * 7919) % 1000 < spread ? v : cells[0]!));
        const reversed = dense.slice().reverse();
        const sparse = { char_ngram_order: 4 as const, bits, step: 1, char_ngram: encodeTable(dense), word: encodeTable(reversed) };
        const { charNgram, word } = decodeTables(sparse, kernel);
        expect(bytesOf(charNgram).equals(bytesOf(dense))).toBe(true);
        expect(bytesOf(word).equals(bytesOf(reversed))).toBe(true);
      }),
    );
  });

  it("bridge a gap over 255 buckets with entries that hold the default", () => {
    const dense = new Int8Array(1 << 10).fill(3);
    dense[600] = -5;
    const table = encodeTable(dense);
    expect(table).toMatchObject({ default: 3, entries: 3 });
    expect([...fromBase64(table.gaps)]).toEqual([255, 255, 91]);
    expect([...new Int8Array(fromBase64(table.values).buffer)]).toEqual([3, 3, -5]);
  });
});
