/**
 * `npm run bench:worst-case [-- --reps N]`: the CPU per warm request of each worst case in workerd
 * (bench/worst-cases.ts), the app next to the do-nothing Worker. A benchmark, not a test: it prints
 * figures and asserts nothing.
 *
 *   npm run bench:worst-case             # at least 20 requests (and 300 ms of CPU) per case
 *   npm run bench:worst-case -- --reps 5
 */
import { numberFlag, parseToolArgs } from "../src/cli/run.js";
import { buildBundles } from "./workerd.js";
import { measureWorstCases } from "./worst-cases.js";

const args = parseToolArgs({ reps: { type: "string" } }, "npm run bench:worst-case -- [--reps N]");
const reps = Math.max(1, numberFlag(args.reps, "reps", 20));
const rows = await measureWorstCases(buildBundles(), reps);
console.log(`CPU per warm request in workerd (process CPU time / requests; at least ${reps} requests and 300 ms of CPU per case)\n`);
console.table(
  rows.map((r) => ({
    input: r.name,
    "body KiB": r.bodyKiB,
    status: r.status,
    "CPU ms": r.appMs.toFixed(2),
    "do-nothing CPU ms": r.noopMs.toFixed(2),
    "within 10 ms": r.appMs <= 10 ? "yes" : "NO",
  })),
);
