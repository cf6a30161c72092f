/**
 * Run in a fresh Node process by the start-up benchmark: times the two pieces of weight loading
 * on a cold engine, JSON.parse of the weights file and the first loadWeights (zod validation and
 * the typed arrays), and prints them as JSON.
 */
import { readFileSync } from "node:fs";
import { loadWeights } from "../../model/weights.js";

const text = readFileSync(process.argv[2]!, "utf8");
let start = performance.now();
const json: unknown = JSON.parse(text);
const parseMs = performance.now() - start;
start = performance.now();
loadWeights(json);
const loadWeightsMs = performance.now() - start;
console.log(JSON.stringify({ parseMs, loadWeightsMs }));
