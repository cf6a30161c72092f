/**
 * HTTP benchmarks against workerd serving the real bundle, interleaved with a do-nothing Worker
 * in the same workerd process, so machine noise hits both alike and the ratio stays meaningful.
 */
import autocannon from "autocannon";
import type { Pair } from "../src/cli/data.js";
import { sample, type MicroOptions } from "./micro.js";
import { quantile } from "./stats.js";

const HEADERS = { host: "impostor-hunt.local", "content-type": "application/json" };

export interface Target {
  name: string;
  port: number;
}

const url = (target: Target, path: string) => `http://127.0.0.1:${target.port}${path}`;

/** POSTs a body and fails on anything but 200, so an error answer cannot pass as a fast one. */
async function post(target: Target, path: string, body: string): Promise<Response> {
  const response = await fetch(url(target, path), { method: "POST", headers: HEADERS, body });
  if (response.status !== 200) throw new Error(`${target.name} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Whether the batch route exists on the served Worker: null when it answers 404. */
export async function probeBatch(target: Target, pair: Pair): Promise<number | null> {
  const response = await fetch(url(target, "/predict/batch"), {
    method: "POST",
    headers: HEADERS,
    body: JSON.stringify({ pairs: [{ id: pair.id, text1: pair.text1, text2: pair.text2 }] }),
  });
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
  failures: number;
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
    failures: result.non2xx + result.errors, // errors include timeouts
  };
}

export const predictBody = (pair: Pair) => JSON.stringify({ text1: pair.text1, text2: pair.text2 });

export const batchBody = (pairs: readonly Pair[]) =>
  JSON.stringify({ pairs: pairs.map((p) => ({ id: p.id, text1: p.text1, text2: p.text2 })) });
