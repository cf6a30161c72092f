/**
 * Golden scores: the committed test/fixtures/score-golden.json holds 50 seeded pairs (the project's
 * own generated and Unicode-heavy texts) with the score and probability the shipped
 * weights/model.json gave them. Any change to a weight, a table value, the extractor or the
 * scorer that moves a number by one bit fails here. The probability is Node's: its Math.exp rounds
 * differently from workerd's (see test/worker/score-golden.test.ts).
 * This test only reads the file. When the numbers are meant to change, rewrite it with
 * `npx tsx test/fixtures/write-score-golden.ts` and review the diff.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { readWeights } from "../../src/cli/data.js";
import { scorePair } from "../../src/model/scorer.js";

interface GoldenPair {
  id: string;
  text1: string;
  text2: string;
  score: number;
  probability: number;
}

const golden: GoldenPair[] = JSON.parse(readFileSync("test/fixtures/score-golden.json", "utf8"));
const { model } = readWeights("weights/model.json");

it("holds the 50 pairs, with scores of both signs and a tie", () => {
  expect(golden).toHaveLength(50);
  expect(golden.some((p) => p.score > 0) && golden.some((p) => p.score < 0) && golden.some((p) => p.score === 0)).toBe(true);
});

it("scores every golden pair with the shipped weights to the same bits", () => {
  const wrong = golden.flatMap(({ id, text1, text2, score, probability }) => {
    const result = scorePair(model, text1, text2);
    const same = Object.is(result.score, score) && Object.is(result.probability, probability);
    return same ? [] : [`${id}: score ${result.score} (golden ${score}), probability ${result.probability} (golden ${probability})`];
  });
  expect(wrong).toEqual([]);
});
