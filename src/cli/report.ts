/** Formatting shared by the tools' reports. */
import { accuracyAtCoverage, coverageOf, metricsOf, type CrossValidation, type Metrics, type Scored } from "../model/evaluation.js";
import type { LabeledPair } from "../model/train.js";

const fixed = (x: number) => x.toFixed(4);

export function formatMetrics(m: Metrics): string {
  return `accuracy ${fixed(m.accuracy)}  log loss ${fixed(m.logLoss)}  ECE ${fixed(m.ece)}  n ${m.n}`;
}

export function formatCrossValidation(cv: CrossValidation): string {
  return (
    `cross-validated (${cv.folds}-fold x ${cv.repeats}): accuracy ${fixed(cv.accuracyMean)} ± ${fixed(cv.accuracyStd)} (std over folds; ` +
    `± ${fixed(cv.accuracyStdOverRepeats)} over repeats)\n` +
    `  pooled: ${formatMetrics(cv.pooled)}`
  );
}

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * The accuracy-coverage table: agreement on the most confident share of the pairs, then what the
 * uncertain mark kept.
 */
export function formatCoverage(results: readonly Scored[]): string {
  const rows = accuracyAtCoverage(results, [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5]).map(
    (r) => `  ${percent(r.share).padStart(6)}  ${String(r.n).padStart(5)}  ${fixed(r.accuracy)}  ${fixed(r.minConfidence)}`,
  );
  const mark = coverageOf(results);
  return [
    "accuracy by coverage (the most confident pairs first):",
    "  share      n  accuracy  lowest confidence",
    ...rows,
    `  not marked uncertain: ${percent(mark.coverage)} of the pairs, accuracy ${fixed(mark.accuracyKept)}; marked: accuracy ${fixed(mark.accuracyUncertain)}`,
  ].join("\n");
}

/** A command line as a user would type it, quoting arguments that need it. */
export function shellCommand(prefix: string, args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`);
  return [prefix, ...args.map(quote)].join(" ");
}

/** Where the held-out predictions go wrong: accuracy by teacher votes and by how much the lengths differ. */
export function formatBreakdown(pairs: readonly LabeledPair[], predictions: CrossValidation["predictions"]): string {
  const lengthRatio = (p: LabeledPair) => Math.abs(Math.log((p.text1.length + 1) / (p.text2.length + 1)));
  const groups: [string, (p: LabeledPair) => boolean][] = [
    ["lengths within 10% (|log ratio| < 0.1)", (p) => lengthRatio(p) < 0.1],
    ["lengths 10-65% apart (0.1-0.5)", (p) => lengthRatio(p) >= 0.1 && lengthRatio(p) < 0.5],
    ["lengths further apart (>= 0.5)", (p) => lengthRatio(p) >= 0.5],
    ...[5, 4, 3].map((v): [string, (p: LabeledPair) => boolean] => [`${v} of 5 teacher votes`, (p) => p.votes === v]),
  ];
  return groups
    .map(([name, member]) => [name, predictions.filter((p) => member(pairs[p.index]!))] as const)
    .filter(([, group]) => group.length > 0)
    .map(([name, group]) => `  ${name}: ${formatMetrics(metricsOf(group))}`)
    .join("\n");
}
