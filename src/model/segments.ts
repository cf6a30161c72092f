/**
 * Per-sentence evidence: each text is cut into segments (sentences, or bounded windows where a
 * text has no sentence ends), and the score's table terms are split among them. The table
 * features are means over the text's 4-grams and words, so each bucket adds its own share to the
 * score, and a segment's contribution is the sum of the shares of the buckets that end in it.
 * Computed only when asked; the score then comes from the same buckets (scoreWithSegments), so the
 * hashing pass that also records where each bucket ends replaces the plain one. Pure:
 * shared by the Worker and the Node tools.
 *
 * Segmentation, on the text as sent (offsets are UTF-16 code units, end exclusive):
 * - a line break ends a segment;
 * - so does a run of sentence-final punctuation (. ! ? … and the stops of other scripts, such as
 *   । ؟ ። ။), with any closing quotes or brackets after it, when whitespace or the end of the text
 *   follows; the ideographic stops (。！？｡) end a sentence with no space after them;
 * - the whitespace after a segment's end belongs to that segment, so segments tile the text;
 * - a segment that reaches MAX_SEGMENT_LENGTH units is cut after its last whitespace run in the
 *   window's second half, else at the window's end, moved back so as not to split a surrogate pair
 *   or separate a code point from the combining marks, joiners or variation selectors after it;
 * - a non-ASCII text is normalized (NFC, lower case) segment by segment, and where that differs
 *   from normalizing the whole text (a cut between a letter and what composes with it, or across
 *   the context of a final sigma), the segments on both sides are merged.
 *
 * Attribution: a 4-gram counts for the segment holding its last character; the space that stands
 * for a whitespace run, for the segment holding the run's first character; the closing padding,
 * for the last segment; a word, for the segment holding its last character. The features that
 * are not means over positions (the text statistics) and the padding of an empty text (which has
 * no segments) make up `unsegmented`. Segment contributions of both texts + unsegmented + the
 * model's constant (0) = the score, up to rounding.
 *
 * Shared: a segment is shared when the other text has a segment whose token set overlaps its own
 * by at least SHARED_OVERLAP (Jaccard: |A ∩ B| / |A ∪ B|). Tokens are the words the word table
 * reads (normalized, digits read as 0), attributed as above; a segment without words uses its
 * non-space code points. A token found in more than MAX_TOKEN_SEGMENTS segments of the other text
 * (fewer for a text of over 4,096 tokens: MAX_POSTINGS) is not counted as common (it bounds the
 * work on long texts; real sentences share rarer words).
 */
import { FEATURES, bucketSum, featuresOfSums } from "./features.js";
import { scoreFeatures, type PairScore } from "./scorer.js";
import { hashNormalized, normalizeForHashing, type BucketEnds } from "./hashing.js";
import { mixKey, newSeed } from "./int-set.js";
import { MARK, classOf, isAscii, isWhitespace } from "./unicode.js";
import type { Model } from "./weights.js";

/** Longest segment, in UTF-16 code units, before a run without sentence ends is cut. */
export const MAX_SEGMENT_LENGTH = 400;

/** Least Jaccard overlap of token sets for a segment to count as shared with the other text. */
export const SHARED_OVERLAP = 0.5;

/** A token found in more of the other text's segments than this is not counted as common: it bounds the work. */
export const MAX_TOKEN_SEGMENTS = 64;

/**
 * Most postings the shared-sentence check walks for one text. A text of more than 4,096 tokens gets
 * a lower limit than MAX_TOKEN_SEGMENTS, its share of these: texts dealt so that every token sat in
 * 64 segments of the other took 17-39 ms of CPU with explain=segments.
 */
const MAX_POSTINGS = MAX_TOKEN_SEGMENTS * 4096;

export interface Segment {
  start: number;
  end: number;
  /** The segment's signed share of the score: > 0 points to text1 being the real one. */
  contribution: number;
  /** Whether the other text has a segment with nearly the same words. */
  shared: boolean;
}

export interface PairSegments {
  text1: Segment[];
  text2: Segment[];
  /** The part of the score that comes from no text position. */
  unsegmented: number;
}

const CHAR_NGRAM = FEATURES.length - 2;
const WORD = FEATURES.length - 1;

