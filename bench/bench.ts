/**
 * `npm run bench [-- --quick] [-- --repeats N]`: microbenchmarks in Node and inside workerd, HTTP
 * load against workerd serving the real bundle next to a do-nothing Worker, bundle size and
 * start-up, then the budgets. Prints a Markdown report (also written to dist/bench/report.md,
 * with the raw figures in dist/bench/report.json). Budgets are reported, never fail the run;
 * --quick only proves that every part still works.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism, cpus } from "node:os";
import { numberFlag, parseToolArgs } from "../src/cli/run.js";
import { readDataset, readWeights, type Pair } from "../src/cli/data.js";
import { BUDGETS, checkBudget } from "./budgets.js";
import { batchBodies, DATA, failures, load, predictBody, probeBatch, sequentialLatency, type LatencyRun, type LoadRun } from "./http.js";
import { FULL, QUICK, runMicro, type MicroResult } from "./micro.js";
import { budgetTable, byTask, fmt, fmtSpread, groupTable, microTable, table } from "./report.js";
import { bundleSize, nodeImportMs, startupParts, tableSizes, workerdStartup, type Startup } from "./startup.js";
import { spread, median } from "./stats.js";
import { BATCH_SIZES, benchTexts, extractionTasks, featureGroupTasks, loadWeightsTask, nonAsciiPair } from "./tasks.js";
import { BENCH_DIST, buildBundles, bundleEntry, DIST, freePort, ROOT, serveAppAndNoop } from "./workerd.js";

const REAL_PAIRS = join(DATA, "test-a.jsonl");
const WEIGHTS = join(ROOT, "weights/model.json");

const args = parseToolArgs({ quick: { type: "boolean", default: false }, repeats: { type: "string" } }, "npm run bench -- [--quick] [--repeats N]");
const quick = args.quick;
const repeats = quick ? 1 : Math.max(1, numberFlag(args.repeats, "repeats", 5));
const out: string[] = [];
const print = (text = "") => {
  console.log(text);
  out.push(text);
};
const progress = (text: string) => console.error(`[bench] ${text}`);

function realPairs(): { pairs: Pair[]; source: string } {
  if (existsSync(REAL_PAIRS)) return { pairs: readDataset(REAL_PAIRS).pairs, source: "test-a.jsonl (real competition pairs)" };
  const [a, b] = benchTexts().typical;
  return { pairs: [{ id: "generated", text1: a, text2: b }], source: "generated 3 KB pair (the data folder is missing)" };
}

print(`# Benchmark report${quick ? " (quick mode: figures are not meaningful)" : ""}`);
print();
print(`Machine: ${availableParallelism()} CPUs, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}; ${repeats} repeat(s); medians with (min–max) over repeats.`);

// 1. Model microbenchmarks in Node.
progress("building bundles");
const bundles = buildBundles();
const benchWorkerBundle = bundleEntry("bench/isolate-worker.ts", join(BENCH_DIST, "isolate"));
const { model } = readWeights(WEIGHTS);
const weightsText = readFileSync(WEIGHTS, "utf8");
const texts = benchTexts();
const nodeRuns: MicroResult[][] = [];
for (let r = 0; r < repeats; r++) {
  progress(`Node microbenchmarks, run ${r + 1}/${repeats}`);
  const tasks = [
    ...extractionTasks(model, texts),
    ...featureGroupTasks(model, nonAsciiPair(texts)[0]),
    loadWeightsTask(JSON.parse(weightsText), 0),
  ];
  nodeRuns.push(await runMicro(tasks, quick ? QUICK : FULL));
}
print("\n## Model in Node (one core)\n");
print(microTable(nodeRuns.map((run) => run.filter((r) => !r.name.startsWith("group: ")))));
print("\n### Cost per feature group\n");
print(groupTable(nodeRuns));

// 2. Inside workerd: the bench Worker, the real bundle and the do-nothing Worker in one process.
const benchWorker = { name: "bench", file: benchWorkerBundle, port: await freePort(), appBindings: true };
const { app, noop, stop } = await serveAppAndNoop("bench", bundles, [benchWorker]);
const isolateRuns: MicroResult[][] = [];
let batchInIsolate: Record<number, number> = {};
const seqRuns: { app: LatencyRun; noop: LatencyRun }[] = [];
const loadRuns: { app: LoadRun; noop: LoadRun }[] = [];
const batchRuns = new Map<number, LoadRun[]>();
let batchStatus: number | null = null;
const { pairs, source } = realPairs();
try {
  for (let r = 0; r < repeats; r++) {
    progress(`isolate microbenchmarks, run ${r + 1}/${repeats}`);
    const response = await fetch(`http://127.0.0.1:${benchWorker.port}/run${quick ? "?quick" : ""}`);
    const body = (await response.json()) as { clockAdvances: boolean; batchStatus?: Record<number, number>; results?: MicroResult[]; error?: string };
    if (body.error) throw new Error(`bench Worker: ${body.error}`);
    if (!body.clockAdvances || !body.results) break;
    batchInIsolate = body.batchStatus ?? {};
    isolateRuns.push(body.results);
  }

  // 3. HTTP: real pairs, the app and the do-nothing Worker interleaved, order alternating per round.
  const bodies = pairs.slice(0, quick ? 8 : 64).map(predictBody);
  const seconds = quick ? 1 : 3;
  const latencyOptions = quick ? QUICK : { ...FULL, timeMs: 2000 };
  for (let r = 0; r < repeats; r++) {
    progress(`HTTP /predict, round ${r + 1}/${repeats}`);
    const order = r % 2 === 0 ? [noop, app] : [app, noop];
    const seq: Partial<Record<string, LatencyRun>> = {};
    const loads: Partial<Record<string, LoadRun>> = {};
    for (const target of order) seq[target.name] = await sequentialLatency(target, bodies, latencyOptions);
    for (const target of order) loads[target.name] = await load(target, "/predict", bodies, 16, seconds);
    seqRuns.push({ app: seq.app!, noop: seq.noop! });
    loadRuns.push({ app: loads.app!, noop: loads.noop! });
  }
  batchStatus = await probeBatch(app, pairs[0]!);
  if (batchStatus !== null) {
    for (const size of BATCH_SIZES) {
      progress(`HTTP /predict/batch, ${size} pairs`);
      const batches = batchBodies(pairs, size, 4);
      for (let r = 0; r < Math.min(repeats, 3); r++) {
        batchRuns.set(size, [...(batchRuns.get(size) ?? []), await load(app, "/predict/batch", batches, 4, seconds)]);
      }
    }
  }
} finally {
  await stop();
}

print("\n## Inside workerd (the isolate times app.fetch and the model itself)\n");
if (isolateRuns.length === 0) print("Not measured: this workerd does not advance the clock during execution.");
else {
  print(microTable(isolateRuns));
  const statuses = Object.entries(batchInIsolate);
  if (statuses.every(([, status]) => status === 404)) print("\n/predict/batch: not available (the bundle answers 404).");
  for (const [size, status] of statuses.filter(([, s]) => s !== 200 && s !== 404)) {
    print(`\n/predict/batch with ${size} typical pairs: not timed, the Worker answers ${status}.`);
  }
}

print(`\n## HTTP against workerd serve (${source}; do-nothing Worker interleaved in the same process)\n`);
const seqDiff = spread(seqRuns.map((s) => s.app.p50Ms - s.noop.p50Ms));
print(
  table(
    ["one client, sequential", "p50 ms", "p99 ms", "requests/round"],
    (["noop", "app"] as const).map((k) => [
      k === "app" ? "/predict" : "do-nothing Worker",
      fmtSpread(spread(seqRuns.map((s) => s[k].p50Ms))),
      fmtSpread(spread(seqRuns.map((s) => s[k].p99Ms))),
      fmt(median(seqRuns.map((s) => s[k].requests))),
    ]),
  ),
);
print(`\nPer-request time of /predict beyond the do-nothing Worker (p50 difference): ${fmtSpread(seqDiff)} ms.\n`);
const cpuPerRequest = spread(loadRuns.map((l) => 1000 / l.app.requestsPerS - 1000 / l.noop.requestsPerS));
print(
  table(
    ["autocannon, 16 connections", "requests/s", "latency mean ms", "latency p99 ms", "failures"],
    (["noop", "app"] as const).map((k) => [
      k === "app" ? "/predict" : "do-nothing Worker",
      fmtSpread(spread(loadRuns.map((l) => l[k].requestsPerS))),
      fmtSpread(spread(loadRuns.map((l) => l[k].latencyMeanMs))),
      fmtSpread(spread(loadRuns.map((l) => l[k].latencyP99Ms))),
      String(loadRuns.reduce((n, l) => n + failures(l[k]), 0)),
    ]),
  ),
);
print(
  `\nRatio /predict ÷ do-nothing requests/s: ${fmtSpread(spread(loadRuns.map((l) => l.app.requestsPerS / l.noop.requestsPerS)))}; ` +
    `derived CPU per request (1/rps − 1/rps of do-nothing, one workerd thread): ${fmtSpread(cpuPerRequest)} ms.`,
);
print("\n### /predict/batch\n");
if (batchStatus === null) print("Not available: POST /predict/batch answers 404 on this bundle.");
else
  print(
    table(
      ["batch size", "pairs/s", "requests/s", "latency mean ms", "latency p99 ms", "failures"],
      [...batchRuns].map(([size, runs]) => [
        String(size),
        fmtSpread(spread(runs.map((r) => r.requestsPerS * size))),
        fmtSpread(spread(runs.map((r) => r.requestsPerS))),
        fmtSpread(spread(runs.map((r) => r.latencyMeanMs))),
        fmtSpread(spread(runs.map((r) => r.latencyP99Ms))),
        String(runs.reduce((n, r) => n + failures(r), 0)),
      ]),
    ),
  );

// 4. Bundle and start-up.
progress("bundle and start-up");
const size = bundleSize(bundles.app);
const startupRounds = quick ? 1 : 7;
const isolates = quick ? 2 : 20;
const nodeImport: number[] = [];
const startupApp: Startup[] = [];
const startupNoop: Startup[] = [];
for (let r = 0; r < startupRounds; r++) {
  nodeImport.push(nodeImportMs(bundles.app));
  startupApp.push(await workerdStartup("app", bundles.app, true, isolates));
  startupNoop.push(await workerdStartup("noop", bundles.noop, false, isolates));
}
/** One isolate's start-up beyond a do-nothing Worker: the difference of the medians, per isolate. */
const perIsolate = (pick: (s: Startup) => number | null) => {
  const [app, noop] = [startupApp.map(pick), startupNoop.map(pick)];
  return app.includes(null) || noop.includes(null) ? null : (median(app as number[]) - median(noop as number[])) / isolates;
};
const startupWall = perIsolate((s) => s.wallMs);
const startupCpu = perIsolate((s) => s.cpuMs);
print("\n## Bundle and start-up\n");
print(
  table(
    ["figure", "value"],
    [
      ["dist/index.js raw", `${fmt(size.rawBytes / 1024)} KiB`],
      ["dist/index.js gzip", `${fmt(size.gzipBytes / 1024)} KiB`],
      ["Node: import the bundle in a fresh process (Hono, zod, weights, loadWeights)", `${fmtSpread(spread(nodeImport))} ms`],
      [`workerd: spawn until it answers, ${isolates} isolates of the bundle`, `${fmtSpread(spread(startupApp.map((s) => s.wallMs)))} ms`],
      [`workerd: spawn until it answers, ${isolates} do-nothing isolates`, `${fmtSpread(spread(startupNoop.map((s) => s.wallMs)))} ms`],
      ["**workerd: start-up of one isolate beyond do-nothing (wall)**", `${fmt(startupWall ?? Number.NaN)} ms`],
      ["workerd: the same in CPU time of the process (includes V8's background compile threads)", startupCpu === null ? "n/a" : `${fmt(startupCpu)} ms`],
    ],
  ),
);

