/**
 * npm run train -- --data PATH [--data PATH ...] [--label-field F ...] [--out weights/model.json]
 * Fits the model on every labeled pair given, cross-validates the whole pipeline, and writes the
 * weights file atomically (same inputs, byte-identical file).
 */
import { renameSync, writeFileSync } from "node:fs";
import { FEATURE_NAMES, type FeatureName } from "../model/features.js";
import { DEFAULT_TRAIN_OPTIONS, trainModel, type TrainOptions } from "../model/train.js";
import { crossValidate, metricsOf } from "../model/evaluation.js";
import { serializeWeights } from "../model/weights.js";
import { WEIGHTS_FORMAT_VERSION, type WeightsFile } from "../model/weights-file.js";
import { DEFAULT_LABEL_FIELDS, labeledPairs, readDataset } from "./data.js";
import { formatCoverage, formatCrossValidation, formatMetrics, shellCommand } from "./report.js";
import { UsageError, numberFlag, parseToolArgs, runTool } from "./run.js";

const USAGE =
  "npm run train -- --data PATH [--data PATH ...] [--label-field FIELD ...] [--out FILE] " +
  "[--model-version V] [--cv-folds K] [--cv-repeats R] [--features NAME,NAME] [--bits B] [--smoothing A] [--seed S]";

runTool(() => {
  const args = parseToolArgs(
    {
      data: { type: "string", multiple: true },
      "label-field": { type: "string", multiple: true },
      out: { type: "string", default: "weights/model.json" },
      "model-version": { type: "string", default: "1.0.0" },
      "cv-folds": { type: "string" },
      "cv-repeats": { type: "string" },
      features: { type: "string" },
      bits: { type: "string" },
      smoothing: { type: "string" },
      seed: { type: "string" },
    },
    USAGE,
  );
  if (!args.data?.length) throw new UsageError(`--data is required\nusage: ${USAGE}`);
  const labelFields = args["label-field"] ?? DEFAULT_LABEL_FIELDS;
  const d = DEFAULT_TRAIN_OPTIONS;
  const options: TrainOptions = {
    ...d,
    features: args.features ? parseFeatureList(args.features) : d.features,
    bits: numberFlag(args.bits, "bits", d.bits),
    smoothing: numberFlag(args.smoothing, "smoothing", d.smoothing),
    seed: numberFlag(args.seed, "seed", d.seed),
  };
  const cvFolds = numberFlag(args["cv-folds"], "cv-folds", 5);
  const cvRepeats = numberFlag(args["cv-repeats"], "cv-repeats", 3);

  const datasets = args.data.map((path) => readDataset(path, labelFields));
  const pairs = datasets.flatMap(labeledPairs);
  const fileOf = datasets.flatMap((ds) => ds.pairs.map(() => ds.path));
  console.log(`training on ${pairs.length} pairs from ${datasets.length} file(s)`);

  const trained = trainModel(pairs, options);
  const cv = crossValidate(pairs, [], cvFolds, cvRepeats, options);
  console.log(formatCrossValidation(cv));
  console.log(formatCoverage(cv.predictions));
  const byFile = Object.fromEntries(datasets.map((ds) => [ds.path, metricsOf(cv.predictions.filter((p) => fileOf[p.index] === ds.path))]));
  for (const [path, metrics] of Object.entries(byFile)) console.log(`  ${path}: ${formatMetrics(metrics)}`);

  const file: WeightsFile = {
    format_version: WEIGHTS_FORMAT_VERSION,
    model: { name: "impostor-hunt-pairwise", version: args["model-version"], type: "pairwise-logistic" },
    ...trained.file,
    uncertainty: {
      confidence_threshold: trained.model.uncertaintyThreshold,
      target_agreement: options.uncertaintyTarget,
      // Each fold's model marks its held-out pairs with the threshold it chose on its own training pairs.
      cross_validation: { coverage: cv.coverage.coverage, accuracy_kept: cv.coverage.accuracyKept, accuracy_uncertain: cv.coverage.accuracyUncertain },
    },
    training: {
      command: shellCommand("npm run train --", process.argv.slice(2)),
      data: datasets.map((ds) => ({ path: ds.path, sha256: ds.sha256, rows: ds.pairs.length })),
      label_fields: labelFields,
      options,
      selected_lambda: trained.lambda,
    },
    metrics: {
      cross_validation: {
        method: `stratified ${cv.folds}-fold, ${cv.repeats} repeats, whole pipeline refitted per fold`,
        n: pairs.length,
        accuracy_mean: cv.accuracyMean,
        accuracy_std: cv.accuracyStd,
        accuracy_std_over_repeats: cv.accuracyStdOverRepeats,
        log_loss: cv.pooled.logLoss,
        ece: cv.pooled.ece,
        by_file: byFile,
      },
    },
  };
  const temporary = `${args.out}.tmp`;
  writeFileSync(temporary, serializeWeights(file));
  renameSync(temporary, args.out);
  console.log(`wrote ${args.out} (lambda ${trained.lambda})`);
});

function parseFeatureList(list: string): FeatureName[] {
  const names = list.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !(FEATURE_NAMES as readonly string[]).includes(name));
  if (unknown.length) throw new UsageError(`unknown feature(s) ${unknown.join(", ")}; known: ${FEATURE_NAMES.join(", ")}`);
  return names as FeatureName[];
}
