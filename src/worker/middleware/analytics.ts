/**
 * Monitoring of what the model answers: when the Analytics Engine dataset PREDICTIONS is bound
 * (wrangler.toml), one data point per prediction request, refusals included, written from the
 * answers the route gave. Counts and buckets only, never the texts. The layout below is the one
 * docs/operations.md documents and queries; add columns at the end so old queries keep working.
 */
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../env.js";
import { modelId } from "../model.js";

const PREDICTION_ROUTES = new Set(["/predict", "/predict/batch"]);

/** Lower bounds of the confidence buckets (confidence is at least 0.5). */
const CONFIDENCE_BUCKETS = [0.5, 0.6, 0.7, 0.8, 0.9];

/** Lower bounds of the text length buckets, in UTF-16 code units. */
const LENGTH_BUCKETS = [0, 100, 1_000, 10_000];

/** How many values fall in each bucket, given the buckets' ascending lower bounds. */
function histogram(values: readonly number[], lowerBounds: readonly number[]): number[] {
  const counts = lowerBounds.map(() => 0);
  for (const value of values) counts[lowerBounds.filter((bound) => value >= bound).length - 1]!++;
  return counts;
}

/**
 * One data point per request, not per pair: a batch is one request (and a Worker may write at most
 * 250 points per invocation), so its answers are summed and counted into buckets.
 */
export function dataPoint(c: Context<AppEnv>, route: string): AnalyticsEngineDataPoint {
  const answers = c.get("predictions") ?? [];
  const confidences = answers.map((a) => a.confidence);
  return {
    indexes: [c.get("client") ?? ""], // sampling keeps every client visible, however small
    blobs: [
      route,
      c.get("errorCode") ?? "",
      modelId.version,
      (c.req.raw.cf as IncomingRequestCfProperties | undefined)?.colo ?? "", // no cf on a request built in-process
      c.env.CF_VERSION_METADATA?.id ?? "",
    ],
    doubles: [
      c.res.status,
      answers.length,
      confidences.reduce((sum, confidence) => sum + confidence, 0),
      answers.filter((a) => a.uncertain).length,
      answers.filter((a) => a.tie).length,
      ...histogram(confidences, CONFIDENCE_BUCKETS),
      ...histogram(c.get("textLengths") ?? [], LENGTH_BUCKETS),
    ],
  };
}

export const predictionAnalytics = (): MiddlewareHandler<AppEnv> => async function predictionAnalytics(c, next) {
  await next();
  const route = routePath(c, -1); // the route the path matched, even when a middleware refused it
  // Without the binding the Worker runs unmonitored; writeDataPoint is synchronous and does not block.
  if (c.env.PREDICTIONS && PREDICTION_ROUTES.has(route)) c.env.PREDICTIONS.writeDataPoint(dataPoint(c, route));
};
