const INITIAL_SLOTS = 64;

/**
 * A key's place in a hash table: murmur3's finalizer of the key mixed with a random seed. The keys
 * are hashes of a text's words and tokens, which anyone can compute, so with a fixed mixing a text
 * can be written whose keys all take neighbouring slots: one such request took 180 ms of CPU. With
 * a seed nobody knows, no text can.
 */
export function mixKey(key: number, seed: number): number {
  let h = key ^ seed;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A seed for mixKey, drawn when a table is made: Workers allow random values only while handling a request. */
export const newSeed = (): number => (Math.random() * 0x100000000) | 0;

/**
 * A set of 32-bit integers in one open-addressing typed array. The extractor adds a hash per
 * word; a JavaScript Set boxes such values (above 2^30 under pointer compression, as in workerd)
 * and allocates per entry, which this does not.
 */
export class IntSet {
  size = 0;
  private table = new Int32Array(INITIAL_SLOTS);
  private shift = 32 - Math.log2(INITIAL_SLOTS);
  private hasZero = false; // 0 marks an empty slot, so the key 0 is kept aside
  private readonly seed = newSeed();

  /** Adds a key (taken as int32); returns false when it was already there. */
  add(key: number): boolean {
    key |= 0;
    if (key === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.size++;
      return true;
    }
    const table = this.table;
    const mask = table.length - 1;
    let i = mixKey(key, this.seed) >>> this.shift;
    for (let k = table[i]!; k !== 0; k = table[i]!) {
      if (k === key) return false;
      i = (i + 1) & mask;
    }
    table[i] = key;
    if (++this.size * 2 > table.length) this.grow();
    return true;
  }

  has(key: number): boolean {
    key |= 0;
    if (key === 0) return this.hasZero;
    const table = this.table;
    const mask = table.length - 1;
    for (let i = mixKey(key, this.seed) >>> this.shift, k = table[i]!; k !== 0; i = (i + 1) & mask, k = table[i]!) {
      if (k === key) return true;
    }
    return false;
  }

  /**
   * Empties the set, keeping its table: reusing a set spares the allocations of growing a new one.
   * A table that its keys filled to less than an eighth goes back to the initial size, so that
   * after one very large input each clear does not zero a large table.
   */
  clear(): void {
    if (this.table.length > INITIAL_SLOTS && this.size * 8 < this.table.length) {
      this.table = new Int32Array(INITIAL_SLOTS);
      this.shift = 32 - Math.log2(INITIAL_SLOTS);
    } else this.table.fill(0);
    this.size = 0;
    this.hasZero = false;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.shift--;
    const hadZero = this.hasZero;
    this.size = 0;
    this.hasZero = false;
    for (const key of old) if (key !== 0) this.add(key);
    if (hadZero) this.add(0);
  }
}
