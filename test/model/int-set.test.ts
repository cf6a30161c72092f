import fc from "fast-check";
import { expect, it } from "vitest";
import { IntSet, mixKey, newSeed } from "../../src/model/int-set.js";

it("behaves like a Set of int32 values, across growth, with 0 and extreme keys", () => {
  const key = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31)), fc.integer({ min: -8, max: 8 }));
  fc.assert(
    fc.property(fc.array(key, { maxLength: 500 }), fc.array(key, { maxLength: 50 }), (keys, probes) => {
      const ints = new IntSet();
      const reference = new Set<number>();
      for (const k of keys) {
        expect(ints.add(k)).toBe(!reference.has(k));
        reference.add(k);
        expect(ints.size).toBe(reference.size);
      }
      for (const k of [...keys, ...probes]) expect(ints.has(k)).toBe(reference.has(k));
    }),
  );
});

it("takes keys as int32, so a uint32 hash and its int32 form are the same key", () => {
  const ints = new IntSet();
  ints.add(0x811c9dc5);
  expect(ints.has(0x811c9dc5 | 0)).toBe(true);
  expect(ints.add(0x811c9dc5 | 0)).toBe(false);
  expect(ints.size).toBe(1);
});

it("is empty after clear, whether it keeps its table or shrinks it", () => {
  fc.assert(
    fc.property(fc.array(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 2000 }), { maxLength: 6 }), (rounds) => {
      const ints = new IntSet();
      for (const keys of rounds) {
        ints.clear();
        expect(ints.size).toBe(0);
        const reference = new Set<number>();
        for (const k of keys) {
          expect(ints.add(k)).toBe(!reference.has(k));
          reference.add(k);
        }
        expect(ints.size).toBe(reference.size);
        for (const k of keys) expect(ints.has(k)).toBe(true);
        expect(ints.has(0)).toBe(reference.has(0));
      }
    }),
    { numRuns: 50 },
  );
});

it("spreads keys that a fixed multiplicative hash puts in one place, in both its high and its low bits", () => {
  // 0x9e3779b1 is odd, so it has an inverse: these keys times it are 0..4095, all in the top 16 bits' slot 0.
  const inverse = [...Array(5)].reduce((x: number) => Math.imul(x, 2 - Math.imul(0x9e3779b1, x)), 0x9e3779b1);
  const sameHigh = Array.from({ length: 4096 }, (_, i) => Math.imul(i, inverse));
  expect(new Set(sameHigh.map((k) => Math.imul(k, 0x9e3779b1) >>> 16))).toEqual(new Set([0]));
  const sameLow = Array.from({ length: 4096 }, (_, i) => i << 16); // any odd multiplier keeps their low 16 bits 0
  for (const keys of [sameHigh, sameLow]) {
    const seed = newSeed();
    // Of 4,096 slots, random places fill about 2,590 (1 - 1/e); the fixed hash puts them all in one.
    expect(new Set(keys.map((k) => mixKey(k, seed) >>> 20)).size).toBeGreaterThan(2400);
    expect(new Set(keys.map((k) => mixKey(k, seed) & 0xfff)).size).toBeGreaterThan(2400);
  }
});

it("takes a new seed for each set, so no fixed list of keys collides in every isolate", () => {
  expect(new Set(Array.from({ length: 20 }, newSeed)).size).toBeGreaterThan(15);
});