// What the segmenter looks for in each code unit: an ASCII table, and a map of the others.
const WHITESPACE = 1, BREAK = 2, STOP = 4, IDEOGRAPHIC_STOP = 8, CLOSER = 16;
const classes = new Map<number, number>([
  ...[0x09, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x3000, 0xfeff].map((u) => [u, WHITESPACE] as const),
  ...[0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029].map((u) => [u, WHITESPACE | BREAK] as const),
  ...[0x2e, 0x21, 0x3f, 0x2026, 0x203c, 0x2047, 0x2048, 0x2049, 0x0589, 0x061f, 0x06d4, 0x0964, 0x0965, 0x104b, 0x1362, 0x17d4].map((u) => [u, STOP] as const),
  ...[0x3002, 0xff01, 0xff1f, 0xff61].map((u) => [u, IDEOGRAPHIC_STOP] as const),
  ...[0x22, 0x27, 0x29, 0x5d, 0x7d, 0xbb, 0x2019, 0x201d, 0x300b, 0x300d, 0x300f, 0x3011, 0x3015, 0xff09].map((u) => [u, CLOSER] as const),
]);
const asciiClasses = Uint8Array.from({ length: 0x80 }, (_, u) => classes.get(u) ?? 0);
const classOfUnit = (u: number) => (u < 0x80 ? asciiClasses[u]! : (classes.get(u) ?? 0));

/** Cuts are never made before a segment is this long, which bounds their number. */
export const MIN_SEGMENT_LENGTH = 16;

const isHigh = (u: number) => (u & 0xfc00) === 0xd800;
const isLow = (u: number) => (u & 0xfc00) === 0xdc00;

/** Whether a segment may start at `i`: not inside a surrogate pair, nor before what attaches to the code point before. */
function canCutAt(text: string, i: number): boolean {
  const unit = text.charCodeAt(i);
  if (isLow(unit) && isHigh(text.charCodeAt(i - 1))) return false;
  if (text.charCodeAt(i - 1) === 0x200d) return false; // after a zero-width joiner
  const cp = text.codePointAt(i)!;
  const joins = cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f);
  return !joins && !(classOf(cp) & MARK);
}

/** Where a segment that starts at `start` and has no end within the window is cut. */
function windowCut(text: string, start: number): number {
  const limit = start + MAX_SEGMENT_LENGTH;
  for (let p = limit; p > start + MAX_SEGMENT_LENGTH / 2; p--) {
    if (classOfUnit(text.charCodeAt(p - 1)) & WHITESPACE && !(classOfUnit(text.charCodeAt(p)) & WHITESPACE)) return p;
  }
  for (let p = limit; p > start; p--) if (canCutAt(text, p)) return p;
  // Marks all the way back: cut after them. Cut among them, the pieces would normalize unlike the
  // whole text, and merging them back would normalize ever longer pieces, once per window.
  let p = limit + 1;
  while (p < text.length && !canCutAt(text, p)) p++;
  return p;
}

/**
 * The units that may end a sentence (line breaks and stops), for a regular expression to find: its
 * compiled scan skips the runs between them several times faster than a loop over the units.
 */
const BOUNDARY = new RegExp(
  `[${[...classes].filter(([, c]) => c & (BREAK | STOP | IDEOGRAPHIC_STOP)).map(([u]) => `\\u${u.toString(16).padStart(4, "0")}`).join("")}]`,
  "g",
);

/** The ends of a text's segments, by the rules above (before normalization merges any). */
export function segmentEnds(text: string): number[] {
  const ends: number[] = [];
  let start = 0;
  const n = text.length;
  // The first line break or stop at or after `from`: still the next one for any i from `from` to
  // it, so a text without any is searched once, not once per window cut.
  let from = -1, next = -1;
  for (let i = 0; i < n; ) {
    if (i < from || i > next) {
      BOUNDARY.lastIndex = from = i;
      next = BOUNDARY.test(text) ? BOUNDARY.lastIndex - 1 : n;
    }
    if (start + MAX_SEGMENT_LENGTH <= next && start + MAX_SEGMENT_LENGTH < n) {
      i = start = windowCut(text, start);
      ends.push(i);
      continue;
    }
    if (next === n) break;
    i = next;
    const unitClass = classOfUnit(text.charCodeAt(i));
    // A line break, or a run of stops and the closers after it; then the whitespace that follows.
    // The run is read no further than the window: past it no sentence can end here, and a long run
    // would be read again after each window cut inside it.
    let j = i + 1;
    let endsWithoutSpace = unitClass & (BREAK | IDEOGRAPHIC_STOP);
    if (!(unitClass & BREAK)) {
      const runEnd = Math.min(n, start + MAX_SEGMENT_LENGTH + 1);
      for (; j < runEnd && classOfUnit(text.charCodeAt(j)) & (STOP | IDEOGRAPHIC_STOP); j++) endsWithoutSpace |= classOfUnit(text.charCodeAt(j)) & IDEOGRAPHIC_STOP;
      while (j < runEnd && classOfUnit(text.charCodeAt(j)) & CLOSER) j++;
    }
    const after = skipWhitespace(text, j);
    if ((endsWithoutSpace || after > j) && after < n && after - start >= MIN_SEGMENT_LENGTH && after - start <= MAX_SEGMENT_LENGTH) {
      ends.push(after);
      start = after;
    }
    i = after;
  }
  if (start < n) ends.push(n);
  return ends;
}

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && classOfUnit(text.charCodeAt(i)) & WHITESPACE) i++;
  return i;
}

