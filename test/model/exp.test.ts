import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exp } from "../../src/model/exp.js";

/** Distance in units in the last place between two positive finite doubles. */
function ulps(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Number(view.getBigInt64(0) - view.getBigInt64(8));
}

describe("exp", () => {
  it("is within one ulp of Math.exp over the range the scorer and the trainer use", () => {
    fc.assert(
      fc.property(fc.double({ min: -745, max: 709, noNaN: true }), (x) => {
        expect(Math.abs(ulps(exp(x), Math.exp(x)))).toBeLessThanOrEqual(1);
      }),
      { numRuns: 20_000 },
    );
  });

  it("is exact where e^x is", () => {
    expect(exp(0)).toBe(1);
    expect(exp(-0)).toBe(1);
    expect(exp(1e-300)).toBe(1);
  });

  it("handles the edges: overflow, underflow, subnormal results, infinities and NaN", () => {
    expect(exp(710)).toBe(Infinity);
    expect(exp(Infinity)).toBe(Infinity);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(-746)).toBe(0);
    expect(exp(-740)).toBeGreaterThan(0);
    expect(Math.abs(ulps(exp(-740), Math.exp(-740)))).toBeLessThanOrEqual(1);
    expect(exp(Number.NaN)).toBeNaN();
  });

  it("gives fdlibm's values to the bit, in Node and in workerd alike", () => {
    // Computed by fdlibm's e_exp.c compiled with gcc. The first is the golden pair generated-33's
    // e^-score, for which workerd's own Math.exp differs from Node 20's in the last bit.
    const expected: [number, number][] = [
      [1.3118380657584012, 3.7129921676703814],
      [-2.5, 0.0820849986238988],
      [4, 54.598150033144236],
      [23.456789, 15387002553.909058],
      [-0.9999999999, 0.36787944120823024],
      [0.34657359027997264, 1.4142135623730949],
      [709.78164764111, 1.7957791577776658e308],
      [-740, 4.1995579896505956e-322],
    ];
    for (const [x, value] of expected) expect(exp(x)).toBe(value);
  });
});
