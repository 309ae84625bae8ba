import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { decodeValues, encodeValues } from "../../src/node/codec.js";
import { createMatcher } from "../../src/index.js";
import { generateMarket } from "../../bench/market-generator.js";

// Plain data as explained matches hold it: objects, arrays, strings, doubles (-0, NaN, ±Infinity
// included), booleans, null and undefined values kept under their keys.
const plain = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.constantFrom(-0, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.MIN_VALUE),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 6 }).filter((key) => key !== "__proto__"), tie("value"), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;

/** Deep strict equality and the same key order at every level. */
function same(a: unknown, b: unknown): boolean {
  if (!isDeepStrictEqual(a, b)) return false;
  if (typeof a !== "object" || a === null) return true;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b as object);
  return keysA.join("\u0000") === keysB.join("\u0000") && keysA.every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

describe("the compact form of worker replies", () => {
  test.prop([fc.array(plain, { maxLength: 6 })], { seed: 1402, numRuns: 300 })("decoding gives back every plain value exactly: keys in order, undefined kept, every double bit for bit", (values) => {
    const encoded = encodeValues(values);
    expect(encoded).toBeDefined();
    expect(same(decodeValues(encoded!), values)).toBe(true);
  });

  it("refuses what a plain decode could not rebuild, so the caller sends it as it is", () => {
    const sparse: unknown[] = [1];
    sparse[2] = 3;
    const withExtra = Object.assign([1, 2], { extra: true });
    class Point {
      x = 1;
    }
    for (const value of [new Map([["a", 1]]), new Set([1]), new Date(0), new Point(), new Uint8Array(2), sparse, withExtra, JSON.parse('{"__proto__": 1}'), Object.create(null) as unknown, () => 1, Symbol("s"), 10n]) {
      expect(encodeValues([{ ok: 1 }, { nested: [value] }])).toBeUndefined();
    }
  });

  it("refuses everything while Object.prototype has an enumerable property (for…in would read it as a key)", () => {
    let planted: unknown;
    Object.defineProperty(Object.prototype, "planted", { value: 1, enumerable: true, configurable: true, writable: true });
    try {
      planted = encodeValues([{ ok: 1 }]);
    } finally {
      delete (Object.prototype as { planted?: number }).planted;
    }
    expect(planted).toBeUndefined();
    expect(encodeValues([{ ok: 1 }])).toBeDefined();
  });

  it("gives back explained matches exactly as the matcher built them", () => {
    const { companies, buyers } = generateMarket({ companies: 12, buyers: 300, seed: 14 });
    for (const options of [{ top: 5 }, { top: 3, viewpoint: "mutual" as const }]) {
      const lists = [...createMatcher(buyers, options).rankAll(companies).values()];
      expect(same(decodeValues(encodeValues(lists)!), lists)).toBe(true);
    }
  });
});
