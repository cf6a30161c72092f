/**
 * Serves the built bundle (dist/index.js from `wrangler deploy --dry-run --outdir dist`) with
 * Miniflare (workerd underneath) on a loopback port, next to a do-nothing Worker to compare with.
 * The rate limiter is the real binding with its limit raised out of the way.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";

export const ROOT = join(import.meta.dirname, "..");
const COMPATIBILITY_DATE = "2026-04-20"; // as in wrangler.toml

export function buildBundle(): string {
  const run = spawnSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", "dist"], { cwd: ROOT, encoding: "utf8" });
  const bundle = join(ROOT, "dist", "index.js");
  if (run.status !== 0 || !existsSync(bundle)) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  return bundle;
}

/** Drops the Worker's per-request log lines (stdout); keeps its errors (stderr). */
function quietLogs(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream): void {
  stdout.resume();
  stderr.pipe(process.stderr);
}

export interface LocalWorker {
  url: URL;
  dispose(): Promise<void>;
}

export async function serveBundle(bundle: string, vars: Record<string, string> = {}): Promise<LocalWorker> {
  const mf = new Miniflare({
    modules: true,
    scriptPath: bundle,
    compatibilityDate: COMPATIBILITY_DATE,
    port: 0,
    bindings: { ALLOWED_ORIGINS: "*", RATE_LIMIT_PERIOD: "60", ...vars },
    ratelimits: { RATE_LIMITER: { simple: { limit: 1_000_000_000, period: 60 } } },
    handleRuntimeStdio: quietLogs,
  });
  return { url: await mf.ready, dispose: () => mf.dispose() };
}

/** A Worker that answers every request at once: the floor any Worker on this machine pays. */
export async function serveNoop(): Promise<LocalWorker> {
  const mf = new Miniflare({
    modules: true,
    script: `export default { async fetch(request) { await request.arrayBuffer(); return Response.json({ ok: true }); } };`,
    compatibilityDate: COMPATIBILITY_DATE,
    port: 0,
  });
  return { url: await mf.ready, dispose: () => mf.dispose() };
}
