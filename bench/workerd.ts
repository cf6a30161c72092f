/**
 * The one harness every benchmark serves Workers with: bundles built exactly as `wrangler deploy
 * --dry-run` builds them, run by bare `workerd serve` from a generated config, next to a
 * do-nothing Worker to measure against. Never `wrangler dev` (its dev proxy is the bottleneck).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, dirname, join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { unstable_readConfig } from "wrangler";
import type { MicroResult } from "./micro.js";

/** A Worker served on a local port. */
export interface Target {
  name: string;
  port: number;
}

/** The checkout: the nearest folder above this module with a package.json (bench/ under vitest, dist/tools/ bundled). */
function checkout(dir: string): string {
  if (existsSync(join(dir, "package.json"))) return dir;
  if (dirname(dir) === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
  return checkout(dirname(dir));
}

export const ROOT = checkout(import.meta.dirname);
export const DIST = join(ROOT, "dist");
export const BENCH_DIST = join(DIST, "bench");
const WORKERD = join(ROOT, "node_modules/.bin/workerd");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");

/** What the served Workers take from wrangler.toml (wrangler's own type for it does not resolve: it is bundled). */
interface WranglerConfig {
  compatibility_date?: string;
  compatibility_flags: string[];
  vars: Record<string, unknown>;
  ratelimits: { name: string }[];
}

/** wrangler.toml as wrangler reads it: the served Workers get its compatibility date, flags and bindings. */
const config: WranglerConfig = unstable_readConfig({ config: join(ROOT, "wrangler.toml") }, { hideWarnings: true });
if (!config.compatibility_date) throw new Error("wrangler.toml has no compatibility_date");

/** A capnp text literal: JSON's quoting, enough for binding names and plain values. */
const capnpText = (value: string) => JSON.stringify(value);

const COMPATIBILITY = `compatibilityDate = ${capnpText(config.compatibility_date)}, compatibilityFlags = [${config.compatibility_flags.map(capnpText).join(", ")}]`;

/** Reads the body like the real Worker must, and answers a small JSON: the cost floor of a request. */
const NOOP_WORKER = `export default {
  async fetch(request) {
    if (request.body) await request.json();
    return Response.json({ ok: true });
  },
};
`;

/**
 * Stands in for the Workers Rate Limiting binding, which plain workerd does not provide: an RPC
 * entrypoint whose `limit` always allows, so the app pays a binding call per request as on the edge.
 */
const RATE_LIMITER_WORKER = `import { WorkerEntrypoint } from "cloudflare:workers";
export default class RateLimiter extends WorkerEntrypoint {
  async limit() {
    return { success: true };
  }
}
`;
const RATE_LIMITER_FILE = join(BENCH_DIST, "rate-limiter.js");

/** The app's bindings in capnp: wrangler.toml's [vars], and each [[ratelimits]] bound to the stand-in. */
const APP_BINDINGS = `[${[
  ...Object.entries(config.vars).map(([name, value]) =>
    typeof value === "string"
      ? `(name = ${capnpText(name)}, text = ${capnpText(value)})`
      : `(name = ${capnpText(name)}, json = ${capnpText(JSON.stringify(value))})`,
  ),
  ...config.ratelimits.map(({ name }) => `(name = ${capnpText(name)}, service = "rate-limiter")`),
].join(", ")}]`;

const quiet = { cwd: ROOT, stdio: "pipe" as const, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } };

/** Bundles one entry module exactly as wrangler bundles the Worker; returns the bundle's path. */
export function bundleEntry(entry: string, outdir: string): string {
  execFileSync(WRANGLER, ["deploy", entry, "--dry-run", "--env", "", "--outdir", outdir], quiet);
  return join(outdir, `${basename(entry).replace(/\.ts$/, "")}.js`);
}

export interface Bundles {
  /** The deployable bundle. */
  app: string;
  /** The app with its rate limiter answered in the isolate (bench/served-app.ts), for CPU figures. */
  served: string;
  noop: string;
}

/** `npm run build` (the deployable bundle), the app with a local rate limiter and the do-nothing Worker beside it. */
export function buildBundles(): Bundles {
  execFileSync(WRANGLER, ["deploy", "--dry-run", "--env", "", "--outdir", DIST], quiet);
  const served = bundleEntry("bench/served-app.ts", join(BENCH_DIST, "served"));
  mkdirSync(BENCH_DIST, { recursive: true });
  const noop = join(BENCH_DIST, "noop.js");
  writeFileSync(noop, NOOP_WORKER);
  return { app: join(DIST, "index.js"), served, noop };
}

export interface Service {
  name: string;
  /** The bundle: one ES module. */
  file: string;
  /** The loopback port it is served on; without one it starts but gets no socket. */
  port?: number;
  /** Whether the Worker gets the app's bindings (the real bundle and the bench Worker do). */
  appBindings?: boolean;
}

/** The WebAssembly modules a bundle imports: wrangler writes each beside it (and leaves older builds' there too). */
export function wasmImports(bundle: string): string[] {
  return [...readFileSync(bundle, "utf8").matchAll(/^import \w+ from "\.\/([^"]+\.wasm)";$/gm)].map((match) => join(dirname(bundle), match[1]!));
}

