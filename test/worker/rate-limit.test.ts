import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiKeys, newClient } from "./clients.js";
import { errorOf } from "./request.js";
import { fetchWith } from "./with-env.js";

// RATE_LIMITER_TEST is Miniflare's implementation of the binding with limit 3 per 60 s (vitest.config.ts).
const LIMIT = 3;
const PERIOD = 60;
const lowLimit = { RATE_LIMITER: env.RATE_LIMITER_TEST };
let clients = 0;
// Every test its own addresses and key names, so tests stay independent.
const newClientIp = () => `198.51.100.${++clients}`;
const newName = () => `client-${++clients}`;

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

  it("gives each named key its own budget, whatever the address", async () => {
    const [first, second] = [await newClient(newName()), await newClient(newName())];
    const keys = apiKeys(first, second);
    const responses = await burst(LIMIT + 1, () => call(newClientIp(), keys, first.headers));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect((await call(newClientIp(), keys, second.headers)).status).toBe(200);
  });

  it("shares one budget between the keys of one name", async () => {
    const name = newName();
    const [old, renewed] = [await newClient(name), await newClient(name)];
    const keys = apiKeys(old, renewed);
    let sent = 0;
    const responses = await burst(LIMIT + 1, () => call(newClientIp(), keys, (sent++ % 2 ? old : renewed).headers));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
  });

  it("keys API_TOKEN's holders as one client, apart from the named keys", async () => {
    const client = await newClient(newName());
    const bindings = { API_TOKEN: "the-shared-token", ...apiKeys(client) };
    const responses = await burst(LIMIT + 1, () => call(newClientIp(), bindings, { Authorization: "Bearer the-shared-token" }));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect((await call(newClientIp(), bindings, client.headers)).status).toBe(200);
  });

  it("does not count requests refused for a bad key", async () => {
    const client = await newClient(newName());
    const ip = newClientIp();
    const refused = await burst(LIMIT + 1, () => call(ip, apiKeys(client), { Authorization: "Bearer wrong" }));
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect((await call(ip, apiKeys(client), client.headers)).status).toBe(200);
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
