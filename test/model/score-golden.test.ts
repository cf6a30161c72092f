/**
 * Golden scores: the committed test/fixtures/score-golden.json holds 50 seeded pairs (the project's
 * own generated and Unicode-heavy texts) with the score, probability and segments the shipped
 * weights/model.json gave them, and a fingerprint of that model's numbers. A change to the
 * extractor or the scorer that moves a number by one bit fails here, and so does a change to
 * any weight or table value, even one that these texts never reach. The probability is Node's:
 * its Math.exp rounds differently from workerd's (see test/worker/score-golden.test.ts).
 * This test only reads the file. When the numbers are meant to change, rewrite it with
 * `npx tsx test/fixtures/write-score-golden.ts` and review the diff.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { readWeights } from "../../src/cli/data.js";
import { scorePair } from "../../src/model/scorer.js";
import { scoreWithSegments, type PairSegments } from "../../src/model/segments.js";
import { bits } from "../fixtures/bits.js";
import { modelDigest } from "../fixtures/model-digest.js";

interface GoldenPair {
  id: string;
  text1: string;
  text2: string;
  score: number;
  probability: number;
  segments: PairSegments;
}

const golden: { model_sha256: string; pairs: GoldenPair[] } = JSON.parse(readFileSync("test/fixtures/score-golden.json", "utf8"));
const { model } = readWeights("weights/model.json");

it("was written with the numbers of the shipped weights", () => {
  expect(modelDigest(model), "a weight or table value differs from the model the golden file was made with").toBe(golden.model_sha256);
});

it("holds the 50 pairs, with scores of both signs and a tie", () => {
  const { pairs } = golden;
  expect(pairs).toHaveLength(50);
  expect(pairs.some((p) => p.score > 0) && pairs.some((p) => p.score < 0) && pairs.some((p) => p.score === 0)).toBe(true);
});

it("scores every golden pair with the shipped weights to the same bits", () => {
  const wrong = golden.pairs.flatMap(({ id, text1, text2, score, probability }) => {
    const result = scorePair(model, text1, text2);
    const same = Object.is(result.score, score) && Object.is(result.probability, probability);
    return same ? [] : [`${id}: score ${result.score} (golden ${score}), probability ${result.probability} (golden ${probability})`];
  });
  expect(wrong).toEqual([]);
});

it("cuts every golden pair into the same segments, with the same contributions to the bit and the same shared marks", () => {
  const wrong = golden.pairs.flatMap(({ id, text1, text2, segments }) => {
    const result = scoreWithSegments(model, text1, text2).segments;
    return bits(result) === bits(segments) ? [] : [`${id}: ${bits(result)} (golden ${bits(segments)})`];
  });
  expect(wrong).toEqual([]);
});
