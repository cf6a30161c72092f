/**
 * The WebAssembly hashing pass for texts that are all ASCII (ascii-kernel.wat): the buckets of
 * hashUnits, about 1.7 times as fast. Workers compile WebAssembly only at deploy time, so the
 * module comes from outside: the Worker imports ascii-kernel.wasm, the Node tools read it
 * (src/cli/ascii-kernel.ts), and either hands it to hashing.ts' installAsciiKernel.
 */
const PAGE = 65536;
/** Where ascii-kernel.wat reads its tables: the pair states from 0, the four byte tables from BYTE_TABLES. */
const BYTE_TABLES = 0x10000;
const TEXT_AT = BYTE_TABLES + 4 * 0x80;
/** The units copyAscii copies first, alone. */
const FIRST_STRETCH = 256;
/** Text length the memory is first laid out for: a typical text fits without growing it. */
const FIRST_CAPACITY = 4096;

interface KernelExports {
  memory: WebAssembly.Memory;
  wordCount: WebAssembly.Global;
  hash(text: number, length: number, grams: number, words: number, mask: number): number;
}

export class AsciiKernel {
  private readonly exports: KernelExports;
  private readonly encoder = new TextEncoder();
  // The layout for texts of up to `capacity` units, after the tables: the text's bytes, then the 4-gram and word buckets.
  private capacity = 0;
  private gramsAt = 0;
  private wordsAt = 0;
  private bytes = new Uint8Array(0);
  /** The last ASCII text's 4-gram and word buckets (views of the module's memory, valid until the next call). */
  grams = new Int32Array(0);
  words = new Int32Array(0);

  /** `lookup`: hashing.ts' asciiLookupTable (what the pass reads for each ASCII unit, then the pair states). */
  constructor(module: WebAssembly.Module, lookup: Int32Array) {
    this.exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    this.layOut(FIRST_CAPACITY);
    const { buffer } = this.exports.memory;
    new Int32Array(buffer, 0, lookup.length - 0x80).set(lookup.subarray(0x80));
    const bytes = new Uint8Array(buffer, BYTE_TABLES, 4 * 0x80);
    for (let unit = 0; unit < 0x80; unit++) {
      const read = lookup[unit]!, isWord = (read >> 16) & 1;
      bytes[unit] = read & 0xff;
      bytes[0x80 + unit] = 4 * (isWord ^ 1);
      bytes[0x100 + unit] = isWord;
      bytes[0x180 + unit] = 4 * (read >> 17);
    }
  }

  /** Hashes a text that is all ASCII as hashText does, into `grams` and `words`: returns its 4-gram count, or -1 for any other text. */
  hash(text: string, bits: number): number {
    const length = text.length;
    if (length > this.capacity) this.layOut(length);
    if (!this.copyAscii(text)) return -1;
    return this.exports.hash(TEXT_AT, length, this.gramsAt, this.wordsAt, (1 << bits) - 1);
  }

  /** The last ASCII text's word count. */
  get wordCount(): number {
    return this.exports.wordCount.value as number;
  }

  /**
   * Copies the text's bytes into the memory, or answers false at the first stretch holding a unit
   * outside ASCII (it takes more than one byte). The stretches grow from FIRST_STRETCH units four
   * times at a time: encodeInto costs a text of another script about 1 ns a unit, and most such
   * texts show a unit of it early.
   */
  private copyAscii(text: string): boolean {
    for (let from = 0, size = FIRST_STRETCH; from < text.length; from += size, size *= 4) {
      const end = Math.min(text.length, from + size);
      const { read, written } = this.encoder.encodeInto(from === 0 ? text : text.substring(from), this.bytes.subarray(from, end));
      if (read !== end - from || written !== read) return false;
    }
    return true;
  }

  /** Grows the memory for texts of `capacity` units; growing detaches the views, so all are made again. */
  private layOut(capacity: number): void {
    const { memory } = this.exports;
    this.capacity = capacity;
    this.gramsAt = (TEXT_AT + capacity + 3) & ~3;
    this.wordsAt = this.gramsAt + 4 * (capacity + 1);
    const end = this.wordsAt + 4 * (capacity + 1);
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    this.bytes = new Uint8Array(memory.buffer, TEXT_AT, capacity);
    this.grams = new Int32Array(memory.buffer, this.gramsAt, capacity + 1);
    this.words = new Int32Array(memory.buffer, this.wordsAt, capacity + 1);
  }
}
