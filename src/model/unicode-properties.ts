/**
 * The code point classes the extractor reads, defined by Unicode property regexes, and the
 * form of the table `npm run unicode-table` writes of them (unicode-classes.ts, read by
 * unicode.ts). Apart from that table, so that computing a class never reads it.
 */

export const LETTER = 1;
export const UPPER = 2;
export const LATIN = 4;
export const DIGIT = 8;
export const PUNCT = 16;
export const MARK = 32;
export const CONTROL = 64;
/** Lower case changes it (Unicode's Changes_When_Lowercased). */
export const CHANGES_WHEN_LOWERCASED = 128;
/** Cased and Case_Ignorable: what decides whether lower case makes a Σ final (ς) or not (σ). */
export const CASED = 256;
export const CASE_IGNORABLE = 512;

/** What each class bit means, as a Unicode property regex: the table is generated from these. */
const PROPERTIES: [RegExp, number][] = [
  [/^\p{L}$/u, LETTER],
  [/^\p{Lu}$/u, UPPER],
  [/^\p{Script=Latin}$/u, LATIN],
  [/^\p{N}$/u, DIGIT],
  [/^[\p{P}\p{S}]$/u, PUNCT],
  [/^\p{M}$/u, MARK],
  [/^[\p{Cc}\p{Cs}\p{Co}\p{Cn}]$/u, CONTROL],
  [/^\p{Changes_When_Lowercased}$/u, CHANGES_WHEN_LOWERCASED],
  [/^\p{Cased}$/u, CASED],
  [/^\p{Case_Ignorable}$/u, CASE_IGNORABLE],
];

/** The class of a code point by this runtime's regexes and normalization (slow: what `npm run unicode-table` tabulates). */
export function propertyClass(cp: number): number {
  // A lone surrogate is a control: String.fromCodePoint and the /u regexes cannot take it cleanly.
  const surrogate = cp >= 0xd800 && cp <= 0xdfff;
  const ch = surrogate ? String.fromCharCode(cp) : String.fromCodePoint(cp);
  return surrogate ? CONTROL : PROPERTIES.reduce((bits, [re, bit]) => (re.test(ch) ? bits | bit : bits), 0);
}

/** A class as unicode-classes.ts stores it: the character CLASS_CHAR + its bits, printable ASCII for most code points. */
export const CLASS_CHAR = 0x30;

/**
 * Every code point's class in the two stages unicode-classes.ts stores: a page of 256 classes for
 * each block of 256 code points, the blocks with the same classes sharing one page. `blocks` holds
 * each block's page number, `pages` the pages in order of first use, a class a character.
 */
export function classPages(classOfCodePoint: (cp: number) => number): { blocks: number[]; pages: string } {
  const pages: string[] = [];
  const blocks = Array.from({ length: 0x1100 }, (_, block) => {
    const page = String.fromCharCode(...Array.from({ length: 0x100 }, (_, k) => CLASS_CHAR + classOfCodePoint((block << 8) | k)));
    const known = pages.indexOf(page);
    return known >= 0 ? known : pages.push(page) - 1;
  });
  return { blocks, pages: pages.join("") };
}

