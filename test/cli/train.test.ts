import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePairs } from "../fixtures/pairs.js";
import { runTool, scratchFolder, writeCompetitionFolder, writeJsonl } from "./tools.js";

// Small tables and few folds keep the tools fast on fixtures.
const FAST = ["--bits", "10", "--cv-repeats", "1"];

describe("npm run train", () => {
  let folder: string;
  let jsonl: string;
  beforeAll(() => {
    folder = scratchFolder();
    jsonl = writeJsonl(join(folder, "pairs.jsonl"), generatePairs(40, 3));
  });

  it("writes byte-identical weights when run twice, with its training record", () => {
    const out = join(folder, "weights.json");
    const a = runTool("train", ["--data", jsonl, "--out", out, ...FAST]);
    const first = readFileSync(out, "utf8");
    const b = runTool("train", ["--data", jsonl, "--out", out, ...FAST]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(a.stdout).toMatch(/cross-validated \(5-fold x 1\): accuracy [\d.]+ ± [\d.]+/);
    expect(readFileSync(out, "utf8")).toBe(first);
    const file = JSON.parse(first);
    expect(file.training.data).toEqual([{ path: jsonl, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rows: 40 }]);
    expect(file.training.command).toBe(`npm run train -- --data ${jsonl} --out ${out} ${FAST.join(" ")}`);
    expect(file.metrics.cross_validation).toMatchObject({ n: 40, accuracy_mean: expect.any(Number) });
    // The uncertainty threshold with what cross-validation says it keeps, and the table that shows it.
    expect(file.uncertainty).toEqual({
      confidence_threshold: expect.any(Number),
      target_agreement: 0.975,
      cross_validation: { coverage: expect.any(Number), accuracy_kept: expect.any(Number), accuracy_uncertain: expect.any(Number) },
    });
    expect(file.uncertainty.confidence_threshold).toBeGreaterThanOrEqual(0.5);
    expect(file.uncertainty.cross_validation.coverage).toBeGreaterThan(0);
    expect(a.stdout).toMatch(/accuracy by coverage[\s\S]*  80\.0% +\d+ +[\d.]+ +[\d.]+[\s\S]*not marked uncertain: [\d.]+% of the pairs/);
  });

  it("reads the competition's folder layout like the same pairs in JSONL", () => {
    const pairs = generatePairs(40, 3);
    const competition = writeCompetitionFolder(join(folder, "kaggle"), pairs);
    const out = join(folder, "from-folder.json");
    const run = runTool("train", ["--data", competition, "--out", out, ...FAST]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("training on 40 pairs");
  });

  it("combines several files and label fields", () => {
    const teacher = writeJsonl(
      join(folder, "teacher.jsonl"),
      generatePairs(20, 9).map(({ real_text_id, ...p }) => ({ ...p, teacher_real_text_id: real_text_id })),
    );
    const out = join(folder, "combined.json");
    const run = runTool("train", ["--data", jsonl, "--data", teacher, "--label-field", "real_text_id", "--label-field", "teacher_real_text_id", "--out", out, ...FAST]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("training on 60 pairs from 2 file(s)");
  });

  const bad: [string, (dir: string) => string, RegExp][] = [
    ["a missing folder", (dir) => join(dir, "nowhere"), /nowhere: no such file or folder/],
    ["a malformed JSONL line", (dir) => withLine(writeJsonl(join(dir, "bad.jsonl"), generatePairs(12, 1)), "{not json"), /bad\.jsonl:13: malformed JSON/],
    ["a label other than 1 or 2", (dir) => writeJsonl(join(dir, "label.jsonl"), [{ id: 1, text1: "a", text2: "b", real_text_id: 3 }]), /label\.jsonl:1: "real_text_id": label must be 1 or 2, got 3/],
    ["a text that is not a string", (dir) => writeJsonl(join(dir, "text.jsonl"), [{ id: 1, text1: 5, text2: "b", real_text_id: 1 }]), /text\.jsonl:1: "text1" must be a string/],
    ["a pair without a label", (dir) => writeJsonl(join(dir, "unlabeled.jsonl"), [{ id: 7, text1: "a", text2: "b" }]), /pair 7 has no label/],
    ["a missing file of a pair", (dir) => missingFile(dir), /article_0001[/\\]file_2\.txt: missing/],
    ["a malformed CSV line", (dir) => badCsv(dir), /train\.csv:3: expected "<id>,<1 or 2>"/],
  ];
  it.each(bad)("stops on %s naming the place, and writes no weights", (_, make, message) => {
    const dir = scratchFolder();
    const out = join(dir, "weights.json");
    const run = runTool("train", ["--data", make(dir), "--out", out, ...FAST]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects unknown flags with the usage", () => {
    const run = runTool("train", ["--data", jsonl, "--epochs", "3"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--epochs'[\s\S]*usage: npm run train/);
  });

  it("prints the usage for --help and -h, and does nothing else", () => {
    for (const flag of ["--help", "-h"]) {
      const run = runTool("train", [flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^usage: npm run train/);
    }
  });
});

function withLine(path: string, line: string): string {
  appendFileSync(path, line + "\n");
  return path;
}

function missingFile(dir: string): string {
  const folder = writeCompetitionFolder(join(dir, "kaggle"), generatePairs(12, 1));
  rmSync(join(folder, "train", "article_0001", "file_2.txt"));
  return folder;
}

function badCsv(dir: string): string {
  const folder = writeCompetitionFolder(join(dir, "kaggle"), generatePairs(12, 1));
  const csv = join(folder, "train.csv");
  const lines = readFileSync(csv, "utf8").split("\n");
  lines[2] = "1;2";
  writeFileSync(csv, lines.join("\n"));
  return folder;
}
