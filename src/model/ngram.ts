/**
 * Hashed character n-grams, shared by the feature extractor (serving) and the trainer (fitting
 * the log-ratio table), so both see exactly the same buckets.
 *
 * Text is normalized on the fly: ASCII letters are lower-cased and every run of whitespace
 * becomes one space, so layout noise does not split n-grams. Other code points pass through.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;

export function isWhitespace(cp: number): boolean {
  return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0 || cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f ||
    cp === 0x205f || cp === 0x3000 || cp === 0xfeff;
}

/** Rolling window over the last `order` normalized code points; `push` returns the bucket. */
export class NgramHasher {
  private readonly window: Int32Array;
  private filled = 0;
  private lastWasSpace = true; // leading whitespace is dropped

  constructor(readonly order: number, private readonly mask: number) {
    this.window = new Int32Array(order);
  }

  /** Feeds one code point; returns its n-gram's bucket, or -1 while the window is not full. */
  push(cp: number): number {
    if (isWhitespace(cp)) {
      if (this.lastWasSpace) return -1;
      this.lastWasSpace = true;
      cp = SPACE;
    } else {
      this.lastWasSpace = false;
      if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
    }
    const w = this.window;
    for (let i = 1; i < w.length; i++) w[i - 1] = w[i]!;
    w[w.length - 1] = cp;
    if (this.filled < w.length) this.filled++;
    if (this.filled < w.length) return -1;
    let h = FNV_OFFSET;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i]!, FNV_PRIME);
    return (h >>> 0) & this.mask;
  }
}

/** Counts of every bucket the text's n-grams fall in (training-side helper). */
export function ngramBuckets(text: string, order: number, bits: number): Uint32Array {
  const hasher = new NgramHasher(order, (1 << bits) - 1);
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const b = hasher.push(cp);
    if (b >= 0) out.push(b);
  }
  return Uint32Array.from(out);
}
