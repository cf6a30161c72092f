/**
 * Bundle size and start-up: the dist bundle raw and gzipped, the time Node takes to import it,
 * and the start-up of an isolate in workerd (compiling the bundle, then Hono, zod, the inlined
 * weights and their validation at import), for the bundle and for each part of it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { BENCH_DIST, bundleEntry, freePort, serve, type Service } from "./workerd.js";

export interface BundleSize {
  rawBytes: number;
  gzipBytes: number;
}

export function bundleSize(file: string): BundleSize {
  const raw = readFileSync(file);
  return { rawBytes: raw.length, gzipBytes: gzipSync(raw).length };
}

export interface TableSize extends BundleSize {
  name: string;
  entries: number;
}

/**
 * What each lookup table of the weights file costs in the bundle: its array as JSON, raw and
 * gzipped. Tables are any `tables.*` entry with an array field (read generically, so new tables
 * show up without changing this).
 */
export function tableSizes(weightsText: string): TableSize[] {
  const tables = (JSON.parse(weightsText) as { tables?: Record<string, unknown> }).tables ?? {};
  return Object.entries(tables).flatMap(([name, table]) => {
    if (typeof table !== "object" || table === null || !("entries" in table)) return [];
    const json = Buffer.from(JSON.stringify(table));
    return [{ name, entries: Number(table.entries), rawBytes: json.length, gzipBytes: gzipSync(json).length }];
  });
}

/** Milliseconds to import the bundle in a fresh Node process (cold: nothing cached). */
export function nodeImportMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return Number(out.trim().split("\n").pop());
}

export interface Startup {
  /** Milliseconds from spawning workerd until it answers. */
  wallMs: number;
  /** CPU milliseconds of the workerd process by then (all its threads), or null off Linux. */
  cpuMs: number | null;
}

/** User plus system CPU time of a running process, from /proc (Linux). */
function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

/**
 * Starts workerd with `isolates` copies of a bundle and times it until it answers. workerd starts
 * every Worker of its config before it serves, so the difference to the same count of do-nothing
 * Workers, divided by the count, is one isolate's start-up with the noise of one spawn spread
 * over many.
 */
export async function workerdStartup(name: string, file: string, appBindings: boolean, isolates: number): Promise<Startup> {
  const port = await freePort();
  const copies: Service[] = Array.from({ length: isolates }, (_, i) => ({ name: `${name}${i}`, file, appBindings, ...(i === isolates - 1 ? { port } : {}) }));
  const running = await serve(`startup-${name}`, copies);
  const cpuMs = processCpuMs(running.process.pid!);
  await running.stop();
  return { wallMs: running.readyMs, cpuMs };
}

/**
 * Start-up cost by part: each part (a module of bench/startup-parts/) is bundled alone, as wrangler
 * bundles the Worker, and its start-up measured in workerd like the whole bundle's, against an
 * empty module. Shows which dependency or table the start-up budget goes to.
 */
const PARTS: Record<string, string> = {
  hono: "hono.ts",
  "zod as src/zod.ts provides it (Zod Mini, English messages), one schema": "zod-mini.ts",
  "full zod build, one schema (for comparison)": "zod-full.ts",
  "request schemas and validators (src/worker/requests.ts, zod included)": "requests.ts",
  "weights/model.json (inlined literal)": "weights-literal.ts",
  "weights/model.json + loadWeights (zod included)": "weights-loaded.ts",
  "OpenAPI document with the response schemas (the Worker builds it on first request, not at start-up)": "openapi.ts",
};

export interface PartCost extends BundleSize {
  name: string;
  /** Wall milliseconds per isolate beyond the empty module, one per round. */
  beyondEmptyMs: number[];
}

export async function startupParts(rounds: number, isolates: number): Promise<PartCost[]> {
  const bundle = (file: string) => bundleEntry(join("bench/startup-parts", file), join(BENCH_DIST, "parts", basename(file, ".ts")));
  const empty = bundle("empty.ts");
  const parts = Object.entries(PARTS).map(([name, file]) => ({ name, file: bundle(file) }));
  const costs = parts.map(({ name, file }) => ({ name, ...bundleSize(file), beyondEmptyMs: [] as number[] }));
  for (let r = 0; r < rounds; r++) {
    const baseline = await workerdStartup("empty", empty, false, isolates);
    for (const [i, { file }] of parts.entries()) {
      const part = await workerdStartup(`part${i}`, file, false, isolates);
      costs[i]!.beyondEmptyMs.push((part.wallMs - baseline.wallMs) / isolates);
    }
  }
  return costs;
}
