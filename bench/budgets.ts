/**
 * The performance targets of issue 12 (and issue 10's cost of segments) and their check: reported
 * by `npm run bench`, never a pass/fail gate.
 */
import type { Spread } from "./stats.js";

export interface Budget {
  name: string;
  limit: number;
  unit: string;
  /** True when the figure must be at least the limit (throughput), false for at most (costs). */
  atLeast: boolean;
}

export const BUDGETS = {
  extraction: { name: "feature extraction as served, typical 3 KB ASCII pair (Node, bundled)", limit: 200, unit: "MB/s", atLeast: true },
  extractionNonAscii: { name: "feature extraction as served, the pair with non-ASCII noise (Node, bundled)", limit: 120, unit: "MB/s", atLeast: true },
  predict: { name: "POST /predict, one real pair: CPU per request ÷ do-nothing Worker's", limit: 2, unit: "x", atLeast: false },
  batch: { name: "POST /predict/batch, 64 real pairs: CPU per pair ÷ do-nothing Worker's", limit: 4, unit: "x", atLeast: false },
  segments: { name: "POST /predict?explain=segments, typical pair: CPU per request ÷ plain /predict's", limit: 2, unit: "x", atLeast: false },
  worstCase: { name: "every request within the documented limits: CPU, warm median of the worst case", limit: 10, unit: "ms", atLeast: false },
  startup: { name: "start-up of an isolate beyond a do-nothing Worker's (wall)", limit: 20, unit: "ms", atLeast: false },
  gzipBundle: { name: "bundle, gzip", limit: 250, unit: "KiB", atLeast: false },
} as const satisfies Record<string, Budget>;

export type Verdict = "PASS" | "OVER" | "N/A";

export interface BudgetCheck extends Budget {
  /** The measured figure over the run's repeats, or null when it could not be measured (see `note`). */
  measured: Spread | null;
  verdict: Verdict;
  note: string;
}

/** The verdict on the median. */
export function checkBudget(budget: Budget, measured: Spread | null, note = ""): BudgetCheck {
  const median = measured?.median ?? Number.NaN;
  const verdict: Verdict = !Number.isFinite(median) ? "N/A" : (budget.atLeast ? median >= budget.limit : median <= budget.limit) ? "PASS" : "OVER";
  return { ...budget, measured: verdict === "N/A" ? null : measured, verdict, note };
}
