/**
 * A small sampler for microbenchmarks. Pure of Node and Workers APIs, so the same code runs in Node
 * and inside the workerd isolate. (tinybench's percentiles came out quantized to zero under
 * workerd's millisecond clock, hence this.)
 */
import { quantile } from "./stats.js";

export interface MicroTask {
  name: string;
  /** UTF-8 bytes of text one call processes. */
  bytes: number;
  /** Synchronous, so that no microtask per call is timed with it. */
  fn: () => unknown;
}

export interface MicroResult {
  name: string;
  bytes: number;
  samples: number;
  p50Ms: number;
  /**
   * Throughput at the median call, in decimal megabytes per second: the median, not the mean,
   * because the machines this runs on are shared and noisy.
   */
  mbPerS: number;
}

export interface MicroOptions {
  /** Measuring time per task, in milliseconds. */
  timeMs: number;
  warmupMs: number;
  /**
   * Shortest sample: calls are repeated until one sample lasts this long, and its time is
   * divided by its calls. 0 times every call alone (Node's clock is fine-grained); workerd's
   * clock ticks in whole milliseconds, so there the median is over groups of calls.
   */
  minSampleMs: number;
}

export const FULL: MicroOptions = { timeMs: 1000, warmupMs: 200, minSampleMs: 0 };
export const QUICK: MicroOptions = { timeMs: 40, warmupMs: 10, minSampleMs: 0 };

const MIN_SAMPLES = 5;

/** Per-call times in milliseconds, one per sample. */
export function sample(fn: () => unknown, options: MicroOptions): number[] {
  const warmupStart = performance.now();
  do fn();
  while (performance.now() - warmupStart < options.warmupMs);
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < options.timeMs || samples.length < MIN_SAMPLES) {
    const sampleStart = performance.now();
    let calls = 0;
    let elapsed: number;
    do {
      fn();
      calls++;
      elapsed = performance.now() - sampleStart;
    } while (elapsed < options.minSampleMs);
    samples.push(elapsed / calls);
  }
  return samples;
}

export function runMicro(tasks: readonly MicroTask[], options: MicroOptions): MicroResult[] {
  return tasks.map((task) => {
    const samples = sample(task.fn, options);
    const p50Ms = quantile(samples, 0.5);
    return { name: task.name, bytes: task.bytes, samples: samples.length, p50Ms, mbPerS: task.bytes / p50Ms / 1000 };
  });
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
