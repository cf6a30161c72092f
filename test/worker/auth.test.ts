import { afterEach, describe, expect, it, vi } from "vitest";
import { apiKeys, newClient } from "./clients.js";
import { errorOf } from "./request.js";
import { fetchWith } from "./with-env.js";

afterEach(() => vi.restoreAllMocks());

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

describe("with API_KEYS set (named keys)", () => {
  const predict = (bindings: Partial<Env>, headers: Record<string, string>) =>
    fetchWith(bindings, "/predict", { ...predictBody, headers: { ...predictBody.headers, ...headers } });

  it("serves each listed client, and /health reports the keys mode", async () => {
    const [alice, bob] = [await newClient("alice"), await newClient("bob")];
    for (const client of [alice, bob]) expect((await predict(apiKeys(alice, bob), client.headers)).status).toBe(200);
    expect(await (await fetchWith(apiKeys(alice), "/health")).json()).toMatchObject({ auth: "keys" });
  });

  it("refuses a revoked key with 401 unauthorized, and keeps serving the others", async () => {
    const [alice, bob] = [await newClient("alice"), await newClient("bob")];
    expect((await predict(apiKeys(alice, bob), bob.headers)).status).toBe(200);
    const revoked = await predict(apiKeys(alice), bob.headers); // bob's line removed from the secret
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("WWW-Authenticate")).toBe('Bearer error="invalid_token"');
    expect(await errorOf(revoked)).toEqual({ code: "unauthorized", message: "the bearer token is not valid" });
    expect((await predict(apiKeys(alice), alice.headers)).status).toBe(200);
  });

  it("refuses the hash itself: the secret holds no usable key", async () => {
    const alice = await newClient("alice");
    const hash = alice.line.split(":")[1]!;
    expect((await predict(apiKeys(alice), { Authorization: `Bearer ${hash}` })).status).toBe(401);
  });

  it("reads lines with spaces, CRLF, blank lines and upper-case hashes", async () => {
    const [alice, bob] = [await newClient("alice"), await newClient("bob")];
    const secret = `\r\n  ${alice.line.toUpperCase().replace("ALICE", "alice")}  \r\n\r\n${bob.line}\r\n`;
    for (const client of [alice, bob]) expect((await predict({ API_KEYS: secret }, client.headers)).status).toBe(200);
  });

  it("ignores malformed lines with one warning naming their numbers, never their text", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const alice = await newClient("alice");
    const secret = ["bob:not-a-hash", alice.line, "a-pasted-raw-key-SECRET", `-dash:${"0".repeat(64)}`, alice.line].join("\n");
    expect((await predict({ API_KEYS: secret }, alice.headers)).status).toBe(200);
    expect((await predict({ API_KEYS: secret }, alice.headers)).status).toBe(200);
    expect((await predict({ API_KEYS: secret }, { Authorization: "Bearer not-a-hash" })).status).toBe(401);
    expect(warn).toHaveBeenCalledTimes(1); // once per isolate and secret, not per request
    const warning = JSON.parse(String(warn.mock.calls[0]![0])) as { level: string; problems: string[] };
    expect(warning.level).toBe("warn");
    expect(warning.problems.map((p) => p.split(":")[0])).toEqual(["line 1", "line 3", "line 4", "line 5"]);
    expect(JSON.stringify(warning)).not.toMatch(/SECRET|not-a-hash|alice/);
  });

  it("refuses everyone, rather than opening the API, when no line is valid", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const bindings = { API_KEYS: "alice" };
    expect((await predict(bindings, { Authorization: "Bearer alice" })).status).toBe(401);
    expect((await predict(bindings, {})).status).toBe(401);
    expect(await (await fetchWith(bindings, "/health")).json()).toMatchObject({ auth: "keys" });
  });

  it("serves API_TOKEN and the named keys side by side", async () => {
    const alice = await newClient("alice");
    const bindings = { ...withToken, ...apiKeys(alice) };
    expect((await predict(bindings, alice.headers)).status).toBe(200);
    expect((await predict(bindings, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await predict(bindings, { Authorization: "Bearer neither" })).status).toBe(401);
    expect(await (await fetchWith(bindings, "/health")).json()).toMatchObject({ auth: "token+keys" });
  });
});

describe("without API_TOKEN or API_KEYS", () => {
  it.each([["unset", undefined], ["empty", ""], ["blank", " \n "]])("is open when they are %s, and /health says so", async (_, value) => {
    const bindings = { API_TOKEN: value?.trim(), API_KEYS: value };
    const health = await fetchWith(bindings, "/health");
    expect(await health.json()).toMatchObject({ auth: "open" });
    const response = await fetchWith(bindings, "/predict", predictBody);
    expect(response.status).toBe(200);
  });

  it("ignores an Authorization header", async () => {
    const response = await fetchWith({}, "/predict", { ...predictBody, headers: { ...predictBody.headers, Authorization: "Bearer whatever" } });
    expect(response.status).toBe(200);
  });
});
