/**
 * The weights file: its schema, and loading it into a ready-to-score model. Loading checks that
 * the file describes exactly the features this extractor computes, so a mismatched deployment
 * fails at start-up instead of answering wrong numbers.
 */
import { z } from "zod";
import { FEATURES, STATISTICS_COUNT, type FeatureTables } from "./features.js";
import { CHAR_NGRAM_ORDER } from "./hashing.js";

export const WEIGHTS_FORMAT_VERSION = 2;

const finite = z.number().refine(Number.isFinite, "must be a finite number");
const quantized = z.number().int().min(-127).max(127);

/**
 * A hashed table stored sparsely: every bucket holds `default` except those listed. `keys` are
 * delta-encoded (the first is a bucket, each next one the gap to the previous, at least 1);
 * `values` are the listed buckets' values, in units of the tables' `step`.
 */
const sparseTableSchema = z
  .object({ default: quantized, keys: z.array(z.number()), values: z.array(z.number()) })
  .refine((t) => t.keys.length === t.values.length, "keys and values must have the same length");

export const weightsFileSchema = z.object({
  format_version: z.literal(WEIGHTS_FORMAT_VERSION),
  model: z.object({
    name: z.string().min(1),
    version: z.string().min(1),
    type: z.literal("pairwise-logistic"),
  }),
  features: z.array(
    z.object({ name: z.string(), mean: finite, scale: finite.refine((s) => s > 0, "must be > 0"), weight: finite }),
  ),
  tables: z.object({
    char_ngram_order: z.literal(CHAR_NGRAM_ORDER),
    bits: z.number().int().min(4).max(24),
    step: finite.refine((s) => s > 0, "must be > 0"),
    char_ngram: sparseTableSchema,
    word: sparseTableSchema,
  }),
  training: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
});

export type WeightsFile = z.infer<typeof weightsFileSchema>;
export type SparseTable = z.infer<typeof sparseTableSchema>;

export interface Model {
  name: string;
  version: string;
  means: Float64Array;
  scales: Float64Array;
  weights: Float64Array;
  /** Whether any text statistic has a non-zero weight (else scoring can skip computing them). */
  weighsStatistics: boolean;
  tables: FeatureTables;
}

/** Expands a sparse table, checking each key and value as it goes (one pass, no second copy). */
export function decodeTable(table: SparseTable, bits: number, name: string): Int8Array {
  const dense = new Int8Array(1 << bits).fill(table.default);
  let key = 0;
  for (let i = 0; i < table.keys.length; i++) {
    const gap = table.keys[i]!;
    const value = table.values[i]!;
    key = i === 0 ? gap : key + gap;
    if (!Number.isInteger(gap) || gap < (i === 0 ? 0 : 1) || key >= dense.length) {
      throw new Error(`tables.${name}.keys[${i}]: not an increasing bucket below 2^${bits}`);
    }
    if (!Number.isInteger(value) || value < -127 || value > 127) {
      throw new Error(`tables.${name}.values[${i}]: must be a whole number from -127 to 127`);
    }
    dense[key] = value;
  }
  return dense;
}

/** The inverse of decodeTable: lists the buckets whose value is not the most common one. */
export function encodeTable(dense: Int8Array): SparseTable {
  const counts = new Map<number, number>();
  for (const v of dense) counts.set(v, (counts.get(v) ?? 0) + 1);
  const fallback = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
  const keys: number[] = [];
  const values: number[] = [];
  let previous = -1;
  dense.forEach((v, key) => {
    if (v === fallback) return;
    keys.push(previous < 0 ? key : key - previous);
    values.push(v);
    previous = key;
  });
  return { default: fallback, keys, values };
}

/** Validates a parsed weights file against the schema and the extractor's feature list. */
export function loadWeights(json: unknown): { file: WeightsFile; model: Model } {
  const file = weightsFileSchema.parse(json);
  const expected = FEATURES.map((f) => f.name).join(",");
  const found = file.features.map((f) => f.name).join(",");
  if (found !== expected) {
    throw new Error(`weights file features [${found}] do not match the extractor's [${expected}]`);
  }
  const { bits, step } = file.tables;
  const model: Model = {
    name: file.model.name,
    version: file.model.version,
    means: Float64Array.from(file.features, (f) => f.mean),
    scales: Float64Array.from(file.features, (f) => f.scale),
    weights: Float64Array.from(file.features, (f) => f.weight),
    weighsStatistics: file.features.slice(0, STATISTICS_COUNT).some((f) => f.weight !== 0),
    tables: {
      bits,
      step,
      charNgram: decodeTable(file.tables.char_ngram, bits, "char_ngram"),
      word: decodeTable(file.tables.word, bits, "word"),
    },
  };
  return { file, model };
}

/**
 * The weights file's exact text: indented for reading, with each long number array on one line.
 * The Worker reproduces these bytes from the parsed JSON, so its digest equals the file's SHA-256.
 */
export function serializeWeights(file: WeightsFile): string {
  const arrays: string[] = [];
  const text = JSON.stringify(
    file,
    (_, value) => {
      if (!Array.isArray(value) || value.length <= 16 || !value.every((v) => typeof v === "number")) return value;
      arrays.push(JSON.stringify(value));
      return `\u0000${arrays.length - 1}\u0000`;
    },
    2,
  );
  return text.replace(/"\\u0000(\d+)\\u0000"/g, (_, index: string) => arrays[Number(index)]!) + "\n";
}