/**
 * Segments whose normalized forms, joined, are exactly the normalized text, with their ends in
 * both: for a non-ASCII text, a cut whose sides normalize differently apart is dropped. After two
 * such cuts in a row the rest of the text is one segment: each dropped cut makes the next piece
 * longer, and a text of such cuts (a final sigma before each) would normalize ever longer pieces.
 * For the same reason the last piece merges back one cut at most before the text becomes one.
 */
function normalizedSegments(text: string, ends: number[]): { ends: number[]; normalizedEnds: number[]; normalized: string } {
  // An ASCII text needs no copy in lower case: the hashing pass reads ASCII capitals in lower case itself.
  if (isAscii(text)) return { ends, normalizedEnds: ends, normalized: text };
  const normalized = normalizeForHashing(text);
  const kept: { end: number; normalizedEnd: number }[] = [];
  let dropped = 0; // cuts dropped in a row
  let mergedBack = 0; // cuts the last piece merged back
  for (let k = 0; k < ends.length; k++) {
    const last = k === ends.length - 1;
    for (;;) {
      const start = kept.at(-1)?.end ?? 0;
      const offset = kept.at(-1)?.normalizedEnd ?? 0;
      const piece = start === 0 && last ? normalized : normalizeForHashing(text.slice(start, ends[k]));
      const fits = last ? normalized.length - offset === piece.length && normalized.endsWith(piece) : normalized.startsWith(piece, offset);
      if (fits) {
        kept.push({ end: ends[k]!, normalizedEnd: offset + piece.length });
        dropped = 0;
      } else if (last) {
        // The last piece must match the rest: merge back one cut, then, if that fails too, make the
        // text one segment (which always matches) rather than normalize a longer rest at every cut.
        if (mergedBack++ === 0) kept.pop();
        else kept.length = 0;
        continue;
      } else if (++dropped === 2) k = ends.length - 2; // on to the last piece
      break;
    }
  }
  return { ends: kept.map((s) => s.end), normalizedEnds: kept.map((s) => s.normalizedEnd), normalized };
}

/**
 * Arrays kept from call to call, grown when a call asks for more (to at most twice the longest
 * asked for): a fresh typed array costs an allocation outside V8's heap (0.6 µs for 1,024 entries
 * in workerd, 2 µs for 4,096), zeroing, and cache lines that the tables' lookups need. Their slots,
 * below; what they hold is valid until the next scoreWithSegments.
 */
const scratchArrays: Int32Array[] = [];
function scratch(slot: number, length: number): Int32Array {
  const array = scratchArrays[slot];
  if (array && array.length >= length) return array;
  return (scratchArrays[slot] = new Int32Array(Math.max(length, 2 * (array?.length ?? 0))));
}
// Each text's token lists (text1's, then text2's), where the buckets end and each segment's first while a text is read, and sharedWith's table.
const TOKENS = 0, TOKEN_STARTS = 2, GRAM_ENDS = 4, WORD_ENDS = 5, GRAM_FIRSTS = 6, WORD_FIRSTS = 7, KEYS = 8, HEADS = 9, COUNTS = 10, SEGMENT_OF = 11, NEXT = 12, OVERLAP = 13, TOUCHED = 14;

interface TextSegments {
  ends: number[];
  /** Each segment's share of the text's table features, in score units (before the text's sign). */
  shares: Float64Array;
  /** Each segment's distinct tokens. */
  tokens: TokenLists;
  /** The share of the padding of an empty text, which has no segments. */
  unsegmented: number;
  /** The text's feature vector, as extractFeatures gives it. */
  features: Float64Array;
}

