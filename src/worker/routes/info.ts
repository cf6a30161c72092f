/** GET /health, GET /model_info and GET /openapi.json: what the Worker serves and how. */
import { Hono } from "hono";
import { FEATURES } from "../../model/features.js";
import { MAX_SEGMENT_LENGTH, MAX_TOKEN_SEGMENTS, MIN_SEGMENT_LENGTH, SHARED_OVERLAP } from "../../model/segments.js";
import type { AppEnv } from "../env.js";
import { LIMITS } from "../limits.js";
import { authMode } from "../middleware/auth.js";
import { modelId, weightsDigest, weightsFile } from "../model.js";
import type { ModelInfo } from "../responses.js";

/**
 * The OpenAPI module, imported on the first request that needs it rather than at start-up: it
 * builds every response schema, which no prediction needs.
 */
const loadOpenApi = () => import("../openapi.js");

let document: Promise<unknown> | undefined;

/** The deployment's version, when the version metadata binding is there (wrangler.toml). */
const deployment = ({ CF_VERSION_METADATA: version }: Env) =>
  version ? { deployment: { version_id: version.id, version_tag: version.tag } } : {};

export const infoRoutes = new Hono<AppEnv>()
  .get("/health", (c) => c.json({ status: "ok" as const, model: modelId, auth: authMode(c.env), ...deployment(c.env) }))
  .get("/model_info", async (c) =>
    c.json({
      model: weightsFile.model,
      features: FEATURES.map((f, j) => ({ ...f, ...weightsFile.features[j]! })),
      tables: {
        char_ngram_order: weightsFile.tables.char_ngram_order,
        buckets: 2 ** weightsFile.tables.bits,
        step: weightsFile.tables.step,
        char_ngram_entries: weightsFile.tables.char_ngram.entries,
        word_entries: weightsFile.tables.word.entries,
      },
      uncertainty: weightsFile.uncertainty,
      segmentation: { max_segment_length: MAX_SEGMENT_LENGTH, min_segment_length: MIN_SEGMENT_LENGTH, shared_overlap: SHARED_OVERLAP, max_token_segments: MAX_TOKEN_SEGMENTS },
      training: weightsFile.training,
      metrics: weightsFile.metrics,
      weights_sha256: await weightsDigest(),
      limits: LIMITS,
      endpoints: (await loadOpenApi()).operations.map((op) => ({ method: op.method.toUpperCase(), path: op.path, summary: op.summary })),
      ...deployment(c.env),
    } satisfies ModelInfo),
  )
  .get("/openapi.json", async (c) => c.json(await (document ??= loadOpenApi().then((openApi) => openApi.openApiDocument()))));
