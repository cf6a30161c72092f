import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUDGETS, checkBudget } from "../../bench/budgets.js";
import { quantile, spread } from "../../bench/stats.js";
import { englishText } from "../fixtures/texts.js";

describe("englishText", () => {
  it("is deterministic, of the asked length, and ASCII", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 5000 }), (seed, length) => {
        const text = englishText(seed, length);
        expect(text).toHaveLength(length);
        expect(englishText(seed, length)).toBe(text);
        expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it("reads like prose: words, sentences, and different texts for different seeds", () => {
    const a = englishText(1, 3000);
    expect(a.split(/\s+/).length).toBeGreaterThan(300);
    expect(a.match(/[.?!]/g)!.length).toBeGreaterThan(10);
    expect(englishText(2, 3000)).not.toBe(a);
  });
});

describe("quantile and spread", () => {
  it("interpolates between order statistics", () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.99)).toBeCloseTo(3.97);
    expect(quantile([], 0.5)).toBeNaN();
    expect(spread([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
  });

  it("stays within the range of the values and grows with q", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, q) => {
        const v = quantile(values, q);
        expect(v).toBeGreaterThanOrEqual(Math.min(...values));
        expect(v).toBeLessThanOrEqual(Math.max(...values));
        expect(quantile(values, Math.min(1, q + 0.1))).toBeGreaterThanOrEqual(v);
      }),
    );
  });
});

describe("checkBudget", () => {
  it("passes throughput at or above its limit and costs at or below theirs", () => {
    expect(checkBudget(BUDGETS.extraction, 50).verdict).toBe("PASS");
    expect(checkBudget(BUDGETS.extraction, 49.9).verdict).toBe("OVER");
    expect(checkBudget(BUDGETS.predictCpu, 0.2).verdict).toBe("PASS");
    expect(checkBudget(BUDGETS.predictCpu, 0.21).verdict).toBe("OVER");
  });

  it("reports a figure that could not be measured as N/A with its reason", () => {
    const check = checkBudget(BUDGETS.batch256, null, "route not available");
    expect(check).toMatchObject({ verdict: "N/A", measured: null, note: "route not available" });
    expect(checkBudget(BUDGETS.startup, Number.NaN).verdict).toBe("N/A");
  });
});
