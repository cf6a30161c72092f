/**
 * The model-level benchmark tasks, written against the public model API only (extractFeatures,
 * scorePair, loadWeights, hashText, classOf) so they keep working as the feature set grows.
 * Pure: run both in Node and inside the workerd isolate.
 */
import { extractFeatures } from "../src/model/features.js";
import { hashText } from "../src/model/hashing.js";
import { scorePair } from "../src/model/scorer.js";
import { classOf } from "../src/model/unicode.js";
import { loadWeights, type Model } from "../src/model/weights.js";
import type { MicroTask } from "./micro.js";
import { utf8Bytes } from "./micro.js";
import { englishText, withForeignScript } from "../test/fixtures/texts.js";

/** Text sizes the issue asks for, in characters (the generated texts are ASCII, so also bytes). */
export const SIZES = { short: 500, typical: 3000, long: 50_000 } as const;
export type SizeName = keyof typeof SIZES;

/** Pairs per /predict/batch request, timed both in the isolate and over HTTP. */
export const BATCH_SIZES = [1, 16, 64, 256] as const;

/** Two different texts of each size, the same on every run and in every runtime. */
export function benchTexts(): Record<SizeName, [string, string]> {
  const pair = (n: number): [string, string] => [englishText(n, n), englishText(n + 1, n)];
  return { short: pair(SIZES.short), typical: pair(SIZES.typical), long: pair(SIZES.long) };
}

/** The typical pair with foreign-script noise in each text (see withForeignScript). */
export function nonAsciiPair(texts: Record<SizeName, [string, string]>): [string, string] {
  const [a, b] = texts.typical;
  return [withForeignScript(a), withForeignScript(b)];
}

/** Sink so the engine cannot drop a computation whose result is unused. */
export let sink = 0;

/** Extraction and scoring of each size, then of the typical pair with non-ASCII noise. */
export function extractionTasks(model: Model, texts: Record<SizeName, [string, string]>): MicroTask[] {
  const pairs: [string, [string, string]][] = [...Object.entries(texts), ["typical non-ASCII", nonAsciiPair(texts)]];
  return pairs.flatMap(([name, [a, b]]) => [
    { name: `extractFeatures ${name}`, bytes: utf8Bytes(a), pairs: 0, fn: () => (sink += extractFeatures(a, model.tables)[0]!) },
    { name: `scorePair ${name}`, bytes: utf8Bytes(a) + utf8Bytes(b), pairs: 1, fn: () => (sink += scorePair(model, a, b).score) },
  ]);
}

/**
 * Cost per feature group on one text: the bare code point loop, the class lookup, hashing the
 * text into its n-gram and word buckets (normalization included), and the whole extractor (which
 * adds the text statistics and the table reads) for comparison. Give it a non-ASCII text: an ASCII
 * text takes one combined pass instead of these parts.
 */
export function featureGroupTasks(model: Model, text: string): MicroTask[] {
  const bytes = utf8Bytes(text);
  const eachCodePoint = (visit: (cp: number) => number) => () => {
    let acc = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      acc += visit(cp);
    }
    sink += acc;
  };
  return [
    { name: "group: code point loop", bytes, pairs: 0, fn: eachCodePoint((cp) => cp) },
    { name: "group: classOf", bytes, pairs: 0, fn: eachCodePoint(classOf) },
    { name: "group: hashText (n-gram and word buckets)", bytes, pairs: 0, fn: () => (sink += hashText(text, model.tables.bits).gramCount) },
    { name: "group: whole extractFeatures", bytes, pairs: 0, fn: () => (sink += extractFeatures(text, model.tables)[0]!) },
  ];
}

/** Validating the parsed weights file into a model (the start-up work the Worker does once). */
export function loadWeightsTask(weightsJson: unknown, bytes: number): MicroTask {
  return { name: "loadWeights", bytes, pairs: 0, fn: () => (sink += loadWeights(weightsJson).model.weights.length) };
}
