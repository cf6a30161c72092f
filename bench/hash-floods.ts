/**
 * Texts whose words and tokens all took neighbouring slots in the hash tables of the statistics
 * (IntSet) and of the shared-sentence check, when those placed keys by a fixed multiplicative hash
 * (0x9e3779b1): a red-team session built them, and they took 32-180 ms of CPU per request. The
 * tables now mix keys with a random seed (int-set.ts), and these texts stay as worst cases.
 */
import { classOf, LETTER, MARK, UPPER } from "../src/model/unicode.js";

const GOLDEN = 0x9e3779b1; // the former fixed multiplier
/** Lower-case, NFC-stable BMP letters past Latin-1: words of two take 3 units with their space. */
const bmpLetters = () => {
  const letters: number[] = [];
  for (let cp = 0x100; cp < 0xd800; cp++) {
    const s = String.fromCharCode(cp);
    if (classOf(cp) & LETTER && !(classOf(cp) & (UPPER | MARK)) && s.normalize("NFC") === s && s.toLowerCase() === s) letters.push(cp);
  }
  return letters;
};
/** Two-letter words, in order, whose FNV-1a hash over the two letters passes `keep`. */
function* twoLetterWords(keep: (hash: number) => boolean) {
  const letters = bmpLetters();
  for (const a of letters) {
    const ha = Math.imul(0x811c9dc5 ^ a, 0x01000193);
    for (const b of letters) {
      const h = Math.imul(ha ^ b, 0x01000193);
      if (keep(h)) yield String.fromCharCode(a, b);
    }
  }
}

/**
 * explain=all: distinct two-letter words whose statistics hash lands in the first `window` of 65,536
 * slots of IntSet's Fibonacci hashing (top bits of hash * GOLDEN): all of them join one
 * linear-probing cluster of WordStats.types, and each new word walks it (quadratic).
 */
export function typesFloodText(length = 50_000, window = 64): string {
  const words: string[] = [];
  for (const w of twoLetterWords((h) => Math.imul(h, GOLDEN) >>> 16 < window)) if (words.push(w) * 3 >= length) break;
  return words.join(" ").slice(0, length);
}

/**
 * explain=segments: lines of symbols (a segment without words has its code points as tokens) whose
 * tokens, -1 - code point, land in the first `window` slots of sharedWith's table (mask 0x7fff for
 * ~10,000 tokens: the same low bits in every plane): one cluster that every insertion and lookup walks.
 */
export function sharedWithFloodSymbols(length = 20_000, window = 1024, mask = 0x7fff): string {
  const ok = (cp: number) => {
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || (cp & 0xfffe) === 0xfffe) return false;
    if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0000 && cp <= 0xe0fff)) return false;
    if (classOf(cp) & (LETTER | MARK) || /[\p{P}\p{Z}\s\p{M}\p{L}\p{N}]/u.test(String.fromCodePoint(cp))) return false;
    const s = String.fromCodePoint(cp);
    return s.normalize("NFC") === s && s.toLowerCase() === s;
  };
  const keys: string[] = [];
  for (let cp = 0x20; cp <= 0x10ffff; cp++) if (((Math.imul(-1 - cp, GOLDEN) >>> 0) & mask) < window && ok(cp)) keys.push(String.fromCodePoint(cp));
  keys.sort((a, b) => a.length - b.length); // the BMP's first: one unit each
  let text = "", line = "", k = 0;
  const inLine = new Set<string>();
  while (text.length + line.length < length) {
    const key = keys[k++ % keys.length]!;
    if (line.length + key.length > 399 || inLine.has(key)) {
      text += `${line}\n`;
      line = "";
      inLine.clear();
    }
    line += key;
    inLine.add(key);
  }
  text += line;
  return text.slice(0, length - ((text.charCodeAt(length - 1) & 0xfc00) === 0xd800 ? 1 : 0));
}

/** explain=segments: the same with word tokens, two-letter words whose 20-bit word bucket lands in the first `window` slots (mask 0x3fff). */
export function sharedWithFloodWords(length = 20_000, window = 64, mask = 0x3fff): string {
  const words: string[] = [];
  const buckets = new Set<number>();
  for (const w of twoLetterWords((h) => {
    const bucket = (h ^ (h >>> 15)) & 0xfffff;
    if (((Math.imul(bucket, GOLDEN) >>> 0) & mask) >= window || buckets.has(bucket)) return false;
    buckets.add(bucket);
    return true;
  })) if (words.push(w) === 4000) break;
  let text = "", line = "";
  for (let k = 0; text.length < length; k++) {
    if (line.length + 3 > 399) { text += `${line}\n`; line = ""; }
    line += `${words[k % words.length]} `;
  }
  return (text + line).slice(0, length);
}

/** typesFloodText in ASCII: four-letter words (five units with the space), for batches (no limit outside ASCII applies). */
export function typesFloodAscii(length = 50_000, window = 2048): string {
  const words: string[] = [];
  const L = "abcdefghijklmnopqrstuvwxyz";
  for (let n = 0; n < 26 ** 4 && words.length * 5 < length; n++) {
    const w = L[Math.floor(n / 17576)]! + L[Math.floor(n / 676) % 26]! + L[Math.floor(n / 26) % 26]! + L[n % 26]!;
    let h = 0x811c9dc5;
    for (let i = 0; i < 4; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    if (Math.imul(h, GOLDEN) >>> 16 < window) words.push(w);
  }
  return words.join(" ").slice(0, length);
}
