import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "../../src/model/features.js";
import { scorePair } from "../../src/model/scorer.js";
import { parseWeightsFile } from "../../src/model/weights-file.js";
import { modelOf } from "../../src/model/weights.js";
import weightsJson from "../../weights/model.json";
import { FIXTURE_PAIRS } from "../fixtures/pairs.js";
import { BASE, postJson } from "./request.js";
import { fetchWith } from "./with-env.js";

const file = parseWeightsFile(weightsJson);
const model = modelOf(file);

describe("GET /health", () => {
  it("answers ok with the model's name and version", async () => {
    const response = await SELF.fetch(`${BASE}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      model: { name: file.model.name, version: file.model.version },
      auth: "open",
      deployment: { version_id: env.CF_VERSION_METADATA.id, version_tag: env.CF_VERSION_METADATA.tag },
    });
  });
});

describe("the deployment's version (version metadata binding)", () => {
  const tagged = { CF_VERSION_METADATA: { id: "0a1b2c3d-version", tag: "v1.2.3", timestamp: "2026-07-01T00:00:00Z" } };

  it.each(["/health", "/model_info"])("%s shows its id and tag", async (path) => {
    const body = (await (await fetchWith(tagged, path)).json()) as Record<string, unknown>;
    expect(body.deployment).toEqual({ version_id: "0a1b2c3d-version", version_tag: "v1.2.3" });
  });

  it.each(["/health", "/model_info"])("%s leaves it out without the binding", async (path) => {
    const response = await fetchWith({ CF_VERSION_METADATA: undefined }, path);
    expect(response.status).toBe(200);
    expect(await response.json()).not.toHaveProperty("deployment");
  });
});

describe("GET /model_info", () => {
  it("describes the model, its features, training and metrics", async () => {
    const response = await SELF.fetch(`${BASE}/model_info`);
    expect(response.status).toBe(200);
    const info = (await response.json()) as Record<string, any>;
    expect(info.model).toEqual(file.model);
    expect(info.features.map((f: { name: string }) => f.name)).toEqual(FEATURE_NAMES);
    expect(info.features[0]).toEqual({ ...file.features[0], description: expect.any(String) });
    expect(info.training).toEqual(file.training);
    expect(info.metrics).toEqual(file.metrics);
    expect(info.uncertainty).toEqual(file.uncertainty);
    expect(info.tables).toMatchObject({ buckets: 2 ** file.tables.bits, char_ngram_entries: file.tables.char_ngram.entries });
    expect(info.weights_sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("POST /predict", () => {
  it("answers which text is real, with the model's own probability", async () => {
    for (const pair of FIXTURE_PAIRS) {
      const response = await postJson("/predict", { text1: pair.text1, text2: pair.text2 });
      expect(response.status).toBe(200);
      const expected = scorePair(model, pair.text1, pair.text2);
      expect(await response.json()).toEqual({
        real_text_id: pair.real_text_id,
        probability_text1_real: expected.probability,
        confidence: pair.real_text_id === 1 ? expected.probability : 1 - expected.probability,
        score: expected.score,
        tie: false,
        uncertain: expected.confidence < file.uncertainty.confidence_threshold,
        model: { name: file.model.name, version: file.model.version },
      });
    }
  });

  it("flips the answer when the texts swap", async () => {
    const [pair] = FIXTURE_PAIRS;
    const forward = (await (await postJson("/predict", { text1: pair!.text1, text2: pair!.text2 })).json()) as Record<string, number>;
    const backward = (await (await postJson("/predict", { text1: pair!.text2, text2: pair!.text1 })).json()) as Record<string, number>;
    expect(backward.real_text_id).toBe(3 - forward.real_text_id!);
    expect(backward.score).toBe(-forward.score!);
  });

  it("reports identical texts as a tie, answering 1", async () => {
    const response = await postJson("/predict", { text1: "same text", text2: "same text" });
    expect(await response.json()).toMatchObject({ real_text_id: 1, probability_text1_real: 0.5, tie: true, score: 0, uncertain: true });
  });

  it("scores texts that lower case makes longer, however long (each İ reads as i and a dot)", async () => {
    // 20,000 İ read as 40,000 units: past the hashing's first scratch space, whose growth once went by the text's length.
    const text1 = `Dotted capitals: ${"İ".repeat(20_000)}`;
    const text2 = "Dotted capitals, and none of them.";
    const response = await postJson("/predict", { text1, text2 });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Number.isFinite(body.score)).toBe(true);
    expect(body.score).toBe(scorePair(model, text1, text2).score);
  });

  it("accepts empty texts and a charset parameter", async () => {
    const response = await postJson("/predict", { text1: "", text2: "" }, { "Content-Type": "application/json; charset=utf-8" });
    expect(response.status).toBe(200);
  });

  it("allows cross-origin calls", async () => {
    const response = await postJson("/predict", { text1: "a", text2: "b" }, { Origin: "https://example.org" });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const preflight = await SELF.fetch(`${BASE}/predict`, {
      method: "OPTIONS",
      headers: { Origin: "https://example.org", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toContain("POST");
  });
});
