/**
 * Reading pairs from disk: JSONL (`id`, `text1`, `text2`, a label field) or the competition's
 * folder layout (`train.csv` + `train/article_NNNN/file_1.txt, file_2.txt`, or a `test/` folder
 * of articles). Every problem is reported with the file and line it was found at.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { installHashKernel } from "../model/hashing.js";
import { modelOf, type Model } from "../model/weights.js";
import { parseWeightsFile, type WeightsFile } from "../model/weights-file.js";
import { readHashKernel } from "./hash-kernel.js";

export interface Pair {
  id: string;
  text1: string;
  text2: string;
  /** The label, when the data has one under any of the requested label fields. */
  realTextId?: 1 | 2;
  /** How many teacher judges agreed (`teacher_votes`), when the data says. */
  votes?: number;
}

export interface Dataset {
  path: string;
  sha256: string;
  pairs: Pair[];
}

export class DataError extends Error {}

export const DEFAULT_LABEL_FIELDS = ["real_text_id"];

function parseLabel(value: unknown, where: string): 1 | 2 {
  const label = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (label !== 1 && label !== 2) throw new DataError(`${where}: label must be 1 or 2, got ${JSON.stringify(value)}`);
  return label;
}

function readJsonl(path: string, labelFields: readonly string[]): Pair[] {
  const pairs: Pair[] = [];
  readFileSync(path, "utf8").split("\n").forEach((line, index) => {
    const where = `${path}:${index + 1}`;
    if (line.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new DataError(`${where}: malformed JSON (${(error as Error).message})`);
    }
    if (typeof row !== "object" || row === null || Array.isArray(row)) throw new DataError(`${where}: expected a JSON object`);
    const r = row as Record<string, unknown>;
    if (typeof r.id !== "string" && typeof r.id !== "number") throw new DataError(`${where}: "id" must be a string or number`);
    for (const field of ["text1", "text2"]) {
      if (typeof r[field] !== "string") throw new DataError(`${where}: "${field}" must be a string`);
    }
    if (r.teacher_votes !== undefined && !(Number.isInteger(r.teacher_votes) && (r.teacher_votes as number) >= 0)) {
      throw new DataError(`${where}: "teacher_votes" must be a whole number`);
    }
    const labelField = labelFields.find((f) => r[f] !== undefined && r[f] !== null);
    pairs.push({
      id: String(r.id),
      text1: r.text1 as string,
      text2: r.text2 as string,
      ...(labelField ? { realTextId: parseLabel(r[labelField], `${where}: "${labelField}"`) } : {}),
      ...(r.teacher_votes !== undefined ? { votes: r.teacher_votes as number } : {}),
    });
  });
  return pairs;
}

function readArticle(folder: string, id: string): Pair {
  const text = (name: string) => {
    const file = join(folder, name);
    if (!existsSync(file)) throw new DataError(`${file}: missing (each article needs file_1.txt and file_2.txt)`);
    return readFileSync(file, "utf8");
  };
  return { id, text1: text("file_1.txt"), text2: text("file_2.txt") };
}

function readArticles(folder: string): Pair[] {
  return readdirSync(folder)
    .filter((name) => /^article_\d+$/.test(name))
    .sort()
    .map((name) => readArticle(join(folder, name), String(Number(name.slice("article_".length)))));
}

function readLabelsCsv(path: string): Map<string, 1 | 2> {
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  if (lines[0]?.trim() !== "id,real_text_id") throw new DataError(`${path}:1: expected the header "id,real_text_id"`);
  const labels = new Map<string, 1 | 2>();
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === "") return;
    const where = `${path}:${index + 2}`;
    const cells = line.split(",");
    if (cells.length !== 2 || !/^\d+$/.test(cells[0]!.trim())) throw new DataError(`${where}: expected "<id>,<1 or 2>"`);
    labels.set(String(Number(cells[0])), parseLabel(cells[1], where));
  });
  return labels;
}

/** A competition folder: labeled when it has train.csv, else the articles of test/ or of itself. */
function readFolder(path: string): Pair[] {
  const csv = join(path, "train.csv");
  if (existsSync(csv)) {
    const labels = readLabelsCsv(csv);
    return [...labels].map(([id, realTextId]) => ({
      ...readArticle(join(path, "train", `article_${id.padStart(4, "0")}`), id),
      realTextId,
    }));
  }
  const test = join(path, "test");
  const pairs = readArticles(existsSync(test) ? test : path);
  if (pairs.length === 0) throw new DataError(`${path}: no train.csv, test/ or article_NNNN folders found`);
  return pairs;
}

export function readDataset(path: string, labelFields: readonly string[] = DEFAULT_LABEL_FIELDS): Dataset {
  if (!existsSync(path)) throw new DataError(`${path}: no such file or folder`);
  const isFolder = statSync(path).isDirectory();
  const pairs = isFolder ? readFolder(path) : readJsonl(path, labelFields);
  const hash = createHash("sha256");
  if (isFolder) for (const p of pairs) hash.update(JSON.stringify([p.id, p.text1, p.text2, p.realTextId ?? null]));
  else hash.update(readFileSync(path));
  return { path, sha256: hash.digest("hex"), pairs };
}

/** The pairs with labels; a dataset used for training or evaluation must label every pair. */
export function labeledPairs(dataset: Dataset): (Pair & { realTextId: 1 | 2 })[] {
  const missing = dataset.pairs.find((p) => p.realTextId === undefined);
  if (missing) throw new DataError(`${dataset.path}: pair ${missing.id} has no label`);
  return dataset.pairs as (Pair & { realTextId: 1 | 2 })[];
}

/**
 * Reads and validates a weights file (the schema, which builds of the Worker run on the bundled file,
 * and the checks the Worker makes at start-up). The model's tables are held by an instance of the
 * WebAssembly hashing pass, as in the Worker; the pass is also installed for texts hashed without
 * them (the trainer's).
 */
export function readWeights(path: string): { file: WeightsFile; model: Model } {
  const kernel = readHashKernel();
  installHashKernel(kernel);
  if (!existsSync(path)) throw new DataError(`${path}: no such weights file`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new DataError(`${path}: malformed JSON (${(error as Error).message})`);
  }
  try {
    const file = parseWeightsFile(json);
    return { file, model: modelOf(file, kernel) };
  } catch (error) {
    throw new DataError(`${path}: not a valid weights file (${(error as Error).message})`);
  }
}
