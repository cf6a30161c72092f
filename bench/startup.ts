/**
 * Bundle size and start-up: the dist bundle raw and gzipped, what each lookup table of the weights
 * adds to it, the start-up of an isolate in workerd (compiling the bundle, then Hono, zod, the
 * inlined weights and their validation at import), and the CPU of its first request.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { send } from "./http.js";
import { freePort, processCpuMs, serve, serveAlone, wasmImports, type Service } from "./workerd.js";

export interface BundleSize {
  rawBytes: number;
  gzipBytes: number;
}

/** The bundle's size with the WebAssembly modules it imports (each uploaded, and counted, apart). */
export function bundleSize(file: string): BundleSize {
  const size = { rawBytes: 0, gzipBytes: 0 };
  for (const raw of [file, ...wasmImports(file)].map((path) => readFileSync(path))) {
    size.rawBytes += raw.length;
    size.gzipBytes += gzipSync(raw).length;
  }
  return size;
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

export interface Startup {
  /** Milliseconds from spawning workerd until it answers. */
  wallMs: number;
  /** CPU milliseconds of the workerd process by then (all its threads). */
  cpuMs: number;
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
 * CPU milliseconds of a fresh isolate's first POST to `path` (after the GET that found it
 * serving): code not yet compiled, memory not yet touched (about 15 µs a page on this VM), and
 * what the Worker makes on first use. No warm figure shows them.
 */
export async function firstRequestCpu(name: string, file: string, appBindings: boolean, path: string, body: string): Promise<number> {
  const alone = await serveAlone(`first-${name}`, file, appBindings);
  try {
    const before = alone.cpuMs();
    const response = await send(alone.target, path, body);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} answered ${response.status} to the first request`);
    return alone.cpuMs() - before;
  } finally {
    await alone.stop();
  }
}