/** Each segment's distinct tokens, sorted, one segment after another: segment k's run from starts[k] to starts[k + 1]. */
interface TokenLists {
  values: Int32Array;
  starts: Int32Array;
  /** How many segments: the arrays are kept from call to call and may be longer than the lists. */
  segments: number;
}

/** Where each segment's buckets start in a list of buckets ordered by their ends, in scratch slot `slot`; the last entry closes the last segment. */
function firstBuckets(slot: number, at: Int32Array, count: number, normalizedEnds: number[]): Int32Array {
  const first = scratch(slot, normalizedEnds.length + 1);
  let b = 0;
  normalizedEnds.forEach((end, k) => {
    first[k] = b;
    while (b < count && at[b]! < end) b++;
  });
  first[normalizedEnds.length] = b;
  return first;
}

/**
 * One text's segments, with the shares of the buckets that end in each and their tokens, and the
 * text's feature vector read from the same buckets. `side` (0 for text1, 1 for text2) picks the
 * scratch slots of its token lists, which must outlast the reading of the other text.
 */
function textSegments(model: Model, text: string, statistics: boolean, side: 0 | 1): TextSegments {
  const { tables, weights, scales } = model;
  const split = normalizedSegments(text, segmentEnds(text));
  const segments = split.ends.length;
  const length = split.normalized.length + 2;
  const ends: BucketEnds = { grams: scratch(GRAM_ENDS, length), words: scratch(WORD_ENDS, length) };
  const { grams, gramCount, words, wordCount } = hashNormalized(split.normalized, tables.bits, ends, tables.kernel);
  const shares = new Float64Array(segments);
  let unsegmented = 0;
  /** Adds each segment's share of a table feature; returns the sum of the table values of all the buckets. */
  const add = (feature: number, table: Int8Array, keys: Int32Array, first: Int32Array, count: number) => {
    // Each bucket's share of its text's mean, times the feature's weight per unit of the raw value.
    const per = count > 0 ? ((weights[feature]! / scales[feature]!) * tables.step) / count : 0;
    let total = 0;
    for (let k = 0; k <= segments; k++) {
      const sum = bucketSum(tables, table, keys, first[k]!, k < segments ? first[k + 1]! : count);
      total += sum;
      if (k < segments) shares[k]! += sum * per;
      else unsegmented += sum * per; // the padding of an empty text, which has no segments
    }
    return total;
  };
  const firstWords = firstBuckets(WORD_FIRSTS, ends.words, wordCount, split.normalizedEnds);
  const gramSum = add(CHAR_NGRAM, tables.charNgram, grams, firstBuckets(GRAM_FIRSTS, ends.grams, gramCount, split.normalizedEnds), gramCount);
  const wordSum = add(WORD, tables.word, words, firstWords, wordCount);
  // split.normalized is the text as hashText normalizes it: these are extractFeatures' buckets.
  const features = featuresOfSums(text, { gramSum, gramCount, wordSum, wordCount }, tables, statistics);
  return { ends: split.ends, shares, tokens: tokenLists(text, split.ends, words, firstWords, side), unsegmented, features };
}

/**
 * The segments' tokens: the word buckets that end in each, or for a segment without words its
 * non-space code points, negated apart from the word buckets. All in one array, without an
 * allocation per segment.
 */
function tokenLists(text: string, ends: number[], words: Int32Array, firstWords: Int32Array, side: 0 | 1): TokenLists {
  const values = scratch(TOKENS + side, firstWords[ends.length]! + text.length);
  const starts = scratch(TOKEN_STARTS + side, ends.length + 1);
  let w = 0;
  for (let k = 0; k < ends.length; k++) {
    const from = (starts[k] = w);
    if (firstWords[k + 1]! > firstWords[k]!) {
      for (let b = firstWords[k]!; b < firstWords[k + 1]!; b++) values[w++] = words[b]!;
    } else {
      for (let i = ends[k - 1] ?? 0; i < ends[k]!; ) {
        const cp = text.codePointAt(i)!;
        i += cp > 0xffff ? 2 : 1;
        if (!isWhitespace(cp)) values[w++] = -1 - cp;
      }
    }
    w = from + sortDistinct(values, from, w);
  }
  starts[ends.length] = w;
  return { values, starts, segments: ends.length };
}

