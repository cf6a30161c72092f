import { expect, it, vi } from "vitest";
import { HashKernel } from "../../src/model/hash-kernel.js";
import { scorePair } from "../../src/model/scorer.js";
import { scoreWithSegments } from "../../src/model/segments.js";
import { model } from "../../src/worker/model.js";

it("scores with the WebAssembly instance that holds the model's tables: it hashes the texts and sums the tables", () => {
  const run = vi.spyOn(HashKernel.prototype, "run");
  const sum = vi.spyOn(HashKernel.prototype, "sum");
  const score = (scoring: () => unknown) => {
    run.mockClear();
    sum.mockClear();
    scoring();
    return { runs: run.mock.contexts, sums: sum.mock.results.map((result) => result.value) };
  };
  for (const scored of [score(() => scorePair(model, "plain ASCII", "not ASCII: é")), score(() => scoreWithSegments(model, "One sentence. Two.", "Ein Satz, ä."))]) {
    expect(scored.runs.length).toBeGreaterThan(0);
    expect(scored.runs.every((kernel) => kernel === model.tables.kernel)).toBe(true);
    expect(scored.sums.length).toBeGreaterThan(0);
    expect(scored.sums.every((value) => typeof value === "number")).toBe(true);
  }
  run.mockRestore();
  sum.mockRestore();
});
