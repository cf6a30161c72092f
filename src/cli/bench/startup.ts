/**
 * Bundle size and start-up: the dist bundle raw and gzipped, the time Node takes to import it
 * (Hono, zod, the inlined weights and their validation run at import), and the time workerd
 * takes from spawn to the first answer with the bundle versus the do-nothing Worker.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { BENCH_DIST, bundleEntry, freePort, serve, writeConfig } from "./workerd.js";

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

/** Cold JSON.parse and first loadWeights of a weights file, in a fresh Node process. */
export function nodeWeightsColdMs(weightsPath: string): { parseMs: number; loadWeightsMs: number } {
  const probe = join(import.meta.dirname, "startup-probe.ts");
  const out = execFileSync(process.execPath, ["--import", "tsx", probe, weightsPath], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()!) as { parseMs: number; loadWeightsMs: number };
}

/** Milliseconds from spawning workerd with only this bundle until it answers a request. */
export async function workerdReadyMs(name: string, file: string, appBindings: boolean): Promise<number> {
  const service = { name, file, port: await freePort(), appBindings };
  const running = await serve(writeConfig(`startup-${name}`, [service]), [service]);
  await running.stop();
  return running.readyMs;
}

/**
 * Start-up cost by part: each part is bundled alone, as wrangler bundles the Worker, and its
 * import timed in fresh Node processes against an empty module. Shows which dependency or table
 * the start-up budget goes to; the entries only use public module paths, so they keep working.
 */
const PARTS: Record<string, string> = {
  "empty module (baseline)": `export default { fetch: () => new Response("") };`,
  hono: `import { Hono } from "hono";\nexport default new Hono().get("/", (c) => c.text("ok"));`,
  "zod, the parts src/zod.ts re-exports (as src/ uses it)": `import * as z from "../../../../src/zod.js";\nconst s = z.object({ a: z.string() });\nexport default { fetch: () => new Response(String(s.safeParse({ a: "x" }).success)) };`,
  "zod, all of it (import { z } from \"zod\")": `import { z } from "zod";\nconst s = z.object({ a: z.string() });\nexport default { fetch: () => new Response(String(s.safeParse({ a: "x" }).success)) };`,
  "zod/mini (for comparison)": `import * as z from "zod/mini";\nconst s = z.object({ a: z.string() });\nexport default { fetch: () => new Response(String(s.safeParse({ a: "x" }).success)) };`,
  "weights/model.json (inlined literal)": `import w from "../../../../weights/model.json";\nexport default { fetch: () => new Response(String(Object.keys(w).length)) };`,
  "weights/model.json + loadWeights (zod included)": `import w from "../../../../weights/model.json";\nimport { loadWeights } from "../../../../src/model/weights.js";\nconst { model } = loadWeights(w);\nexport default { fetch: () => new Response(String(model.weights.length)) };`,
};

export interface PartCost extends BundleSize {
  name: string;
  importMs: number[];
}

export function startupParts(rounds: number): PartCost[] {
  const dir = join(BENCH_DIST, "parts", "src");
  mkdirSync(dir, { recursive: true });
  return Object.entries(PARTS).map(([name, source], i) => {
    const entry = join(dir, `part${i}.ts`);
    writeFileSync(entry, source);
    const bundle = bundleEntry(entry, join(BENCH_DIST, "parts", `part${i}`));
    return { name, ...bundleSize(bundle), importMs: Array.from({ length: rounds }, () => nodeImportMs(bundle)) };
  });
}
