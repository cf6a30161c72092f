/**
 * `npm run bench:compare -- --checkout DIR --checkout DIR ... [--repeats N]`: the figures of
 * `npm run bench`'s targets but the worst cases, for several versions of the project side by side
 * in one run and by the same methods, so that what a change bought is measured rather than
 * remembered. Each DIR is the project at some commit (`git archive <commit> | tar -x -C DIR`) with
 * a node_modules (a symlink to this checkout's does while package-lock.json is the same). Prints a
 * Markdown table, the first version against the last in its last column.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { readHashKernel } from "../src/cli/hash-kernel.js";
import { readDataset } from "../src/cli/data.js";
import { numberFlag, parseToolArgs } from "../src/cli/run.js";
import { batchBodies, cpuUnderLoad, DATA, predictBody } from "./http.js";
import { FULL, runMicro } from "./micro.js";
import { fmt, fmtSpread, table } from "./report.js";
import { bundleSize, workerdStartup } from "./startup.js";
import { spread, type Spread } from "./stats.js";
import { nonAsciiPair, typicalPair } from "./tasks.js";
import { buildBundles, isolateExtraction, ROOT, serveAlone, type Alone } from "./workerd.js";

const args = parseToolArgs(
  { checkout: { type: "string", multiple: true, default: [] }, repeats: { type: "string" } },
  "npm run bench:compare -- --checkout DIR --checkout DIR ... [--repeats N]",
);
const repeats = Math.max(1, numberFlag(args.repeats, "repeats", 3));
const progress = (text: string) => console.error(`[compare] ${text}`);

/** The model API every version has had. */
interface ModelModule {
  /** `kernel`: the hashing module, which modelOf takes since the tables are expanded by it (422c34f), and whose instance holds them since item 48. */
  loadWeights(json: unknown, kernel?: WebAssembly.Module): { model: unknown };
  scorePair(model: unknown, text1: string, text2: string): { score: number };
  /** Versions with the WebAssembly hashing pass, which their Node tools install as their Worker does (named for ASCII until e3d9fae). */
  installHashKernel?(module: WebAssembly.Module): void;
  installAsciiKernel?(module: WebAssembly.Module): void;
}

interface Version {
  name: string;
  /** The deployable bundle, the app with its rate limiter answered in the isolate (bench/served-app.ts), and that app timed from inside the isolate (bench/app-timer.ts). */
  app: string;
  served: string;
  timer: string;
  /** The bench Worker that times extraction inside workerd (bench/isolate-worker.ts), in versions that have one. */
  isolate?: string;
  scorePair: (text1: string, text2: string) => number;
}

