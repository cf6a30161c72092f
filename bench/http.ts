/**
 * HTTP against Workers served by workerd (bench/workerd.ts): single requests, autocannon load, and
 * the CPU per request of a Worker under that load.
 */
import autocannon from "autocannon";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Pair } from "../src/cli/data.js";
import { ROOT, type Alone, type Target } from "./workerd.js";

/** The competition's pairs, read from the shared data folder (never copied into the repository). */
export const DATA = join(ROOT, "../shared/data/impostor-hunt");

/** workerd refuses HTTP/1.1 requests without a Host header, so every request names one. */
const HEADERS = { host: "impostor-hunt.local", "content-type": "application/json" };

const url = (target: Target, path: string) => `http://127.0.0.1:${target.port}${path}`;

/** POSTs a JSON body; the caller reads the answer. */
export function send(target: Target, path: string, body: string): Promise<Response> {
  return fetch(url(target, path), { method: "POST", headers: HEADERS, body });
}

/** Whether the batch route exists on the served Worker: null when it answers 404. */
export async function probeBatch(target: Target, pair: Pair): Promise<number | null> {
  const response = await send(target, "/predict/batch", batchBody([pair]));
  await response.arrayBuffer();
  return response.status === 404 ? null : response.status;
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

export interface CpuRun {
  /** CPU milliseconds of the Worker's workerd process per answered request. */
  msPerRequest: number;
  requests: number;
  requestsPerS: number;
}

/**
 * CPU per request of a Worker served alone (serveAlone), under autocannon load that takes the
 * bodies in turn across all connections: the process's CPU time over a window in the middle of
 * the run ÷ the answers within it. The window opens after `warmupS` (V8 has compiled what it
 * runs) and closes while every connection is still busy, so the requests in flight at either end
 * balance out. Fails on any answer but 200: an error answer must not pass as a cheap one.
 */
export async function cpuUnderLoad(alone: Alone, path: string, bodies: readonly string[], connections: number, warmupS: number, seconds: number): Promise<CpuRun> {
  const buffers = bodies.map((body) => Buffer.from(body));
  let next = 0;
  let answered = 0;
  let refused = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((done, fail) => {
    instance = autocannon(
      {
        url: url(alone.target, ""),
        connections,
        duration: warmupS + seconds + 60, // stopped at the end of the window
        headers: HEADERS,
        requests: [{ method: "POST", path, setupRequest: (request) => ({ ...request, body: buffers[next++ % buffers.length]! }) }],
      },
      (error, result) => (error ? fail(error) : done(result)),
    );
  });
  instance!.on("response", (_client, status) => {
    answered++;
    if (status !== 200) refused++;
  });
  await sleep(warmupS * 1000);
  const [startCpu, startAnswered] = [alone.cpuMs(), answered];
  await sleep(seconds * 1000);
  const [cpu, requests] = [alone.cpuMs() - startCpu, answered - startAnswered];
  instance!.stop();
  const { errors } = await finished;
  if (refused > 0 || errors > 0) throw new Error(`${alone.target.name} ${path}: ${refused} answers other than 200, ${errors} socket errors`);
  return { msPerRequest: cpu / requests, requests, requestsPerS: requests / seconds };
}

/** Requests that did not get a 2xx answer. */
export const failures = (run: LoadRun) => run.non2xx + run.errors;

export const predictBody = (pair: Pair) => JSON.stringify({ text1: pair.text1, text2: pair.text2 });

export const batchBody = (pairs: readonly Pair[]) =>
  JSON.stringify({ pairs: pairs.map((p) => ({ id: p.id, text1: p.text1, text2: p.text2 })) });

/** `count` batch bodies of `size` pairs each, taking the pairs in turn. */
export const batchBodies = (pairs: readonly Pair[], size: number, count: number) =>
  Array.from({ length: count }, (_, k) => batchBody(Array.from({ length: size }, (_, i) => pairs[(k * size + i) % pairs.length]!)));
