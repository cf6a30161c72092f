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
import {
  AFTER_SPACE, ASTRAL_KNOWN, ASTRAL_WORD, CASED_ASCII, HashKernel, C0, C1, C2, DOTTED, GRAM_COUNT, IGNORABLE_ASCII, IN_WORD, KNOWN, LOWERED, MASK,
  MAX_ASTRAL_LOWERING, REPLACEMENT, SIGMA, STOP_BITS, UNITS, WORD_COUNT, WORD_HASH,
} from "./hash-kernel.js";
import { CASED, CASE_IGNORABLE, CHANGES_WHEN_LOWERCASED, DIGIT, LETTER, MARK, classOf, isWhitespace, toLower } from "./unicode.js";

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
  return nfc(text).toLowerCase();
}

/** Combining marks in a row after which nfc puts a U+034F COMBINING GRAPHEME JOINER. */
export const MAX_MARK_RUN = 30;

// A stretch of code units below U+0300, which hold no mark: the regex engine skips it faster than a loop.
const BELOW_MARKS = /[\0-\u02ff]*/y;

/** The last index of the stretch below U+0300 from `i`: by the regex, unless the stretch is one unit (a call costs more than it). */
function belowMarksEnd(text: string, i: number): number {
  if (!(text.charCodeAt(i + 1) < 0x300)) return i;
  BELOW_MARKS.lastIndex = i;
  BELOW_MARKS.test(text);
  return BELOW_MARKS.lastIndex - 1;
}

// A code unit from U+0300 on, below which NFC changes no code point and joins none to the one before: the regex engine finds
// none in a text V8 holds in one byte a unit (ASCII and Latin-1, most texts) without reading it.
const FROM_MARKS = /[\u0300-\uffff]/g;

/**
 * The text's NFC. Most texts are their own: one with no code unit from U+0300 on comes back as it
 * is. Of the others, only the rest from the unit before the first such unit is normalized: the
 * units before are their own NFC, and NFC joins nothing across them but the last, which a mark
 * after it may join. A rest that NFC leaves as it is comes back as it is too: ICU's check finds it
 * faster than a scan of each unit's class did, but on long runs of CJK (BENCHMARKS.md, item 39).
 * hashText asks before the kernel copies the text: asking after, to skip it for a text all ASCII,
 * copied every text that NFC changes twice. Before normalizing, a U+034F COMBINING GRAPHEME JOINER
 * goes after every 30 combining marks in a row, as in Unicode's Stream-Safe Text Format (UAX #15):
 * ICU puts a run of marks in canonical order in quadratic time, and one run of 50,000 took a
 * second. No real text has such runs: only a rest with more than 30 code units from U+0300 on in a
 * row (no mark is below it) is looked at mark by mark.
 */
function nfc(text: string): string {
  FROM_MARKS.lastIndex = 0;
  if (!FROM_MARKS.test(text)) return text;
  const first = FROM_MARKS.lastIndex - 1;
  const from = Math.max(first - 1, 0); // a unit below U+0300, so no surrogate
  const rest = text.slice(from);
  const normalized = (longUnitRun(text, from) ? streamSafe(rest, first - from) : rest).normalize("NFC");
  return normalized === rest ? text : text.slice(0, from) + normalized;
}

/**
 * Whether the text holds more than MAX_MARK_RUN code units from U+0300 on in a row, from `from` on.
 * Such a run covers one of every MAX_MARK_RUN + 1 units, so only those are probed, and a run is
 * measured around a probe that lands in one: a loop over every unit took about half as long as
 * normalize("NFC") on prose with a mark after every 8th unit.
 */
function longUnitRun(text: string, from: number): boolean {
  for (let probe = from + MAX_MARK_RUN; probe < text.length; probe += MAX_MARK_RUN + 1) {
    if (text.charCodeAt(probe) < 0x300) continue;
    let start = probe, end = probe + 1; // no further back than the probe before, else that one's run was long
    while (start > from && text.charCodeAt(start - 1) >= 0x300) start--;
    while (end < text.length && text.charCodeAt(end) >= 0x300 && end - start <= MAX_MARK_RUN) end++;
    if (end - start > MAX_MARK_RUN) return true;
  }
  return false;
}

