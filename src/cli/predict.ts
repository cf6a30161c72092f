/**
 * npm run predict -- --data PATH [--out submission.csv] [--weights FILE]
 * Writes the competition's submission file, `id,real_text_id`, one row per pair in input order.
 */
import { renameSync, writeFileSync } from "node:fs";
import { scorePair } from "../model/scorer.js";
import { readDataset, readWeights } from "./data.js";
import { UsageError, parseToolArgs, runTool } from "./run.js";

const USAGE = "npm run predict -- --data PATH [--out submission.csv] [--weights FILE]";

runTool(() => {
  const args = parseToolArgs(
    {
      data: { type: "string" },
      out: { type: "string", default: "submission.csv" },
      weights: { type: "string", default: "weights/model.json" },
    },
    USAGE,
  );
  if (!args.data) throw new UsageError(`--data is required\nusage: ${USAGE}`);
  const { model } = readWeights(args.weights);
  const { pairs } = readDataset(args.data, []);
  const rows = pairs.map((p) => `${p.id},${scorePair(model, p.text1, p.text2).realTextId}`);
  const temporary = `${args.out}.tmp`;
  writeFileSync(temporary, ["id,real_text_id", ...rows].join("\n") + "\n");
  renameSync(temporary, args.out);
  console.log(`wrote ${rows.length} predictions to ${args.out}`);
});
