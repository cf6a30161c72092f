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

  /** Scores the pairs with `npm run predict` and with the Worker: both must answer the same, to the last bit. */
  async function expectSameAnswers(pairs: { id: number; text1: string; text2: string }[]) {
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
  }

  it("give the same probability to the last bit on generated pairs", async () => {
    await expectSameAnswers(fc.sample(clientPair, { numRuns: 150, seed: 20261126 }).map((p, i) => ({ id: i, ...p })));
  }, 120_000);

  it("read letters of a script new in Unicode 17, which workerd's own regexes leave unassigned, as Node does", async () => {
    const sidetic = String.fromCodePoint(0x10940, 0x10941, 0x10942, 0x10943); // U+10940-10959, Sidetic letters
    await expectSameAnswers([
      { id: 0, text1: `The probe ${sidetic} reached orbit.`, text2: `The probe reached ${sidetic}${sidetic} orbit, again and ${sidetic} again.` },
      { id: 1, text1: `${sidetic} ${sidetic}`, text2: "A plain text about a telescope." },
    ]);
  });

  it("reports the SHA-256 of the committed weights file in /model_info", async () => {
    const info = (await (await worker.fetch("http://localhost/model_info")).json()) as { weights_sha256: string };
    expect(info.weights_sha256).toBe(createHash("sha256").update(readFileSync("weights/model.json")).digest("hex"));
  });
});