/**
 * The text with a U+034F after every MAX_MARK_RUN marks in a row, from `from` on (no mark is before
 * it). A stretch below U+0300 holds no mark, so it is skipped as in nfc: it only ends a run.
 */
function streamSafe(text: string, from: number): string {
  let marks = 0, copied = 0, safe = "";
  for (let i = from; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x300) {
      i = belowMarksEnd(text, i);
      marks = 0;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (!(classOf(cp) & MARK)) marks = 0;
    else if (++marks > MAX_MARK_RUN) {
      safe += text.slice(copied, i) + "\u034f";
      copied = i;
      marks = 1;
    }
    if (cp > 0xffff) i++;
  }
  return copied === 0 ? text : safe + text.slice(copied);
}

let kernelModule: WebAssembly.Module | undefined;
let hashKernel: HashKernel | undefined;

/**
 * Makes hashText and hashNormalized hash every text with the WebAssembly pass (hash-kernel.ts),
 * made on first use: all but a few of its units. The Worker and the Node tools install it when they
 * load the model; without it, as in the model's own tests, the JavaScript pass gives the same
 * buckets.
 */
export function installHashKernel(module: WebAssembly.Module): void {
  if (module === kernelModule) return; // installed already: keep its instance and memory
  kernelModule = module;
  hashKernel = undefined;
}

/**
 * Hashes a text into table buckets of `bits` bits with `kernel`: by default the installed one; for a
 * model's texts, the instance that holds its tables (features.ts). In JavaScript where there is
 * none, or where it has no room for the text. The arrays returned are scratch space, valid until
 * the next call.
 */
export function hashText(text: string, bits: number, kernel = installedKernel()): TextBuckets {
  return hashUnits(nfc(text), bits, true, undefined, kernel);
}

/** An instance of the hashing module of its own, to hold a model's tables (weights.ts' decodeTables). */
export function newHashKernel(module: WebAssembly.Module): HashKernel {
  return new HashKernel(module, kernelRead);
}

/** The installed kernel's instance, made on first use. */
function installedKernel(): HashKernel | undefined {
  return kernelModule && (hashKernel ??= new HashKernel(kernelModule, kernelRead));
}

/**
 * What the kernel reads for a code point of the BMP: readUnit's answer (for ASCII, ASCII_UNITS',
 * with the classes endsWord reads), marked KNOWN, and LOWERED where lower case changes the code
 * point; İ, whose lower case is two units, as i marked DOTTED; Σ, read by its context, as σ marked
 * SIGMA (the kernel reads it where the ASCII around it decides, as endsWord would); U+FFFD marked
 * REPLACEMENT, as the kernel's copy also holds it for a lone surrogate. Above the BMP, the astral
 * entry from which the kernel makes readUnit's answers for both units: 0, which it cannot read, if
 * lower case were to move the code point back or too far.
 */
function kernelRead(cp: number): number {
  if (cp > 0xffff) {
    const pair = String.fromCodePoint(cp);
    const high = readUnit(pair, 0, pair.charCodeAt(0), true), low = readUnit(pair, 1, pair.charCodeAt(1), true);
    const lowering = 0x10000 + (((high & 0x3ff) << 10) | (low & 0x3ff)) - cp;
    if (lowering < 0 || lowering > MAX_ASTRAL_LOWERING) return 0;
    return ASTRAL_KNOWN | (high & WORD_UNIT ? ASTRAL_WORD : 0) | lowering;
  }
  if (cp < 0x80) return ASCII_UNITS[cp]! | KNOWN | (classOf(cp) & CASED ? CASED_ASCII : 0) | (classOf(cp) & CASE_IGNORABLE ? IGNORABLE_ASCII : 0);
  if (cp === CAPITAL_I_WITH_DOT) return SMALL_I_READ | KNOWN | LOWERED | DOTTED;
  if (cp === CAPITAL_SIGMA) return SMALL_SIGMA | WORD_UNIT | KNOWN | LOWERED | SIGMA;
  const read = readUnit(String.fromCharCode(cp), 0, cp, true) | KNOWN | (classOf(cp) & CHANGES_WHEN_LOWERCASED ? LOWERED : 0);
  return cp === REPLACEMENT_CHARACTER ? read | REPLACEMENT : read;
}