/** Sorts values[from, to) and moves its distinct values to the front; returns how many there are. */
function sortDistinct(values: Int32Array, from: number, to: number): number {
  if (to - from > 32) values.subarray(from, to).sort();
  else {
    // A sentence's few words: an insertion sort costs far less than a call to the built-in sort.
    for (let i = from + 1; i < to; i++) {
      const value = values[i]!;
      let j = i - 1;
      for (; j >= from && values[j]! > value; j--) values[j + 1] = values[j]!;
      values[j + 1] = value;
    }
  }
  let n = 0;
  for (let i = from; i < to; i++) if (i === from || values[i] !== values[i - 1]) values[from + n++] = values[i]!;
  return n;
}

/**
 * For each segment of `a`, whether some segment of `b` shares at least SHARED_OVERLAP of its
 * tokens. `b`'s tokens go in an open-addressing table, each the head of a linked list of the
 * segments that hold it, all in typed arrays: no allocation per token, no call per posting.
 */
function sharedWith(a: TokenLists, b: TokenLists): boolean[] {
  const total = b.starts[b.segments]!;
  const mask = (1 << Math.ceil(Math.log2(2 * total + 2))) - 1;
  const keys = scratch(KEYS, mask + 1);
  const heads = scratch(HEADS, mask + 1).fill(-1, 0, mask + 1);
  const counts = scratch(COUNTS, mask + 1).fill(0, 0, mask + 1);
  const segmentOf = scratch(SEGMENT_OF, total);
  const next = scratch(NEXT, total);
  const seed = newSeed();
  const slot = (token: number) => {
    let i = mixKey(token, seed) & mask;
    while (heads[i] !== -1 && keys[i] !== token) i = (i + 1) & mask;
    return i;
  };
  const bSegments = b.segments;
  let p = 0;
  for (let k = 0; k < bSegments; k++) {
    for (let t = b.starts[k]!; t < b.starts[k + 1]!; t++) {
      const i = slot(b.values[t]!);
      keys[i] = b.values[t]!;
      segmentOf[p] = k;
      next[p] = heads[i]!;
      heads[i] = p++;
      counts[i]!++;
    }
  }
  const tokenSegments = Math.min(MAX_TOKEN_SEGMENTS, Math.floor(MAX_POSTINGS / Math.max(1, a.starts[a.segments]!)));
  const overlap = scratch(OVERLAP, bSegments); // all 0: each segment's loop below puts back the 0s it counts from
  const touched = scratch(TOUCHED, bSegments);
  const shared: boolean[] = [];
  for (let s = 0; s < a.segments; s++) {
    let touchedCount = 0;
    for (let t = a.starts[s]!; t < a.starts[s + 1]!; t++) {
      const i = slot(a.values[t]!);
      if (counts[i]! > tokenSegments) continue;
      for (let q = heads[i]!; q !== -1; q = next[q]!) {
        const k = segmentOf[q]!;
        if (overlap[k]!++ === 0) touched[touchedCount++] = k;
      }
    }
    const size = a.starts[s + 1]! - a.starts[s]!;
    let found = false;
    for (let x = 0; x < touchedCount; x++) {
      const k = touched[x]!;
      found ||= overlap[k]! / (size + b.starts[k + 1]! - b.starts[k]! - overlap[k]!) >= SHARED_OVERLAP;
      overlap[k] = 0;
    }
    shared.push(found);
  }
  return shared;
}

/**
 * Scores the pair as scorePair does, to the bit, and cuts both texts into segments with their
 * contributions and whether the other text shares them: one hashing pass serves both.
 */
export function scoreWithSegments(model: Model, text1: string, text2: string, statistics = model.weighsStatistics): { result: PairScore; segments: PairSegments } {
  const one = textSegments(model, text1, statistics, 0);
  const two = textSegments(model, text2, statistics, 1);
  const result = scoreFeatures(model, one.features, two.features);
  const shared1 = sharedWith(one.tokens, two.tokens);
  const shared2 = sharedWith(two.tokens, one.tokens);
  const segments = (ends: number[], shares: Float64Array, shared: boolean[], sign: 1 | -1) =>
    ends.map((end, k) => ({ start: ends[k - 1] ?? 0, end, contribution: sign * shares[k]!, shared: shared[k]! }));
  let statisticsTerms = 0; // the features that are not means over positions
  for (let j = 0; j < CHAR_NGRAM; j++) statisticsTerms += result.contributions[j]!;
  return {
    result,
    segments: {
      text1: segments(one.ends, one.shares, shared1, 1),
      text2: segments(two.ends, two.shares, shared2, -1),
      unsegmented: one.unsegmented - two.unsegmented + statisticsTerms,
    },
  };
}
