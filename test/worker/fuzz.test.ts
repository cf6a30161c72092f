/**
 * Fuzzing the Worker's fetch handler inside workerd with real bindings (the bulk of the cases:
 * SELF.fetch slows down with every request in a workerd instance, cloudflare/workers-sdk#15446),
 * and the same Worker with API_TOKEN set, to compare with.
 * FUZZ_RUNS sets the number of cases (default 2,000): `FUZZ_RUNS=100000 npm run fuzz`.
 */
import { createExecutionContext, env } from "cloudflare:test";
import { inject } from "vitest";
import worker from "../../src/worker/index.js";
import { fuzzWorker, type Transport } from "./fuzz-cases.js";

const TOKEN = "fuzz-token_0123456789abcdef";
const withBindings = (bindings: Env): Transport => (url, init) => Promise.resolve(worker.fetch(new Request(url, init), bindings, createExecutionContext()));

fuzzWorker(withBindings(env), inject("fuzzRuns") || 2000, { transport: withBindings({ ...env, API_TOKEN: TOKEN }), token: TOKEN });
