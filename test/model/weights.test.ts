import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadWeights, serializeWeights, type WeightsFile } from "../../src/model/weights.js";

const text = readFileSync("weights/model.json", "utf8");
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
    ["keys without values", (f) => void f.tables.word.values.pop(), /same length/],
    ["a key beyond the table", (f) => void (f.tables.word.keys[1] = 2 ** f.tables.bits), /word\.keys\[1\]: not an increasing bucket/],
    ["keys out of order", (f) => void (f.tables.char_ngram.keys[3] = 0), /char_ngram\.keys\[3\]/],
    ["a value outside Int8", (f) => void (f.tables.char_ngram.values[0] = 128), /values\[0\]: must be a whole number/],
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
