/**
 * Code point classes for the feature extractor. Unicode property regexes are exact but slow, so
 * each code point's class is computed once per isolate and cached.
 */

export const LETTER = 1;
export const UPPER = 2;
export const LATIN = 4;
export const DIGIT = 8;
export const PUNCT = 16;
export const MARK = 32;
export const CONTROL = 64;
const KNOWN = 128;

const classes: [RegExp, number][] = [
  [/^\p{L}$/u, LETTER],
  [/^\p{Lu}$/u, UPPER],
  [/^\p{Script=Latin}$/u, LATIN],
  [/^\p{N}$/u, DIGIT],
  [/^[\p{P}\p{S}]$/u, PUNCT],
  [/^\p{M}$/u, MARK],
  [/^[\p{Cc}\p{Cs}\p{Co}\p{Cn}]$/u, CONTROL],
];

function computeClass(cp: number): number {
  // A lone surrogate cannot go through String.fromCodePoint + /u cleanly; it is a control.
  if (cp >= 0xd800 && cp <= 0xdfff) return CONTROL | KNOWN;
  const ch = String.fromCodePoint(cp);
  let bits = KNOWN;
  for (const [re, bit] of classes) if (re.test(ch)) bits |= bit;
  return bits;
}

// One byte per code point, computed at most once per isolate however many distinct ones texts
// bring: an array for the Basic Multilingual Plane, and one for the planes above, allocated when a
// text first holds such a code point (1 MiB, which would add about 3 ms to every Worker's start-up).
const bmp = new Uint8Array(0x10000);
let astral: Uint8Array | undefined;

/** Bit set of LETTER, UPPER, LATIN, DIGIT, PUNCT, MARK, CONTROL for one code point. */
export function classOf(cp: number): number {
  const cache = cp < 0x10000 ? bmp : (astral ??= new Uint8Array(0x110000 - 0x10000));
  const at = cp < 0x10000 ? cp : cp - 0x10000;
  let bits = cache[at]!;
  if (bits === 0) cache[at] = bits = computeClass(cp);
  return bits;
}

/** Lower-case form of an upper-case letter (one code point; multi-code-point folds keep the first). */
export function toLower(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
  return String.fromCodePoint(cp).toLowerCase().codePointAt(0)!;
}

// Anchored, so a match is one tight loop over the text (twice as fast as searching for a non-ASCII unit).
const ALL_ASCII = /^[\x00-\x7f]*$/;

/**
 * Whether every code unit of a text is ASCII. Such a text is its own NFC form and has one code
 * unit per code point, and testing for it costs less than normalize("NFC").
 */
export function isAscii(text: string): boolean {
  return ALL_ASCII.test(text);
}

/** The characters JavaScript's \s matches. */
export function isWhitespace(cp: number): boolean {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  return cp === 0xa0 || cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f ||
    cp === 0x205f || cp === 0x3000 || cp === 0xfeff;
}
