/**
 * The weights file: its schema, and loading it into a ready-to-score model. Loading checks that
 * the file describes exactly the features this extractor computes, so a mismatched deployment
 * fails at start-up instead of answering wrong numbers.
 */
import { z } from "zod";
import { FEATURES, type FeatureTables } from "./features.js";

export const WEIGHTS_FORMAT_VERSION = 1;

const finite = z.number().refine(Number.isFinite, "must be a finite number");

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
    char_ngram: z
      .object({
        order: z.number().int().min(1).max(8),
        bits: z.number().int().min(4).max(24),
        log_ratio: z.array(z.number()),
      })
      .refine((t) => t.log_ratio.length === 2 ** t.bits, "log_ratio must have 2^bits entries")
      .refine((t) => t.log_ratio.every(Number.isFinite), "log_ratio must be finite"),
  }),
  training: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
});

export type WeightsFile = z.infer<typeof weightsFileSchema>;

export interface Model {
  name: string;
  version: string;
  means: Float64Array;
  scales: Float64Array;
  weights: Float64Array;
  tables: FeatureTables;
}

/** Validates a parsed weights file against the schema and the extractor's feature list. */
export function loadWeights(json: unknown): { file: WeightsFile; model: Model } {
  const file = weightsFileSchema.parse(json);
  const expected = FEATURES.map((f) => f.name).join(",");
  const found = file.features.map((f) => f.name).join(",");
  if (found !== expected) {
    throw new Error(`weights file features [${found}] do not match the extractor's [${expected}]`);
  }
  const ngram = file.tables.char_ngram;
  const model: Model = {
    name: file.model.name,
    version: file.model.version,
    means: Float64Array.from(file.features, (f) => f.mean),
    scales: Float64Array.from(file.features, (f) => f.scale),
    weights: Float64Array.from(file.features, (f) => f.weight),
    tables: { charNgram: { order: ngram.order, bits: ngram.bits, logRatio: Float64Array.from(ngram.log_ratio) } },
  };
  return { file, model };
}

/**
 * The weights file's exact text: indented for reading, with the long table on one line. The
 * Worker reproduces these bytes from the parsed JSON, so its digest equals the file's SHA-256.
 */
export function serializeWeights(file: WeightsFile): string {
  const { tables, ...rest } = file;
  const table = JSON.stringify(tables.char_ngram.log_ratio);
  const placeholder = "\u0000log_ratio\u0000";
  const text = JSON.stringify({ ...rest, tables: { char_ngram: { ...tables.char_ngram, log_ratio: placeholder } } }, null, 2);
  return text.replace(JSON.stringify(placeholder), table) + "\n";
}
