/** Metrics of scored pairs: accuracy, log loss and calibration. */

export interface Metrics {
  n: number;
  accuracy: number;
  logLoss: number;
  /** Expected calibration error over 10 equal-width bins of the predicted answer's probability. */
  ece: number;
}

export const logLossOf = (probability: number, realTextId: 1 | 2) =>
  -Math.log(Math.max(1e-15, realTextId === 1 ? probability : 1 - probability));

export function metricsOf(results: { probability: number; truth: 1 | 2 }[]): Metrics {
  const n = results.length;
  const bins = Array.from({ length: 10 }, () => ({ count: 0, confidence: 0, correct: 0 }));
  let correct = 0;
  let logLoss = 0;
  for (const r of results) {
    const answer = r.probability < 0.5 ? 2 : 1;
    const confidence = answer === 1 ? r.probability : 1 - r.probability;
    const right = answer === r.truth ? 1 : 0;
    correct += right;
    logLoss += logLossOf(r.probability, r.truth);
    const bin = bins[Math.min(9, Math.floor(confidence * 10))]!;
    bin.count++;
    bin.confidence += confidence;
    bin.correct += right;
  }
  const ece = bins.reduce((s, b) => s + Math.abs(b.confidence - b.correct), 0) / Math.max(1, n);
  return { n, accuracy: n ? correct / n : 0, logLoss: n ? logLoss / n : 0, ece };
}
