/**
 * The bundled model, made once per isolate. Building the bundle checks the weights file against
 * its schema (wrangler.toml's [build]); a file whose features or tables do not fit the extractor
 * throws here, at start-up, so a bad deployment never serves.
 */
import { sha256 } from "hono/utils/crypto";
import weightsJson from "../../weights/model.json";
import hashKernel from "../model/hash-kernel.wasm";
import type { WeightsFile } from "../model/weights-file.js";
import { modelOf, serializeWeights } from "../model/weights.js";

export const weightsFile = weightsJson as WeightsFile;
// An instance of the hashing module holds the tables, and hashes and sums the texts scored with them.
export const model = modelOf(weightsFile, hashKernel);

let digest: Promise<string> | undefined;

/** SHA-256 of the weights file as committed (the Worker re-serializes it byte for byte). */
export function weightsDigest(): Promise<string> {
  // Hono's helper answers null only where Web Crypto is missing, which workerd never is.
  digest ??= sha256(serializeWeights(weightsFile)).then((hex) => hex!);
  return digest;
}

/** How responses name the model that answered. */
export const modelId = { name: model.name, version: model.version };
