/**
 * Runs the command-line tools as a user would, in a scratch folder of fixtures: the bundles that
 * test/cli/global-setup.ts builds, as `npm run train|evaluate|predict` do.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FixturePair } from "../fixtures/pairs.js";

export function runTool(tool: "train" | "evaluate" | "predict" | "key" | "unicode-table", args: string[]) {
  const result = spawnSync(process.execPath, [`dist/tools/${tool}.js`, ...args], { encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function scratchFolder(): string {
  return mkdtempSync(join(tmpdir(), "impostor-cli-"));
}

export function writeJsonl(path: string, rows: object[]): string {
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return path;
}

/** The competition's layout: train.csv and train/article_NNNN/file_{1,2}.txt. */
export function writeCompetitionFolder(folder: string, pairs: FixturePair[]): string {
  const rows = ["id,real_text_id"];
  for (const p of pairs) {
    const article = join(folder, "train", `article_${p.id.padStart(4, "0")}`);
    mkdirSync(article, { recursive: true });
    writeFileSync(join(article, "file_1.txt"), p.text1);
    writeFileSync(join(article, "file_2.txt"), p.text2);
    rows.push(`${p.id},${p.real_text_id}`);
  }
  writeFileSync(join(folder, "train.csv"), rows.join("\n") + "\n");
  return folder;
}
