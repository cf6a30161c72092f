/**
 * A bench-only Worker that times the extraction tasks of bench/tasks.ts inside workerd (GET /run,
 * or /run?quick), with the model as the Worker loads it. Local workerd lets the clock advance during
 * execution, which production does not; the worker checks that first and says so instead of
 * reporting zeros.
 */
import { model } from "../src/worker/model.js";
import { FULL, QUICK, runMicro } from "./micro.js";
import { extractionTasks } from "./tasks.js";

function clockAdvances(): boolean {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 5e6; i++) x += i % 7;
  return performance.now() - start > 0 && x > 0;
}

export default {
  fetch(request: Request): Response {
    const url = new URL(request.url);
    if (url.pathname !== "/run") return Response.json({ status: "ok" });
    if (!clockAdvances()) return Response.json({ clockAdvances: false });
    // workerd's clock ticks in whole milliseconds: time groups of calls of at least 10 ms.
    const options = url.searchParams.has("quick") ? { ...QUICK, minSampleMs: 5 } : { ...FULL, minSampleMs: 10 };
    return Response.json({ clockAdvances: true, results: runMicro(extractionTasks(model), options) });
  },
};
