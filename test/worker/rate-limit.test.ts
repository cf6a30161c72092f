import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { errorOf } from "./request.js";
import { fetchWith } from "./with-env.js";

// RATE_LIMITER_TEST is Miniflare's implementation of the binding with limit 3 per 60 s (vitest.config.ts).
const LIMIT = 3;
const PERIOD = 60;
const lowLimit = { RATE_LIMITER: env.RATE_LIMITER_TEST };
let clients = 0;
const newClientIp = () => `198.51.100.${++clients}`; // every test its own key, so tests stay independent

/** Statuses of `count` requests; redone if Miniflare's fixed window turned over meanwhile. */
async function burst(count: number, send: () => Promise<Response>): Promise<Response[]> {
  for (;;) {
    const window = Math.floor(Date.now() / (PERIOD * 1000));
    const responses: Response[] = [];
    for (let i = 0; i < count; i++) responses.push(await send());
    if (Math.floor(Date.now() / (PERIOD * 1000)) === window) return responses;
  }
}

const call = (ip: string, bindings: object = {}, headers: Record<string, string> = {}) =>
  fetchWith({ ...lowLimit, ...bindings }, "/model_info", { headers: { "CF-Connecting-IP": ip, ...headers } });

describe("rate limiting (Workers Rate Limiting binding under Miniflare)", () => {
  it("allows the limit, then answers 429 rate_limited with Retry-After", async () => {
    const ip = newClientIp();
    const responses = await burst(LIMIT + 2, () => call(ip));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    const limited = responses[LIMIT]!;
    expect(limited.headers.get("Retry-After")).toBe("60"); // the binding's longest period
    expect(limited.headers.get("X-Request-Id")).toBeTruthy();
    expect((await errorOf(limited)).code).toBe("rate_limited");
  });

  it("counts each client address separately", async () => {
    const [first, second] = [newClientIp(), newClientIp()];
    const responses = await burst(LIMIT + 1, () => call(first));
    expect(responses.at(-1)!.status).toBe(429);
    expect((await call(second)).status).toBe(200);
  });

  it("keys by the token when API_TOKEN is set, whatever the address", async () => {
    const token = `token-${newClientIp()}`;
    const auth = { Authorization: `Bearer ${token}` };
    const responses = await burst(LIMIT + 1, () => call(newClientIp(), { API_TOKEN: token }, auth));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
  });

  it("does not count requests refused for a bad token", async () => {
    const token = `token-${newClientIp()}`;
    const ip = newClientIp();
    const refused = await burst(LIMIT + 1, () => call(ip, { API_TOKEN: token }, { Authorization: "Bearer wrong" }));
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect((await call(ip, { API_TOKEN: token }, { Authorization: `Bearer ${token}` })).status).toBe(200);
  });

  it("never limits /health", async () => {
    const ip = newClientIp();
    const responses = await burst(LIMIT + 2, () => fetchWith(lowLimit, "/health", { headers: { "CF-Connecting-IP": ip } }));
    expect(responses.map((r) => r.status)).toEqual(Array(LIMIT + 2).fill(200));
  });

  it("shares one bucket between requests without a client address", async () => {
    // Cloudflare always sets CF-Connecting-IP; without it the request is not let through unlimited.
    const responses = await burst(LIMIT + 1, () => fetchWith(lowLimit, "/model_info"));
    expect(responses.at(-1)!.status).toBe(429);
  });
});
