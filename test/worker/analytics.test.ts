/**
 * The Analytics Engine data points. Miniflare's PREDICTIONS binding drops what it is given, so the
 * app runs here with a recording stand-in in its place.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ERRORS } from "../../src/worker/errors.js";
import { MAX_BATCH_PAIRS } from "../../src/worker/limits.js";
import { modelId } from "../../src/worker/model.js";
import { apiKeys, newClient } from "./clients.js";
import { fetchWith } from "./with-env.js";

function recorder() {
  const points: AnalyticsEngineDataPoint[] = [];
  return { points, PREDICTIONS: { writeDataPoint: (point?: AnalyticsEngineDataPoint) => void points.push(point!) } };
}

/** A JSON POST as it arrives at Cloudflare's edge in Amsterdam. */
const post = (body: unknown, headers: Record<string, string> = {}): RequestInit =>
  ({ method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body), cf: { colo: "AMS" } }) as RequestInit;

interface Answer {
  confidence: number;
  tie: boolean;
  uncertain?: boolean;
}

/** The doubles the answers should give: status, pairs, confidence sum, uncertain, ties, then the buckets. */
function expectedDoubles(status: number, answers: Answer[], lengths: number[]): number[] {
  const confidence = [0, 0, 0, 0, 0]; // [0.5, 0.6) ... [0.9, 1]
  for (const a of answers) confidence[Math.min(4, Math.floor((a.confidence - 0.5) * 10))]!++;
  const length = [0, 0, 0, 0]; // 0-99, 100-999, 1000-9999, 10000+
  for (const n of lengths) length[Math.min(3, Math.max(0, Math.floor(Math.log10(n)) - 1))]!++;
  return [
    status,
    answers.length,
    answers.reduce((sum, a) => sum + a.confidence, 0),
    answers.filter((a) => a.uncertain).length,
    answers.filter((a) => a.tie).length,
    ...confidence,
    ...length,
  ];
}

const version = () => env.CF_VERSION_METADATA.id;

describe("one Analytics Engine data point per prediction request", () => {
  it("describes a prediction, and never holds the texts", async () => {
    const { points, PREDICTIONS } = recorder();
    const alice = await newClient("alice");
    const text1 = "SECRET-ONE: the survey telescope mapped the southern sky.";
    const text2 = `SECRET-TWO: ${"the telescope mapped the sky, and aliens built it. ".repeat(40)}`;
    const response = await fetchWith({ PREDICTIONS, ...apiKeys(alice) }, "/predict", post({ text1, text2 }, alice.headers));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(points).toEqual([
      {
        indexes: ["alice"],
        blobs: ["/predict", "", modelId.version, "AMS", version()],
        doubles: expectedDoubles(200, [answer], [text1.length, text2.length]),
      },
    ]);
    expect(JSON.stringify(points)).not.toContain("SECRET");
  });

  it("sums a batch's answers into one point, ties and pair count included", async () => {
    const { points, PREDICTIONS } = recorder();
    const pairs = [
      { text1: "The telescope observed the nebula.", text2: "Teh telescop observd the nebulla!!" },
      { text1: "Same text.", text2: "Same text." },
      { text1: "x".repeat(12_000), text2: "A short one." },
    ];
    const response = await fetchWith({ PREDICTIONS }, "/predict/batch", post({ pairs }));
    const { results } = (await response.json()) as { results: Answer[] };
    expect(results.filter((r) => r.tie)).toHaveLength(1);
    expect(points).toEqual([
      {
        indexes: [""], // the API is open: no client
        blobs: ["/predict/batch", "", modelId.version, "AMS", version()],
        doubles: expectedDoubles(200, results, pairs.flatMap((p) => [p.text1.length, p.text2.length])),
      },
    ]);
  });

  it("records refusals with their status and code, and the client when it is known", async () => {
    const alice = await newClient("alice");
    const pair = { text1: "a", text2: "b" };
    const refusals = [
      { path: "/predict", bindings: apiKeys(alice), init: post(pair, { Authorization: "Bearer nope" }), code: "unauthorized", client: "" },
      {
        path: "/predict",
        bindings: { ...apiKeys(alice), RATE_LIMITER: { limit: async () => ({ success: false }) } },
        init: post(pair, alice.headers),
        code: "rate_limited",
        client: "alice",
      },
      { path: "/predict", bindings: {}, init: post({ text1: "a" }), code: "invalid_request", client: "" },
      { path: "/predict/batch", bindings: {}, init: post({ pairs: Array(MAX_BATCH_PAIRS + 1).fill(pair) }), code: "too_many_pairs", client: "" },
    ] as const;
    for (const { path, bindings, init, code, client } of refusals) {
      const { points, PREDICTIONS } = recorder();
      const { status } = await fetchWith({ ...bindings, PREDICTIONS }, path, init);
      expect(status, code).toBe(ERRORS[code].status);
      expect(points, code).toEqual([
        { indexes: [client], blobs: [path, code, modelId.version, "AMS", version()], doubles: expectedDoubles(status, [], []) },
      ]);
    }
  });

  it("writes nothing for other routes, a wrong method or a preflight", async () => {
    const { points, PREDICTIONS } = recorder();
    for (const [path, init] of [
      ["/health", {}],
      ["/model_info", {}],
      ["/nowhere", {}],
      ["/predict", { method: "GET" }],
      ["/predict", { method: "OPTIONS", headers: { Origin: "https://a.example", "Access-Control-Request-Method": "POST" } }],
    ] as const) {
      await fetchWith({ PREDICTIONS }, path, init);
    }
    expect(points).toEqual([]);
  });

  it("runs without the dataset", async () => {
    const response = await fetchWith({ PREDICTIONS: undefined }, "/predict", post({ text1: "a", text2: "b" }));
    expect(response.status).toBe(200);
  });
});