/**
 * hashText on a text already normalized. With `ends`, also writes where each bucket ends (arrays
 * at least as long as the text plus 2), for the explanations that attribute buckets to sentences.
 */
export function hashNormalized(s: string, bits: number, ends?: BucketEnds, kernel = installedKernel()): TextBuckets {
  return hashUnits(s, bits, false, ends, kernel);
}

/**
 * What the hashing reads for a code unit: the unit (lower case, each digit as '0', each whitespace
 * character as a space) in the low 16 bits, then the flags WORD_UNIT (part of a letter or number)
 * and SPACE_UNIT. ASCII_UNITS holds it for every ASCII unit: one lookup instead of a chain of
 * comparisons, as most units of any text are ASCII.
 */
const WORD_UNIT = 0x10000;
const SPACE_UNIT = 0x20000;
const ASCII_UNITS = new Int32Array(0x80).map((_, u) => {
  const lower = u >= 0x41 && u <= 0x5a ? u + 0x20 : u;
  if (lower >= 0x30 && lower <= 0x39) return ZERO | WORD_UNIT;
  if (isWhitespace(lower)) return SPACE | SPACE_UNIT;
  return lower >= 0x61 && lower <= 0x7a ? lower | WORD_UNIT : lower;
});

/** readUnit's answer for İ in lower case, i and U+0307 (COMBINING DOT ABOVE): the pass reads two units for it. */
const DOTTED_I = -1;
const SMALL_I_READ = 0x69 | WORD_UNIT, DOT_ABOVE_READ = 0x307; // as readUnit reads them

/** The code points whose lower case is not the lower case of each of their units: İ is i and a mark, Σ is ς or σ by its context. */
const CAPITAL_I_WITH_DOT = 0x130, CAPITAL_SIGMA = 0x3a3, SMALL_FINAL_SIGMA = 0x3c2, SMALL_SIGMA = 0x3c3;

/** U+FFFD, which encodeInto also writes for a lone surrogate. */
const REPLACEMENT_CHARACTER = 0xfffd;

/**
 * What the hashing reads for the non-ASCII unit at `i`: both units of a surrogate pair take the
 * class of its code point. With `lowerCase`, the unit of the code point's lower case, as
 * toLowerCase would make it.
 */
