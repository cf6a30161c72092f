/**
 * What a valid weights file is: its schema, checked wherever a file is read (the Node tools, the
 * tests) and for the bundled file when the Worker's bundle is built (wrangler.toml's [build]),
 * rather than in every isolate at start-up, where building and running it cost about 7 ms.
 */
import * as z from "../zod.js";
import { CHAR_NGRAM_ORDER } from "./hashing.js";

export const WEIGHTS_FORMAT_VERSION = 5;

const finite = z.number().check(z.refine(Number.isFinite, "must be a finite number"));
const positive = finite.check(z.refine((s) => s > 0, "must be > 0"));
const quantized = z.int().check(z.gte(-127), z.lte(127));

/**
 * A hashed table stored sparsely: every bucket holds `default` except the `entries` listed.
 * `gaps` is base64 of one byte per listed bucket, its distance from the previous one (the first
 * from bucket -1); a longer distance is bridged with entries that hold the default. `values` is
 * base64 of their values as signed bytes, in units of the tables' `step`. Fixed-size bytes rather
 * than numbers: the Worker decodes them natively and the WebAssembly module expands them at
 * start-up (weights.ts' decodeTables), while the JavaScript code still runs cold.
 */
const sparseTableSchema = z.object({
  default: quantized,
  entries: z.int().check(z.gte(0)),
  gaps: z.string(),
  values: z.string(),
});

export const weightsFileSchema = z.object({
  format_version: z.literal(WEIGHTS_FORMAT_VERSION),
  model: z.object({
    name: z.string().check(z.minLength(1)),
    version: z.string().check(z.minLength(1)),
    type: z.literal("pairwise-logistic"),
  }),
  features: z.array(
    z.object({ name: z.string(), mean: finite, scale: positive, weight: finite }),
  ),
  tables: z.object({
    char_ngram_order: z.literal(CHAR_NGRAM_ORDER),
    bits: z.int().check(z.gte(4), z.lte(24)),
    step: positive,
    char_ngram: sparseTableSchema,
    word: sparseTableSchema,
  }),
  /**
   * Answers less confident than the threshold are marked uncertain; the trainer chose it for the
   * target, and cross-validation measured what it keeps.
   */
  uncertainty: z.object({
    confidence_threshold: finite.check(z.gte(0.5), z.lte(1)),
    target_agreement: finite.check(z.gte(0), z.lte(1)),
    cross_validation: z.object({ coverage: finite, accuracy_kept: finite, accuracy_uncertain: finite }),
  }),
  training: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.unknown()),
});

export type WeightsFile = z.infer<typeof weightsFileSchema>;
export type SparseTable = z.infer<typeof sparseTableSchema>;

/** A parsed weights file checked against the schema (weights.ts' modelOf makes it the model); throws naming what does not match. */
export function parseWeightsFile(json: unknown): WeightsFile {
  return weightsFileSchema.parse(json);
}
