import { SELF } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { secureHtml } from "../../src/worker/secure-html.js";
import { BASE, postJson } from "./request.js";
import { fetchWith } from "./with-env.js";

describe("CORS origins from ALLOWED_ORIGINS", () => {
  const origins = { ALLOWED_ORIGINS: "https://a.example, https://b.example" };

  it.each([
    ["a listed origin", "https://b.example", "https://b.example"],
    ["an unlisted origin", "https://evil.example", null],
  ])("answers %s", async (_, origin, allowed) => {
    const response = await fetchWith(origins, "/health", { headers: { Origin: origin } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(allowed);
    const preflight = await fetchWith(origins, "/predict", {
      method: "OPTIONS",
      headers: { Origin: origin, "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe(allowed);
  });

  it.each([["unset", undefined], ["*", "*"], ["blank", " , "]])("allows any origin when the variable is %s", async (_, value) => {
    const response = await fetchWith({ ALLOWED_ORIGINS: value }, "/health", { headers: { Origin: "https://x.example" } });
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
  });

  it("exposes the request id and Retry-After to browsers", async () => {
    const response = await SELF.fetch(`${BASE}/health`, { headers: { Origin: "https://x.example" } });
    expect(response.headers.get("Access-Control-Expose-Headers")).toBe("X-Request-Id,Retry-After");
  });
});

describe("secure headers on HTML and docs", () => {
  const page = new Hono().use(secureHtml(["/docs"])).get("/page", (c) => c.html("<p>hi</p>")).get("/data", (c) => c.json({}));

  it("sets them on every text/html response", async () => {
    const response = await page.request("/page");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect(response.headers.get("Strict-Transport-Security")).toContain("max-age=");
  });

  it("sets them on the listed paths whatever they answer", async () => {
    expect((await page.request("/docs")).headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect((await SELF.fetch(`${BASE}/docs`)).headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
  });

  it("leaves JSON API responses alone", async () => {
    expect((await page.request("/data")).headers.get("X-Frame-Options")).toBeNull();
    expect((await SELF.fetch(`${BASE}/health`)).headers.get("X-Frame-Options")).toBeNull();
  });
});

describe("X-Request-Id", () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("is on every response, success or error, fresh each time", async () => {
    const responses = await Promise.all([
      SELF.fetch(`${BASE}/health`),
      SELF.fetch(`${BASE}/nowhere`),
      postJson("/predict", "{"),
      postJson("/predict", { text1: "a", text2: "b" }),
      SELF.fetch(`${BASE}/predict`, { method: "OPTIONS", headers: { Origin: "https://x.example", "Access-Control-Request-Method": "POST" } }),
    ]);
    const ids = responses.map((r) => r.headers.get("X-Request-Id"));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps a sane incoming id", async () => {
    const response = await SELF.fetch(`${BASE}/health`, { headers: { "X-Request-Id": "trace-42_abc=" } });
    expect(response.headers.get("X-Request-Id")).toBe("trace-42_abc=");
  });

  it.each([["spaces and quotes", 'a "b" c'], ["too long", "x".repeat(256)], ["a newline-free injection attempt", "a;b<script>"]])(
    "replaces an incoming id with %s",
    async (_, id) => {
      const response = await SELF.fetch(`${BASE}/health`, { headers: { "X-Request-Id": id } });
      expect(response.headers.get("X-Request-Id")).toMatch(UUID);
    },
  );
});
