/**
 * A weights file (its schema is in weights-file.ts) made into a ready-to-score model. Making it
 * checks that the file describes exactly the features this extractor computes, and that its
 * tables decode, so a mismatched deployment fails at start-up instead of answering wrong numbers.
 */
import { FEATURES, STATISTICS_COUNT, type FeatureTables } from "./features.js";
import { fromBase64, toBase64 } from "./codec.js";
import type { Expanded, SparseBytes } from "./hash-kernel.js";
import { newHashKernel } from "./hashing.js";
import type { SparseTable, WeightsFile } from "./weights-file.js";

/** The longest distance between listed buckets that one byte of `gaps` holds. */
const MAX_GAP = 255;

export interface Model {
  name: string;
  version: string;
  means: Float64Array;
  scales: Float64Array;
  weights: Float64Array;
  /** Whether any text statistic has a non-zero weight (else scoring can skip computing them). */
  weighsStatistics: boolean;
  tables: FeatureTables;
  /** A prediction less confident than this is marked uncertain. */
  uncertaintyThreshold: number;
}

/** A sparse table's bytes, decoded from base64 and counted. */
function sparseBytes(table: SparseTable, name: string): SparseBytes {
  let gaps: Uint8Array;
  let values: Int8Array;
  try {
    gaps = fromBase64(table.gaps);
    const bytes = fromBase64(table.values);
    values = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } catch (error) {
    throw tableError(name, (error as Error).message);
  }
  if (gaps.length !== table.entries || values.length !== table.entries) {
    throw tableError(name, `expected ${table.entries} gaps and values, found ${gaps.length} and ${values.length}`);
  }
  return { fill: table.default, gaps, values };
}

const tableError = (name: string, what: string) => new Error(`tables.${name}: ${what}`);

/**
 * The model's tables, expanded from the weights file's sparse ones, then checked. With `kernel`,
 * the hashing module (hash-kernel.ts), an instance of its own expands them into its memory and
 * holds them, to hash and sum the model's texts there (features.ts' bucketSum): at start-up this
 * code still runs interpreted, and the loop of expandInJavaScript, which does the same without it,
 * took 6 to 8 ms of a Worker's start-up. Neither loop checks the entries (the JavaScript one leaves
 * a bucket beyond the table unwritten, the module's stops there); native searches check after them.
 */
export function decodeTables(tables: WeightsFile["tables"], kernel?: WebAssembly.Module): FeatureTables {
  const { bits, step } = tables;
  const size = 1 << bits;
  const grams = sparseBytes(tables.char_ngram, "char_ngram");
  const words = sparseBytes(tables.word, "word");
  const holder = kernel && newHashKernel(kernel);
  const [gramTable, wordTable] = holder ? holder.holdTables(size, grams, words) : [expandInJavaScript(size, grams), expandInJavaScript(size, words)];
  const checked = ({ dense, end }: Expanded, { gaps, values }: SparseBytes, name: string) => {
    if (end > size || gaps.includes(0)) throw tableError(name, `entry ${firstNotIncreasing(gaps, size)} is not an increasing bucket below 2^${bits}`);
    const outside = values.indexOf(-128);
    if (outside >= 0) throw tableError(name, `value ${outside} is -128, outside the stored range`);
    return dense;
  };
  const charNgram = checked(gramTable, grams, "char_ngram");
  const word = checked(wordTable, words, "word");
  return { bits, step, charNgram, word, kernel: holder };
}

/** The dense table of `size` buckets holding `fill` but where the gaps lead, and one past the last bucket they lead to. */
function expandInJavaScript(size: number, { fill, gaps, values }: SparseBytes): Expanded {
  const dense = new Int8Array(size).fill(fill);
  let key = -1;
  for (let i = 0; i < gaps.length; i++) dense[(key += gaps[i]!)] = values[i]!;
  return { dense, end: key + 1 };
}

/** The first entry whose gap is 0 or whose bucket (the sum of the gaps up to it, from -1) is at least `limit`. */
function firstNotIncreasing(gaps: Uint8Array, limit: number): number {
  let key = -1;
  for (let i = 0; ; i++) if (gaps[i] === 0 || (key += gaps[i]!) >= limit) return i;
}

/** The inverse of decodeTables, for one table: lists the buckets whose value is not the most common one. */
export function encodeTable(dense: Int8Array): SparseTable {
  const counts = new Map<number, number>();
  for (const v of dense) counts.set(v, (counts.get(v) ?? 0) + 1);
  const fallback = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  const gaps: number[] = [];
  const values: number[] = [];
  let previous = -1;
  dense.forEach((v, key) => {
    if (v === fallback) return;
    for (; key - previous > MAX_GAP; previous += MAX_GAP) {
      gaps.push(MAX_GAP);
      values.push(fallback);
    }
    gaps.push(key - previous);
    values.push(v);
    previous = key;
  });
  return {
    default: fallback,
    entries: gaps.length,
    gaps: toBase64(Uint8Array.from(gaps)),
    values: toBase64(new Uint8Array(Int8Array.from(values).buffer)),
  };
}

/**
 * The model of a weights file that passed the schema; throws if its features or tables do not fit
 * the extractor. With `kernel`, the hashing module, an instance of it expands the tables faster and
 * holds them (decodeTables).
 */
export function modelOf(file: WeightsFile, kernel?: WebAssembly.Module): Model {
  const expected = FEATURES.map((f) => f.name).join(",");
  const found = file.features.map((f) => f.name).join(",");
  if (found !== expected) {
    throw new Error(`weights file features [${found}] do not match the extractor's [${expected}]`);
  }
  return {
    name: file.model.name,
    version: file.model.version,
    means: Float64Array.from(file.features, (f) => f.mean),
    scales: Float64Array.from(file.features, (f) => f.scale),
    weights: Float64Array.from(file.features, (f) => f.weight),
    weighsStatistics: file.features.slice(0, STATISTICS_COUNT).some((f) => f.weight !== 0),
    tables: decodeTables(file.tables, kernel),
    uncertaintyThreshold: file.uncertainty.confidence_threshold,
  };
}

/**
 * The weights file's exact text. The Worker reproduces these bytes from the imported JSON, so its
 * digest equals the file's SHA-256.
 */
export function serializeWeights(file: WeightsFile): string {
  return JSON.stringify(file, null, 2) + "\n";
}
