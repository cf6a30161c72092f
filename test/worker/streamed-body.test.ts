/**
 * Bodies streamed without Content-Length (chunked uploads): the size limits must count the bytes
 * as they arrive, since no header announces them.
 */
import { SELF, createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker/index.js";
import { MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES } from "../../src/worker/limits.js";
import { BASE, errorOf } from "./request.js";

const CHUNK = 64 * 1024;

/** A valid JSON body padded with trailing spaces to exactly `size` bytes, as a stream of chunks. */
function paddedStream(json: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(json.padEnd(size, " "));
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + CHUNK));
      offset += CHUNK;
    },
  });
}

async function postStream(path: string, json: string, size: number): Promise<Response> {
  const request = new Request(`${BASE}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: paddedStream(json, size) });
  expect(request.headers.get("Content-Length")).toBeNull();
  return worker.fetch(request, env, createExecutionContext());
}

describe.each([
  ["/predict", MAX_BODY_BYTES, '{"text1":"a","text2":"b"}'],
  ["/predict/batch", MAX_BATCH_BODY_BYTES, '{"pairs":[{"text1":"a","text2":"b"}]}'],
])("a body streamed to %s without Content-Length", (path, limit, json) => {
  it(`answers 413 body_too_large at ${limit} + 1 bytes`, async () => {
    const response = await postStream(path, json, limit + 1);
    expect(response.status).toBe(413);
    const error = await errorOf(response);
    expect(error.code).toBe("body_too_large");
    expect(error.message).toContain(String(limit));
  });

  it(`is accepted at exactly ${limit} bytes`, async () => {
    const response = await postStream(path, json, limit);
    expect(response.status).toBe(200);
  });
});

describe("a body that arrives in tiny chunks", () => {
  /** The bytes in chunks of `size`, sent through the runtime as a client's chunked upload would be. */
  const chunked = (bytes: Uint8Array, size: number) => {
    let offset = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, (offset += size)));
      },
    });
  };
  const send = (body: ReadableStream<Uint8Array>) =>
    SELF.fetch(`${BASE}/predict`, { method: "POST", headers: { "Content-Type": "application/json" }, body });

  it("gets the same answer as the body sent whole, read by the byte", async () => {
    const json = JSON.stringify({ text1: "A short authentic text.", text2: "A short edited text, ça va?" });
    const whole = await (await SELF.fetch(`${BASE}/predict`, { method: "POST", headers: { "Content-Type": "application/json" }, body: json })).json();
    const response = await send(chunked(new TextEncoder().encode(json), 1));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(whole);
  });

  it(`answers 413 body_too_large past ${MAX_BODY_BYTES} bytes`, async () => {
    const response = await send(chunked(new TextEncoder().encode('{"text1":"a","text2":"b"}'.padEnd(MAX_BODY_BYTES + 1, " ")), 1000));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("body_too_large");
  });
});