progress("start-up by part");
const parts = await startupParts(quick ? 1 : 5, isolates);
print(`\n### Start-up by part (each bundled alone by wrangler, ${isolates} isolates in workerd, wall time per isolate beyond an empty module)\n`);
print(
  table(
    ["part", "bundle KiB", "gzip KiB", "ms per isolate"],
    parts.map((p) => [p.name, fmt(p.rawBytes / 1024), fmt(p.gzipBytes / 1024), fmtSpread(spread(p.beyondEmptyMs))]),
  ),
);

print("\n### Lookup tables in the bundle (weights/model.json)\n");
print(
  table(
    ["table", "entries", "JSON KiB", "gzip KiB", "gzip bytes/entry"],
    tableSizes(weightsText).map((t) => [t.name, String(t.entries), fmt(t.rawBytes / 1024), fmt(t.gzipBytes / 1024), fmt(t.gzipBytes / t.entries)]),
  ),
);

// 5. Budgets.
const medianOf = (runs: MicroResult[][], name: string, pick: (r: MicroResult) => number) => {
  const results = byTask(runs).get(name);
  return results ? median(results.map(pick)) : null;
};
const scoreTypical = medianOf(isolateRuns, "scorePair typical", (r) => r.p50Ms);
const checks = [
  checkBudget(
    BUDGETS.extraction,
    medianOf(nodeRuns, "extractFeatures typical", (r) => r.mbPerS),
    `Node, every feature, at the p50 call, ASCII text; ${fmt(medianOf(nodeRuns, "extractFeatures typical non-ASCII", (r) => r.mbPerS) ?? Number.NaN)} MB/s with non-ASCII noise (the general path); scorePair as served (it skips features the model gives no weight) ${fmt(medianOf(nodeRuns, "scorePair typical", (r) => r.mbPerS) ?? Number.NaN)} MB/s`,
  ),
  checkBudget(
    BUDGETS.predictCpu,
    medianOf(isolateRuns, "POST /predict typical, rate limiter in the isolate", (r) => r.p50Ms),
    `app.fetch timed in the isolate (p50), the rate limiter answered in the isolate; ${fmt(medianOf(isolateRuns, "POST /predict typical", (r) => r.p50Ms) ?? Number.NaN)} ms with the limiter as an RPC to a stand-in Worker (plain workerd has no Rate Limiting binding); over HTTP the p50 difference to do-nothing is ${fmt(seqDiff.median)} ms for real pairs`,
  ),
  checkBudget(
    BUDGETS.batch256,
    medianOf(isolateRuns, "POST /predict/batch 256 typical", (r) => r.p50Ms),
    batchInIsolate[256] === 200
      ? "app.fetch timed in the isolate (p50)"
      : `not timed: the Worker answers ${batchInIsolate[256] ?? "n/a"}; 256 × scorePair typical in the isolate would be ${scoreTypical === null ? "n/a" : fmt(256 * scoreTypical)} ms`,
  ),
  checkBudget(BUDGETS.gzipBundle, size.gzipBytes / 1024, "gzip of dist/index.js"),
  checkBudget(
    BUDGETS.startup,
    startupWall,
    `workerd, one isolate beyond do-nothing (${isolates} per process, wall); ${startupCpu === null ? "" : `${fmt(startupCpu)} ms of process CPU; `}Node import of the bundle ${fmt(median(nodeImport))} ms`,
  ),
];
print("\n## Budgets\n");
print(budgetTable(checks));

writeFileSync(join(DIST, "bench/report.md"), `${out.join("\n")}\n`);
writeFileSync(
  join(DIST, "bench/report.json"),
  JSON.stringify({ quick, repeats, nodeRuns, isolateRuns, seqRuns, loadRuns, batchRuns: Object.fromEntries(batchRuns), size, nodeImport, startupApp, startupNoop, parts, checks }, null, 1),
);
