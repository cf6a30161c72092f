import { SELF } from "cloudflare:test";
import fc from "fast-check";

export const BASE = "http://localhost";

export function postJson(path: string, body: unknown): Promise<Response> {
  return SELF.fetch(BASE + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Texts of every kind: prose-like words, arbitrary code points (lone surrogates too), empty. */
export const textArb = fc.oneof(
  fc.lorem({ maxCount: 40, mode: "sentences" }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.constant(""),
);

export const pairArb = fc.record({ text1: textArb, text2: textArb });
