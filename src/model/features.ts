/**
 * The per-text feature vector: text statistics from one pass over the code points (words are
 * hashed as they are read, never copied), then the mean log-ratio of the text's hashed character
 * 4-grams and words. Pure: shared by the Worker and the Node tools.
 */
import { FNV_OFFSET, FNV_PRIME, hashText } from "./hashing.js";
import { IntSet } from "./int-set.js";
import { CONTROL, DIGIT, LATIN, LETTER, MARK, PUNCT, UPPER, classOf, isWhitespace, toLower } from "./unicode.js";

export interface FeatureSpec {
  name: string;
  description: string;
}

/** The features in vector order. The weights file must list exactly these names. */
export const FEATURES = [
  { name: "log_length", description: "log(1 + number of characters)" },
  { name: "log_words", description: "log(1 + number of words)" },
  { name: "mean_word_length", description: "mean word length in characters" },
  { name: "mean_sentence_words", description: "mean number of words per sentence" },
  { name: "punctuation_ratio", description: "share of characters that are punctuation or symbols" },
  { name: "uppercase_ratio", description: "share of letters that are upper-case" },
  { name: "digit_ratio", description: "share of characters that are digits" },
  { name: "unique_word_ratio", description: "distinct words / words (type-token ratio)" },
  { name: "vocabulary_richness", description: "distinct words / sqrt(words) (Guiraud's R)" },
  { name: "repeated_bigram_ratio", description: "share of word pairs already seen earlier in the text" },
  { name: "non_ascii_ratio", description: "share of characters outside ASCII" },
  { name: "non_latin_letter_ratio", description: "share of letters not in the Latin script" },
  { name: "control_char_ratio", description: "share of characters that are control, private-use or unassigned" },
  { name: "space_term_rate", description: "space-domain terms per word" },
  { name: "char_ngram_log_ratio", description: "mean log-probability ratio, real vs edited, of the text's character 4-grams" },
  { name: "word_log_ratio", description: "mean log-probability ratio, real vs edited, of the text's words" },
] as const satisfies readonly FeatureSpec[];

/** The text statistics come first in the vector; the two table features close it. */
export const STATISTICS_COUNT = FEATURES.length - 2;

export type FeatureName = (typeof FEATURES)[number]["name"];
export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((f) => f.name);

/**
 * The log-ratio tables the last two features read, log P(key | real) - log P(key | edited) per
 * hashed bucket, quantized to whole multiples of `step`; fitted by the trainer.
 */
export interface FeatureTables {
  bits: number;
  step: number;
  charNgram: Int8Array;
  word: Int8Array;
}

const SPACE_TERMS = [
  "space", "orbit", "orbital", "satellite", "satellites", "telescope", "telescopes", "galaxy",
  "galaxies", "star", "stars", "stellar", "planet", "planets", "planetary", "mission", "missions",
  "spacecraft", "nasa", "esa", "eso", "astronomy", "astronomical", "astronomers", "astrophysics",
  "solar", "lunar", "moon", "mars", "rocket", "launch", "cosmic", "universe", "observatory",
  "observations", "survey", "infrared", "spectrograph", "exoplanet", "exoplanets", "nebula",
  "comet", "asteroid", "black", "hole", "redshift", "photometric", "spectroscopic", "instrument",
];

/** The same (int32) hash the extractor computes while reading a lower-case word, code point by code point. */
function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (const ch of word) h = Math.imul(h ^ ch.codePointAt(0)!, FNV_PRIME);
  return h;
}

const SPACE_TERM_HASHES = new IntSet();
for (const term of SPACE_TERMS) SPACE_TERM_HASHES.add(hashWord(term));
const SENTENCE_ENDS = new Set([0x2e, 0x21, 0x3f, 0x3002, 0xff01, 0xff1f, 0x0964, 0x061f]);

/**
 * Word-level counts, updated once per word. A class rather than a closure over the extractor's
 * locals, so the per-character loop keeps its running word hash in a register.
 */
class WordStats {
  words = 0;
  chars = 0;
  inSentence = 0;
  spaceTerms = 0;
  bigrams = 0;
  repeatedBigrams = 0;
  readonly types = new IntSet();
  private readonly seenBigrams = new IntSet();
  private previous = 0;

  add(hash: number, length: number): void {
    this.words++;
    this.chars += length;
    this.inSentence++;
    this.types.add(hash);
    if (SPACE_TERM_HASHES.has(hash)) this.spaceTerms++;
    if (this.words > 1) {
      this.bigrams++;
      if (!this.seenBigrams.add(Math.imul(this.previous ^ 0x9e3779b9, FNV_PRIME) ^ hash)) this.repeatedBigrams++;
    }
    this.previous = hash;
  }
}

/**
 * Extracts the feature vector of one text. Linear in its length; any string is valid input,
 * including lone surrogates and NUL. With `statistics` false the statistics are left at 0, which
 * saves most of the work when the model gives them no weight.
 */
export function extractFeatures(text: string, tables: FeatureTables, statistics = true): Float64Array {
  const { grams, gramCount, words, wordCount } = hashText(text, tables.bits);
  const vector = new Float64Array(FEATURES.length);
  if (statistics) vector.set(textStatistics(text));
  vector[FEATURES.length - 2] = tableMean(tables.charNgram, grams, gramCount) * tables.step;
  vector[FEATURES.length - 1] = tableMean(tables.word, words, wordCount) * tables.step;
  return vector;
}

function tableMean(table: Int8Array, keys: Int32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += table[keys[i]!]!;
  return count > 0 ? sum / count : 0;
}

/** The statistics the old service used: lengths, punctuation, case, digits, vocabulary, scripts. */
function textStatistics(text: string): number[] {
  let chars = 0, letters = 0, upper = 0, digits = 0, punct = 0, nonAscii = 0, nonLatin = 0;
  let control = 0, sentences = 0;
  let wordHash = FNV_OFFSET, wordLength = 0;
  const word = new WordStats();

  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    chars++;
    if (cp >= 0x80) nonAscii++;

    const cls = classOf(cp);
    if (cls & (LETTER | DIGIT | MARK)) {
      if (cls & LETTER) {
        letters++;
        if (cls & UPPER) upper++;
        if (!(cls & LATIN)) nonLatin++;
      } else if (cls & DIGIT) digits++;
      wordHash = Math.imul(wordHash ^ (cls & UPPER ? toLower(cp) : cp), FNV_PRIME);
      wordLength++;
      continue;
    }
    if (wordLength > 0) {
      word.add(wordHash, wordLength);
      wordHash = FNV_OFFSET;
      wordLength = 0;
    }
    if (cls & PUNCT) {
      punct++;
      if (SENTENCE_ENDS.has(cp) && word.inSentence > 0) {
        sentences++;
        word.inSentence = 0;
      }
    } else if (cls & CONTROL && !isWhitespace(cp)) control++;
  }
  if (wordLength > 0) word.add(wordHash, wordLength);
  if (word.inSentence > 0) sentences++;

  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  return [
    Math.log1p(chars),
    Math.log1p(word.words),
    ratio(word.chars, word.words),
    ratio(word.words, sentences),
    ratio(punct, chars),
    ratio(upper, letters),
    ratio(digits, chars),
    ratio(word.types.size, word.words),
    ratio(word.types.size, Math.sqrt(word.words)),
    ratio(word.repeatedBigrams, word.bigrams),
    ratio(nonAscii, chars),
    ratio(nonLatin, letters),
    ratio(control, chars),
    ratio(word.spaceTerms, word.words),
  ];
}
