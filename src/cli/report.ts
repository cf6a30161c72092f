/** Formatting shared by the tools' reports. */
import type { Metrics } from "../model/metrics.js";
import type { CrossValidation } from "../model/validation.js";

const fixed = (x: number) => x.toFixed(4);

export function formatMetrics(m: Metrics): string {
  return `accuracy ${fixed(m.accuracy)}  log loss ${fixed(m.logLoss)}  ECE ${fixed(m.ece)}  n ${m.n}`;
}

export function formatCrossValidation(cv: CrossValidation): string {
  return (
    `cross-validated (${cv.folds}-fold x ${cv.repeats}): accuracy ${fixed(cv.accuracyMean)} ± ${fixed(cv.accuracyStd)} (std over folds)\n` +
    `  pooled: ${formatMetrics(cv.pooled)}`
  );
}

/** A command line as a user would type it, quoting arguments that need it. */
export function shellCommand(prefix: string, args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`);
  return [prefix, ...args.map(quote)].join(" ");
}
