/**
 * The WebAssembly hashing pass (hash-kernel.wat): hashing.ts' hashUnits hands it every text, on its
 * copy in UTF-8, and it hashes every code point its reads tables know, stretches of ASCII after
 * three ASCII units fastest, for the same buckets in about half the time. hashUnits reads the
 * rest in JavaScript. An instance that holds a model's tables (weights.ts' decodeTables) also
 * sums them at the buckets, on its own memory. Workers compile WebAssembly only at deploy time, so
 * the module comes from outside: the Worker imports hash-kernel.wasm, the Node tools read it
 * (src/cli/hash-kernel.ts); either hands it to modelOf, and the tools also to hashing.ts'
 * installHashKernel, for texts hashed without a model's tables (the trainer's).
 */
const PAGE = 65536;
/** Where hash-kernel.wat reads its tables: the pair states from 0, the four byte tables from BYTE_TABLES, the reads from READS_AT and ASTRAL_READS_AT. */
const BYTE_TABLES = 0x10000;
/** Where it keeps the pass's state between stretches: the i32s GRAMS_AT to UNITS below. */
const STATE_AT = BYTE_TABLES + 4 * 0x80;
const READS_AT = 0x20000;
const ASTRAL_READS_AT = READS_AT + 4 * 0x10000;
const ASTRAL_CODE_POINTS = 0x100000;
/** Where the weights' tables start in an instance that holds them (`holdTables`); the text follows them. */
const TABLES_AT = ASTRAL_READS_AT + 2 * ASTRAL_CODE_POINTS;
/** The longest text, in units, an instance that holds tables has room for. */
const HELD_UNITS = 0x10000;
/** Text length the memory is first laid out for: a typical text fits without growing it. */
const FIRST_CAPACITY = 4096;
/** A byte no code point starts with in UTF-8, put after the text's bytes: the pass stops at it. */
const STOP = 0x80;

/** The fields of the pass's state, by their index in `HashKernel.state` (the .wat reads them in this order). */
export const GRAMS_AT = 0, WORDS_AT = 1, GRAM_COUNT = 2, WORD_COUNT = 3, C0 = 4, C1 = 5, C2 = 6, AFTER_SPACE = 7, IN_WORD = 8, WORD_HASH = 9, MASK = 10, STOP_BITS = 11, UNITS = 12;

/**
 * What the pass reads for a code point of the BMP, in the reads table: the unit in the low 16 bits,
 * then the flags WORD_UNIT and SPACE_UNIT as hashing.ts makes them, KNOWN in every entry the pass
 * may read (the pass stops at the others), LOWERED where the unit is the code point's lower case (the
 * state's stop bits hold it when the text is read as it is), DOTTED for İ, which the pass reads
 * as the unit i, then U+0307, SIGMA for Σ (whose unit is σ), which it reads as σ or ς where ASCII
 * around it decides, by the classes CASED_ASCII and IGNORABLE_ASCII in the ASCII units' entries,
 * and REPLACEMENT for U+FFFD, which the copy also holds for a lone surrogate (the state's stop bits
 * hold it until the text is known to have none).
 */
export const KNOWN = 0x80000, LOWERED = 0x40000, DOTTED = 0x100000, SIGMA = 0x200000, CASED_ASCII = 0x400000, IGNORABLE_ASCII = 0x800000, REPLACEMENT = 0x1000000;

/**
 * What the pass reads for a code point above the BMP, in the astral reads table (16 bits): ASTRAL_KNOWN
 * in every entry it may read, ASTRAL_WORD for a letter or number, and below them what lower case adds
 * to the code point (MAX_ASTRAL_LOWERING at most: 64 in Unicode 17). The pass reads its two units
 * from that, each with the word flag, and stops at one lower case changes in a text read as it is.
 */
export const ASTRAL_KNOWN = 0x8000, ASTRAL_WORD = 0x4000, MAX_ASTRAL_LOWERING = 0x3fff;

interface KernelExports {
  memory: WebAssembly.Memory;
  init(): void;
  run(at: number): number;
  sum(table: number, keys: number, count: number): number;
  ends(text: number, length: number, grams: number, words: number): void;
  expand(table: number, size: number, fill: number, gaps: number, values: number, count: number): number;
}

