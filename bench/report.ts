/** Turns benchmark results into the Markdown report that `npm run bench` prints. */
import type { BudgetCheck } from "./budgets.js";
import type { MicroResult } from "./micro.js";
import { spread, type Spread } from "./stats.js";

/** A number to `digits` significant digits, without exponent noise for the usual ranges. */
export function fmt(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return "n/a";
  if (n === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(n)));
  return n.toFixed(Math.max(0, digits - 1 - magnitude));
}

/** "median (min–max)" over repeats; just the median when there was one run. */
export function fmtSpread(s: Spread, digits = 3): string {
  return s.runs > 1 ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})` : fmt(s.median, digits);
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Results of the same tasks over repeated runs, grouped by task name in first-seen order. */
export function byTask(runs: readonly MicroResult[][]): Map<string, MicroResult[]> {
  const grouped = new Map<string, MicroResult[]>();
  for (const run of runs) for (const r of run) grouped.set(r.name, [...(grouped.get(r.name) ?? []), r]);
  return grouped;
}

export function microTable(runs: readonly MicroResult[][]): string {
  const rows = [...byTask(runs)].map(([name, results]) => {
    const first = results[0]!;
    const of = (pick: (r: MicroResult) => number) => spread(results.map(pick));
    return [
      name,
      fmtSpread(of((r) => r.p50Ms)),
      fmtSpread(of((r) => r.p99Ms)),
      first.bytes > 0 ? fmtSpread(of((r) => r.mbPerS)) : "",
      first.pairs > 0 ? fmtSpread(of((r) => r.pairsPerS)) : "",
    ];
  });
  return table(["task", "p50 ms/call", "p99 ms/call", "MB/s at p50", "pairs/s at p50"], rows);
}

/** Each feature group's cost per character and its share of the whole extractor. */
export function groupTable(runs: readonly MicroResult[][]): string {
  const groups = [...byTask(runs)].filter(([name]) => name.startsWith("group: "));
  const whole = groups.find(([name]) => name === "group: whole extractFeatures")?.[1];
  const nsPerByte = (r: MicroResult) => (r.p50Ms * 1e6) / r.bytes;
  const wholeMedian = whole ? spread(whole.map(nsPerByte)).median : Number.NaN;
  const rows = groups.map(([name, results]) => {
    const cost = spread(results.map(nsPerByte));
    return [name.slice("group: ".length), fmtSpread(cost), `${fmt((100 * cost.median) / wholeMedian, 2)} %`];
  });
  return table(["group (typical 3 KB text with non-ASCII noise: the general path)", "ns/char at p50", "share of extractFeatures"], rows);
}

export function budgetTable(checks: readonly BudgetCheck[]): string {
  return table(
    ["budget", "limit", "measured", "verdict", "how measured"],
    checks.map((c) => [c.name, `${c.atLeast ? ">=" : "<="} ${c.limit} ${c.unit}`, c.measured === null ? "n/a" : `${fmt(c.measured)} ${c.unit}`, c.verdict, c.note]),
  );
}
