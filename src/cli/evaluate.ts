/**
 * npm run evaluate -- --data PATH [--weights FILE]            scores labeled pairs with a weights file
 * npm run evaluate -- --data PATH --cv K [--train-data PATH]  cross-validates the training recipe
 * The last line is always `accuracy=<0..1> n=<count>`.
 */
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from "../model/train.js";
import { crossValidate, metricsOf, scorePairs } from "../model/evaluation.js";
import { DEFAULT_LABEL_FIELDS, labeledPairs, readDataset, readWeights } from "./data.js";
import { formatBreakdown, formatCoverage, formatCrossValidation, formatMetrics } from "./report.js";
import { UsageError, numberFlag, parseToolArgs, runTool } from "./run.js";

const USAGE =
  "npm run evaluate -- --data PATH [--label-field FIELD ...] [--weights FILE] " +
  "[--cv K [--cv-repeats R] [--train-data PATH ...]]";

runTool(() => {
  const args = parseToolArgs(
    {
      data: { type: "string" },
      "label-field": { type: "string", multiple: true },
      weights: { type: "string", default: "weights/model.json" },
      cv: { type: "string" },
      "cv-repeats": { type: "string" },
      "train-data": { type: "string", multiple: true },
    },
    USAGE,
  );
  if (!args.data) throw new UsageError(`--data is required\nusage: ${USAGE}`);
  const labelFields = args["label-field"] ?? DEFAULT_LABEL_FIELDS;
  const pairs = labeledPairs(readDataset(args.data, labelFields));
  const { file, model } = readWeights(args.weights);

  if (args.cv === undefined) {
    if (args["train-data"]) throw new UsageError("--train-data only makes sense with --cv");
    const results = scorePairs(model, pairs);
    const metrics = metricsOf(results);
    console.log(`${model.name} ${model.version} on ${args.data}: ${formatMetrics(metrics)}`);
    console.log(formatCoverage(results));
    console.log(`accuracy=${metrics.accuracy} n=${metrics.n}`);
    return;
  }

  // Cross-validation retrains with the recipe recorded in the weights file.
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...(file.training.options as Partial<TrainOptions>) };
  const folds = numberFlag(args.cv, "cv", 5);
  if (!Number.isInteger(folds) || folds < 2) throw new UsageError("--cv must be a whole number of folds, at least 2");
  const repeats = numberFlag(args["cv-repeats"], "cv-repeats", 1);
  const alwaysTrain = (args["train-data"] ?? []).flatMap((path) => labeledPairs(readDataset(path, labelFields)));
  const cv = crossValidate(pairs, alwaysTrain, folds, repeats, options);
  console.log(`${args.data}, ${pairs.length} pairs held out by fold; ${alwaysTrain.length} pairs always in training`);
  console.log(formatCrossValidation(cv));
  console.log(formatCoverage(cv.predictions));
  console.log(formatBreakdown(pairs, cv.predictions));
  console.log(`accuracy=${cv.accuracyMean} n=${pairs.length}`);
});