/** A sparse table of the weights file, decoded from base64: the value of the buckets it does not list, then a byte of gap and one of value for each it does. */
export interface SparseBytes {
  fill: number;
  gaps: Uint8Array;
  values: Int8Array;
}

/** A dense table as expanded, and one past the last bucket its sparse table lists (the sum of the gaps), or past the table where expansion stopped. */
export interface Expanded {
  dense: Int8Array;
  end: number;
}

export class HashKernel {
  private readonly exports: KernelExports;
  private readonly encoder = new TextEncoder();
  /** The weights' tables the memory holds, from TABLES_AT (`holdTables`): then it never grows again. */
  private gramTable: Int8Array | undefined;
  private wordTable: Int8Array | undefined;
  // The layout, after the reads tables, the state and the weights' tables: room for `textBytes` bytes of text and one more from `textAt`, then for `buckets` 4-gram and word buckets each, then for where as many of each end.
  private textAt = TABLES_AT;
  private textBytes = 0;
  private buckets = 0;
  private bytes = new Uint8Array(0);
  /** The pass's state (GRAMS_AT to UNITS), which hashUnits writes before each stretch and reads after. */
  state = new Int32Array(0);
  /** The 4-gram and word buckets (views of the module's memory, valid until the next call). */
  grams = new Int32Array(0);
  words = new Int32Array(0);
  /** Where the 4-gram and word buckets end, for a text all ASCII (written by `writeEnds`; views, valid until the next call). */
  gramEnds = new Int32Array(0);
  wordEnds = new Int32Array(0);

  /** The reads tables' entries, one for each code point of the BMP and above it (views of the memory, valid until it grows): 0 until learned. */
  private reads = new Int32Array(0);
  private astralReads = new Uint16Array(0);
  private readonly readOf: (cp: number) => number;

  /**
   * `readOf`: what the pass reads for a code point, as the reads tables hold it (hashing.ts'
   * kernelRead; 0 for one it cannot read), asked when a text first brings the code point: one at a
   * time, as a block of them cost a fresh isolate's first request milliseconds of code still cold.
   * The module writes the pair states itself.
   */
  constructor(module: WebAssembly.Module, readOf: (cp: number) => number) {
    this.exports = new WebAssembly.Instance(module).exports as unknown as KernelExports;
    this.readOf = readOf;
    this.reserve(FIRST_CAPACITY + 1, 3 * FIRST_CAPACITY);
    this.exports.init();
    const bytes = new Uint8Array(this.exports.memory.buffer, BYTE_TABLES, 4 * 0x80);
    for (let unit = 0; unit < 0x80; unit++) {
      const read = (this.reads[unit] = readOf(unit)), isWord = (read >> 16) & 1;
      bytes[unit] = read & 0xff;
      bytes[0x80 + unit] = 4 * (isWord ^ 1);
      bytes[0x100 + unit] = isWord;
      bytes[0x180 + unit] = 4 * ((read >> 17) & 1);
    }
  }

  /** Copies the UTF-8 bytes of `text` into the memory, into the room `reserve` made for them; answers how many. */
  encode(text: string): number {
    const { written } = this.encoder.encodeInto(text, this.bytes);
    this.bytes[written] = STOP;
    return written;
  }

  /** Writes where the buckets of the text copied last end, into `gramEnds` and `wordEnds`, when it is all ASCII (one byte a unit): hashing.ts' bucketEnds, in the module. */
  writeEnds(length: number): void {
    this.exports.ends(this.textAt, length, this.gramEnds.byteOffset, this.wordEnds.byteOffset);
  }

  /** Hashes what was copied from byte `at` on, from and into `state`: returns the byte it stopped at (state[UNITS]: how many units it read). */
  run(at: number): number {
    return this.exports.run(this.textAt + at) - this.textAt;
  }

