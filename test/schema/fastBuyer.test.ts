/**
 * The fast buyer check (src/schema/fastBuyer.ts) stands in front of BuyerSchema when a market is
 * built. It must accept exactly what the schema accepts and give the schema's parsed value, so that
 * a record is the same whichever path it took; whatever it refuses goes to zod, which reports.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { createMatcher, BuyerMatchError } from "../../src/index.js";
import { BuyerSchema } from "../../src/schema/buyer.js";
import { createBuyerCheck } from "../../src/schema/fastBuyer.js";
import { buyerArbitrary } from "../engine/arbitraries.js";
import { generateRealisticMarket } from "../../bench/realistic-market.js";

const settings = { seed: 14, numRuns: 400 } as const;

/** Values that break one rule or another: bad codes, lost zeros, bad countries, out-of-range numbers, wrong types. */
const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom("", "  ", "203", "87083", "8708.30-1000", "hsk:8708.30-1000", "99", "77", "910000", "31-33", "US", "us", " kr ", "XX", "US-MI", "us-mi", "ZZ-1", "hs:8708", "hs:87A8", "naics:3363", "naics:9", "automotive", " auto-parts ", "oem", "OEM", "tier9"),
  fc.constantFrom(-91, 91, 181, -0, 0.5, 3, -1, Number.NaN, Number.POSITIVE_INFINITY, true, null, undefined, [], {}, [undefined], [""], [" x "], ["US", 1]),
  fc.record({ lat: fc.oneof(fc.double(), fc.constant("1")), lon: fc.double() }, { requiredKeys: [] }),
  fc.array(fc.record({ name: fc.oneof(fc.string(), fc.constant("  ")), hs: fc.constantFrom("870830", "203", "8708.30", undefined), naics: fc.constantFrom("3363", "9", undefined), keywords: fc.constantFrom(["a"], [1], undefined) }, { requiredKeys: ["name"] }), { maxLength: 3 }),
);

const FIELDS = ["id", "name", "country", "region", "city", "location", "sectors", "tier", "languages", "needs", "requiredCertifications", "sourcingCountries", "verified", "meetingCapacity", "online", "availability", "imports", "group", "customers", "unknownKey"] as const;

/** A well-formed buyer with up to three fields replaced by hostile values (or padded with spaces). */
const spoiled = fc
  .tuple(buyerArbitrary("b1"), fc.array(fc.tuple(fc.constantFrom(...FIELDS), hostile), { maxLength: 3 }), fc.boolean())
  .map(([buyer, changes, pad]) => {
    const out: Record<string, unknown> = { ...buyer };
    if (pad) {
      out["id"] = `  ${String(out["id"])} `;
      out["name"] = `${String(out["name"])}\t`;
    }
    for (const [field, value] of changes) out[field] = value;
    return out;
  });

function judge(value: unknown): { fast: unknown; zod: { success: boolean; data?: unknown } } {
  return { fast: createBuyerCheck()(value), zod: BuyerSchema.safeParse(value) };
}

describe("the fast buyer check", () => {
  test.prop([buyerArbitrary("b1")], settings)("accepts every well-formed buyer and gives the schema's parsed value", (buyer) => {
    const { fast, zod } = judge(buyer);
    expect(zod.success).toBe(true);
    expect(fast).toStrictEqual(zod.data);
  });

  test.prop([spoiled], settings)("accepts exactly what the schema accepts, and gives the same parsed value", (value) => {
    const { fast, zod } = judge(value);
    expect(fast !== undefined).toBe(zod.success);
    if (zod.success) expect(fast).toStrictEqual(zod.data);
  });

  const edge = fc.oneof(fc.double({ min: -200, max: 200 }), fc.constantFrom(-180, 180, -90, 90, -0, Number.NaN, Number.POSITIVE_INFINITY), fc.integer({ min: -3, max: 3 }));
  test.prop([fc.record({ lat: edge, lon: edge }), edge], settings)("agrees with the schema on every location and meeting capacity", (location, meetingCapacity) => {
    const { fast, zod } = judge({ id: "b1", name: "Buyer", country: "US", location, meetingCapacity });
    expect(fast !== undefined).toBe(zod.success);
    if (zod.success) expect(fast).toStrictEqual(zod.data);
  });

  test.prop([fc.anything()], settings)("refuses whatever is not a buyer without throwing", (value) => {
    const { fast, zod } = judge(value);
    expect(fast !== undefined).toBe(zod.success);
  });

  test("accepts every buyer of the realistic benchmark market, with the schema's value", () => {
    const { buyers } = generateRealisticMarket({ companies: 0, buyers: 300, seed: 3 });
    const check = createBuyerCheck();
    for (const buyer of buyers) expect(check(buyer)).toStrictEqual(BuyerSchema.parse(buyer));
  });

  test("gives up on a getter that throws, and the matcher still reports the buyer with its path", () => {
    const buyer = { id: "b1", name: "Buyer", country: "US" };
    Object.defineProperty(buyer, "needs", { enumerable: true, get: () => { throw new Error("boom"); } });
    expect(createBuyerCheck()(buyer)).toBeUndefined();
    const bad = { id: "b2", name: "Buyer", country: "XX", needs: [{ name: "pads", hs: "203" }] };
    try {
      createMatcher([{ id: "b0", name: "Fine", country: "US" }, bad]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      const paths = (error as BuyerMatchError).issues.map((issue) => issue.path.join("."));
      expect(paths).toEqual(expect.arrayContaining(["buyers.1.country", "buyers.1.needs.0.hs"]));
    }
  });
});
