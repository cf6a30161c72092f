import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
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

describe("secure headers on the pages", () => {
  it.each(["/", "/docs"])("sets them and the CSP on %s, on its 405 too", async (path) => {
    for (const method of ["GET", "POST"]) {
      const response = await SELF.fetch(`${BASE}${path}`, { method });
      expect(response.status).toBe(method === "GET" ? 200 : 405);
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
      expect(response.headers.get("Strict-Transport-Security")).toContain("max-age=");
      expect(response.headers.get("Content-Security-Policy")).toBe(
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
    }
  });

  it("leaves JSON API responses alone", async () => {
    for (const response of [await SELF.fetch(`${BASE}/health`), await postJson("/predict", { text1: "a", text2: "b" })]) {
      expect(response.headers.get("X-Frame-Options")).toBeNull();
      expect(response.headers.get("Content-Security-Policy")).toBeNull();
    }
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