  /**
   * Expands the weights' 4-gram and word tables, `size` buckets each (weights.ts' decodeTables checks
   * the answers: one past the last bucket each lists, as `expand` returns it), into the memory, where
   * `sum` reads them without a copy. Then lays out room for texts of up to HELD_UNITS units, and never
   * grows again, so that the tables' views stay valid: a longer text is not hashed here (`reserve`
   * answers false). Once, before any text is hashed.
   */
  holdTables(size: number, gramTable: SparseBytes, wordTable: SparseBytes): [Expanded, Expanded] {
    if (this.gramTable) throw new Error("this instance holds tables already");
    // The gaps and values are staged where the text goes.
    const staged = 2 * Math.max(gramTable.gaps.length, wordTable.gaps.length);
    this.textAt = TABLES_AT + 2 * size;
    this.textBytes = Math.max(this.textBytes, 3 * HELD_UNITS, staged);
    this.buckets = Math.max(this.buckets, 2 * HELD_UNITS + 1); // İ reads as two units
    this.layOut();
    const { buffer } = this.exports.memory;
    const [grams, words] = [gramTable, wordTable].map(({ fill, gaps, values }, k) => {
      const count = gaps.length;
      this.bytes.set(gaps);
      this.bytes.set(new Uint8Array(values.buffer, values.byteOffset, count), count);
      const end = this.exports.expand(TABLES_AT + k * size, size, fill, this.textAt, this.textAt + count, count);
      return { dense: new Int8Array(buffer, TABLES_AT + k * size, size), end };
    }) as [Expanded, Expanded];
    this.gramTable = grams.dense;
    this.wordTable = words.dense;
    return [grams, words];
  }

  /**
   * The sum of `table`'s values at `keys` from `from` to `to`, if the memory holds the table and the
   * keys are its own buckets; else undefined.
   */
  sum(table: Int8Array, keys: Int32Array, from: number, to: number): number | undefined {
    if ((table !== this.gramTable && table !== this.wordTable) || keys.buffer !== this.exports.memory.buffer) return undefined;
    return this.exports.sum(table.byteOffset, keys.byteOffset + 4 * from, to - from);
  }

  /**
   * Writes the read of the code point `cp`, unless its table holds it already, it is a surrogate (the
   * pass reads none) or the pass cannot read it: answers whether it wrote one, so that the pass can go on.
   */
  learn(cp: number): boolean {
    if (cp > 0xffff) {
      const at = cp - 0x10000;
      if (this.astralReads[at] !== 0) return false;
      return (this.astralReads[at] = this.readOf(cp)) !== 0;
    }
    if (cp < 0x80 || (cp & 0xf800) === 0xd800 || this.reads[cp] !== 0) return false;
    this.reads[cp] = this.readOf(cp);
    return true;
  }

  /**
   * Makes room for `buckets` buckets of each kind and `textBytes` bytes of text, and answers whether
   * there is: growing detaches the views, so all are made again, but an instance that holds tables
   * never grows.
   */
  reserve(buckets: number, textBytes: number): boolean {
    if (buckets <= this.buckets && textBytes <= this.textBytes) return true;
    if (this.gramTable) return false;
    this.buckets = Math.max(buckets, this.buckets);
    this.textBytes = Math.max(textBytes, this.textBytes);
    this.layOut();
    return true;
  }

  private layOut(): void {
    const { memory } = this.exports;
    const gramsAt = (this.textAt + this.textBytes + 1 + 3) & ~3;
    const wordsAt = gramsAt + 4 * this.buckets;
    const gramEndsAt = wordsAt + 4 * this.buckets;
    const wordEndsAt = gramEndsAt + 4 * this.buckets;
    const end = wordEndsAt + 4 * this.buckets;
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    const { buffer } = memory;
    this.bytes = new Uint8Array(buffer, this.textAt, this.textBytes + 1);
    this.grams = new Int32Array(buffer, gramsAt, this.buckets);
    this.words = new Int32Array(buffer, wordsAt, this.buckets);
    this.gramEnds = new Int32Array(buffer, gramEndsAt, this.buckets);
    this.wordEnds = new Int32Array(buffer, wordEndsAt, this.buckets);
    this.state = new Int32Array(buffer, STATE_AT, UNITS + 1);
    this.reads = new Int32Array(buffer, READS_AT, 0x10000);
    this.astralReads = new Uint16Array(buffer, ASTRAL_READS_AT, ASTRAL_CODE_POINTS);
    this.state[GRAMS_AT] = gramsAt;
    this.state[WORDS_AT] = wordsAt;
  }
}
