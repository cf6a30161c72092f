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
    ["a table of the wrong size", (f) => void f.tables.char_ngram.log_ratio.pop(), /2\^bits/],
    ["a non-numeric weight", (f) => void ((f.features[2] as { weight: unknown }).weight = "1"), /number/],
    ["another format version", (f) => void ((f as { format_version: number }).format_version = 2), /format_version|expected 1/],
  ];
  it.each(broken)("refuses %s", (_, breakIt, message) => {
    const file = committed();
    breakIt(file);
    expect(() => loadWeights(file)).toThrow(message);
  });
});
