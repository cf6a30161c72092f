/**
 * Fuzzing the Worker's fetch handler inside workerd with real bindings (the bulk of the cases:
 * SELF.fetch slows down with every request in a workerd instance, cloudflare/workers-sdk#15446).
 * FUZZ_RUNS sets the number of cases (default 2,000): `FUZZ_RUNS=100000 npm run fuzz`.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { inject } from "vitest";
import worker from "../../src/worker/index.js";
import { fuzzWorker } from "./fuzz-cases.js";

fuzzWorker((url, init) => Promise.resolve(worker.fetch(new Request(url, init), env, createExecutionContext())), inject("fuzzRuns") || 2000);
