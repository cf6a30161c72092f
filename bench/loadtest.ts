/**
 * Load test: builds the bundle, serves it locally (bench/local-worker.ts) and drives POST /predict
 * (and POST /predict/batch when the route exists) with real pairs from
 * ../shared/data/impostor-hunt/{train,test-a}.jsonl at 64 connections for 30 s with autocannon,
 * after the same load on a do-nothing Worker for comparison. Prints requests/s, p50/p99 latency,
 * non-2xx answers and socket errors; exits 1 if there was any error or non-2xx answer.
 *
 *   npm run loadtest               # 64 connections, 30 s per target
 *   npm run loadtest -- --quick    # 8 connections, 3 s per target (CI)
 */
import autocannon from "autocannon";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, buildBundle, serveBundle, serveNoop } from "./local-worker.js";

const quick = process.argv.includes("--quick");
const CONNECTIONS = quick ? 8 : 64;
const DURATION_S = quick ? 3 : 30;
const BATCH_SIZE = 8;
const DATA = join(ROOT, "..", "shared", "data", "impostor-hunt");

interface Pair {
  text1: string;
  text2: string;
}

function readPairs(): Pair[] {
  const pairs: Pair[] = [];
  for (const file of ["train.jsonl", "test-a.jsonl"]) {
    for (const line of readFileSync(join(DATA, file), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const { text1, text2 } = JSON.parse(line) as Pair;
      pairs.push({ text1, text2 });
    }
  }
  return pairs;
}

interface Row {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function drive(target: string, url: URL, path: string, bodies: string[]): Promise<Row> {
  let next = 0;
  const result = await autocannon({
    url: new URL(path, url).href,
    connections: CONNECTIONS,
    duration: DURATION_S,
    method: "POST",
    headers: { "content-type": "application/json", host: url.host },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length]! }) }],
  });
  return {
    target,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const pairs = readPairs();
const predictBodies = pairs.map((p) => JSON.stringify(p));
const batchBodies = pairs.map((_, i) => JSON.stringify({ pairs: Array.from({ length: BATCH_SIZE }, (_, k) => pairs[(i + k) % pairs.length]) }));

console.log(`building the bundle; ${pairs.length} pairs from ${DATA}`);
const bundle = buildBundle();
const [app, noop] = await Promise.all([serveBundle(bundle), serveNoop()]);
const rows: Row[] = [];
try {
  rows.push(await drive("do-nothing Worker", noop.url, "/predict", predictBodies));
  rows.push(await drive("POST /predict", app.url, "/predict", predictBodies));
  const probe = await fetch(new URL("/predict/batch", app.url), { method: "POST", headers: { "content-type": "application/json" }, body: batchBodies[0] });
  if (probe.status === 404) console.log("POST /predict/batch: no such route, skipped");
  else if (!probe.ok) throw new Error(`POST /predict/batch answered ${probe.status} to {pairs: [...]}: adjust batchBodies in bench/loadtest.ts\n${await probe.text()}`);
  else rows.push(await drive(`POST /predict/batch (${BATCH_SIZE} pairs)`, app.url, "/predict/batch", batchBodies));
} finally {
  await Promise.all([app.dispose(), noop.dispose()]);
}

const baseline = rows[0]!.rps;
console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per target\n`);
console.table(
  rows.map((r) => ({
    target: r.target,
    "requests/s": Math.round(r.rps),
    "vs do-nothing": (r.rps / baseline).toFixed(2),
    "p50 ms": r.p50,
    "p99 ms": r.p99,
    "non-2xx": r.non2xx,
    "socket errors": r.errors,
    timeouts: r.timeouts,
  })),
);
const failed = rows.some((r) => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0);
console.log(failed ? "FAIL: some requests failed" : "OK: no errors, no non-2xx answers");
process.exit(failed ? 1 : 0);
