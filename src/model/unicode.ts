/**
 * Code point classes for the feature extractor, looked up in a table generated from Unicode property
 * regexes (unicode-properties.ts, unicode-classes.ts): the Worker and the Node tools read the same
 * Unicode version whatever their runtimes' own, and no text makes a request compute a class.
 */
import { CLASS_CHAR } from "./unicode-properties.js";
import { BLOCKS, PAGES } from "./unicode-classes.js";

export { CASED, CASE_IGNORABLE, CHANGES_WHEN_LOWERCASED, CONTROL, DIGIT, LATIN, LETTER, MARK, PUNCT, UPPER } from "./unicode-properties.js";

/** Bit set of LETTER, UPPER, LATIN, DIGIT, PUNCT, MARK, CONTROL, CHANGES_WHEN_LOWERCASED, CASED, CASE_IGNORABLE for one code point: a table lookup. */
export function classOf(cp: number): number {
  return PAGES.charCodeAt((BLOCKS[cp >> 8]! << 8) | (cp & 0xff)) - CLASS_CHAR;
}

// Each upper-case letter's lower case, once per isolate: toLowerCase costs about 0.1 µs a call,
// and Unicode has fewer than 2,000 upper-case letters.
const lowerCase = new Map<number, number>();

/** Lower-case form of an upper-case letter (one code point; multi-code-point folds keep the first). */
export function toLower(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
  let lower = lowerCase.get(cp);
  if (lower === undefined) lowerCase.set(cp, (lower = String.fromCodePoint(cp).toLowerCase().codePointAt(0)!));
  return lower;
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

/** How many code units of a text are outside ASCII. */
export function nonAsciiLength(text: string): number {
  if (isAscii(text)) return 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) count += (text.charCodeAt(i) + 0xff80) >>> 16; // 1 from U+0080 up
  return count;
}

/** The characters JavaScript's \s matches. */
export function isWhitespace(cp: number): boolean {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  return cp === 0xa0 || cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f ||
    cp === 0x205f || cp === 0x3000 || cp === 0xfeff;
}
