/**
 * HTTP against Workers served by workerd (bench/workerd.ts): single requests, one client's
 * sequential latency, and the one autocannon driver every benchmark loads a Worker with.
 */
import autocannon from "autocannon";
import { join } from "node:path";
import type { Pair } from "../src/cli/data.js";
import { sample, type MicroOptions } from "./micro.js";
import { quantile } from "./stats.js";
import { ROOT } from "./workerd.js";

/** The competition's pairs, read from the shared data folder (never copied into the repository). */
export const DATA = join(ROOT, "../shared/data/impostor-hunt");

/** workerd refuses HTTP/1.1 requests without a Host header, so every request names one. */
const HEADERS = { host: "impostor-hunt.local", "content-type": "application/json" };

export interface Target {
  name: string;
  port: number;
}

const url = (target: Target, path: string) => `http://127.0.0.1:${target.port}${path}`;

/** POSTs a JSON body; the caller reads the answer. */
export function send(target: Target, path: string, body: string): Promise<Response> {
  return fetch(url(target, path), { method: "POST", headers: HEADERS, body });
}

/** POSTs a body and fails on anything but 200, so an error answer cannot pass as a fast one. */
async function post(target: Target, path: string, body: string): Promise<Response> {
  const response = await send(target, path, body);
  if (response.status !== 200) throw new Error(`${target.name} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Whether the batch route exists on the served Worker: null when it answers 404. */
export async function probeBatch(target: Target, pair: Pair): Promise<number | null> {
  const response = await send(target, "/predict/batch", batchBody([pair]));
  await response.arrayBuffer();
  return response.status === 404 ? null : response.status;
}

export interface LatencyRun {
  target: string;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
}

/** One client, one request at a time over keep-alive, cycling through the real pairs. */
export async function sequentialLatency(target: Target, bodies: readonly string[], options: MicroOptions): Promise<LatencyRun> {
  let next = 0;
  const samples = await sample(async () => {
    const response = await post(target, "/predict", bodies[next++ % bodies.length]!);
    await response.arrayBuffer();
  }, options);
  return {
    target: target.name,
    p50Ms: quantile(samples, 0.5),
    p99Ms: quantile(samples, 0.99),
    meanMs: samples.reduce((a, b) => a + b, 0) / samples.length,
    requests: samples.length,
  };
}

export interface LoadRun {
  target: string;
  path: string;
  connections: number;
  requestsPerS: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  /** Socket errors, timeouts included. */
  errors: number;
  timeouts: number;
}

/** autocannon load on one path; each connection cycles through the given bodies. */
export async function load(target: Target, path: string, bodies: readonly string[], connections: number, seconds: number): Promise<LoadRun> {
  const result = await autocannon({
    url: url(target, ""),
    connections,
    duration: seconds,
    headers: HEADERS,
    requests: bodies.map((body) => ({ method: "POST" as const, path, body })),
  });
  return {
    target: target.name,
    path,
    connections,
    requestsPerS: result.requests.average,
    latencyMeanMs: result.latency.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Requests that did not get a 2xx answer. */
export const failures = (run: LoadRun) => run.non2xx + run.errors;

export const predictBody = (pair: Pair) => JSON.stringify({ text1: pair.text1, text2: pair.text2 });

export const batchBody = (pairs: readonly Pair[]) =>
  JSON.stringify({ pairs: pairs.map((p) => ({ id: p.id, text1: p.text1, text2: p.text2 })) });

/** `count` batch bodies of `size` pairs each, taking the pairs in turn. */
export const batchBodies = (pairs: readonly Pair[], size: number, count: number) =>
  Array.from({ length: count }, (_, k) => batchBody(Array.from({ length: size }, (_, i) => pairs[(k * size + i) % pairs.length]!)));