function readUnit(s: string, i: number, unit: number, lowerCase: boolean): number {
  let cp = unit;
  if ((unit & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) cp = s.codePointAt(i)!;
  else if ((unit & 0xfc00) === 0xdc00 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800) cp = s.codePointAt(i - 1)!;
  const cls = classOf(cp);
  if (lowerCase && cls & CHANGES_WHEN_LOWERCASED) {
    if (cp === CAPITAL_I_WITH_DOT) return DOTTED_I;
    unit = lowerUnit(s, i, unit, cp);
  }
  if (cls & (LETTER | DIGIT)) return unit | WORD_UNIT;
  return isWhitespace(unit) ? SPACE | SPACE_UNIT : unit; // no whitespace is a letter or number
}

/** The unit at `i` of the lower case of its code point `cp`, which toLowerCase changes (but İ). */
function lowerUnit(s: string, i: number, unit: number, cp: number): number {
  if (cp === CAPITAL_SIGMA) return endsWord(s, i) ? SMALL_FINAL_SIGMA : SMALL_SIGMA;
  const lower = toLower(cp);
  if (cp <= 0xffff) return lower;
  // The lower case of a code point above the BMP is above it too: the unit of its pair at this place.
  return (unit & 0xfc00) === 0xd800 ? 0xd800 | ((lower - 0x10000) >> 10) : 0xdc00 | ((lower - 0x10000) & 0x3ff);
}

/**
 * Whether the Σ at `i` is final, as toLowerCase (ICU) decides: a cased code point before it and
 * none after, case-ignorable ones skipped (Unicode's Final_Sigma). Each stretch of case-ignorable
 * code points is walked by the Σ on either side of it at most, so a text costs linear time.
 */
function endsWord(s: string, i: number): boolean {
  return casedNext(s, i, -1) && !casedNext(s, i + 1, 1);
}

/** Whether the first code point from `at` in direction `step` that is not case-ignorable is cased. */
function casedNext(s: string, at: number, step: 1 | -1): boolean {
  for (let j = at; step > 0 ? j < s.length : j > 0; ) {
    let cp: number;
    if (step > 0) {
      cp = s.codePointAt(j)!;
      j += cp > 0xffff ? 2 : 1;
    } else {
      cp = s.charCodeAt(--j);
      if ((cp & 0xfc00) === 0xdc00 && j > 0 && (s.charCodeAt(j - 1) & 0xfc00) === 0xd800) cp = s.codePointAt(--j)!;
    }
    const cls = classOf(cp);
    if (!(cls & CASE_IGNORABLE)) return (cls & CASED) !== 0;
  }
  return false;
}

/**
 * The hashing pass: hashNormalized, or with `lowerCase` hashText's, on a text in NFC.
 *
 * Two loops taken in turn. While the units and the three before them are ASCII (most of any
 * document), the 4-gram's three previous units are packed in one number and the FNV state after
 * its first two units is looked up, not computed: about 20 % faster than the general steps, which
 * take the other units. With `kernel`, the WebAssembly pass takes those stretches instead, on its
 * copy of the text in UTF-8: in about half the time in Node, a quarter less in workerd. It also
 * takes every other code point but those the state's stop bits keep for JavaScript, a Σ it cannot
 * place and the few above the BMP whose lower case it cannot make: the general steps here read
 * those, and go on until an ASCII unit follows three ASCII units again. Neither loop branches but
 * on that: a text's words and spaces alternate too irregularly for the branch predictor, so each
 * step is computed and masked, and a bucket is written at every unit and kept by counting it (or
 * overwritten by the next). Where the buckets
 * end is written by a pass of its own (bucketEnds, or for a text all ASCII the module's, on its copy):
 * recording them here slowed the served path by about 12 %.
 *
 * The loops read no module-level binding: bundlers turn module constants and functions into
 * mutable variables, which V8 reloads and checks on every use in a loop. So the constants are
 * locals and gramHash and finish are written out. That took scorePair on the typical ASCII pair
 * (Node, bundled) from 114 to 153 MB/s; the two loops took the pair with non-ASCII noise from 98
 * to 117, and reading texts as they come to 144.
 */
function hashUnits(s: string, bits: number, lowerCase: boolean, ends?: BucketEnds, kernel?: HashKernel): TextBuckets {
  const length = s.length;
  // A bucket is written at every unit read, and lower case reads İ as two (typed arrays drop writes past their end).
  const room = length + 1 + (lowerCase ? countOf(s, "\u0130") : 0);
  // The kernel's memory is laid out before the pass: growing it later would move the buckets written.
  let ascii = false; // whether the kernel's copy is one byte a unit
  // UTF-8 takes at most 3 bytes a unit. A kernel that holds a model's tables has no room for a text longer than the limits: JavaScript reads it.
  if (kernel && !kernel.reserve(room, 3 * length)) kernel = undefined;
  if (kernel) ascii = kernel.encode(s) === length;
  else {
    if (gramBuffer.length < room) gramBuffer = new Int32Array(room);
    if (wordBuffer.length < room) wordBuffer = new Int32Array(room);
  }
  const grams = kernel ? kernel.grams : gramBuffer;
  const words = kernel ? kernel.words : wordBuffer;
  // With the kernel, the JavaScript ASCII loop never runs, and the pair states it reads are never built.
  const lookup = kernel ? ASCII_UNITS : asciiLookupTable();
  const mask = (1 << bits) - 1;
  if (kernel) {
    kernel.state[MASK] = mask;
    // A text read as it is: lower case is the JavaScript pass's to skip. U+FFFD: until the text is known to hold no lone surrogate.
    kernel.state[STOP_BITS] = (lowerCase ? 0 : LOWERED) | REPLACEMENT;
  }
  let wellFormedAsked = false; // whether the text was asked for lone surrogates (once, at the kernel's first stop at U+FFFD)
  // With the kernel: where it last stopped, as a unit and as a byte of its copy of the text.
  let stopped = 0, stoppedAt = 0;
  const prime = FNV_PRIME, offset = FNV_OFFSET | 0, gramOffset = offset ^ CHAR_NGRAM_ORDER, space = SPACE, pairs = PAIRS;
  let gramCount = 0, wordCount = 0;
  let last3 = (space << 14) | (space << 7) | space; // the 4-gram's three previous units, 7 bits each, while they are ASCII
  let c0 = space, c1 = space, c2 = space; // the same, 16 bits each, while one is not
  let afterSpace = 1; // leading whitespace, and each run's second unit on, make no 4-gram
  let inWord = 0;
  let wordHash = offset;
  let dotAbove = 0; // İ's lower case was read up to its mark
  for (let i = 0; i < length; ) {
    if (kernel) {
      // The units the WebAssembly pass reads, from its copy of the text in UTF-8: it stops at one it does not, or at the end.
      const at = stoppedAt + utf8Length(s, stopped, i);
      const state = kernel.state;
      state[GRAM_COUNT] = gramCount;
      state[WORD_COUNT] = wordCount;
      state[C0] = c0;
      state[C1] = c1;
      state[C2] = c2;
      state[AFTER_SPACE] = afterSpace;
      state[IN_WORD] = inWord;
      state[WORD_HASH] = wordHash;
      stoppedAt = kernel.run(at);
      stopped = i += state[UNITS]!;
      gramCount = state[GRAM_COUNT]!;
      wordCount = state[WORD_COUNT]!;
      c0 = state[C0]!;
      c1 = state[C1]!;
      c2 = state[C2]!;
      afterSpace = state[AFTER_SPACE]!;
      inWord = state[IN_WORD]!;
      wordHash = state[WORD_HASH]!;
      // It stopped at a code point it has no read for yet: it learns it, and goes on.
      const cp = s.codePointAt(i)!;
      if (kernel.learn(cp)) continue;
      // It stopped at U+FFFD, which its copy also holds for a lone surrogate: in a text without one, it reads them all.
      if (cp === REPLACEMENT_CHARACTER && !wellFormedAsked) {
        wellFormedAsked = true;
        if (s.isWellFormed()) {
          state[STOP_BITS] = state[STOP_BITS]! ^ REPLACEMENT;
          continue;
        }
      }
    } else {
      // ASCII units after three ASCII units, by the JavaScript loop (without the kernel, as in the model's tests).
      for (; i < length; i++) {
        const code = s.charCodeAt(i);
        if (code >= 0x80) break;
        const read = lookup[code]!;
        const unit = read & 0xffff, isWord = (read >> 16) & 1, isSpace = read >> 17;
        words[wordCount] = (wordHash ^ (wordHash >>> 15)) & mask;
        wordCount += inWord & (isWord ^ 1);
        wordHash = (Math.imul(wordHash ^ unit, prime) & -isWord) | (offset & (isWord - 1));
        inWord = isWord;
        const keep = (isSpace & afterSpace) ^ 1;
        const h = Math.imul(Math.imul(lookup[pairs + (last3 >> 7)]! ^ (last3 & 0x7f), prime) ^ unit, prime);
        grams[gramCount] = (h ^ (h >>> 15)) & mask;
        gramCount += keep;
        last3 ^= (last3 ^ (((last3 << 7) | unit) & 0x1fffff)) & -keep;
        afterSpace = isSpace;
      }
      c0 = last3 >> 14;
      c1 = (last3 >> 7) & 0x7f;
      c2 = last3 & 0x7f;
    }
    // Any unit, until an ASCII one follows three ASCII units (handing back at any ASCII unit cost the kernel more in workerd).
    for (; i < length; i++) {
      let read: number;
      if (dotAbove) {
        read = DOT_ABOVE_READ;
        dotAbove = 0;
      } else {
        const code = s.charCodeAt(i);
        if (code < 0x80 && (c0 | c1 | c2) < 0x80) break;
        read = code < 0x80 ? lookup[code]! : readUnit(s, i, code, lowerCase);
        if (read === DOTTED_I) {
          read = SMALL_I_READ; // this unit again next, as its mark
          dotAbove = 1;
          i--;
        }
      }
      const unit = read & 0xffff, isWord = (read >> 16) & 1, isSpace = read >> 17;
      // A word ends here if the unit is no word unit: its bucket is kept (else the next overwrites it).
      words[wordCount] = (wordHash ^ (wordHash >>> 15)) & mask;
      wordCount += inWord & (isWord ^ 1);
      wordHash = (Math.imul(wordHash ^ unit, prime) & -isWord) | (offset & (isWord - 1));
      inWord = isWord;
      // A 4-gram ends here unless the unit continues a whitespace run (the run's first unit stands for it).
      const keep = (isSpace & afterSpace) ^ 1;
      const h = Math.imul(Math.imul(Math.imul(Math.imul(gramOffset ^ c0, prime) ^ c1, prime) ^ c2, prime) ^ unit, prime);
      grams[gramCount] = (h ^ (h >>> 15)) & mask;
      gramCount += keep;
      const shift = -keep;
      c0 ^= (c0 ^ c1) & shift;
      c1 ^= (c1 ^ c2) & shift;
      c2 ^= (c2 ^ unit) & shift;
      afterSpace = isSpace;
    }
    last3 = (c0 << 14) | (c1 << 7) | c2;
  }
  if (inWord) words[wordCount++] = finish(wordHash) & mask;
  // The closing padding, unless a trailing whitespace run already made the same 4-gram.
  if (!afterSpace || gramCount === 0) grams[gramCount++] = gramHash(c0, c1, c2, SPACE) & mask;
  if (ends && kernel && ascii) {
    kernel.writeEnds(length);
    ends.grams.set(kernel.gramEnds.subarray(0, gramCount));
    ends.words.set(kernel.wordEnds.subarray(0, wordCount));
  } else if (ends) bucketEnds(s, ends);
  return { grams, gramCount, words, wordCount };
}

/** How many bytes the units of `s` from `from` to `to` take in UTF-8, as encodeInto writes them (a lone surrogate as U+FFFD). */
function utf8Length(s: string, from: number, to: number): number {
  let bytes = to - from;
  for (let i = from; i < to; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if ((unit & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // the pair's four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** How many times `char` occurs in `s` (indexOf searches natively). */
function countOf(s: string, char: string): number {
  let count = 0;
  for (let i = s.indexOf(char); i >= 0; i = s.indexOf(char, i + 1)) count++;
  return count;
}

/**
 * Where hashUnits' buckets end, by the same steps without the hashing: a 4-gram
 * at the unit it is written at, a word at the unit before the one that ends it.
 */
function bucketEnds(s: string, ends: BucketEnds): void {
  const { grams, words } = ends;
  const ascii = ASCII_UNITS;
  let gramCount = 0, wordCount = 0, afterSpace = 1, inWord = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const read = code < 0x80 ? ascii[code]! : readUnit(s, i, code, false);
    const isWord = (read >> 16) & 1, isSpace = read >> 17;
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

/**
 * What the ASCII loop looks up, in one array so that it checks one array instead of two:
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

/** The hash of the 4-gram of code units a b c d (mask it to the table's bits). */
export function gramHash(a: number, b: number, c: number, d: number): number {
  let h = FNV_OFFSET ^ CHAR_NGRAM_ORDER;
  h = Math.imul(h ^ a, FNV_PRIME);
  h = Math.imul(h ^ b, FNV_PRIME);
  h = Math.imul(h ^ c, FNV_PRIME);
  return finish(Math.imul(h ^ d, FNV_PRIME));
}

/** The FNV state after a 4-gram's first two units: the ASCII loop tabulates it for ASCII pairs. */
function gramHashStart(a: number, b: number): number {
  return Math.imul(Math.imul((FNV_OFFSET ^ CHAR_NGRAM_ORDER) ^ a, FNV_PRIME) ^ b, FNV_PRIME);
}

/** Folds the high bits into the low ones, which the mask keeps. */
export function finish(h: number): number {
  return h ^ (h >>> 15);
}
