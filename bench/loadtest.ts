/**
 * Load test: builds the bundle, serves it with workerd next to a do-nothing Worker
 * (bench/workerd.ts) and drives POST /predict (and POST /predict/batch when the route exists)
 * with the real pairs of ../shared/data/impostor-hunt/{train,test-a}.jsonl at 64 connections for
 * 30 s, after the same load on the do-nothing Worker for comparison. Prints requests/s, p50/p99
 * latency, non-2xx answers, socket errors and timeouts; exits 1 if there was any of them.
 *
 *   npm run loadtest               # 64 connections, 30 s per target
 *   npm run loadtest -- --quick    # 8 connections, 3 s per target (CI)
 */
import { join } from "node:path";
import { readDataset } from "../src/cli/data.js";
import { parseToolArgs } from "../src/cli/run.js";
import { batchBodies, DATA, failures, load, predictBody, probeBatch, type LoadRun } from "./http.js";
import { buildBundles, serveAppAndNoop } from "./workerd.js";

const { quick } = parseToolArgs({ quick: { type: "boolean", default: false } }, "npm run loadtest -- [--quick]");
const CONNECTIONS = quick ? 8 : 64;
const DURATION_S = quick ? 3 : 30;
const BATCH_SIZE = 8;

const pairs = ["train.jsonl", "test-a.jsonl"].flatMap((file) => readDataset(join(DATA, file)).pairs);
const predictBodies = pairs.map(predictBody);
// Every pair once, in batches of BATCH_SIZE.
const batches = batchBodies(pairs, BATCH_SIZE, Math.ceil(pairs.length / BATCH_SIZE));

console.log(`building the bundle; ${pairs.length} pairs from ${DATA}`);
const { app, noop, stop } = await serveAppAndNoop("loadtest", buildBundles());
const rows: { label: string; run: LoadRun }[] = [];
try {
  rows.push({ label: "do-nothing Worker", run: await load(noop, "/predict", predictBodies, CONNECTIONS, DURATION_S) });
  rows.push({ label: "POST /predict", run: await load(app, "/predict", predictBodies, CONNECTIONS, DURATION_S) });
  const batchStatus = await probeBatch(app, pairs[0]!);
  if (batchStatus === null) console.log("POST /predict/batch: no such route, skipped");
  else if (batchStatus !== 200) throw new Error(`POST /predict/batch answered ${batchStatus} to {"pairs": [...]}: adjust batchBody in bench/http.ts`);
  else rows.push({ label: `POST /predict/batch (${BATCH_SIZE} pairs)`, run: await load(app, "/predict/batch", batches, CONNECTIONS, DURATION_S) });
} finally {
  await stop();
}

const baseline = rows[0]!.run.requestsPerS;
console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per target\n`);
console.table(
  rows.map(({ label, run }) => ({
    target: label,
    "requests/s": Math.round(run.requestsPerS),
    "vs do-nothing": (run.requestsPerS / baseline).toFixed(2),
    "p50 ms": run.latencyP50Ms,
    "p99 ms": run.latencyP99Ms,
    "non-2xx": run.non2xx,
    "socket errors": run.errors,
    timeouts: run.timeouts,
  })),
);
const failed = rows.some(({ run }) => failures(run) > 0);
console.log(failed ? "FAIL: some requests failed" : "OK: no errors, no non-2xx answers");
process.exit(failed ? 1 : 0);
