/**
 * The per-text feature vector: text statistics from one pass over the code points (words are
 * hashed as they are read, never copied), and the mean log-ratio of the text's hashed character
 * 4-grams and words (hashing.ts, where an ASCII text, the common case, gets a branch-free pass of
 * its own). Pure: shared by the Worker and the Node tools.
 */
import type { HashKernel } from "./hash-kernel.js";
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
  /** The hashing module's instance whose memory holds the tables (a model decoded with the module): the texts scored with them are hashed and summed there. */
  kernel?: HashKernel;
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

const SENTENCE_ENDS = new Set([0x2e, 0x21, 0x3f, 0x3002, 0xff01, 0xff1f, 0x0964, 0x061f]);

/**
 * Word-level counts, updated once per word. A class rather than a closure over the extractor's
 * locals, so the per-character loop keeps its running word hash in a register. One instance is
 * reset and reused for every text, which spares allocating and growing its sets each time.
 */
class WordStats {
  words = 0;
  chars = 0;
  sentences = 0;
  spaceTerms = 0;
  bigrams = 0;
  repeatedBigrams = 0;
  readonly types = new IntSet();
  private readonly seenBigrams = new IntSet();
  private previous = 0;
  private inSentence = 0;
  private readonly spaceTermHashes = new IntSet();

  constructor() {
    for (const term of SPACE_TERMS) this.spaceTermHashes.add(hashWord(term));
  }

  reset(): void {
    this.words = this.chars = this.sentences = this.spaceTerms = this.bigrams = this.repeatedBigrams = 0;
    this.previous = this.inSentence = 0;
    this.types.clear();
    this.seenBigrams.clear();
  }

  add(hash: number, length: number): void {
    this.words++;
    this.chars += length;
    this.inSentence++;
    this.types.add(hash);
    if (this.spaceTermHashes.has(hash)) this.spaceTerms++;
    if (this.words > 1) {
      this.bigrams++;
      if (!this.seenBigrams.add(Math.imul(this.previous ^ 0x9e3779b9, FNV_PRIME) ^ hash)) this.repeatedBigrams++;
    }
    this.previous = hash;
  }

  /** A sentence end: counts a sentence if it has words. */
  endSentence(): void {
    if (this.inSentence > 0) {
      this.sentences++;
      this.inSentence = 0;
    }
  }
}

/**
 * The statistics' reusable WordStats, built on first use: serving skips the statistics (the model
 * gives them no weight), and the Worker's start-up need not pay for it.
 */
let sharedWordStats: WordStats | undefined;

/** Per-character counts of a text, which the statistics divide. */
interface CharCounts {
  chars: number;
  letters: number;
  upper: number;
  digits: number;
  punct: number;
  nonAscii: number;
  nonLatin: number;
  control: number;
}

/**
 * Extracts the feature vector of one text. Linear in its length; any string is valid input,
 * including lone surrogates and NUL. With `statistics` false the statistics are left at 0, which
 * saves most of the work when the model gives them no weight.
 */
export function extractFeatures(text: string, tables: FeatureTables, statistics = true): Float64Array {
  return featuresOfSums(text, tableSums(text, tables), tables, statistics);
}

/** The sums of the table values of a text's buckets, and how many buckets there are. */
export interface TableSums {
  gramSum: number;
  gramCount: number;
  wordSum: number;
  wordCount: number;
}

/**
 * The feature vector from the table values of a text's buckets (hashText's), summed: by
 * extractFeatures, or by the segments sentence by sentence, so that the score and its evidence come
 * from one pass. The values are small integers, so their sum is exact in any order.
 */
export function featuresOfSums(text: string, sums: TableSums, tables: FeatureTables, statistics: boolean): Float64Array {
  const vector = new Float64Array(FEATURES.length);
  if (statistics) textStatistics(text, vector);
  writeTableFeatures(vector, sums, tables.step);
  return vector;
}

/** The table values of hashText's buckets, summed. */
function tableSums(text: string, tables: FeatureTables): TableSums {
  const { grams, gramCount, words, wordCount } = hashText(text, tables.bits, tables.kernel);
  return { gramSum: bucketSum(tables, tables.charNgram, grams, 0, gramCount), gramCount, wordSum: bucketSum(tables, tables.word, words, 0, wordCount), wordCount };
}

/**
 * The sum of `table`'s values (one of `tables`) at `keys` from `from` to `to`: by the module
 * instance that holds the tables, when it hashed the keys (twice as fast in Node, where V8 checks
 * both reads' bounds in the loop below), else in JavaScript. Summed after the hashing pass, not in
 * it: a tight loop over stored buckets keeps many of the large tables' cache misses in flight.
 */
export function bucketSum(tables: FeatureTables, table: Int8Array, keys: Int32Array, from: number, to: number): number {
  const summed = tables.kernel?.sum(table, keys, from, to);
  if (summed !== undefined) return summed;
  let sum = 0;
  for (let i = from; i < to; i++) sum += table[keys[i]!]!;
  return sum;
}

/** The two table features: the mean table value of a text's buckets, in the tables' units. */
function writeTableFeatures(vector: Float64Array, { gramSum, gramCount, wordSum, wordCount }: TableSums, step: number): void {
  vector[FEATURES.length - 2] = (gramCount > 0 ? gramSum / gramCount : 0) * step;
  vector[FEATURES.length - 1] = (wordCount > 0 ? wordSum / wordCount : 0) * step;
}

/** The statistics the old service used: lengths, punctuation, case, digits, vocabulary, scripts. */
function textStatistics(text: string, vector: Float64Array): void {
  let chars = 0, letters = 0, upper = 0, digits = 0, punct = 0, nonAscii = 0, nonLatin = 0, control = 0;
  let wordHash = FNV_OFFSET, wordLength = 0;
  const word = (sharedWordStats ??= new WordStats());
  word.reset();

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
      if (SENTENCE_ENDS.has(cp)) word.endSentence();
    } else if (cls & CONTROL && !isWhitespace(cp)) control++;
  }
  if (wordLength > 0) word.add(wordHash, wordLength);
  writeStatistics({ chars, letters, upper, digits, punct, nonAscii, nonLatin, control }, word, vector);
}

/** Writes the text statistics, the first STATISTICS_COUNT entries of the vector. */
function writeStatistics(c: CharCounts, word: WordStats, vector: Float64Array): void {
  word.endSentence(); // the last sentence needs no full stop
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  vector.set([
    Math.log1p(c.chars),
    Math.log1p(word.words),
    ratio(word.chars, word.words),
    ratio(word.words, word.sentences),
    ratio(c.punct, c.chars),
    ratio(c.upper, c.letters),
    ratio(c.digits, c.chars),
    ratio(word.types.size, word.words),
    ratio(word.types.size, Math.sqrt(word.words)),
    ratio(word.repeatedBigrams, word.bigrams),
    ratio(c.nonAscii, c.chars),
    ratio(c.nonLatin, c.letters),
    ratio(c.control, c.chars),
    ratio(word.spaceTerms, word.words),
  ]);
}
