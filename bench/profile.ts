/**
 * `npm run bench:profile -- [--path /predict | --case NAME] [--window FIRST] [--requests N]`: where
 * the Worker's CPU goes. Serves the app as the benchmarks do (bench/served-app.ts on bare workerd)
 * with V8's inspector open, sends the real pairs of test-a.jsonl (64 to a body on a batch path; with
 * `--window`, only the 64 from pair FIRST on), or the request of the worst case named NAME or whose
 * name holds it (bench/worst-cases.ts), and samples
 * the isolate with V8's profiler during the timed requests, after a warm-up. Prints each function's
 * share of the busy samples and writes dist/bench/profile.cpuprofile, which Chrome DevTools opens. Needs
 * Node's WebSocket (`--experimental-websocket` on Node 20; the npm script passes it).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDataset } from "../src/cli/data.js";
import { numberFlag, parseToolArgs, UsageError } from "../src/cli/run.js";
import { batchBodies, batchBody, DATA, predictBody, send } from "./http.js";
import { selfTimeTable, type CpuProfile } from "./report.js";
import { BENCH_DIST, buildBundles, freePort, serve } from "./workerd.js";
import { worstCaseNamed } from "./worst-cases.js";

const usage = "npm run bench:profile -- [--path /predict | --case NAME] [--window FIRST] [--requests N]";
const args = parseToolArgs({ path: { type: "string", default: "/predict" }, case: { type: "string" }, window: { type: "string" }, requests: { type: "string" } }, usage);
const CONNECTIONS = 8;
const BATCH_PAIRS = 64;

/** What is sent: a worst case's request, or the real pairs to `--path`. */
function workload(): { path: string; bodies: string[]; what: string } {
  if (args.case !== undefined) {
    const named = worstCaseNamed(args.case);
    return { path: named.path, bodies: [named.body], what: `The worst case "${named.name}"` };
  }
  const pairs = readDataset(join(DATA, "test-a.jsonl")).pairs;
  const batch = args.path.startsWith("/predict/batch");
  if (args.window !== undefined) {
    const first = numberFlag(args.window, "window", 0);
    if (!batch || !Number.isInteger(first) || first < 0 || first + BATCH_PAIRS > pairs.length) {
      throw new UsageError(`--window takes a batch path and a first pair from 0 to ${pairs.length - BATCH_PAIRS}`);
    }
    return { path: args.path, bodies: [batchBody(pairs.slice(first, first + BATCH_PAIRS))], what: `Pairs ${first} to ${first + BATCH_PAIRS - 1} of test-a.jsonl, in one body` };
  }
  return batch
    ? { path: args.path, bodies: batchBodies(pairs, BATCH_PAIRS, Math.ceil(pairs.length / BATCH_PAIRS)), what: `Real pairs of test-a.jsonl, ${BATCH_PAIRS} to a body` }
    : { path: args.path, bodies: pairs.map(predictBody), what: "Real pairs of test-a.jsonl" };
}

const { path, bodies, what } = workload();
const slow = args.case !== undefined || path.startsWith("/predict/batch");
const requests = numberFlag(args.requests, "requests", slow ? 300 : 10_000);

const { served } = buildBundles();
const inspectorPort = await freePort();
const app = { name: "app", file: served, port: await freePort(), appBindings: true };
const running = await serve("profile", [app], { inspectorPort });

/** Sends `count` requests over a few connections, each body in turn; every answer must be 200. */
async function sendAll(count: number): Promise<void> {
  let next = 0;
  const connection = async () => {
    for (let k = next++; k < count; k = next++) {
      const response = await send(app, path, bodies[k % bodies.length]!);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, connection));
}

/** One Chrome DevTools Protocol session with the isolate's inspector. */
async function inspector(): Promise<{ call: (method: string, params?: object) => Promise<any>; close: () => void }> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((done, fail) => {
    socket.addEventListener("open", done);
    socket.addEventListener("error", fail);
  });
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  let id = 0;
  const call = (method: string, params = {}) =>
    new Promise<any>((done) => {
      waiting.set(++id, done);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { call, close: () => socket.close() };
}

try {
  await sendAll(Math.ceil(requests / 3)); // warm-up: V8 compiles the hot code
  const session = await inspector();
  await session.call("Profiler.enable");
  await session.call("Profiler.setSamplingInterval", { interval: 50 }); // microseconds
  await session.call("Profiler.start");
  await sendAll(requests);
  const { profile } = (await session.call("Profiler.stop")) as { profile: CpuProfile };
  session.close();
  const file = join(BENCH_DIST, "profile.cpuprofile");
  writeFileSync(file, JSON.stringify(profile));
  console.log(`# Where the CPU of ${requests} requests to ${path} goes\n`);
  console.log(`${what}; V8's samples every 50 µs in the isolate, idle time left out. Full profile: ${file}\n`);
  console.log(selfTimeTable(profile));
} finally {
  await running.stop();
}
