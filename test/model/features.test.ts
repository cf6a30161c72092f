import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyText } from "../fixtures/arbitraries.js";
import { FEATURES, FEATURE_NAMES, extractFeatures, type FeatureName, type FeatureTables } from "../../src/model/features.js";

const BITS = 4;
/** Tables that score every 4-gram 5 steps of 0.1 and every word -2 steps, whatever their bucket. */
const tables: FeatureTables = {
  bits: BITS,
  step: 0.1,
  charNgram: new Int8Array(1 << BITS).fill(5),
  word: new Int8Array(1 << BITS).fill(-2),
};

function features(text: string): Record<FeatureName, number> {
  const vector = extractFeatures(text, tables);
  return Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, vector[j]!])) as Record<FeatureName, number>;
}

describe("extractFeatures", () => {
  it("has one value per named feature, names unique", () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURES.length);
    expect(extractFeatures("text", tables)).toHaveLength(FEATURES.length);
  });

  it("matches hand-computed values on a plain sentence", () => {
    // "Hello World. It is 42!": 22 characters, words Hello World It is 42, two sentences.
    const f = features("Hello World. It is 42!");
    expect(f.log_length).toBe(Math.log1p(22));
    expect(f.log_words).toBe(Math.log1p(5));
    expect(f.mean_word_length).toBe(16 / 5);
    expect(f.mean_sentence_words).toBe(5 / 2);
    expect(f.punctuation_ratio).toBe(2 / 22);
    expect(f.uppercase_ratio).toBe(3 / 14);
    expect(f.digit_ratio).toBe(2 / 22);
    expect(f.unique_word_ratio).toBe(1);
    expect(f.vocabulary_richness).toBe(5 / Math.sqrt(5));
    expect(f.repeated_bigram_ratio).toBe(0);
    expect(f.non_ascii_ratio).toBe(0);
    expect(f.non_latin_letter_ratio).toBe(0);
    expect(f.control_char_ratio).toBe(0);
    expect(f.space_term_rate).toBe(0);
    expect(f.char_ngram_log_ratio).toBe(5 * 0.1);
    expect(f.word_log_ratio).toBe(-2 * 0.1);
  });

  it("folds case for words, counts repetition, space terms and other scripts", () => {
    // Words: Star star STAR 星 (17 characters); "star" is a space term; one bigram repeats.
    const f = features("Star star STAR. 星");
    expect(f.unique_word_ratio).toBe(2 / 4);
    expect(f.space_term_rate).toBe(3 / 4);
    expect(f.repeated_bigram_ratio).toBe(1 / 3);
    expect(f.uppercase_ratio).toBe(5 / 13);
    expect(f.non_latin_letter_ratio).toBe(1 / 13);
    expect(f.non_ascii_ratio).toBe(1 / 17);
    expect(f.mean_sentence_words).toBe(2);
  });

  it("gives zero statistics for the empty text; its only 4-gram is the padding", () => {
    const f = features("");
    expect(Object.values(f)).toEqual([...FEATURES.map(() => 0).slice(2), 5 * 0.1, 0]);
  });

  it("counts only characters for whitespace", () => {
    const f = features(" \n\t\u3000 ");
    expect(f.log_length).toBe(Math.log1p(5));
    expect(f.log_words).toBe(0);
    expect(f.word_log_ratio).toBe(0); // no words: the mean over none is 0
  });

  it("counts code points, not UTF-16 units: emoji and astral letters", () => {
    const f = features("🚀🚀 𝒜𝒜");
    expect(f.log_length).toBe(Math.log1p(5));
    expect(f.non_ascii_ratio).toBe(4 / 5);
    expect(f.punctuation_ratio).toBe(2 / 5); // emoji are symbols
    expect(f.log_words).toBe(Math.log1p(1)); // the two mathematical script letters form a word
  });

  it("keeps combining marks inside words", () => {
    const f = features("e\u0301te\u0301 cafe");
    expect(f.log_words).toBe(Math.log1p(2));
    expect(f.mean_word_length).toBe((5 + 4) / 2);
  });

  it("handles right-to-left and CJK scripts", () => {
    const hebrew = features("שלום עולם");
    expect(hebrew.non_latin_letter_ratio).toBe(1);
    expect(hebrew.log_words).toBe(Math.log1p(2));
    const chinese = features("空间望远镜。数据");
    expect(chinese.non_latin_letter_ratio).toBe(1);
    expect(chinese.mean_sentence_words).toBe(1); // two runs of letters, two sentences
  });

  it("treats NUL, control characters and lone surrogates as control", () => {
    expect(features("a\u0000b").control_char_ratio).toBe(1 / 3);
    expect(features("\ud800x").control_char_ratio).toBe(1 / 2);
    expect(features("x\udc00\u0007").control_char_ratio).toBe(2 / 3);
  });

  it("is finite and deterministic on any string", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const a = extractFeatures(text, tables);
        const b = extractFeatures(text, tables);
        expect([...a].every(Number.isFinite)).toBe(true);
        expect(b).toEqual(a);
      }),
      { numRuns: 500 },
    );
  });
});
