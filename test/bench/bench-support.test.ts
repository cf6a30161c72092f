import fc from "fast-check";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUDGETS, checkBudget } from "../../bench/budgets.js";
import { budgetTable, selfTimeTable } from "../../bench/report.js";
import { quantile, spread } from "../../bench/stats.js";
import { ROOT } from "../../bench/workerd.js";
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
  const one = (n: number) => spread([n]);

  it("passes throughput at or above its limit and costs at or below theirs", () => {
    expect(checkBudget(BUDGETS.extraction, one(200)).verdict).toBe("PASS");
    expect(checkBudget(BUDGETS.extraction, one(199.9)).verdict).toBe("OVER");
    expect(checkBudget(BUDGETS.predict, one(2)).verdict).toBe("PASS");
    expect(checkBudget(BUDGETS.predict, one(2.01)).verdict).toBe("OVER");
  });

  it("judges the median, whatever the spread", () => {
    expect(checkBudget(BUDGETS.worstCase, spread([9, 9.5, 30])).verdict).toBe("PASS");
    expect(checkBudget(BUDGETS.worstCase, spread([1, 11, 12])).verdict).toBe("OVER");
  });

  it("reports a figure that could not be measured as N/A with its reason", () => {
    const check = checkBudget(BUDGETS.extractionNonAscii, null, "the clock does not advance");
    expect(check).toMatchObject({ verdict: "N/A", measured: null, note: "the clock does not advance" });
    expect(checkBudget(BUDGETS.startup, one(Number.NaN)).verdict).toBe("N/A");
  });

  it("prints each target with its limit, median (min–max) and verdict", () => {
    const report = budgetTable([checkBudget(BUDGETS.batch, spread([3, 5, 4]), "note")]);
    expect(report.split("\n")[2]).toBe(`| ${BUDGETS.batch.name} | <= 4 x | 4.00 (3.00–5.00) x | PASS | note |`);
  });
});

describe("ROOT", () => {
  it("is the checkout, found from the module's own folder (the bundled tools run from dist/tools)", () => {
    expect(existsSync(join(ROOT, "wrangler.toml")) && existsSync(join(ROOT, "bench/workerd.ts"))).toBe(true);
  });
});

describe("selfTimeTable", () => {
  it("shares the busy samples out by function, idle left out, the largest first", () => {
    const frame = (functionName: string, url = "", lineNumber = -1) => ({ functionName, url, lineNumber });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame("(idle)") },
        { id: 2, callFrame: frame("hashAscii", "file:///bundle/app.js", 9) },
        { id: 3, callFrame: frame("(garbage collector)") },
        { id: 4, callFrame: frame("", "file:///bundle/app.js", 99) },
      ],
      samples: [1, 2, 3, 2, 4, 1],
      timeDeltas: [500, 30, 25, 30, 15, 500],
    };
    expect(selfTimeTable(profile).split("\n").slice(2)).toEqual([
      "| `hashAscii (app.js:10)` | 60 % |",
      "| `(garbage collector)` | 25 % |",
      "| `(anonymous) (app.js:100)` | 15 % |",
    ]);
  });
});
