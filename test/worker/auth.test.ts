import { describe, expect, it } from "vitest";
import { errorOf } from "./request.js";
import { fetchWith } from "./with-env.js";

const TOKEN = "test-token_0123456789abcdef";
const withToken = { API_TOKEN: TOKEN };
const predictBody = { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"text1":"a","text2":"b"}' };

describe("with API_TOKEN set", () => {
  it.each([
    ["no Authorization header", {}, 'Bearer realm=""'],
    ["a wrong token", { Authorization: "Bearer not-the-token" }, 'Bearer error="invalid_token"'],
    ["a token that differs in the last character", { Authorization: `Bearer ${TOKEN.slice(0, -1)}g` }, 'Bearer error="invalid_token"'],
    ["another scheme", { Authorization: `Basic ${TOKEN}` }, 'Bearer error="invalid_request"'],
    ["a malformed header", { Authorization: "Bearer" }, 'Bearer error="invalid_request"'],
  ])("answers 401 unauthorized for %s, with WWW-Authenticate", async (_, headers, challenge) => {
    for (const [path, init] of [["/predict", predictBody], ["/model_info", {}], ["/nowhere", {}]] as const) {
      const response = await fetchWith(withToken, path, { ...init, headers: { ...init.headers, ...headers } });
      expect(response.status).toBe(401);
      expect(response.headers.get("WWW-Authenticate")).toBe(challenge);
      expect((await errorOf(response)).code).toBe("unauthorized");
      expect(response.headers.get("X-Request-Id")).toBeTruthy();
    }
  });

  it("serves a request with the right token", async () => {
    const response = await fetchWith(withToken, "/predict", { ...predictBody, headers: { ...predictBody.headers, Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty("real_text_id");
  });

  it("keeps /health open and reports the token mode", async () => {
    const response = await fetchWith(withToken, "/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", auth: "token" });
  });

  it("keeps the docs, the OpenAPI document and the demo page public", async () => {
    for (const path of ["/docs", "/openapi.json", "/"]) {
      const response = await fetchWith(withToken, path);
      expect(response.status, path).toBe(200);
    }
  });

  it("answers CORS preflights without a token", async () => {
    const response = await fetchWith(withToken, "/predict", {
      method: "OPTIONS",
      headers: { Origin: "https://example.org", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Headers")?.toLowerCase()).toContain("authorization");
  });
});

describe("without API_TOKEN", () => {
  it.each([["unset", undefined], ["empty", ""]])("is open when the token is %s, and /health says so", async (_, token) => {
    const health = await fetchWith({ API_TOKEN: token }, "/health");
    expect(await health.json()).toMatchObject({ auth: "open" });
    const response = await fetchWith({ API_TOKEN: token }, "/predict", predictBody);
    expect(response.status).toBe(200);
  });

  it("ignores an Authorization header", async () => {
    const response = await fetchWith({}, "/predict", { ...predictBody, headers: { ...predictBody.headers, Authorization: "Bearer whatever" } });
    expect(response.status).toBe(200);
  });
});
