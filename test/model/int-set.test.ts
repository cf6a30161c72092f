import fc from "fast-check";
import { expect, it } from "vitest";
import { IntSet } from "../../src/model/int-set.js";

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
