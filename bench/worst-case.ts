/**
 * Worst-case inputs at the maximum text length, measured two ways:
 *  - CPU per request in process (Node's V8, the engine workerd runs), the whole Hono app included;
 *  - latency per request through workerd (the built bundle served by bench/workerd.ts),
 *    interleaved with a do-nothing Worker in the same process, reported as the difference and the
 *    ratio.
 * A benchmark, not a test: it prints figures and asserts nothing.
 *
 *   npm run bench:worst-case             # 20 requests per case
 *   npm run bench:worst-case -- --reps 5
 */
import { numberFlag, parseToolArgs } from "../src/cli/run.js";
import { app } from "../src/worker/app.js";
import { MAX_BODY_BYTES, MAX_TEXT_LENGTH } from "../src/worker/limits.js";
import { send, type Target } from "./http.js";
import { median } from "./stats.js";
import { buildBundles, serveAppAndNoop } from "./workerd.js";

const args = parseToolArgs({ reps: { type: "string" } }, "npm run bench:worst-case -- [--reps N]");
const REPS = Math.max(1, numberFlag(args.reps, "reps", 20));
const N = MAX_TEXT_LENGTH;

const fill = (unit: string) => unit.repeat(Math.ceil(N / unit.length)).slice(0, N - (N % unit.length));
let seed = 1;
const random = () => ((seed = Math.imul(seed, 48271) % 0x7fffffff) & 0xffff) / 0x10000;
const randomLetters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("");
// Latin, Cyrillic, Greek, Arabic, Devanagari, CJK, Hangul, an astral letter: a script change at every character.
const scripts = "aжλعक漢한𝐀";

const texts: [name: string, text1: string, text2: string][] = [
  ["small (baseline)", "A short authentic text.", "A short edited text!"],
  ["one repeated character", fill("a"), fill("b")],
  ["emoji (astral pairs)", fill("😀"), fill("🚀")],
  ["one giant word", randomLetters(N), randomLetters(N)],
  ["alternating scripts", fill(scripts), fill([...scripts].reverse().join(""))],
  ["only punctuation", fill(".,;:!?-()[]{}\"'"), fill("!?")],
  ["only whitespace", fill(" \t\n\u00a0\u3000"), fill(" ")],
  // Code point classes are cached per isolate; these pay for the cache fill on the first request.
  ["distinct BMP code points", Array.from({ length: N }, (_, i) => String.fromCharCode(0x20 + (i % 0xd7d0))).join(""), fill("x")],
  ["distinct astral code points", Array.from({ length: N / 2 }, (_, i) => String.fromCodePoint(0x20000 + i)).join(""), fill("x")],
];
const bodies: [name: string, body: string][] = texts.map(([name, text1, text2]) => [name, JSON.stringify({ text1, text2 })]);
// What the strict JSON parser sees before any model work (refused, but it must stay cheap).
const manyKeys = `{${Array.from({ length: MAX_BODY_BYTES / 16 }, (_, i) => `"\\u006b${i}":0`).join(",")}}`.slice(0, MAX_BODY_BYTES - 2);
bodies.push(
  ["1 MiB of '[' (refused: too deep)", "[".repeat(MAX_BODY_BYTES)],
  ["~1 MiB of escaped unique keys (refused)", `${manyKeys.slice(0, manyKeys.lastIndexOf(","))}}`],
  ["1 MiB of escapes (refused: NUL)", `{"text1":"${"\\u0041".repeat(MAX_BODY_BYTES / 6 - 10)}\\u0000","text2":""}`],
);

// Plain Node has no Rate Limiting binding: a stand-in that always allows.
const env = { RATE_LIMITER: { limit: async () => ({ success: true }) } };

async function cpuInProcess(body: string): Promise<{ first: number; cpu: number; status: number }> {
  const log = console.log;
  console.log = () => {};
  const cpu: number[] = [];
  let status = 0;
  try {
    for (let i = 0; i < REPS; i++) {
      const start = process.cpuUsage();
      const response = await app.request("http://bench/predict", { method: "POST", headers: { "Content-Type": "application/json" }, body }, env);
      await response.arrayBuffer();
      const used = process.cpuUsage(start);
      cpu.push((used.user + used.system) / 1000);
      status = response.status;
    }
  } finally {
    console.log = log;
  }
  return { first: cpu[0]!, cpu: median(cpu), status };
}

async function timed(target: Target, body: string): Promise<number> {
  const start = performance.now();
  const response = await send(target, "/predict", body);
  await response.arrayBuffer();
  return performance.now() - start;
}

const { app: worker, noop, stop } = await serveAppAndNoop("worst-case", buildBundles());
const rows = [];
try {
  for (const [name, body] of bodies) {
    const { first, cpu, status } = await cpuInProcess(body);
    const ours: number[] = [];
    const floor: number[] = [];
    await timed(worker, body); // warm-up
    for (let i = 0; i < REPS; i++) {
      ours.push(await timed(worker, body));
      floor.push(await timed(noop, body));
    }
    const [w, f] = [median(ours), median(floor)];
    rows.push({
      input: name,
      "body KiB": Math.round(new TextEncoder().encode(body).length / 1024),
      status,
      "CPU ms, first": first.toFixed(2),
      "CPU ms": cpu.toFixed(2),
      "workerd ms": w.toFixed(2),
      "do-nothing ms": f.toFixed(2),
      "workerd - do-nothing ms": (w - f).toFixed(2),
      ratio: (w / f).toFixed(1),
    });
  }
} finally {
  await stop();
}
console.log(`medians of ${REPS} requests per input; texts at ${N} UTF-16 code units\n`);
console.table(rows);
