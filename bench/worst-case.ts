/**
 * `npm run bench:worst-case [-- --reps N]`: the CPU per warm request of each worst case in workerd
 * (bench/worst-cases.ts), the app next to the do-nothing Worker, as a Markdown table. A benchmark,
 * not a test: it prints figures and asserts nothing.
 *
 *   npm run bench:worst-case             # 20 timed requests per case in 4 rounds, after 1 s of warm-up CPU
 *   npm run bench:worst-case -- --reps 5
 */
import { numberFlag, parseToolArgs } from "../src/cli/run.js";
import { worstCaseTable } from "./report.js";
import { buildBundles } from "./workerd.js";
import { measureWorstCases, ROUNDS, WARMUP_CPU_MS } from "./worst-cases.js";

const args = parseToolArgs({ reps: { type: "string" } }, "npm run bench:worst-case -- [--reps N]");
const reps = Math.max(1, numberFlag(args.reps, "reps", 20));
const rows = await measureWorstCases(buildBundles(), { reps });
console.log(`CPU per warm request in workerd: median (min–max) of ${reps} requests each timed alone, in ${ROUNDS} rounds over the cases, after ${WARMUP_CPU_MS} ms of CPU of warm-up\n`);
console.log(worstCaseTable(rows));
