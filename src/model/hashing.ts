/**
 * Hashed character 4-grams and words of a text, in one pass: the keys of the log-ratio tables.
 * The trainer counts these buckets to fit the tables and the extractor looks them up, so both
 * see exactly the same buckets.
 *
 * The text is normalized first: NFC, lower case, every ASCII digit read as 0, each run of
 * whitespace read as one space, leading and trailing whitespace dropped. The 4-grams run over
 * UTF-16 code units with three spaces of padding in front and one behind. Words are maximal runs
 * of letters and numbers (code points of Unicode classes L and N).
 */
import { DIGIT, LETTER, classOf, isAscii, isWhitespace } from "./unicode.js";

export const CHAR_NGRAM_ORDER = 4;

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
const SPACE = 0x20;
const ZERO = 0x30;

/** Bucket ids of a text's n-grams and words; `grams`/`words` hold `gramCount`/`wordCount` ids. */
export interface TextBuckets {
  grams: Int32Array;
  gramCount: number;
  words: Int32Array;
  wordCount: number;
}

/**
 * Where each bucket of a normalized text ends, as an index into that text: an n-gram at its last
 * code unit (the space that stands for a whitespace run: the run's first unit; the closing padding:
 * the text's last unit), a word at its last code unit. Parallel to TextBuckets' arrays.
 */
export interface BucketEnds {
  grams: Int32Array;
  words: Int32Array;
}

// Scratch buffers reused across calls: the extractor reads them at once, the trainer copies them.
let gramBuffer = new Int32Array(1 << 12);
let wordBuffer = new Int32Array(1 << 12);

/** The text the buckets are read from: NFC (which keeps ASCII as it is), then lower case. */
export function normalizeForHashing(text: string): string {
  return (isAscii(text) ? text : text.normalize("NFC")).toLowerCase();
}

/**
 * Hashes a text into table buckets of `bits` bits. The arrays returned are scratch space, valid
 * until the next call.
 */
export function hashText(text: string, bits: number): TextBuckets {
  // An ASCII text is its own NFC form, and the ASCII pass reads it in lower case itself.
  return isAscii(text) ? hashAscii(text, bits) : hashUnicode(normalizeForHashing(text), bits);
}

/**
 * hashText on a text already normalized. With `ends`, also writes where each bucket ends (arrays
 * at least as long as the text plus 2), for the explanations that attribute buckets to sentences.
 */
export function hashNormalized(s: string, bits: number, ends?: BucketEnds): TextBuckets {
  return isAscii(s) ? hashAscii(s, bits, ends) : hashUnicode(s, bits, ends);
}

/**
 * What the hashing reads for each ASCII code unit: the unit (lower case, each digit as '0', each
 * whitespace character as a space) and the flags ASCII_WORD (a letter or digit) and ASCII_SPACE.
 * One lookup instead of a chain of comparisons: most units of any text are ASCII.
 */
export const ASCII_WORD = 0x100;
export const ASCII_SPACE = 0x200;
export const ASCII_UNITS = new Int32Array(0x80).map((_, u) => {
  const lower = u >= 0x41 && u <= 0x5a ? u + 0x20 : u;
  if (lower >= 0x30 && lower <= 0x39) return ZERO | ASCII_WORD;
  if (isWhitespace(lower)) return SPACE | ASCII_SPACE;
  return lower >= 0x61 && lower <= 0x7a ? lower | ASCII_WORD : lower;
});

/**
 * hashNormalized for any text, one code unit at a time. Exported for the tests, which check the
 * ASCII pass against it.
 *
 * The loop reads no module-level binding: bundlers turn module constants and functions into
 * mutable variables, which V8 reloads and checks on every use in a loop. So the constants are
 * locals and gramHash and finish are written out (on the pair with non-ASCII noise, Node, bundled,
 * this loop went from 97 to 149 MB/s).
 */
