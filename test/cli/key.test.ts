/**
 * npm run key: the printed line holds the hash of the printed key, and the key opens the API (the
 * Worker's app, run here in Node with a stand-in rate limiter) while another key does not.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { app } from "../../src/worker/app.js";
import { runTool } from "./tools.js";

function newKey(name: string) {
  const { status, stdout, stderr } = runTool("key", [name]);
  expect(status, stderr).toBe(0);
  const [, key] = /^key: +(\S+)$/m.exec(stdout) ?? [];
  const [, lineName, hash] = /^line: +([^:\s]+):([0-9a-f]{64})$/m.exec(stdout) ?? [];
  return { key: key!, line: `${lineName}:${hash}`, lineName, hash };
}

const bindings = (apiKeys: string) => ({ API_KEYS: apiKeys, RATE_LIMITER: { limit: async () => ({ success: true }) } });

const predict = (apiKeys: string, key: string) =>
  app.request(
    "/predict",
    { method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` }, body: '{"text1":"a","text2":"b"}' },
    bindings(apiKeys),
  );

describe("npm run key -- NAME", () => {
  it("prints a new key and the API_KEYS line holding its SHA-256", () => {
    const { key, lineName, hash } = newKey("alice");
    expect(lineName).toBe("alice");
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits in base64url: valid as a Bearer token
    expect(hash).toBe(createHash("sha256").update(key).digest("hex"));
    expect(newKey("alice").key).not.toBe(key);
  });

  it("prints a key that the API lets in under its name, and a line that lets no other key in", async () => {
    const alice = newKey("alice");
    const bob = newKey("bob");
    expect((await predict(alice.line, alice.key)).status).toBe(200);
    expect((await predict(alice.line, bob.key)).status).toBe(401);
    expect((await predict(alice.line, alice.hash!)).status).toBe(401);
  });

  it.each([[[]], [["-x"]], [["a:b"]], [["alice", "bob"]]])("refuses %j with its usage", (args) => {
    const { status, stdout, stderr } = runTool("key", args);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("usage: npm run key -- NAME");
  });
});
