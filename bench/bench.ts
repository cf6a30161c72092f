/**
 * `npm run bench [-- --quick] [-- --repeats N]`: every performance target of issue 12, and the cost
 * of segments of issue 10, measured in one run and printed first with its verdict, then the figures
 * behind them, as Markdown (also written to dist/bench/report.md, the raw figures to
 * dist/bench/report.json). Targets are reported, never fail the run; --quick only proves that
 * every part still works. It runs bundled by esbuild (npm run build:bench), so the extraction it
 * times in this process is the bundled code.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { readDataset, readWeights, type Pair } from "../src/cli/data.js";
import { numberFlag, parseToolArgs } from "../src/cli/run.js";
import { BUDGETS, checkBudget } from "./budgets.js";
import { batchBodies, cpuUnderLoad, DATA, predictBody, type CpuRun } from "./http.js";
import { FULL, QUICK, runMicro, type MicroResult } from "./micro.js";
import { budgetTable, fmt, fmtSpread, table, taskSpread, worstCaseTable } from "./report.js";
import { bundleSize, firstRequestCpu, tableSizes, workerdStartup, type Startup } from "./startup.js";
import { median, spread, type Spread } from "./stats.js";
import { extractionTasks, typicalPair } from "./tasks.js";
import { BENCH_DIST, buildBundles, bundleEntry, DIST, isolateExtraction, ROOT, serveAlone } from "./workerd.js";
import { measureWorstCases, ROUNDS } from "./worst-cases.js";

const REAL_PAIRS = join(DATA, "test-a.jsonl");
const WEIGHTS = join(ROOT, "weights/model.json");
const BATCH_PAIRS = 64;
const CONNECTIONS = 32;

const args = parseToolArgs({ quick: { type: "boolean", default: false }, repeats: { type: "string" } }, "npm run bench -- [--quick] [--repeats N]");
const quick = args.quick;
const repeats = quick ? 1 : Math.max(1, numberFlag(args.repeats, "repeats", 5));
const progress = (text: string) => console.error(`[bench] ${text}`);
const loadAtStart = loadavg()[0]!;

function realPairs(): { pairs: Pair[]; source: string } {
  if (existsSync(REAL_PAIRS)) return { pairs: readDataset(REAL_PAIRS).pairs, source: "real pairs of test-a.jsonl" };
  const [text1, text2] = typicalPair();
  return { pairs: [{ id: "generated", text1, text2 }], source: "generated 3 KB pair (the data folder is missing)" };
}

// 1. Extraction as /predict runs it, and the bare loops under it: in Node (this bundle) first, before
// this process makes any HTTP request (Node's fetch detaches ArrayBuffers, and once one has been
// detached, V8 runs typed-array code slower in the whole process), then in workerd.
progress("building the bundles");
const bundles = buildBundles();
const isolateBundle = bundleEntry("bench/isolate-worker.ts", join(BENCH_DIST, "isolate"));
const { model } = readWeights(WEIGHTS);
const nodeRuns: MicroResult[][] = [];
for (let r = 0; r < repeats; r++) {
  progress(`extraction in Node, run ${r + 1}/${repeats}`);
  nodeRuns.push(runMicro(extractionTasks(model), quick ? QUICK : FULL));
}
const workerdRuns: MicroResult[][] = [];
const isolate = await serveAlone("isolate", isolateBundle, false);
try {
  for (let r = 0; r < repeats; r++) {
    progress(`extraction in workerd, run ${r + 1}/${repeats}`);
    const results = await isolateExtraction(isolate, quick);
    if (results) workerdRuns.push(results);
  }
} finally {
  await isolate.stop();
}

// 2. CPU per request in workerd, the app (rate limiter in the isolate) and the do-nothing Worker each
// in a process of its own, all loads of a round in turn and their order reversed every other round.
const { pairs, source } = realPairs();
const [text1, text2] = typicalPair();
const app = await serveAlone("app", bundles.served, true);
const noop = await serveAlone("noop", bundles.noop, false);
const singles = pairs.map(predictBody);
const batches = batchBodies(pairs, BATCH_PAIRS, Math.max(1, Math.floor(pairs.length / BATCH_PAIRS)));
const typical = [JSON.stringify({ text1, text2 })];
const loads = [
  { key: "predict", alone: app, path: "/predict", bodies: singles },
  { key: "predictNoop", alone: noop, path: "/predict", bodies: singles },
  { key: "batch", alone: app, path: "/predict/batch", bodies: batches },
  { key: "batchNoop", alone: noop, path: "/predict/batch", bodies: batches },
  { key: "plain", alone: app, path: "/predict", bodies: typical },
  { key: "segments", alone: app, path: "/predict?explain=segments", bodies: typical },
] as const;
type LoadKey = (typeof loads)[number]["key"];
const cpuRounds: Record<LoadKey, CpuRun>[] = [];
try {
  for (let r = 0; r < repeats; r++) {
    const round: Partial<Record<LoadKey, CpuRun>> = {};
    for (const { key, alone, path, bodies } of r % 2 === 0 ? loads : [...loads].reverse()) {
      progress(`CPU per request, round ${r + 1}/${repeats}: ${alone.target.name} ${path}`);
      round[key] = await cpuUnderLoad(alone, path, bodies, CONNECTIONS, quick ? 0.3 : 1, quick ? 1 : 3);
    }
    cpuRounds.push(round as Record<LoadKey, CpuRun>);
  }
} finally {
  await app.stop();
  await noop.stop();
}
const cpuMs = (key: LoadKey) => spread(cpuRounds.map((round) => round[key].msPerRequest));
const cpuRatio = (key: LoadKey, floor: LoadKey) => spread(cpuRounds.map((round) => round[key].msPerRequest / round[floor].msPerRequest));
const rps = (key: LoadKey) => fmtSpread(spread(cpuRounds.map((round) => round[key].requestsPerS)));
const scaled = (s: Spread, factor: number): Spread => ({ ...s, median: s.median * factor, min: s.min * factor, max: s.max * factor });

// 3. The worst cases within the documented limits.
progress("worst cases");
const worst = await measureWorstCases(bundles, quick ? { reps: 2, warmupCpuMs: 0, rounds: 1 } : { reps: 20 });
const worstCase = worst.reduce((a, b) => (median(b.appMs) > median(a.appMs) ? b : a));

// 4. Bundle and start-up: one isolate's share of a workerd with many, beyond as many do-nothing Workers.
progress("bundle and start-up");
const size = bundleSize(bundles.app);
const isolates = quick ? 2 : 20;
const startups: { app: Startup; noop: Startup }[] = [];
for (let r = 0; r < (quick ? 1 : 7); r++) {
  startups.push({ app: await workerdStartup("app", bundles.app, true, isolates), noop: await workerdStartup("noop", bundles.noop, false, isolates) });
}
const startupBeyond = (pick: (s: Startup) => number) => spread(startups.map((s) => (pick(s.app) - pick(s.noop)) / isolates));
// The first /predict of a fresh isolate, one real pair, in a workerd process of its own.
const firstRequests: { app: number; noop: number }[] = [];
for (let r = 0; r < (quick ? 1 : 7); r++) {
  firstRequests.push({ app: await firstRequestCpu("app", bundles.served, true, "/predict", singles[0]!), noop: await firstRequestCpu("noop", bundles.noop, false, "/predict", singles[0]!) });
}

const inWorkerd = (name: string) => {
  const s = taskSpread(workerdRuns, name, (r) => r.mbPerS);
  return s ? `${fmtSpread(s)} MB/s` : "not measured (this workerd's clock does not advance during execution)";
};
const checks = [
  checkBudget(
    BUDGETS.extraction,
    taskSpread(nodeRuns, "scorePair typical", (r) => r.mbPerS),
    `scorePair, no explanation asked, both texts' UTF-8 bytes at the median call; in workerd ${inWorkerd("scorePair typical")}`,
  ),
  checkBudget(
    BUDGETS.extractionNonAscii,
    taskSpread(nodeRuns, "scorePair typical non-ASCII", (r) => r.mbPerS),
    `the same; in workerd ${inWorkerd("scorePair typical non-ASCII")}`,
  ),
  checkBudget(
    BUDGETS.predict,
    cpuRatio("predict", "predictNoop"),
    `${fmtSpread(cpuMs("predict"))} ms against ${fmtSpread(cpuMs("predictNoop"))} ms of CPU per request; the ${pairs.length} ${source} in turn`,
  ),
  checkBudget(
    BUDGETS.batch,
    cpuRatio("batch", "batchNoop"),
    `${fmtSpread(scaled(cpuMs("batch"), 1000 / BATCH_PAIRS))} µs against ${fmtSpread(scaled(cpuMs("batchNoop"), 1000 / BATCH_PAIRS))} µs of CPU per pair; ${batches.length} bodies of ${BATCH_PAIRS} ${source} in turn`,
  ),
  checkBudget(BUDGETS.segments, cpuRatio("segments", "plain"), `${fmtSpread(cpuMs("segments"))} ms against ${fmtSpread(cpuMs("plain"))} ms of CPU per request`),
  checkBudget(BUDGETS.worstCase, spread(worstCase.appMs), `the worst of ${worst.length} cases: "${worstCase.name}", median (min–max) of its timed requests (table below)`),
  checkBudget(BUDGETS.startup, startupBeyond((s) => s.wallMs), `${isolates} isolates per workerd process; ${fmtSpread(startupBeyond((s) => s.cpuMs))} ms of the process's CPU`),
  checkBudget(BUDGETS.gzipBundle, spread([size.gzipBytes / 1024]), `dist/index.js and the WebAssembly module it imports, ${fmt(size.rawBytes / 1024)} KiB raw`),
];

const out: string[] = [];
const print = (text = "") => {
  console.log(text);
  out.push(text);
};
print(`# Benchmark report${quick ? " (quick mode: figures are not meaningful)" : ""}`);
print();
print(
  `Machine: ${availableParallelism()} CPUs, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}; load average ${fmt(loadAtStart, 2)} at the start, ` +
    `${fmt(loadavg()[0]!, 2)} at the end. ${repeats} repeat(s): medians with (min–max) over repeats unless said.`,
);
print("\n## Targets\n");
print(budgetTable(checks));

print("\n## Feature extraction, and the floor under it\n");
print(
  "MB/s of the UTF-8 bytes of both texts, at the median call. The bare loop reads the same two texts with `charCodeAt` and does nothing else: " +
    "no extractor that reads every code unit runs faster.\n",
);
const nodeMbPerS = (name: string) => taskSpread(nodeRuns, name, (r) => r.mbPerS);
print(
  table(
    ["task", "Node MB/s", "workerd MB/s", "share of the bare loop's speed (Node)"],
    (nodeRuns[0] ?? []).map(({ name }) => {
      const node = nodeMbPerS(name)!;
      const workerd = taskSpread(workerdRuns, name, (r) => r.mbPerS);
      const bareLoop = nodeMbPerS(name.replace("scorePair", "charCodeAt loop"))!;
      return [name, fmtSpread(node), workerd ? fmtSpread(workerd) : "n/a", name.startsWith("scorePair") ? `${fmt((100 * node.median) / bareLoop.median, 2)} %` : ""];
    }),
  ),
);

print(`\n## CPU per request in workerd (autocannon, ${CONNECTIONS} connections, each Worker in a workerd process of its own)\n`);
print(
  table(
    ["load", "CPU ms per request", "do-nothing Worker's", "ratio", "requests/s"],
    [
      ["`POST /predict`, one real pair", fmtSpread(cpuMs("predict")), fmtSpread(cpuMs("predictNoop")), fmtSpread(cpuRatio("predict", "predictNoop")), rps("predict")],
      [`\`POST /predict/batch\`, ${BATCH_PAIRS} real pairs`, fmtSpread(cpuMs("batch")), fmtSpread(cpuMs("batchNoop")), fmtSpread(cpuRatio("batch", "batchNoop")), rps("batch")],
      ["`POST /predict`, typical pair", fmtSpread(cpuMs("plain")), "", "", rps("plain")],
      ["`POST /predict?explain=segments`, typical pair (ratio to plain)", fmtSpread(cpuMs("segments")), "", fmtSpread(cpuRatio("segments", "plain")), rps("segments")],
    ],
  ),
);

print(`\n## Worst cases: CPU per warm request in workerd, median (min–max) of ${median(worst.map((w) => w.appMs.length))} requests each timed alone, in ${quick ? 1 : ROUNDS} rounds over the cases\n`);
print(worstCaseTable(worst, BUDGETS.worstCase.limit));

print("\n## Bundle and start-up\n");
print(
  table(
    ["figure", "value"],
    [
      ["dist/index.js and its WebAssembly module, raw / gzip", `${fmt(size.rawBytes / 1024)} / ${fmt(size.gzipBytes / 1024)} KiB`],
      [`workerd: spawn until it answers, ${isolates} isolates of the bundle`, `${fmtSpread(spread(startups.map((s) => s.app.wallMs)))} ms`],
      [`workerd: spawn until it answers, ${isolates} do-nothing isolates`, `${fmtSpread(spread(startups.map((s) => s.noop.wallMs)))} ms`],
      ["**start-up of one isolate beyond a do-nothing one (wall)**", `${fmtSpread(startupBeyond((s) => s.wallMs))} ms`],
      ["the same in the process's CPU time (with V8's background compile threads)", `${fmtSpread(startupBeyond((s) => s.cpuMs))} ms`],
      ["CPU of a fresh isolate's first `POST /predict`, one real pair", `${fmtSpread(spread(firstRequests.map((f) => f.app)))} ms`],
      ["the same, do-nothing Worker", `${fmtSpread(spread(firstRequests.map((f) => f.noop)))} ms`],
    ],
  ),
);
print("\nWhat the lookup tables of weights/model.json weigh in the bundle:\n");
print(
  table(
    ["table", "entries", "JSON KiB", "gzip KiB", "gzip bytes/entry"],
    tableSizes(readFileSync(WEIGHTS, "utf8")).map((t) => [
      t.name,
      String(t.entries),
      fmt(t.rawBytes / 1024),
      fmt(t.gzipBytes / 1024),
      fmt(t.gzipBytes / t.entries),
    ]),
  ),
);

writeFileSync(join(DIST, "bench/report.md"), `${out.join("\n")}\n`);
writeFileSync(join(DIST, "bench/report.json"), JSON.stringify({ quick, repeats, nodeRuns, workerdRuns, cpuRounds, worst, size, startups, firstRequests, checks }, null, 1));
