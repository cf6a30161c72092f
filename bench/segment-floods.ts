/**
 * Texts that made the segments' work grow faster than the text, found by a red-team session: a final
 * Σ whose context reaches back across many sentences (normalizedSegments merged the last piece back
 * one cut at a time), and texts whose every token sits in MAX_TOKEN_SEGMENTS segments of the other
 * (sharedWith walked every posting). Both are bounded now (segments.ts); these stay as worst cases.
 */
import { MAX_TOKEN_SEGMENTS } from "../src/model/segments.js";
import { classOf, DIGIT, LETTER, MARK } from "../src/model/unicode.js";

/** Symbols that are no word unit, whitespace, stop or closer, and that NFC and case leave alone: each is a token of a segment without words. */
const tokenSymbols = () => {
  const ok = (cp: number) => {
    const s = String.fromCodePoint(cp);
    return !"\"')]}.!?".includes(s) && !(classOf(cp) & (LETTER | MARK | DIGIT)) && !/[\s\p{L}\p{N}\p{M}\p{Cc}\p{Cf}]/u.test(s) && s.normalize("NFC") === s && s.toLowerCase() === s && s.toUpperCase() === s;
  };
  const symbols: string[] = [];
  for (const [from, to] of [[0x21, 0x7f], [0x2500, 0x2600], [0x2800, 0x2900]] as const) for (let cp = from; cp < to; cp++) if (ok(cp)) symbols.push(String.fromCharCode(cp));
  return symbols;
};
/**
 * explain=segments: lines of 15 symbols (segments of the least length, 16 units, whose tokens are
 * their code points), dealt at random so that each symbol is in exactly MAX_TOKEN_SEGMENTS lines and
 * two lines rarely share one: every token walks a full posting list, and each segment touches
 * hundreds of the other text's segments (sharedWith).
 */
export const scatteredSymbolLines = (length: number, seed: number, per = 15) => {
  const symbols = tokenSymbols();
  return dealtLines(Math.floor(length / (per + 1)), per, seed).map((line) => `${line.map((k) => symbols[k]).join("")}\n`).join("").slice(0, length);
};
/** The same in ASCII: sentences of five two-letter words ("ab cd ef gh ij. "), each word in MAX_TOKEN_SEGMENTS sentences. */
export const scatteredWordSentences = (length: number, seed: number, per = 5) => {
  const words = Array.from({ length: 676 }, (_, i) => String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26)));
  return dealtLines(Math.floor(length / (per * 3 + 1)), per, seed).map((line) => `${line.map((k) => words[k]).join(" ")}. `).join("").slice(0, length);
};
/** `lines` lines of `per` token numbers, each number in MAX_TOKEN_SEGMENTS lines, shuffled by a seeded generator. */
function dealtLines(lines: number, per: number, seed: number): number[][] {
  let s = seed;
  const random = () => ((s = Math.imul(s, 48271) % 0x7fffffff) & 0xffff) / 0x10000;
  const kinds = Math.ceil((lines * per) / MAX_TOKEN_SEGMENTS);
  const deck = Array.from({ length: kinds * MAX_TOKEN_SEGMENTS }, (_, i) => Math.floor(i / MAX_TOKEN_SEGMENTS));
  for (let i = deck.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  return Array.from({ length: lines }, (_, l) => deck.slice(l * per, (l + 1) * per));
}
/** A cased letter, then sentences of case-ignorables only ("''''''''''''''.\uFEFF", 16 units), then `tail`: a Σ in the tail is final only with the whole text before it. */
export const ignorableSentences = (head: string, tail: string, length: number) => {
  const unit = "''''''''''''''.\ufeff";
  return head + unit.repeat(Math.floor((length - head.length - tail.length) / unit.length)) + tail;
};
