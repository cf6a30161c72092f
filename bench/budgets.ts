/** The performance budgets of issue 6 and their check: reported, never a pass/fail gate. */

export interface Budget {
  name: string;
  limit: number;
  unit: string;
  /** True when the figure must be at least the limit (throughput), false for at most (costs). */
  atLeast: boolean;
}

export const BUDGETS = {
  extraction: { name: "feature extraction, typical 3 KB text, one core (Node)", limit: 50, unit: "MB/s", atLeast: true },
  predictCpu: { name: "/predict CPU in the isolate, two 3 KB texts", limit: 0.2, unit: "ms", atLeast: false },
  batch256: { name: "/predict/batch of 256 typical pairs", limit: 50, unit: "ms", atLeast: false },
  gzipBundle: { name: "bundle size, gzip", limit: 500, unit: "KiB", atLeast: false },
  startup: { name: "start-up: import + weights validation", limit: 10, unit: "ms", atLeast: false },
} as const satisfies Record<string, Budget>;

export type Verdict = "PASS" | "OVER" | "N/A";

export interface BudgetCheck extends Budget {
  /** The measured figure, or null when it could not be measured (see `note`). */
  measured: number | null;
  verdict: Verdict;
  note: string;
}

export function checkBudget(budget: Budget, measured: number | null, note = ""): BudgetCheck {
  const verdict: Verdict =
    measured === null || !Number.isFinite(measured)
      ? "N/A"
      : (budget.atLeast ? measured >= budget.limit : measured <= budget.limit)
        ? "PASS"
        : "OVER";
  return { ...budget, measured: verdict === "N/A" ? null : measured, verdict, note };
}
