/**
 * Builds the bundles the benchmarks serve and runs them under `workerd serve` with a generated
 * config: the real Worker exactly as `wrangler deploy --dry-run` bundles it, a do-nothing Worker
 * to measure against, and the in-isolate bench Worker. Never `wrangler dev` (a slow dev proxy).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const ROOT = resolve(import.meta.dirname, "..");
export const DIST = join(ROOT, "dist");
export const BENCH_DIST = join(DIST, "bench");
const WORKERD = join(ROOT, "node_modules/.bin/workerd");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const COMPATIBILITY_DATE = "2026-04-20";

/** Reads the body like the real Worker must, and answers a small JSON: the cost floor of a request. */
const NOOP_WORKER = `export default {
  async fetch(request) {
    if (request.body) await request.arrayBuffer();
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

/** The bindings the app needs (wrangler.toml's vars and rate limiter), in capnp. */
const APP_BINDINGS = `[(name = "ALLOWED_ORIGINS", text = "*"), (name = "RATE_LIMIT_PERIOD", text = "60"), (name = "RATE_LIMITER", service = "rate-limiter")]`;

export interface Bundles {
  app: string;
  noop: string;
  bench: string;
}

const quiet = { cwd: ROOT, stdio: "pipe" as const, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } };

/** Bundles one entry module exactly as wrangler bundles the Worker; returns the bundle's path. */
export function bundleEntry(entry: string, outdir: string): string {
  execFileSync(
    WRANGLER,
    ["deploy", entry, "--dry-run", "--outdir", outdir, "--name", "bench", "--compatibility-date", COMPATIBILITY_DATE],
    quiet,
  );
  return join(outdir, `${basename(entry).replace(/\.ts$/, "")}.js`);
}

/** `npm run build` (the deployable bundle) plus the bench and do-nothing Workers beside it. */
export function buildBundles(): Bundles {
  execFileSync(WRANGLER, ["deploy", "--dry-run", "--outdir", DIST], quiet);
  const bench = bundleEntry("bench/isolate-worker.ts", join(BENCH_DIST, "isolate"));
  mkdirSync(BENCH_DIST, { recursive: true });
  const noop = join(BENCH_DIST, "noop.js");
  writeFileSync(noop, NOOP_WORKER);
  writeFileSync(join(BENCH_DIST, "rate-limiter.js"), RATE_LIMITER_WORKER);
  return { app: join(DIST, "index.js"), noop, bench };
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

/** A workerd config serving each bundle on its own loopback port. */
export function writeConfig(name: string, services: readonly Service[]): string {
  mkdirSync(BENCH_DIST, { recursive: true });
  const path = join(BENCH_DIST, `${name}.capnp`);
  const worker = (name: string, file: string, bindings: string) =>
    `    (name = "${name}", worker = (modules = [(name = "${name}.js", esModule = embed "${relative(BENCH_DIST, file)}")], compatibilityDate = "${COMPATIBILITY_DATE}", bindings = ${bindings}))`;
  const entries = services.map((s) => worker(s.name, s.file, s.appBindings ? APP_BINDINGS : "[]"));
  if (services.some((s) => s.appBindings)) entries.push(worker("rate-limiter", join(BENCH_DIST, "rate-limiter.js"), "[]"));
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

/** Starts `workerd serve` and waits until each service with a port answers an HTTP request. */
export async function serve(configPath: string, services: readonly Service[], timeoutMs = 20_000): Promise<Running> {
  const start = performance.now();
  const child = spawn(WORKERD, ["serve", configPath], { stdio: ["ignore", "ignore", "pipe"] });
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