/** A bundle's WebAssembly modules for its config, named as it imports them. */
function wasmModules(bundle: string): string[] {
  return wasmImports(bundle).map((file) => `(name = "${basename(file)}", wasm = embed "${relative(BENCH_DIST, file)}")`);
}

/** A workerd config serving each bundle on its own loopback port. */
function writeConfig(name: string, services: readonly Service[]): string {
  mkdirSync(BENCH_DIST, { recursive: true });
  const path = join(BENCH_DIST, `${name}.capnp`);
  const worker = (name: string, file: string, bindings: string) =>
    `    (name = "${name}", worker = (modules = [${[`(name = "${name}.js", esModule = embed "${relative(BENCH_DIST, file)}")`, ...wasmModules(file)].join(", ")}], ${COMPATIBILITY}, bindings = ${bindings}))`;
  const entries = services.map((s) => worker(s.name, s.file, s.appBindings ? APP_BINDINGS : "[]"));
  if (services.some((s) => s.appBindings)) {
    writeFileSync(RATE_LIMITER_FILE, RATE_LIMITER_WORKER);
    entries.push(worker("rate-limiter", RATE_LIMITER_FILE, "[]"));
  }
  const sockets = services
    .filter((s) => s.port !== undefined)
    .map((s) => `    (name = "${s.name}", address = "127.0.0.1:${s.port}", http = (), service = "${s.name}")`);
  writeFileSync(
    path,
    `using Workerd = import "/workerd/workerd.capnp";\nconst config :Workerd.Config = (\n  services = [\n${entries.join(",\n")}\n  ],\n  sockets = [\n${sockets.join(",\n")}\n  ]\n);\n`,
  );
  return path;
}

/** A free loopback port (the OS picks it; closed again before workerd binds it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

export interface Running {
  process: ChildProcess;
  /** Milliseconds from spawn until every socket answered. */
  readyMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `workerd serve` on a config named `name` serving the services, and waits until each
 * service with a port answers an HTTP request. With `inspectorPort`, workerd opens V8's inspector
 * there (bench/profile.ts samples the isolate through it).
 */
export async function serve(name: string, services: readonly Service[], { timeoutMs = 20_000, inspectorPort }: { timeoutMs?: number; inspectorPort?: number } = {}): Promise<Running> {
  const configPath = writeConfig(name, services);
  const start = performance.now();
  const inspector = inspectorPort === undefined ? [] : [`--inspector-addr=127.0.0.1:${inspectorPort}`];
  const child = spawn(WORKERD, ["serve", configPath, ...inspector], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  for (const service of services.filter((s) => s.port !== undefined)) {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`workerd exited: ${stderr}`);
      if (performance.now() - start > timeoutMs) {
        await stop();
        throw new Error(`workerd did not answer on ${service.port} within ${timeoutMs} ms: ${stderr}`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${service.port}/health`);
        await response.arrayBuffer();
        break;
      } catch {
        await sleep(1);
      }
    }
  }
  return { process: child, readyMs: performance.now() - start, stop };
}

/**
 * CPU time a process has used so far, in milliseconds: the sum over its threads of Linux's
 * schedstat, in nanoseconds, where /proc/<pid>/stat counts 10 ms ticks, too coarse to time one
 * request. workerd's threads live as long as it does, so none takes its time away with it.
 */
export function processCpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
  return ns / 1e6;
}

export interface Alone {
  target: Target;
  /** CPU milliseconds the Worker's workerd process has used so far. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Serves one bundle in a workerd process of its own, so that the process's CPU time is the Worker's. */
export async function serveAlone(name: string, file: string, appBindings: boolean): Promise<Alone> {
  const target = { name, file, port: await freePort(), appBindings };
  const running = await serve(`alone-${name}`, [target]);
  return { target, cpuMs: () => processCpuMs(running.process.pid!), stop: running.stop };
}

/**
 * The extraction figures of the bench Worker (bench/isolate-worker.ts) served by `isolate`: one run
 * of its tasks, or none where workerd's clock does not advance during execution.
 */
export async function isolateExtraction(isolate: Alone, quick = false): Promise<MicroResult[] | undefined> {
  const response = await fetch(`http://127.0.0.1:${isolate.target.port}/run${quick ? "?quick" : ""}`);
  if (!response.ok) throw new Error(`the bench Worker answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { results?: MicroResult[] }).results;
}

export interface AppAndNoop {
  app: Target;
  noop: Target;
  stop(): Promise<void>;
}

/**
 * Serves the app's bundle (with its bindings) and the do-nothing Worker, each on its own loopback
 * port of one workerd process, so machine noise hits both alike; `others` join the same process.
 */
export async function serveAppAndNoop(name: string, bundles: Bundles, others: readonly Service[] = []): Promise<AppAndNoop> {
  const app = { name: "app", file: bundles.app, port: await freePort(), appBindings: true };
  const noop = { name: "noop", file: bundles.noop, port: await freePort() };
  const { stop } = await serve(name, [app, noop, ...others]);
  return { app, noop, stop };
}
