/** Turns benchmark results into the Markdown tables the reports print. */
import type { BudgetCheck } from "./budgets.js";
import type { MicroResult } from "./micro.js";
import { spread, type Spread } from "./stats.js";
import type { CaseCpu } from "./worst-cases.js";

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

/** One task's figure over repeated runs of the same tasks, or null when it was not measured. */
export function taskSpread(runs: readonly MicroResult[][], name: string, pick: (r: MicroResult) => number): Spread | null {
  const results = runs.flatMap((run) => run.filter((r) => r.name === name));
  return results.length > 0 ? spread(results.map(pick)) : null;
}

export function budgetTable(checks: readonly BudgetCheck[]): string {
  return table(
    ["target", "limit", "measured", "verdict", "how measured"],
    checks.map((c) => [c.name, `${c.atLeast ? ">=" : "<="} ${c.limit} ${c.unit}`, c.measured === null ? "n/a" : `${fmtSpread(c.measured)} ${c.unit}`, c.verdict, c.note]),
  );
}

/** The worst cases: CPU per warm request, median (min–max) over the timed requests. */
export function worstCaseTable(rows: readonly CaseCpu[], limitMs = 10): string {
  return table(
    ["input", "body KiB", "status", "CPU ms", "do-nothing CPU ms", `within ${limitMs} ms`],
    rows.map((r) => [r.name, String(r.bodyKiB), String(r.status), fmtSpread(spread(r.appMs)), fmtSpread(spread(r.noopMs)), spread(r.appMs).median <= limitMs ? "yes" : "**NO**"]),
  );
}

/** What bench/profile.ts reads of a V8 CPU profile (the inspector's Profiler.stop result). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Each function's share of the profile's busy samples (time spent idle left out), by self time,
 * the largest first: JavaScript functions by name and line of their bundle, the runtime's own work
 * as V8 names it ("(garbage collector)", "(program)", native calls).
 */
export function selfTimeTable(profile: CpuProfile, top = 30): string {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!;
    if (frame.functionName === "(idle)") return;
    const where = frame.url ? ` (${frame.url.split("/").at(-1)}:${frame.lineNumber + 1})` : "";
    const name = `${frame.functionName || "(anonymous)"}${where}`;
    const micros = profile.timeDeltas[i] ?? 0;
    self.set(name, (self.get(name) ?? 0) + micros);
    busy += micros;
  });
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return table(["function", "share of busy CPU"], rows.map(([name, micros]) => [`\`${name}\``, `${fmt((100 * micros) / busy, 2)} %`]));
}
