/**
 * Golden outputs: the feature vectors and table buckets of many generated texts, kept as a file
 * snapshot, so a speed-up of the extractor (features.ts, hashing.ts, unicode.ts) is proven to
 * change no value to the last bit. When the features change on purpose, review the diff and
 * rewrite the file with `npx vitest run -u test/model/features-golden.test.ts`.
 */
import { expect, it } from "vitest";
import { exact } from "../fixtures/bits.js";
import { englishText } from "../fixtures/texts.js";
import { FEATURE_NAMES, extractFeatures, type FeatureTables } from "../../src/model/features.js";
import { hashText } from "../../src/model/hashing.js";
import { mulberry32 } from "../../src/model/train.js";

const BITS = 12;
/** Distinct, irregular values per bucket, so a bucket that moves changes the table features. */
const table = (seed: number) => Int8Array.from({ length: 1 << BITS }, (_, i) => Math.round(Math.sin(i * 12.9898 + seed) * 127));
const tables: FeatureTables = { bits: BITS, step: 0.03125, charNgram: table(0), word: table(1) };

/** Code points of every class the extractor distinguishes, and its edge cases. */
const PALETTE = [
  ..."aZ09 .,;!?()-'\"\t\n\r\u000b\u000c",
  "\u0000", "\u0007", "\u007f", "\u0085", "\u00a0", "\u1680", "\u2003", "\u2028", "\u202f", "\u205f", "\u3000", "\ufeff",
  "É", "é", "ß", "ẞ", "İ", "Σ", "ς", "Ж", "ж", "ǅ", "\u0301", "\u0903", "٣", "①", "€", "©", "。", "！", "？", "।", "؟",
  "日", "本", "語", "한", "ا", "ب", "\ud83d\ude80", "\ud835\udc00", "\ud800", "\udc00", "\ue000", "\u0378", "\ud83c\udfff",
];

function paletteText(random: () => number, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += PALETTE[Math.floor(random() * PALETTE.length)]!;
  return text;
}

/** 300 texts: pure palette noise, English-like prose, and prose with noise spliced in. */
function goldenTexts(): string[] {
  const random = mulberry32(20260426);
  const texts = ["", " ", "a", "A.", "\ud800", "Hello World. It is 42!"];
  for (let k = 0; k < 294; k++) {
    const kind = k % 3;
    const length = Math.floor(random() * (k % 10 === 0 ? 8000 : 600));
    if (kind === 0) texts.push(paletteText(random, length));
    else {
      const prose = englishText(k, length);
      const at = Math.floor(random() * prose.length);
      texts.push(kind === 1 ? prose : prose.slice(0, at) + paletteText(random, 20) + prose.slice(at));
    }
  }
  return texts;
}


function digest(keys: Int32Array, count: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < count; i++) h = Math.imul(h ^ keys[i]!, 0x01000193);
  return `${count}:${(h >>> 0).toString(16)}`;
}

it("computes the same features and table buckets, to the bit, as the golden file", async () => {
  const lines = [`# ${FEATURE_NAMES.join(" ")} | hashText buckets at 10 bits: grams, words (count:fnv)`];
  goldenTexts().forEach((text, i) => {
    const features = [...extractFeatures(text, tables)].map(exact).join(" ");
    const buckets = hashText(text, 10);
    lines.push(`${i}: ${features} | ${digest(buckets.grams, buckets.gramCount)} ${digest(buckets.words, buckets.wordCount)}`);
  });
  await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot("./__snapshots__/features-golden.txt");
});
