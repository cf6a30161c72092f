import fc from "fast-check";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_startWorker } from "wrangler";
import { clientPair } from "../fixtures/arbitraries.js";
import { runTool, scratchFolder, writeJsonl } from "./tools.js";

type Worker = Awaited<ReturnType<typeof unstable_startWorker>>;

describe("the Worker and the Node tools", () => {
  let worker: Worker;
  beforeAll(async () => {
    worker = await unstable_startWorker({ config: "wrangler.toml", dev: { server: { port: 0 }, inspector: false, logLevel: "error" } });
    await worker.ready;
  }, 60_000);
  afterAll(async () => worker?.dispose());

  it("give the same probability to the last bit on generated pairs", async () => {
    const pairs = fc.sample(clientPair, { numRuns: 150, seed: 20261126 }).map((p, i) => ({ id: i, ...p }));
    const folder = scratchFolder();
    const out = join(folder, "predictions.csv");
    const run = runTool("predict", ["--data", writeJsonl(join(folder, "pairs.jsonl"), pairs), "--out", out, "--probabilities"]);
    expect(run.status, run.stderr).toBe(0);
    const fromTool = readFileSync(out, "utf8").trim().split("\n").slice(1).map((line) => line.split(","));

    for (const [index, pair] of pairs.entries()) {
      const response = await worker.fetch("http://localhost/predict", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text1: pair.text1, text2: pair.text2 }),
      });
      const body = (await response.json()) as { real_text_id: number; probability_text1_real: number };
      const [id, realTextId, probability] = fromTool[index]!;
      expect(id).toBe(String(pair.id));
      expect(body.real_text_id).toBe(Number(realTextId));
      expect(body.probability_text1_real).toBe(Number(probability));
    }
  }, 120_000);

  it("reports the SHA-256 of the committed weights file in /model_info", async () => {
    const info = (await (await worker.fetch("http://localhost/model_info")).json()) as { weights_sha256: string };
    expect(info.weights_sha256).toBe(createHash("sha256").update(readFileSync("weights/model.json")).digest("hex"));
  });
});