/** Builds a checkout's bundles with this checkout's wrangler and esbuild; versions without bench/served-app.ts or bench/app-timer.ts get this one's. */
async function build(dir: string): Promise<Version> {
  const run = (tool: string, toolArgs: string[], input?: string) =>
    execFileSync(join(ROOT, "node_modules/.bin", tool), toolArgs, { cwd: dir, input, stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
  const out = join(dir, "dist/compare");
  run("wrangler", ["deploy", "--dry-run", "--env", "", "--outdir", out]);
  /** Builds the bench-only Worker bench/NAME.ts into out/SUBDIR, this checkout's copy where the version predates it; answers its bundle. */
  const benchWorker = (name: string, subdir: string) => {
    const source = `bench/${name}.ts`;
    if (!existsSync(join(dir, source))) copyFileSync(join(ROOT, source), join(dir, source));
    run("wrangler", ["deploy", source, "--dry-run", "--env", "", "--outdir", join(out, subdir)]);
    return join(out, subdir, `${name}.js`);
  };
  const served = benchWorker("served-app", "served");
  const timer = benchWorker("app-timer", "timer");
  const hasIsolate = existsSync(join(dir, "bench/isolate-worker.ts"));
  if (hasIsolate) run("wrangler", ["deploy", "bench/isolate-worker.ts", "--dry-run", "--env", "", "--outdir", join(out, "isolate")]);
  const modelFile = join(out, "model.js");
  const kernel = ["hash", "ascii"].map((name) => ({ name, wasm: join(dir, `src/model/${name}-kernel.wasm`) })).find(({ wasm }) => existsSync(wasm));
  const install = kernel?.name === "hash" ? "installHashKernel" : "installAsciiKernel";
  // Until 2026-12 weights.ts had loadWeights; since, weights-file.ts has the schema's parseWeightsFile and weights.ts' modelOf makes the model.
  const loadWeightsSource = existsSync(join(dir, "src/model/weights-file.ts"))
    ? `import { modelOf } from "./src/model/weights.js";\nimport { parseWeightsFile } from "./src/model/weights-file.js";\nexport const loadWeights = (json, kernel) => ({ model: modelOf(parseWeightsFile(json), kernel) });\n`
    : `export { loadWeights } from "./src/model/weights.js";\n`;
  const entry = `export { scorePair } from "./src/model/scorer.js";\n${loadWeightsSource}${kernel ? `export { ${install} } from "./src/model/hashing.js";\n` : ""}`;
  run("esbuild", ["--bundle", "--platform=node", "--format=esm", "--target=node20", `--outfile=${modelFile}`, "--log-level=warning"], entry);
  const modelModule = (await import(pathToFileURL(modelFile).href)) as ModelModule;
  const { loadWeights, scorePair } = modelModule;
  const kernelModule = kernel && readHashKernel(kernel.wasm);
  if (kernelModule) modelModule[install]!(kernelModule);
  const { model } = loadWeights(JSON.parse(readFileSync(join(dir, "weights/model.json"), "utf8")), kernelModule);
  const isolate = hasIsolate ? join(out, "isolate/isolate-worker.js") : undefined;
  return { name: basename(dir), app: join(out, "index.js"), served, timer, isolate, scorePair: (a, b) => scorePair(model, a, b).score };
}

if (args.checkout.length === 0) throw new Error("name at least one --checkout");
progress("building");
const versions: Version[] = [];
for (const dir of args.checkout) versions.push(await build(dir));
const noopBundle = buildBundles().noop;
const pairs = readDataset(join(DATA, "test-a.jsonl")).pairs;
const [text1, text2] = typicalPair();
const bodies = {
  single: pairs.map(predictBody),
  batch: batchBodies(pairs, 64, Math.floor(pairs.length / 64)),
  typical: [JSON.stringify({ text1, text2 })],
};
const LOADS = { predict: ["/predict", bodies.single], batch: ["/predict/batch", bodies.batch], plain: ["/predict", bodies.typical], segments: ["/predict?explain=segments", bodies.typical] } as const;
type Load = keyof typeof LOADS;
const cpuMs = (alone: Alone, load: Load) => cpuUnderLoad(alone, LOADS[load][0], LOADS[load][1], 32, 1, 3).then((run) => run.msPerRequest);

/** Per version, one figure per round. */
const rounds = versions.map(() => ({ ascii: [] as number[], nonAscii: [] as number[], workerdAscii: [] as number[], workerdNonAscii: [] as number[], predict: [] as number[], batch: [] as number[], segments: [] as number[], insidePredict: [] as number[], insideBatch: [] as number[] }));
const predictCpu = versions.map(() => [] as number[]);
const cpuPerPair = versions.map(() => [] as number[]);
/** The versions in a different order every round, so that drifting noise spreads over all of them. */
const order = (round: number) => versions.map((_, k) => (k + round) % versions.length);

// Extraction in Node first, before this process makes any HTTP request (see bench/bench.ts).
let sink = 0; // so that the engine cannot drop a score nothing reads
for (let r = 0; r < repeats; r++) {
  for (const i of order(r)) {
    progress(`round ${r + 1}/${repeats}: extraction of ${versions[i]!.name}`);
    const { scorePair } = versions[i]!;
    const task = (name: string, [a, b]: [string, string]) => ({ name, bytes: Buffer.byteLength(a) + Buffer.byteLength(b), fn: () => (sink += scorePair(a, b)) });
    const [ascii, nonAscii] = runMicro([task("ASCII", typicalPair()), task("non-ASCII", nonAsciiPair())], FULL);
    rounds[i]!.ascii.push(ascii!.mbPerS);
    rounds[i]!.nonAscii.push(nonAscii!.mbPerS);
  }
}

// Then in workerd, the runtime the Worker serves from: its V8 is newer than Node 20's, and a change can differ between them.
const isolates = await Promise.all(versions.map((v, i) => (v.isolate ? serveAlone(`isolate${i}`, v.isolate, false) : undefined)));
try {
  for (let r = 0; r < repeats; r++) {
    for (const i of order(r)) {
      const isolate = isolates[i];
      if (!isolate) continue;
      progress(`round ${r + 1}/${repeats}: extraction of ${versions[i]!.name} in workerd`);
      const results = (await isolateExtraction(isolate)) ?? [];
      const mbPerS = (task: string) => results.find((result) => result.name === task)?.mbPerS ?? Number.NaN;
      rounds[i]!.workerdAscii.push(mbPerS("scorePair typical"));
      rounds[i]!.workerdNonAscii.push(mbPerS("scorePair typical non-ASCII"));
    }
  }
} finally {
  await Promise.all(isolates.map((alone) => alone?.stop()));
}

const served = await Promise.all(versions.map((v, i) => serveAlone(`v${i}`, v.served, true)));
const noop = await serveAlone("noop", noopBundle, false);
try {
  for (let r = 0; r < repeats; r++) {
    progress(`round ${r + 1}/${repeats}: do-nothing Worker`);
    const floor = { predict: await cpuMs(noop, "predict"), batch: await cpuMs(noop, "batch") };
    for (const i of order(r)) {
      progress(`round ${r + 1}/${repeats}: ${versions[i]!.name}`);
      const [predict, batch, plain, segments] = [await cpuMs(served[i]!, "predict"), await cpuMs(served[i]!, "batch"), await cpuMs(served[i]!, "plain"), await cpuMs(served[i]!, "segments")];
      rounds[i]!.predict.push(predict / floor.predict);
      rounds[i]!.batch.push(batch / floor.batch);
      rounds[i]!.segments.push(segments / plain);
      predictCpu[i]!.push(predict);
      cpuPerPair[i]!.push((batch * 1000) / 64);
    }
  }
} finally {
  await Promise.all([...served, noop].map((alone) => alone.stop()));
}

// The app's own cost, from requests made inside the isolate: no HTTP server, whose noise on this machine can hide a change of 10 %.
const timers = await Promise.all(versions.map((v, i) => serveAlone(`timer${i}`, v.timer, true)));
/** CPU µs per request of `times` passes over `bodies` to `path`, made inside the timer's isolate. */
const insideCpuUs = async (timer: Alone, path: string, bodies: readonly string[], times: number) => {
  const before = timer.cpuMs();
  const response = await fetch(`http://127.0.0.1:${timer.target.port}/time?path=${encodeURIComponent(path)}&n=${times}`, { method: "POST", body: JSON.stringify(bodies) });
  const { requests, error } = (await response.json()) as { requests?: number; error?: string };
  if (!requests) throw new Error(`the timer Worker failed: ${error}`);
  return ((timer.cpuMs() - before) * 1000) / requests;
};
try {
  for (let r = 0; r <= repeats; r++) {
    for (const i of order(r)) {
      progress(`round ${r + 1}/${repeats + 1}: ${versions[i]!.name} inside its isolate${r === 0 ? " (warm-up)" : ""}`);
      const [predict, batch] = [await insideCpuUs(timers[i]!, "/predict", bodies.single, 2), await insideCpuUs(timers[i]!, "/predict/batch", bodies.batch, 3)];
      if (r === 0) continue;
      rounds[i]!.insidePredict.push(predict);
      rounds[i]!.insideBatch.push(batch / 64);
    }
  }
} finally {
  await Promise.all(timers.map((alone) => alone.stop()));
}

progress("start-up");
const startupIsolates = 20;
const startups = versions.map(() => [] as number[]);
for (let r = 0; r < 7; r++) {
  const floor = await workerdStartup("noop", noopBundle, false, startupIsolates);
  for (const [i, v] of versions.entries()) startups[i]!.push(((await workerdStartup(`v${i}`, v.app, true, startupIsolates)).wallMs - floor.wallMs) / startupIsolates);
}

const row = (figure: string, values: Spread[]) => [figure, ...values.map((s) => fmtSpread(s)), `${fmt(values.at(-1)!.median / values[0]!.median)}x`];
console.log(`${repeats} rounds; medians with (min–max) over rounds; start-up over 7 rounds of ${startupIsolates} isolates\n`);
console.log(
  table(
    ["figure", ...versions.map((v) => v.name), "last ÷ first"],
    [
      row("extraction as served, typical ASCII pair, Node, MB/s", rounds.map((r) => spread(r.ascii))),
      row("extraction as served, pair with non-ASCII noise, Node, MB/s", rounds.map((r) => spread(r.nonAscii))),
      row("the typical ASCII pair in workerd, MB/s", rounds.map((r) => spread(r.workerdAscii))),
      row("the pair with non-ASCII noise in workerd, MB/s", rounds.map((r) => spread(r.workerdNonAscii))),
      row("`POST /predict`, real pairs: CPU ms per request", predictCpu.map((c) => spread(c))),
      row("the same ÷ do-nothing Worker's", rounds.map((r) => spread(r.predict))),
      row("`POST /predict/batch`, 64 real pairs: CPU µs per pair", cpuPerPair.map((c) => spread(c))),
      row("the same ÷ do-nothing Worker's", rounds.map((r) => spread(r.batch))),
      row("`explain=segments` ÷ plain `/predict`, typical pair", rounds.map((r) => spread(r.segments))),
      row("`POST /predict` inside the isolate (no HTTP server), real pairs: CPU µs per request", rounds.map((r) => spread(r.insidePredict))),
      row("`POST /predict/batch` inside the isolate, 64 real pairs: CPU µs per pair", rounds.map((r) => spread(r.insideBatch))),
      row("start-up beyond a do-nothing Worker, ms (wall)", startups.map((s) => spread(s))),
      row("bundle gzip, KiB", versions.map((v) => spread([bundleSize(v.app).gzipBytes / 1024]))),
    ],
  ),
);
