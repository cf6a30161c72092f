import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "../../src/model/codec.js";

describe("base64", () => {
  it("matches the standard encoding and round-trips any bytes", () => {
    expect(toBase64(new TextEncoder().encode("any carnal pleas"))).toBe("YW55IGNhcm5hbCBwbGVhcw==");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it("refuses what is not padded base64", () => {
    expect(() => fromBase64("abc")).toThrow(/multiple of 4/);
    expect(() => fromBase64("ab!d")).toThrow(/not base64/);
    expect(() => fromBase64("a=bc")).toThrow(/not base64/);
    expect(() => fromBase64("ab c")).toThrow(/not base64/);
  });
});