export function hashUnicode(s: string, bits: number, ends?: BucketEnds): TextBuckets {
  const mask = (1 << bits) - 1;
  // At most one n-gram per code unit plus the padding, and at most one word per two code units.
  if (gramBuffer.length < s.length * 2 + 2) gramBuffer = new Int32Array(s.length * 2 + 2);
  if (wordBuffer.length < s.length + 1) wordBuffer = new Int32Array(s.length + 1);
  const grams = gramBuffer;
  const words = wordBuffer;
  const ascii = ASCII_UNITS, wordFlag = ASCII_WORD, spaceFlag = ASCII_SPACE;
  const prime = FNV_PRIME, offset = FNV_OFFSET | 0, gramOffset = offset ^ CHAR_NGRAM_ORDER, space = SPACE;
  let gramCount = 0;
  let wordCount = 0;
  let spaceAt = 0; // the first unit of the pending whitespace run
  let wordEnd = 0; // the last unit of the current word

  let c0 = space, c1 = space, c2 = space; // the three previous units of the current 4-gram
  let pendingSpace = false; // a whitespace run seen after some text: emitted before the next unit
  let started = false;
  let wordHash = offset;
  let inWord = false;
  let pairIsWord = false; // the class of a surrogate pair, read at its high unit, for its low unit

  for (let i = 0; i < s.length; i++) {
    let unit = s.charCodeAt(i);
    let isWordUnit: boolean;
    let isSpace: boolean;
    if (unit < 0x80) {
      const read = ascii[unit]!;
      unit = read & 0xff;
      isWordUnit = (read & wordFlag) !== 0;
      isSpace = (read & spaceFlag) !== 0;
    } else {
      isSpace = isWhitespace(unit);
      if ((unit & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        // A surrogate pair is one code point: both units join (or end) the word together.
        isWordUnit = pairIsWord = (classOf(s.codePointAt(i)!) & (LETTER | DIGIT)) !== 0;
      } else if ((unit & 0xfc00) === 0xdc00 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800) {
        isWordUnit = pairIsWord;
      } else {
        isWordUnit = (classOf(unit) & (LETTER | DIGIT)) !== 0;
      }
    }

    if (isWordUnit) {
      wordHash = Math.imul(wordHash ^ unit, prime);
      inWord = true;
      wordEnd = i;
    } else if (inWord) {
      if (ends) ends.words[wordCount] = wordEnd;
      words[wordCount++] = (wordHash ^ (wordHash >>> 15)) & mask;
      wordHash = offset;
      inWord = false;
    }

    if (isSpace) {
      if (!pendingSpace) spaceAt = i;
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) {
      if (ends) ends.grams[gramCount] = spaceAt;
      const h = Math.imul(Math.imul(Math.imul(Math.imul(gramOffset ^ c0, prime) ^ c1, prime) ^ c2, prime) ^ space, prime);
      grams[gramCount++] = (h ^ (h >>> 15)) & mask;
      c0 = c1;
      c1 = c2;
      c2 = space;
      pendingSpace = false;
    }
    if (ends) ends.grams[gramCount] = i;
    const h = Math.imul(Math.imul(Math.imul(Math.imul(gramOffset ^ c0, prime) ^ c1, prime) ^ c2, prime) ^ unit, prime);
    grams[gramCount++] = (h ^ (h >>> 15)) & mask;
    c0 = c1;
    c1 = c2;
    c2 = unit;
    started = true;
  }
  if (inWord) {
    if (ends) ends.words[wordCount] = wordEnd;
    words[wordCount++] = finish(wordHash) & mask;
  }
  if (ends) ends.grams[gramCount] = Math.max(0, s.length - 1);
  grams[gramCount++] = gramHash(c0, c1, c2, SPACE) & mask;
  return { grams, gramCount, words, wordCount };
}

/**
 * What the ASCII pass looks up, in one array so that its loop checks one array instead of two:
 * ASCII_UNITS, then from PAIRS on the FNV state after the first two units of a 4-gram, for every
 * pair of ASCII units. Built on first use (64 KiB).
 */
let asciiLookup: Int32Array | undefined;
const PAIRS = 0x80;

function asciiLookupTable(): Int32Array {
  if (asciiLookup) return asciiLookup;
  const lookup = new Int32Array(PAIRS + 0x4000);
  lookup.set(ASCII_UNITS);
  for (let a = 0; a < 0x80; a++) {
    for (let b = 0; b < 0x80; b++) lookup[PAIRS + ((a << 7) | b)] = gramHashStart(a, b);
  }
  return (asciiLookup = lookup);
}

/**
 * hashUnicode for an ASCII text, in one pass without a branch: a text's words and spaces alternate
 * too irregularly for the branch predictor, so each step is computed and masked, and a bucket is
 * written at every unit and kept by counting it (or overwritten by the next). Like hashUnicode's,
 * the loop reads no module-level binding (on the typical ASCII pair, Node, bundled, scorePair went
 * from 114 to 153 MB/s with that).
 */
export function hashAscii(s: string, bits: number, ends?: BucketEnds): TextBuckets {
  const length = s.length;
  if (gramBuffer.length < length + 1) gramBuffer = new Int32Array(length + 1);
  if (wordBuffer.length < length + 1) wordBuffer = new Int32Array(length + 1);
  const grams = gramBuffer;
  const words = wordBuffer;
  const lookup = asciiLookupTable();
  const mask = (1 << bits) - 1;
  const prime = FNV_PRIME, offset = FNV_OFFSET | 0, space = SPACE, pairs = PAIRS;
  let gramCount = 0, wordCount = 0;
  let last3 = (space << 14) | (space << 7) | space; // the 4-gram's three previous units, 7 bits each
  let afterSpace = 1; // leading whitespace, and each run's second unit on, make no 4-gram
  let inWord = 0;
  let wordHash = offset;
  for (let i = 0; i < length; i++) {
    const read = lookup[s.charCodeAt(i)]!;
    const unit = read & 0xff, isWord = (read >> 8) & 1, isSpace = read >> 9; // ASCII_UNITS' layout
    // A word ends here if the unit is no word unit: its bucket is kept (else the next overwrites it).
    words[wordCount] = (wordHash ^ (wordHash >>> 15)) & mask;
    wordCount += inWord & (isWord ^ 1);
    wordHash = (Math.imul(wordHash ^ unit, prime) & -isWord) | (offset & (isWord - 1));
    inWord = isWord;
    // A 4-gram ends here unless the unit continues a whitespace run (the run's first unit stands for it).
    const keep = (isSpace & afterSpace) ^ 1;
    const h = Math.imul(Math.imul(lookup[pairs + (last3 >> 7)]! ^ (last3 & 0x7f), prime) ^ unit, prime);
    grams[gramCount] = (h ^ (h >>> 15)) & mask;
    gramCount += keep;
    last3 ^= (last3 ^ (((last3 << 7) | unit) & 0x1fffff)) & -keep;
    afterSpace = isSpace;
  }
  if (inWord) words[wordCount++] = finish(wordHash) & mask;
  // The closing padding, unless a trailing whitespace run already made the same 4-gram.
  if (!afterSpace || gramCount === 0) grams[gramCount++] = gramHash(last3 >> 14, (last3 >> 7) & 0x7f, last3 & 0x7f, SPACE) & mask;
  if (ends) asciiBucketEnds(s, ends);
  return { grams, gramCount, words, wordCount };
}

/**
 * Where hashAscii's buckets end, by the same steps without the hashing: a pass of its own, because
 * recording them in hashAscii's loop slowed the served path (scorePair) by about 12 %.
 */
function asciiBucketEnds(s: string, ends: BucketEnds): void {
  const { grams, words } = ends;
  const lookup = asciiLookupTable();
  let gramCount = 0, wordCount = 0, afterSpace = 1, inWord = 0;
  for (let i = 0; i < s.length; i++) {
    const read = lookup[s.charCodeAt(i)]!;
    const isWord = (read >> 8) & 1, isSpace = read >> 9;
    words[wordCount] = i - 1;
    wordCount += inWord & (isWord ^ 1);
    inWord = isWord;
    grams[gramCount] = i;
    gramCount += (isSpace & afterSpace) ^ 1;
    afterSpace = isSpace;
  }
  if (inWord) words[wordCount] = s.length - 1;
  // The closing padding ends at the last unit, and so does the 4-gram of a trailing whitespace run, which stands for it.
  grams[afterSpace && gramCount > 0 ? gramCount - 1 : gramCount] = Math.max(0, s.length - 1);
}

/** The hash of the 4-gram of code units a b c d (mask it to the table's bits). */
export function gramHash(a: number, b: number, c: number, d: number): number {
  let h = FNV_OFFSET ^ CHAR_NGRAM_ORDER;
  h = Math.imul(h ^ a, FNV_PRIME);
  h = Math.imul(h ^ b, FNV_PRIME);
  h = Math.imul(h ^ c, FNV_PRIME);
  return finish(Math.imul(h ^ d, FNV_PRIME));
}

/** The FNV state after a 4-gram's first two units: the ASCII pass tabulates it for ASCII pairs. */
export function gramHashStart(a: number, b: number): number {
  return Math.imul(Math.imul((FNV_OFFSET ^ CHAR_NGRAM_ORDER) ^ a, FNV_PRIME) ^ b, FNV_PRIME);
}

/** Folds the high bits into the low ones, which the mask keeps. */
export function finish(h: number): number {
  return h ^ (h >>> 15);
}
