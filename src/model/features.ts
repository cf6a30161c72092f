/**
 * The per-text feature vector: text statistics from one pass over the code points (words are
 * hashed as they are read, never copied), then the mean log-ratio of the text's hashed character
 * 4-grams and words. An ASCII text, the common case, is read once for both. Pure: shared by the
 * Worker and the Node tools.
 */
import { FNV_OFFSET, FNV_PRIME, finish, gramHash, hashText } from "./hashing.js";
import { IntSet } from "./int-set.js";
import { CONTROL, DIGIT, LATIN, LETTER, MARK, PUNCT, UPPER, classOf, isAscii, isWhitespace, toLower } from "./unicode.js";

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
 * The statistics' reusable state: one WordStats, and classOf of each ASCII code point for the
 * ASCII extractor to read without a call. Built on first use, because serving skips the
 * statistics (the model gives them no weight) and the Worker's start-up need not pay for it:
 * about 1.5 ms, most of it compiling the Unicode property regexes behind classOf.
 */
let sharedState: { word: WordStats; asciiClasses: Uint8Array } | undefined;

function statisticsState() {
  return (sharedState ??= { word: new WordStats(), asciiClasses: Uint8Array.from({ length: 0x80 }, (_, cp) => classOf(cp)) });
}

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
  const vector = new Float64Array(FEATURES.length);
  // The one-pass extractor is for ASCII texts and the whole vector; without the statistics,
  // hashText alone is quicker.
  if (statistics && isAscii(text)) asciiFeatures(text, tables, vector);
  else anyFeatures(text, tables, statistics, vector);
  return vector;
}

/**
 * The general extractor, right for any text: the table features from hashText's buckets, the
 * statistics (if asked) from a second pass over the code points. Exported for the tests, which
 * check the ASCII extractor against it.
 */
export function anyFeatures(text: string, tables: FeatureTables, statistics: boolean, vector: Float64Array): void {
  const { grams, gramCount, words, wordCount } = hashText(text, tables.bits);
  if (statistics) textStatistics(text, vector);
  vector[FEATURES.length - 2] = tableMean(tables.charNgram, grams, gramCount) * tables.step;
  vector[FEATURES.length - 1] = tableMean(tables.word, words, wordCount) * tables.step;
}

function tableMean(table: Int8Array, keys: Int32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += table[keys[i]!]!;
  return count > 0 ? sum / count : 0;
}

/** The statistics the old service used: lengths, punctuation, case, digits, vocabulary, scripts. */
function textStatistics(text: string, vector: Float64Array): void {
  let chars = 0, letters = 0, upper = 0, digits = 0, punct = 0, nonAscii = 0, nonLatin = 0, control = 0;
  let wordHash = FNV_OFFSET, wordLength = 0;
  const { word } = statisticsState();
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

const SPACE = 0x20;
const ZERO = 0x30;
// Scratch buffers for the buckets, reused across calls.
let gramBuffer = new Int32Array(1 << 12);
let wordBuffer = new Int32Array(1 << 12);

/**
 * The whole vector of an ASCII text in one pass, as hashText and textStatistics compute it: in
 * ASCII each code point is one code unit, NFC changes nothing and lower case is one bit, so the
 * buckets are hashed as the text is read and the statistics counted along. The text must be
 * ASCII (isAscii). Exported for the tests.
 */
export function asciiFeatures(text: string, tables: FeatureTables, vector: Float64Array): void {
  const mask = (1 << tables.bits) - 1;
  // The buckets are stored and summed after the loop: the tables are large, and a tight loop
  // over the stored buckets keeps many of their cache misses in flight at once. A whitespace run
  // gives at most one 4-gram, any other unit one, and the closing pad one more.
  if (gramBuffer.length < text.length + 2) gramBuffer = new Int32Array(text.length + 2);
  if (wordBuffer.length < text.length + 1) wordBuffer = new Int32Array(text.length + 1);
  const grams = gramBuffer;
  const words = wordBuffer;
  let gramCount = 0, wordCount = 0;
  let c0 = SPACE, c1 = SPACE, c2 = SPACE; // the three previous units of the current 4-gram
  let pendingSpace = false; // a whitespace run seen after some text: emitted before the next unit
  let started = false;
  let letters = 0, upper = 0, digits = 0, punct = 0, control = 0;
  let bucketHash = FNV_OFFSET; // the word as hashText hashes it: lower case, digits read as 0
  let wordHash = FNV_OFFSET; // the word as textStatistics hashes it: lower case
  let wordLength = 0;
  const { word, asciiClasses: classes } = statisticsState();
  word.reset();

  for (let i = 0; i < text.length; i++) {
    let unit = text.charCodeAt(i);
    const cls = classes[unit]!;
    if (cls & (LETTER | DIGIT)) {
      if (cls & LETTER) {
        letters++;
        if (cls & UPPER) upper++;
        unit |= 0x20; // the lower-case letter
      } else digits++;
      wordHash = Math.imul(wordHash ^ unit, FNV_PRIME);
      if (cls & DIGIT) unit = ZERO;
      bucketHash = Math.imul(bucketHash ^ unit, FNV_PRIME);
      wordLength++;
    } else {
      if (wordLength > 0) {
        words[wordCount++] = finish(bucketHash) & mask;
        word.add(wordHash, wordLength);
        bucketHash = wordHash = FNV_OFFSET;
        wordLength = 0;
      }
      if (isWhitespace(unit)) {
        pendingSpace = started;
        continue;
      }
      if (cls & PUNCT) {
        punct++;
        if (SENTENCE_ENDS.has(unit)) word.endSentence();
      } else if (cls & CONTROL) control++; // whitespace, also a control, is already out
    }

    if (pendingSpace) {
      grams[gramCount++] = gramHash(c0, c1, c2, SPACE) & mask;
      c0 = c1;
      c1 = c2;
      c2 = SPACE;
      pendingSpace = false;
    }
    grams[gramCount++] = gramHash(c0, c1, c2, unit) & mask;
    c0 = c1;
    c1 = c2;
    c2 = unit;
    started = true;
  }
  if (wordLength > 0) {
    words[wordCount++] = finish(bucketHash) & mask;
    word.add(wordHash, wordLength);
  }
  grams[gramCount++] = gramHash(c0, c1, c2, SPACE) & mask;

  const chars = text.length;
  // ASCII letters are all Latin.
  writeStatistics({ chars, letters, upper, digits, punct, nonAscii: 0, nonLatin: 0, control }, word, vector);
  vector[FEATURES.length - 2] = tableMean(tables.charNgram, grams, gramCount) * tables.step;
  vector[FEATURES.length - 1] = tableMean(tables.word, words, wordCount) * tables.step;
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
