/**
 * npm run train -- --data PATH [--data PATH ...] [--label-field F ...] [--out weights/model.json]
 * Fits the model on every labeled pair given, cross-validates the whole pipeline, and writes the
 * weights file atomically (same inputs, byte-identical file).
 */
import { renameSync, writeFileSync } from "node:fs";
import { DEFAULT_TRAIN_OPTIONS, trainModel, type TrainOptions } from "../model/train.js";
import { crossValidate } from "../model/validation.js";
import { WEIGHTS_FORMAT_VERSION, serializeWeights, type WeightsFile } from "../model/weights.js";
import { DEFAULT_LABEL_FIELDS, labeledPairs, readDataset } from "./data.js";
import { formatCrossValidation, shellCommand } from "./report.js";
import { UsageError, numberFlag, parseToolArgs, runTool } from "./run.js";

const USAGE =
  "npm run train -- --data PATH [--data PATH ...] [--label-field FIELD ...] [--out FILE] " +
  "[--model-version V] [--cv-folds K] [--cv-repeats R] [--ngram-order N] [--ngram-bits B] [--smoothing A] [--seed S]";

runTool(() => {
  const args = parseToolArgs(
    {
      data: { type: "string", multiple: true },
      "label-field": { type: "string", multiple: true },
      out: { type: "string", default: "weights/model.json" },
      "model-version": { type: "string", default: "1.0.0" },
      "cv-folds": { type: "string" },
      "cv-repeats": { type: "string" },
      "ngram-order": { type: "string" },
      "ngram-bits": { type: "string" },
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
    ngramOrder: numberFlag(args["ngram-order"], "ngram-order", d.ngramOrder),
    ngramBits: numberFlag(args["ngram-bits"], "ngram-bits", d.ngramBits),
    smoothing: numberFlag(args.smoothing, "smoothing", d.smoothing),
    seed: numberFlag(args.seed, "seed", d.seed),
  };
  const cvFolds = numberFlag(args["cv-folds"], "cv-folds", 5);
  const cvRepeats = numberFlag(args["cv-repeats"], "cv-repeats", 3);

  const datasets = args.data.map((path) => readDataset(path, labelFields));
  const pairs = datasets.flatMap(labeledPairs);
  console.log(`training on ${pairs.length} pairs from ${datasets.length} file(s)`);

  const trained = trainModel(pairs, options);
  const cv = crossValidate(pairs, [], cvFolds, cvRepeats, options);
  console.log(formatCrossValidation(cv));

  const file: WeightsFile = {
    format_version: WEIGHTS_FORMAT_VERSION,
    model: { name: "impostor-hunt-pairwise", version: args["model-version"], type: "pairwise-logistic" },
    ...trained.file,
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
        log_loss: cv.pooled.logLoss,
        ece: cv.pooled.ece,
      },
    },
  };
  const temporary = `${args.out}.tmp`;
  writeFileSync(temporary, serializeWeights(file));
  renameSync(temporary, args.out);
  console.log(`wrote ${args.out} (lambda ${trained.lambda})`);
});
