import { describe, expect, it } from "vitest";
import { runMicro } from "../../bench/micro.js";
import { extractionTasks, nonAsciiPair, TYPICAL_LENGTH, typicalPair } from "../../bench/tasks.js";
import { parseWeightsFile } from "../../src/model/weights-file.js";
import { modelOf } from "../../src/model/weights.js";
import weightsJson from "../../weights/model.json";

const model = modelOf(parseWeightsFile(weightsJson));
const fast = { timeMs: 2, warmupMs: 0, minSampleMs: 0 };

describe("benchmark tasks", () => {
  it("uses two different typical texts, ASCII, and the same pair with non-ASCII noise at the same length", () => {
    const [a, b] = typicalPair();
    expect([a.length, b.length]).toEqual([TYPICAL_LENGTH, TYPICAL_LENGTH]);
    expect(a).not.toBe(b);
    expect(/^[\x00-\x7f]*$/.test(a + b)).toBe(true);
    const [c, d] = nonAsciiPair();
    expect([c.length, d.length]).toEqual([TYPICAL_LENGTH, TYPICAL_LENGTH]);
    expect(/[^\x00-\x7f]/.test(c) && /[^\x00-\x7f]/.test(d)).toBe(true);
  });

  it("times scorePair and the two bare loops on each pair, counting the UTF-8 bytes of both texts", () => {
    const tasks = extractionTasks(model);
    expect(tasks.map((t) => t.name)).toEqual(
      ["typical", "typical non-ASCII"].flatMap((pair) => [`scorePair ${pair}`, `charCodeAt loop ${pair}`]),
    );
    expect(tasks[0]!.bytes).toBe(2 * TYPICAL_LENGTH);
    const [c, d] = nonAsciiPair();
    expect(tasks[3]!.bytes).toBe(new TextEncoder().encode(c + d).length);
  });

  it("reduces samples to per-call figures consistent with the bytes", () => {
    let calls = 0;
    const [result] = runMicro([{ name: "t", bytes: 3000, fn: () => calls++ }], fast);
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(result!.samples).toBeGreaterThanOrEqual(5);
    expect(result!.mbPerS).toBeCloseTo(3000 / result!.p50Ms / 1000);
  });

  it("groups calls into samples of at least minSampleMs", () => {
    let calls = 0;
    const [result] = runMicro([{ name: "grouped", bytes: 1, fn: () => calls++ }], { timeMs: 10, warmupMs: 0, minSampleMs: 3 });
    expect(calls).toBeGreaterThan(result!.samples);
    expect(result!.samples).toBeGreaterThanOrEqual(3);
  });
});
