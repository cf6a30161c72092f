/**
 * npm run check:weights [-- --weights FILE]
 * Checks a weights file (by default the bundled one) as every tool reads it: against the schema,
 * the extractor's features and the tables' encoding. Every build of the Worker's bundle runs it
 * first (wrangler.toml's [build]), so that isolates need not run the schema at start-up. It runs
 * with tsx rather than as a bundle in dist/tools, which the tests' builds would rewrite under it.
 */
import { readWeights } from "./data.js";
import { parseToolArgs, runTool } from "./run.js";

runTool(() => {
  const { weights } = parseToolArgs({ weights: { type: "string", default: "weights/model.json" } }, "npm run check:weights [-- --weights FILE]");
  const { model } = readWeights(weights);
  console.error(`${weights}: valid weights of ${model.name} ${model.version}`);
});
