/**
 * The WebAssembly pass for stretches of ASCII (ascii-kernel.wat): hashing.ts' hashUnits hands it
 * every stretch of ASCII units that follows three ASCII units, in any text, for the same buckets in
 * about half the time, and tableSums has it sum the model's table values at the buckets. Workers
 * compile WebAssembly only at deploy time, so the module comes from outside: the Worker imports
 * ascii-kernel.wasm, the Node tools read it (src/cli/ascii-kernel.ts), and either hands it to
 * hashing.ts' installAsciiKernel.
 */
const PAGE = 65536;
/** Where ascii-kernel.wat reads its tables: the pair states from 0, the four byte tables from BYTE_TABLES. */
const BYTE_TABLES = 0x10000;
/** Where it keeps the pass's state between stretches: the i32s GRAMS_AT to MASK below. */
const STATE_AT = BYTE_TABLES + 4 * 0x80;
/** Where the tables it sums start: the 4-gram table, then the word table. */
const TABLES_AT = STATE_AT + 64;
/** Text length the memory is first laid out for: a typical text fits without growing it. */
const FIRST_CAPACITY = 4096;
/** A byte past ASCII, put after the text's bytes: the pass stops at it. */
const STOP = 0x80;

/** The fields of the pass's state, by their index in `AsciiKernel.state` (the .wat reads them in this order). */
export const GRAMS_AT = 0, WORDS_AT = 1, GRAM_COUNT = 2, WORD_COUNT = 3, LAST3 = 4, AFTER_SPACE = 5, IN_WORD = 6, WORD_HASH = 7, MASK = 8;

interface KernelExports {
  memory: WebAssembly.Memory;
  run(at: number): number;
  sum(table: number, keys: number, count: number): number;
}

export class AsciiKernel {
  private readonly exports: KernelExports;
  private readonly encoder = new TextEncoder();
  // The layout, after the lookup tables and the state: the model's two tables, then room for `textBytes` bytes of text and one more,
  // then for `buckets` 4-gram and word buckets each.
  private gramTable: Int8Array = new Int8Array(0);
  private wordTable: Int8Array = new Int8Array(0);
  private textAt = TABLES_AT;
  private textBytes = 0;
  private buckets = 0;
  private bytes = new Uint8Array(0);
  /** The pass's state (GRAMS_AT to MASK), which hashUnits writes before each stretch and reads after. */
  state = new Int32Array(0);
  /** The 4-gram and word buckets (views of the module's memory, valid until the next call). */
  grams = new Int32Array(0);
  words = new Int32Array(0);

  /** `lookup`: hashing.ts' asciiLookupTable (what the pass reads for each ASCII unit, then the pair states). */
  constructor(module: WebAssembly.Module, lookup: Int32Array) {
    this.exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    this.reserve(FIRST_CAPACITY + 1, 3 * FIRST_CAPACITY);
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
    return this.exports.run(this.textAt + at) - this.textAt;
  }

  /**
   * Copies the two tables that gramSum and wordSum read into the memory, unless they are there
   * already; each must hold 2^`bits` values, as the buckets hashed with `bits` index them. Other
   * tables lay the memory out anew, so hold them before hashing the text whose buckets they sum.
   */
  holdTables(gramTable: Int8Array, wordTable: Int8Array, bits: number): void {
    if (gramTable === this.gramTable && wordTable === this.wordTable) return;
    if (gramTable.length !== 2 ** bits || wordTable.length !== 2 ** bits) throw new RangeError(`the tables must hold 2^${bits} values each`);
    this.gramTable = gramTable;
    this.wordTable = wordTable;
    this.textAt = TABLES_AT + gramTable.length + wordTable.length;
    this.layOut();
    const bytes = new Int8Array(this.exports.memory.buffer, TABLES_AT, gramTable.length + wordTable.length);
    bytes.set(gramTable);
    bytes.set(wordTable, gramTable.length);
  }

  /** The sum of the held 4-gram table's values at the first `count` 4-gram buckets. */
  gramSum(count: number): number {
    return this.exports.sum(TABLES_AT, this.state[GRAMS_AT]!, count);
  }

  /** The sum of the held word table's values at the first `count` word buckets. */
  wordSum(count: number): number {
    return this.exports.sum(TABLES_AT + this.gramTable.length, this.state[WORDS_AT]!, count);
  }

  /** Makes room for `buckets` buckets of each kind and `textBytes` bytes of text. */
  reserve(buckets: number, textBytes: number): void {
    if (buckets <= this.buckets && textBytes <= this.textBytes) return;
    this.buckets = Math.max(buckets, this.buckets);
    this.textBytes = Math.max(textBytes, this.textBytes);
    this.layOut();
  }

  /** Places the text and the buckets after the tables, growing the memory if need be; growing detaches the views, so all are made again. */
  private layOut(): void {
    const { memory } = this.exports;
    const gramsAt = (this.textAt + this.textBytes + 1 + 3) & ~3;
    const wordsAt = gramsAt + 4 * this.buckets;
    const end = wordsAt + 4 * this.buckets;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const { buffer } = memory;
    this.bytes = new Uint8Array(buffer, this.textAt, this.textBytes + 1);
    this.grams = new Int32Array(buffer, gramsAt, this.buckets);
    this.words = new Int32Array(buffer, wordsAt, this.buckets);
    this.state = new Int32Array(buffer, STATE_AT, MASK + 1);
    this.state[GRAMS_AT] = gramsAt;
    this.state[WORDS_AT] = wordsAt;
  }
}
