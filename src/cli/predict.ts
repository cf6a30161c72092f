/**
 * npm run predict -- --data PATH [--out submission.csv] [--weights FILE] [--probabilities]
 * Writes the competition's submission file, `id,real_text_id`, one row per pair in input order;
 * --probabilities adds a third column, the probability that text1 is the real text.
 */
import { renameSync, writeFileSync } from "node:fs";
import { scorePair } from "../model/scorer.js";
import { readDataset, readWeights } from "./data.js";
import { UsageError, parseToolArgs, runTool } from "./run.js";

const USAGE = "npm run predict -- --data PATH [--out submission.csv] [--weights FILE] [--probabilities]";

runTool(() => {
  const args = parseToolArgs(
    {
      data: { type: "string" },
      out: { type: "string", default: "submission.csv" },
      weights: { type: "string", default: "weights/model.json" },
      probabilities: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (!args.data) throw new UsageError(`--data is required\nusage: ${USAGE}`);
  const { model } = readWeights(args.weights);
  const { pairs } = readDataset(args.data, []);
  const header = args.probabilities ? "id,real_text_id,probability_text1_real" : "id,real_text_id";
  const rows = pairs.map((p) => {
    const { realTextId, probability } = scorePair(model, p.text1, p.text2);
    return args.probabilities ? `${p.id},${realTextId},${probability}` : `${p.id},${realTextId}`;
  });
  const temporary = `${args.out}.tmp`;
  writeFileSync(temporary, [header, ...rows].join("\n") + "\n");
  renameSync(temporary, args.out);
  console.log(`wrote ${rows.length} predictions to ${args.out}`);
});
