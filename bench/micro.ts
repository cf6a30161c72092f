/**
 * A small sampler for microbenchmarks and the figures the report prints. Pure of Node and
 * Workers APIs, so the same code runs in Node and inside the workerd isolate. (tinybench's
 * percentiles came out quantized to zero under workerd's millisecond clock, hence this.)
 */
import { quantile } from "./stats.js";

export interface MicroTask {
  name: string;
  /** UTF-8 bytes of text one call processes (0 when throughput in bytes means nothing). */
  bytes: number;
  /** Text pairs one call scores (0 when not a pair-scoring task). */
  pairs: number;
  fn: () => unknown;
}

export interface MicroResult {
  name: string;
  bytes: number;
  pairs: number;
  samples: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * Throughput at the median call: decimal megabytes per second and pairs per second. The
   * median, not the mean, because the machines this runs on are shared and noisy; the mean is
   * kept in `meanMs`.
   */
  mbPerS: number;
  pairsPerS: number;
}

export interface MicroOptions {
  /** Measuring time per task, in milliseconds. */
  timeMs: number;
  warmupMs: number;
  /**
   * Shortest sample: calls are repeated until one sample lasts this long, and its time is
   * divided by its calls. 0 times every call alone (Node's clock is fine-grained); workerd's
   * clock ticks in whole milliseconds, so there percentiles are over groups of calls, which
   * hides some of the per-call tail.
   */
  minSampleMs: number;
}

export const FULL: MicroOptions = { timeMs: 1000, warmupMs: 200, minSampleMs: 0 };
export const QUICK: MicroOptions = { timeMs: 40, warmupMs: 10, minSampleMs: 0 };

const MIN_SAMPLES = 5;

async function call(fn: () => unknown): Promise<void> {
  const result = fn();
  if (result instanceof Promise) await result; // sync tasks pay no microtask per call
}

/** Per-call times in milliseconds, one per sample. */
export async function sample(fn: () => unknown, options: MicroOptions): Promise<number[]> {
  const warmupStart = performance.now();
  do await call(fn);
  while (performance.now() - warmupStart < options.warmupMs);
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < options.timeMs || samples.length < MIN_SAMPLES) {
    const sampleStart = performance.now();
    let calls = 0;
    let elapsed: number;
    do {
      await call(fn);
      calls++;
      elapsed = performance.now() - sampleStart;
    } while (elapsed < options.minSampleMs);
    samples.push(elapsed / calls);
  }
  return samples;
}

export async function runMicro(tasks: readonly MicroTask[], options: MicroOptions): Promise<MicroResult[]> {
  const results: MicroResult[] = [];
  for (const task of tasks) {
    const samples = await sample(task.fn, options);
    const meanMs = samples.reduce((a, b) => a + b, 0) / samples.length;
    const p50Ms = quantile(samples, 0.5);
    results.push({
      name: task.name,
      bytes: task.bytes,
      pairs: task.pairs,
      samples: samples.length,
      meanMs,
      p50Ms,
      p99Ms: quantile(samples, 0.99),
      mbPerS: task.bytes / p50Ms / 1000,
      pairsPerS: (task.pairs * 1000) / p50Ms,
    });
  }
  return results;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
