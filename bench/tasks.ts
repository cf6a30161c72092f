/**
 * The model-level benchmark tasks: feature extraction as /predict runs it, and bare loops over the
 * same texts, the floor any extractor stands on. Pure: run in Node and inside the workerd isolate.
 */
import { scorePair } from "../src/model/scorer.js";
import type { Model } from "../src/model/weights.js";
import type { MicroTask } from "./micro.js";
import { utf8Bytes } from "./micro.js";
import { englishText, withForeignScript } from "../test/fixtures/texts.js";

/** Length of the typical text, in characters (the generated texts are ASCII, so also bytes). */
export const TYPICAL_LENGTH = 3000;

/**
 * Flat copies, as the Worker gets its texts from JSON.parse: the generator's texts are slices of a
 * longer string, which V8 reads more slowly.
 */
const flat = (text: string): string => JSON.parse(JSON.stringify(text));

/** Two different typical texts, the same on every run and in every runtime. */
export function typicalPair(): [string, string] {
  return [flat(englishText(TYPICAL_LENGTH, TYPICAL_LENGTH)), flat(englishText(TYPICAL_LENGTH + 1, TYPICAL_LENGTH))];
}

/** The typical pair with foreign-script noise in each text (see withForeignScript). */
export function nonAsciiPair(): [string, string] {
  const [a, b] = typicalPair();
  return [flat(withForeignScript(a)), flat(withForeignScript(b))];
}

/** Sink so the engine cannot drop a computation whose result is unused. */
export let sink = 0;

/** Sums the UTF-16 code units: the least a pass over the string can do. */
function unitLoop(text: string): number {
  let acc = 0;
  for (let i = 0; i < text.length; i++) acc += text.charCodeAt(i);
  return acc;
}

/**
 * For the typical pair and its non-ASCII version: scorePair as /predict runs it when no explanation
 * is asked (the statistics only if the model weighs them, and the shipped one does not), then a
 * bare loop over the same two texts. MB/s counts the UTF-8 bytes of both texts.
 */
export function extractionTasks(model: Model): MicroTask[] {
  const pairs: [string, [string, string]][] = [
    ["typical", typicalPair()],
    ["typical non-ASCII", nonAsciiPair()],
  ];
  return pairs.flatMap(([name, [a, b]]) => {
    const bytes = utf8Bytes(a) + utf8Bytes(b);
    return [
      { name: `scorePair ${name}`, bytes, fn: () => (sink += scorePair(model, a, b).score) },
      { name: `charCodeAt loop ${name}`, bytes, fn: () => (sink += unitLoop(a) + unitLoop(b)) },
    ];
  });
}
