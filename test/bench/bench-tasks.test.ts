import { describe, expect, it } from "vitest";
import { runMicro } from "../../bench/micro.js";
import { benchTexts, extractionTasks, featureGroupTasks, nonAsciiPair, SIZES } from "../../bench/tasks.js";
import { loadWeights } from "../../src/model/weights.js";
import weightsJson from "../../weights/model.json";

const { model } = loadWeights(weightsJson);
const fast = { timeMs: 2, warmupMs: 0, minSampleMs: 0 };

describe("benchmark tasks", () => {
  it("uses two different texts of each size the issue asks for", () => {
    const texts = benchTexts();
    for (const [size, length] of Object.entries(SIZES)) {
      const [a, b] = texts[size as keyof typeof SIZES];
      expect([a.length, b.length]).toEqual([length, length]);
      expect(a).not.toBe(b);
    }
  });

  it("adds the typical pair with non-ASCII noise, at the same length", () => {
    const [a, b] = nonAsciiPair(benchTexts());
    expect([a.length, b.length]).toEqual([SIZES.typical, SIZES.typical]);
    expect(/[^\x00-\x7f]/.test(a) && /[^\x00-\x7f]/.test(b)).toBe(true);
  });

  it("times extraction and scoring per size, counting bytes and pairs", () => {
    const tasks = extractionTasks(model, benchTexts());
    expect(tasks.map((t) => t.name)).toEqual(
      ["short", "typical", "long", "typical non-ASCII"].flatMap((s) => [`extractFeatures ${s}`, `scorePair ${s}`]),
    );
    expect(tasks.find((t) => t.name === "scorePair typical")).toMatchObject({ bytes: 2 * SIZES.typical, pairs: 1 });
  });

  it("times the feature groups between the bare loop and the whole extractor", () => {
    const names = featureGroupTasks(model, "Some text.").map((t) => t.name);
    expect(names).toEqual([
      "group: code point loop",
      "group: classOf",
      "group: hashText (n-gram and word buckets)",
      "group: whole extractFeatures",
    ]);
  });

  it("reduces samples to per-call figures consistent with bytes and pairs", async () => {
    let calls = 0;
    const [result] = await runMicro([{ name: "t", bytes: 3000, pairs: 1, fn: () => calls++ }], fast);
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(result!.samples).toBeGreaterThanOrEqual(5);
    expect(result!.p99Ms).toBeGreaterThanOrEqual(result!.p50Ms);
    expect(result!.mbPerS).toBeCloseTo(3000 / result!.p50Ms / 1000);
    expect(result!.pairsPerS).toBeCloseTo(1000 / result!.p50Ms);
  });

  it("groups calls into samples of at least minSampleMs and awaits async tasks", async () => {
    let finished = 0;
    const [result] = await runMicro(
      [{ name: "async", bytes: 0, pairs: 0, fn: async () => { await new Promise((r) => setTimeout(r, 0)); finished++; } }],
      { timeMs: 10, warmupMs: 0, minSampleMs: 3 },
    );
    expect(finished).toBeGreaterThanOrEqual(result!.samples);
    expect(result!.meanMs).toBeGreaterThan(0);
  });
});
