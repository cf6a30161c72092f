/**
 * The WebAssembly pass for stretches of ASCII (ascii-kernel.wat): hashing.ts' hashUnits hands it
 * every stretch of ASCII units that follows three ASCII units, in any text, for the same buckets in
 * about half the time. Workers compile WebAssembly only at deploy time, so the module comes from
 * outside: the Worker imports ascii-kernel.wasm, the Node tools read it (src/cli/ascii-kernel.ts),
 * and either hands it to hashing.ts' installAsciiKernel.
 */
const PAGE = 65536;
/** Where ascii-kernel.wat reads its tables: the pair states from 0, the four byte tables from BYTE_TABLES. */
const BYTE_TABLES = 0x10000;
/** Where it keeps the pass's state between stretches: the i32s GRAMS_AT to MASK below. */
const STATE_AT = BYTE_TABLES + 4 * 0x80;
const TEXT_AT = STATE_AT + 64;
/** Text length the memory is first laid out for: a typical text fits without growing it. */
const FIRST_CAPACITY = 4096;
/** A byte past ASCII, put after the text's bytes: the pass stops at it. */
const STOP = 0x80;

/** The fields of the pass's state, by their index in `AsciiKernel.state` (the .wat reads them in this order). */
export const GRAMS_AT = 0, WORDS_AT = 1, GRAM_COUNT = 2, WORD_COUNT = 3, LAST3 = 4, AFTER_SPACE = 5, IN_WORD = 6, WORD_HASH = 7, MASK = 8;

interface KernelExports {
  memory: WebAssembly.Memory;
  init(): void;
  run(at: number): number;
}

export class AsciiKernel {
  private readonly exports: KernelExports;
  private readonly encoder = new TextEncoder();
  // The layout, after the tables and the state: room for `textBytes` bytes of text and one more, then for `buckets` 4-gram and word buckets each.
  private textBytes = 0;
  private buckets = 0;
  private bytes = new Uint8Array(0);
  /** The pass's state (GRAMS_AT to MASK), which hashUnits writes before each stretch and reads after. */
  state = new Int32Array(0);
  /** The 4-gram and word buckets (views of the module's memory, valid until the next call). */
  grams = new Int32Array(0);
  words = new Int32Array(0);

  /** `asciiUnits`: hashing.ts' ASCII_UNITS (what the pass reads for each ASCII unit); the module writes the pair states itself. */
  constructor(module: WebAssembly.Module, asciiUnits: Int32Array) {
    this.exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    this.reserve(FIRST_CAPACITY + 1, 3 * FIRST_CAPACITY);
    this.exports.init();
    const bytes = new Uint8Array(this.exports.memory.buffer, BYTE_TABLES, 4 * 0x80);
    for (let unit = 0; unit < 0x80; unit++) {
      const read = asciiUnits[unit]!, isWord = (read >> 16) & 1;
      bytes[unit] = read & 0xff;
      bytes[0x80 + unit] = 4 * (isWord ^ 1);
      bytes[0x100 + unit] = isWord;
      bytes[0x180 + unit] = 4 * (read >> 17);
    }
  }

  /**
   * Copies the UTF-8 bytes of `text` from unit `from` on into the memory, making room first;
   * answers whether every unit copied is ASCII (one byte each). One call for the whole text:
   * encodeInto copies ASCII at a fraction of a nanosecond a unit, and a text with units outside
   * ASCII needs its copy for the pass anyway.
   */
  encode(text: string, from: number): boolean {
    this.reserve(0, 3 * (text.length - from)); // UTF-8 takes at most 3 bytes a unit
    const { written } = this.encoder.encodeInto(from === 0 ? text : text.substring(from), this.bytes);
    this.bytes[written] = STOP;
    return written === text.length - from;
  }

  /** Hashes the ASCII bytes from byte `at` of what was copied on, from and into `state`: returns where it stopped. */
  run(at: number): number {
    return this.exports.run(TEXT_AT + at) - TEXT_AT;
  }

  /** Makes room for `buckets` buckets of each kind and `textBytes` bytes of text; growing detaches the views, so all are made again. */
  reserve(buckets: number, textBytes: number): void {
    if (buckets <= this.buckets && textBytes <= this.textBytes) return;
    const { memory } = this.exports;
    this.buckets = Math.max(buckets, this.buckets);
    this.textBytes = Math.max(textBytes, this.textBytes);
    const gramsAt = (TEXT_AT + this.textBytes + 1 + 3) & ~3;
    const wordsAt = gramsAt + 4 * this.buckets;
    const end = wordsAt + 4 * this.buckets;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const { buffer } = memory;
    this.bytes = new Uint8Array(buffer, TEXT_AT, this.textBytes + 1);
    this.grams = new Int32Array(buffer, gramsAt, this.buckets);
    this.words = new Int32Array(buffer, wordsAt, this.buckets);
    this.state = new Int32Array(buffer, STATE_AT, MASK + 1);
    this.state[GRAMS_AT] = gramsAt;
    this.state[WORDS_AT] = wordsAt;
  }
}
