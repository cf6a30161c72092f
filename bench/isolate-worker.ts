/**
 * A bench-only Worker, run by workerd next to the real bundle: it times the model and the whole
 * Hono app (app.fetch, so routing, JSON parsing, zod validation, scoring and the response) inside
 * the isolate (GET /run, or /run?quick). Local workerd lets the clock advance during execution, which production does not;
 * the worker checks that first and says so instead of reporting zeros.
 */
import { env } from "cloudflare:workers";
import weightsJson from "../weights/model.json";
import { app } from "../src/worker/app.js";
import { model } from "../src/worker/model.js";
import { FULL, QUICK, runMicro, utf8Bytes, type MicroTask } from "./micro.js";
import { BATCH_SIZES, benchTexts, extractionTasks, loadWeightsTask, type SizeName } from "./tasks.js";

/**
 * A request as a client sends it: with Content-Length, which lets bodyLimit skip streaming the body.
 * The bench Worker has the app's bindings, so the app gets the same env as when served.
 */
const post = (path: string, body: string, bindings = env) =>
  app.fetch(
    new Request(`http://bench.local${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(utf8Bytes(body)) },
      body,
    }),
    bindings,
  );

/** The same bindings with the rate limiter answered inside the isolate: shows what the RPC to it costs. */
const localLimiter = () => ({ ...env, RATE_LIMITER: { limit: async () => ({ success: true }) } as RateLimit });

function clockAdvances(): boolean {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 5e6; i++) x += i % 7;
  return performance.now() - start > 0 && x > 0;
}

/** A task that posts one body and checks the status, so a failing route cannot pass as fast. */
function postTask(name: string, path: string, body: string, pairs: number, bytes: number, bindings?: Cloudflare.Env): MicroTask {
  return {
    name,
    bytes,
    pairs,
    fn: async () => {
      const response = await post(path, body, bindings);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      await response.arrayBuffer();
    },
  };
}

async function run(quick: boolean) {
  if (!clockAdvances()) return { clockAdvances: false as const };
  const texts = benchTexts();
  const [a, b] = texts.typical;
  const typicalBody = JSON.stringify({ text1: a, text2: b });
  const batchBody = (n: number) => JSON.stringify({ pairs: Array.from({ length: n }, (_, i) => ({ id: String(i), text1: a, text2: b })) });
  // Each batch size is timed only if the route answers it (404 before the route exists; a size
  // over the route's own limits may answer 413), and its status is reported either way.
  const batchStatus: Record<number, number> = {};
  for (const n of BATCH_SIZES) {
    const probe = await post("/predict/batch", batchBody(n));
    batchStatus[n] = probe.status;
    await probe.arrayBuffer();
  }

  const tasks: MicroTask[] = [
    ...extractionTasks(model, texts),
    {
      name: "do-nothing handler (Request + body read + JSON response)",
      bytes: utf8Bytes(typicalBody),
      pairs: 0,
      fn: async () => {
        const request = new Request("http://bench.local/", { method: "POST", body: typicalBody });
        await request.text();
        await Response.json({ ok: true }).arrayBuffer();
      },
    },
    ...(Object.keys(texts) as SizeName[]).map((size) => {
      const [t1, t2] = texts[size];
      return postTask(`POST /predict ${size}`, "/predict", JSON.stringify({ text1: t1, text2: t2 }), 1, utf8Bytes(t1) + utf8Bytes(t2));
    }),
    postTask("POST /predict typical, rate limiter in the isolate", "/predict", typicalBody, 1, utf8Bytes(a) + utf8Bytes(b), localLimiter()),
    ...BATCH_SIZES.filter((n) => batchStatus[n] === 200).map((n) =>
      postTask(`POST /predict/batch ${n} typical`, "/predict/batch", batchBody(n), n, n * (utf8Bytes(a) + utf8Bytes(b))),
    ),
    loadWeightsTask(weightsJson, 0),
  ];
  // workerd's clock ticks in whole milliseconds: time groups of calls of at least 10 ms.
  const results = await runMicro(tasks, { ...(quick ? QUICK : FULL), minSampleMs: quick ? 5 : 10 });
  return { clockAdvances: true as const, batchStatus, results };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname !== "/run") return Response.json({ status: "ok" });
    const quick = url.searchParams.has("quick");
    try {
      return Response.json(await run(quick));
    } catch (error) {
      return Response.json({ error: String(error) }, { status: 500 });
    }
  },
};
