import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readWeights } from "../../src/cli/data.js";
import { scorePair } from "../../src/model/scorer.js";
import { generatePairs } from "../fixtures/pairs.js";
import { runTool, scratchFolder, writeCompetitionFolder, writeJsonl } from "./tools.js";

describe("npm run evaluate", () => {
  let folder: string;
  beforeAll(() => (folder = scratchFolder()));

  it("scores a labeled JSONL with the committed weights; the last line is the exact accuracy=… n=…", () => {
    const pairs = generatePairs(30, 5);
    const data = writeJsonl(join(folder, "eval.jsonl"), pairs);
    const run = runTool("evaluate", ["--data", data]);
    expect(run.status, run.stderr).toBe(0);
    // Counted here with the shipped model: it misses these 5 of the 30 pairs.
    const { model } = readWeights("weights/model.json");
    const missed = pairs.filter((p) => scorePair(model, p.text1, p.text2).realTextId !== p.real_text_id);
    expect(missed.map((p) => p.id)).toEqual(["4", "8", "13", "17", "21"]);
    expect(run.stdout.trim().split("\n").at(-1)).toBe("accuracy=0.8333333333333334 n=30"); // 25 / 30
    expect(run.stdout).toMatch(/log loss [\d.]+/);
  });

  it("cross-validates the recipe with pairs that are always trained on", () => {
    const data = writeJsonl(
      join(folder, "teacher.jsonl"),
      generatePairs(30, 6).map(({ real_text_id, ...p }) => ({ ...p, teacher_real_text_id: real_text_id })),
    );
    const gold = writeJsonl(join(folder, "gold.jsonl"), generatePairs(20, 8));
    // The recipe comes from the weights file: a small-table one keeps the test quick.
    const weights = join(folder, "small.json");
    expect(runTool("train", ["--data", gold, "--bits", "10", "--cv-repeats", "1", "--out", weights]).status).toBe(0);
    const run = runTool("evaluate", [
      "--cv", "3", "--data", data, "--train-data", gold, "--weights", weights,
      "--label-field", "teacher_real_text_id", "--label-field", "real_text_id",
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("30 pairs held out by fold; 20 pairs always in training");
    expect(run.stdout.trim().split("\n").at(-1)).toMatch(/^accuracy=[\d.]+ n=30$/);
  });

  it("refuses a missing weights file", () => {
    const data = writeJsonl(join(folder, "few.jsonl"), generatePairs(3, 5));
    const run = runTool("evaluate", ["--data", data, "--weights", join(folder, "none.json")]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/none\.json: no such weights file/);
  });
});

describe("npm run predict", () => {
  it("writes the submission file for a competition test folder, in input order", () => {
    const folder = scratchFolder();
    const pairs = generatePairs(12, 4);
    writeCompetitionFolder(folder, pairs);
    const testFolder = join(folder, "train"); // a folder of article_NNNN, as test/ is laid out
    const out = join(folder, "submission.csv");
    const run = runTool("predict", ["--data", testFolder, "--out", out]);
    expect(run.status, run.stderr).toBe(0);
    const { model } = readWeights("weights/model.json");
    const expected = pairs.map((p) => `${p.id},${scorePair(model, p.text1, p.text2).realTextId}`);
    expect(readFileSync(out, "utf8")).toBe(["id,real_text_id", ...expected].join("\n") + "\n");
  });
});
