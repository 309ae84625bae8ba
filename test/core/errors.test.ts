import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BuyerMatchError, matchAll, rankBuyers, scorePair, type Buyer, type Company } from "../../src/index.js";

const company: Company = { id: "c1", name: "Daesung", country: "KR", products: [{ name: "brake pads", hs: "870830" }] };
const buyer: Buyer = { id: "b1", name: "Lear", country: "US", needs: [{ name: "brake components" }] };

function issuesOf(run: () => unknown): { code: string; path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return (error as BuyerMatchError).issues.map((issue) => ({ code: issue.code, path: issue.path.join("."), message: issue.message }));
  }
  throw new Error("expected a BuyerMatchError");
}

describe("bad input", () => {
  it("reports a missing field with its path", () => {
    const issues = issuesOf(() => rankBuyers(company, [buyer, { id: "b2", country: "US" } as Buyer]));
    expect(issues).toEqual([{ code: "invalid_input", path: "buyers.1.name", message: expect.any(String) }]);
  });

  it("reports a wrong HS code, NAICS code, country and sector with their paths", () => {
    const bad = { ...company, country: "XX", sectors: ["automotiv", "naics:99"], products: [{ name: "x", hs: "87083" }] } as Company;
    const issues = issuesOf(() => scorePair(bad, buyer));
    expect(issues.map((issue) => issue.path).sort()).toEqual(["company.country", "company.products.0.hs", "company.sectors.1"]);
    expect(issues.find((issue) => issue.path === "company.products.0.hs")?.message).toBe(
      '"87083" has 5 digits: an HS code has 2, 4 or 6 digits, or 8 or 10 for a national tariff line; if it is HS 087083 with its leading zero lost (spreadsheets drop it), write it as text, "087083"',
    );
    // An unknown sector name is found once the record is otherwise valid (it depends on the sector table in use).
    const unknownSector = issuesOf(() => scorePair({ ...company, sectors: ["automotiv"] }, buyer));
    expect(unknownSector).toEqual([{ code: "invalid_code", path: "company.sectors.0", message: expect.stringContaining('"automotiv" is not a known sector') }]);
  });

  it("reports a duplicate id", () => {
    const issues = issuesOf(() => rankBuyers(company, [buyer, { ...buyer }]));
    expect(issues).toEqual([{ code: "duplicate_id", path: "buyers.1.id", message: 'duplicate id "b1" (first at index 0)' }]);
  });

  it("reports NaN and Infinity", () => {
    const issues = issuesOf(() => rankBuyers({ ...company, readiness: Number.NaN, location: { lat: Number.POSITIVE_INFINITY, lon: 0 } }, [buyer], { minScore: Number.NaN }));
    expect(issues.map((issue) => issue.path).sort()).toEqual(["company.location.lat", "company.readiness", "options.minScore"]);
    expect(issues.find((issue) => issue.path === "options.minScore")).toEqual({ code: "out_of_range", path: "options.minScore", message: "must be a finite number, not NaN" });
    expect(issues.find((issue) => issue.path === "company.location.lat")?.message).toBe("must be a finite number, not Infinity");
  });

  it("reports a weight below zero and all-zero weights", () => {
    expect(issuesOf(() => rankBuyers(company, [buyer], { weights: { product: -0.1 } }))).toEqual([
      { code: "out_of_range", path: "options.weights.product", message: "a weight must be ≥ 0" },
    ]);
    const zero = { sector: 0, product: 0, tier: 0, region: 0, readiness: 0, certification: 0 };
    expect(issuesOf(() => rankBuyers(company, [buyer], { weights: zero }))[0]?.path).toBe("options.weights");
  });

  it("lists every problem at once, across companies, buyers and options", () => {
    const issues = issuesOf(() =>
      matchAll([{ ...company, tier: "tier9" } as unknown as Company, { ...company }], [{ ...buyer, needs: [{ name: "" }] }], { top: 0, viewpoint: "both" } as never),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual(["buyers.0.needs.0.name", "companies.0.tier", "companies.1.id", "options.top", "options.viewpoint"]);
  });

  it("treats __proto__, constructor and toString as plain ids", () => {
    const buyers = ["__proto__", "constructor", "toString"].map((id) => ({ ...buyer, id }));
    const ranked = rankBuyers({ ...company, id: "__proto__" }, buyers);
    expect(ranked.map((match) => match.buyerId).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(ranked[0]!.companyId).toBe("__proto__");
    expect(issuesOf(() => rankBuyers(company, [...buyers, { ...buyer, id: "__proto__" }]))[0]?.code).toBe("duplicate_id");
  });

  it("refuses a rubric item named __proto__ instead of dropping it, and reads certification names like constructor as names", () => {
    const rubric = JSON.parse('{"__proto__": 0.9, "experience": 0.1}') as Record<string, number>;
    expect(issuesOf(() => scorePair({ ...company, readiness: rubric }, buyer))).toEqual([
      { code: "invalid_input", path: "company.readiness.__proto__", message: '"__proto__" cannot name a rubric item' },
    ]);
    const pair = scorePair(company, { ...buyer, requiredCertifications: ["constructor"] });
    expect(pair.whyNot).toEqual([{ criterion: "certification", message: "lacks required certification constructor" }]);
  });

  it("rejects a list that is not an array and a record that is not an object", () => {
    expect(issuesOf(() => rankBuyers(company, null as never))).toEqual([{ code: "invalid_input", path: "buyers", message: "must be an array, not null" }]);
    expect(issuesOf(() => scorePair(42 as never, buyer))[0]?.path).toBe("company");
  });

  test.prop([fc.anything(), fc.anything(), fc.anything()], { seed: 42, numRuns: 300 })("arbitrary input never crashes with anything but a BuyerMatchError", (a, b, options) => {
    for (const run of [() => scorePair(a as never, b as never, options as never), () => rankBuyers(a as never, [b] as never, options as never), () => matchAll([a] as never, b as never)]) {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(BuyerMatchError);
      }
    }
  });
});
