import { SELF } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { RequestLogLine } from "../../src/worker/middleware/request-log.js";
import { apiKeys, newClient } from "./clients.js";
import { BASE, postJson } from "./request.js";
import { fetchWith } from "./with-env.js";

/** The request log lines the Worker printed while `act` ran. */
async function logLines(act: () => Promise<Response>): Promise<{ response: Response; lines: RequestLogLine[]; raw: string[] }> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const response = await act();
  await response.arrayBuffer();
  const raw = log.mock.calls.map((args) => args.join(" "));
  log.mockRestore();
  const lines = raw.map((line) => JSON.parse(line) as RequestLogLine).filter((line) => line.message === "request");
  return { response, lines, raw };
}

afterEach(() => vi.restoreAllMocks());

describe("one structured log line per request", () => {
  it("logs id, method, route, status, latency and text lengths, never the texts", async () => {
    const text1 = "SECRET-ALPHA the first text";
    const text2 = "SECRET-BETA the other one, longer";
    const { response, lines, raw } = await logLines(() => postJson("/predict", { text1, text2 }, { "X-Request-Id": "log-test-1" }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      level: "info",
      message: "request",
      id: "log-test-1",
      method: "POST",
      route: "/predict",
      status: 200,
      latency_ms: expect.any(Number),
      text_lengths: [text1.length, text2.length],
    });
    expect(response.headers.get("X-Request-Id")).toBe("log-test-1");
    expect(raw.join("\n")).not.toContain("SECRET");
  });

  it("logs refused requests with their error code and without their texts", async () => {
    const { lines, raw } = await logLines(() => postJson("/predict", '{"text1": "SECRET-GAMMA", "text1": "SECRET-DELTA"}'));
    expect(lines).toEqual([expect.objectContaining({ route: "/predict", status: 400, error_code: "duplicate_key" })]);
    expect(lines[0]).not.toHaveProperty("text_lengths");
    expect(raw.join("\n")).not.toContain("SECRET");
  });

  it("logs the route pattern, not the path a client sent", async () => {
    const { lines } = await logLines(() => SELF.fetch(`${BASE}/SECRET-PATH?q=SECRET-QUERY`));
    expect(lines).toEqual([expect.objectContaining({ method: "GET", route: "/*", status: 404, error_code: "not_found" })]);
    expect(JSON.stringify(lines)).not.toContain("SECRET");
  });

  it("names the client that called, and no client for a refused key", async () => {
    const alice = await newClient("alice");
    const init = { method: "POST", headers: { "Content-Type": "application/json", ...alice.headers }, body: '{"text1":"a","text2":"b"}' };
    const { lines } = await logLines(() => fetchWith(apiKeys(alice), "/predict", init));
    expect(lines).toEqual([expect.objectContaining({ route: "/predict", status: 200, client: "alice" })]);
    const refused = await logLines(() => fetchWith(apiKeys(alice), "/predict", { ...init, headers: { ...init.headers, Authorization: "Bearer nope" } }));
    expect(refused.lines).toEqual([expect.objectContaining({ status: 401, error_code: "unauthorized" })]);
    expect(refused.lines[0]).not.toHaveProperty("client");
    expect(JSON.stringify(refused.raw)).not.toContain(alice.key);
  });
});
