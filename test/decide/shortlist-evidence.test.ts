/**
 * Issue 11, part 4: the shortlist's buyer demand uses trade evidence when present. A buyer whose
 * import records cover the applicant's codes demands d = s + λ·(1 − s)·e (s its match score, e the
 * pair's evidence score, λ = evidenceLift, 0.5 by default) instead of s; without import records the
 * shortlist is exactly what it was.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { rankBuyers, type Buyer, type Company, type Match } from "../../src/index.js";
import { shortlistCompanies } from "../../src/decide/shortlist.js";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { marketArbitrary } from "../engine/arbitraries.js";

// Three Michigan automotive Tier-1s that each need brake pads (HS 870830) and gear boxes (HS 848340),
// and two Korean applicants alike in all but their product and one detail: the pad maker names its
// target market only as "US" (a country-level region match), the gear maker "US-MI". So without
// evidence the gear maker's match scores are higher, and demand strength alone orders the two (their
// readiness, product fit and demand breadth are equal).
const NEEDS = [
  { name: "Brake pads", hs: "870830" },
  { name: "Gear boxes", hs: "848340" },
];
const base = { country: "US", region: "US-MI", sectors: ["automotive"], tier: "tier1" as const, needs: NEEDS };
const BUYERS: Buyer[] = [
  { ...base, id: "lakes-brake", name: "Great Lakes Brake Systems", city: "Detroit" },
  { ...base, id: "huron-drive", name: "Huron Drivetrain", city: "Troy" },
  { ...base, id: "wolverine-axle", name: "Wolverine Axle", city: "Warren" },
];
const COMPANIES: Company[] = [
  { id: "gearbox-g", name: "Gyeongnam Gear", country: "KR", sectors: ["hs:8708"], products: [{ name: "Gear boxes", hs: "848340" }], tier: "tier2", targetMarkets: ["US-MI"], readiness: 0.7 },
  { id: "brake-pads-a", name: "Hanil Brake", country: "KR", sectors: ["hs:8708"], products: [{ name: "Brake pads", hs: "870830" }], tier: "tier2", targetMarkets: ["US"], readiness: 0.7 },
];
// Two of the buyers imported brake pads from Korea last month (invented records); the third imported
// only seats (HS 940199), which neither applicant makes.
const WITH_IMPORTS: Buyer[] = BUYERS.map((buyer) => ({
  ...buyer,
  imports: buyer.id === "wolverine-axle" ? [{ hs: "9401.99", origin: "KR", shipments: 30, lastDate: "2026-11" }] : [{ hs: "8708.30", origin: "KR", shipments: 12, lastDate: "2026-11" }],
}));
const match = { criteria: { evidence: { asOf: "2026-12" } } };

const order = (buyers: readonly Buyer[], options = {}): string[] => shortlistCompanies(COMPANIES, buyers, { match, ...options }).entries.map((entry) => entry.companyId);

describe("the shortlist's buyer demand with trade evidence", () => {
  it("puts the pad maker first once two buyers' import records show they buy its pads from Korea", () => {
    // Without evidence: gearbox-g first, its match scores higher (region US-MI against a country-level "US").
    expect(order(BUYERS)).toEqual(["gearbox-g", "brake-pads-a"]);
    // With evidence: two of the pad maker's three buyers imported HS 870830 from KR 12 times a month
    // ago (e ≈ 0.94), which lifts their demand from 0.752 to 0.869 (0.752 + 0.5 · 0.248 · 0.94); the
    // mean over its top 3 (0.830) now beats the gear maker's 0.777, whose buyers import nothing it
    // makes (demand = score).
    expect(order(WITH_IMPORTS)).toEqual(["brake-pads-a", "gearbox-g"]);
    const [pads, gears] = shortlistCompanies(COMPANIES, WITH_IMPORTS, { match }).entries;
    expect(pads!.criteria.strength.value).toBeCloseTo(0.8304, 4);
    expect(gears!.criteria.strength.value).toBeCloseTo(0.7775, 4);
    expect(pads!.lifted).toEqual(["strength"]);
    expect(gears!.demand.every((demand) => demand.evidence === undefined && demand.demand === demand.score)).toBe(true);
  });

  it("computes demand as d = s + λ·(1 − s)·e, ranks the top buyers by it, and explains what was imported", () => {
    const pads = shortlistCompanies(COMPANIES, WITH_IMPORTS, { match }).entries.find((entry) => entry.companyId === "brake-pads-a")!;
    expect(pads.demand.map((demand) => demand.buyerId)).toEqual(["huron-drive", "lakes-brake", "wolverine-axle"]);
    expect(pads.topMatches.map((entry) => [entry.buyerId, entry.rank])).toEqual([["huron-drive", 1], ["lakes-brake", 2], ["wolverine-axle", 3]]);
    for (const [index, demand] of pads.demand.entries()) {
      const part = pads.topMatches[index]!.breakdown.evidence!;
      expect(demand.score).toBe(pads.topMatches[index]!.score);
      if (demand.buyerId === "wolverine-axle") {
        // Seats only: evidence known and 0, so no lift.
        expect([part.known, part.score, demand.evidence, demand.demand]).toEqual([true, 0, undefined, demand.score]);
      } else {
        expect(demand.evidence).toBe(part.score);
        expect(demand.demand).toBeCloseTo(demand.score + 0.5 * (1 - demand.score) * part.score, 15);
      }
    }
    expect(pads.criteria.strength.value).toBeCloseTo((pads.demand[0]!.demand + pads.demand[1]!.demand + pads.demand[2]!.demand) / 3, 15);
    const text = pads.explanation.join("\n");
    expect(text).toContain("mean demand of the top 3 (match scores raised by trade evidence) 0.830");
    expect(text).toContain("Trade evidence raised demand: huron-drive 0.75 → 0.87 (imported HS 870830 12 times in the last 12 months, 12 from KR); lakes-brake 0.75 → 0.87");
  });

  it("counts a buyer as strong demand when evidence lifts it over strongScore, and says how many", () => {
    const [pads] = shortlistCompanies(COMPANIES, WITH_IMPORTS, { match, strongScore: 0.85 }).entries.filter((entry) => entry.companyId === "brake-pads-a");
    expect([pads!.criteria.breadth.value, pads!.breadthFromEvidence]).toEqual([2, 2]);
    expect(pads!.explanation.join("\n")).toContain("2 buyers count as strong demand only through it");
    const [without] = shortlistCompanies(COMPANIES, BUYERS, { match, strongScore: 0.85 }).entries.filter((entry) => entry.companyId === "brake-pads-a");
    expect([without!.criteria.breadth.value, without!.breadthFromEvidence]).toEqual([0, 0]);
  });

  it("is exactly the shortlist without evidence when no buyer has import records, or when evidenceLift is 0", () => {
    const plain = shortlistCompanies(COMPANIES, BUYERS, { match });
    for (const entry of plain.entries) {
      expect(entry.breadthFromEvidence).toBe(0);
      for (const [index, demand] of entry.demand.entries()) expect(demand).toEqual({ buyerId: entry.topMatches[index]!.buyerId, score: entry.topMatches[index]!.score, demand: entry.topMatches[index]!.score });
      expect(entry.explanation.join("\n")).not.toContain("evidence");
    }
    // λ = 0 turns evidence off: the figures, the order and the words are those of a market without records.
    const off = shortlistCompanies(COMPANIES, WITH_IMPORTS, { match, evidenceLift: 0 });
    const figures = (result: typeof plain) => result.entries.map((entry) => [entry.companyId, entry.closeness, entry.criteria, entry.demand, entry.explanation]);
    expect(figures(off)).toEqual(figures(plain));
    expect(off.evidenceLift).toBe(0);
    expect(plain.evidenceLift).toBe(0.5);
  });

  it("reports a bad evidenceLift with its path", () => {
    try {
      shortlistCompanies(COMPANIES, BUYERS, { evidenceLift: 1.5 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      expect((error as BuyerMatchError).issues.map((issue) => issue.path)).toEqual([["options", "evidenceLift"]]);
    }
  });

  // Exactness: the shortlist reads only the top k by score and the buyers with records; brute force
  // reads every eligible buyer's demand. They must agree on every figure.
  const HS = ["870830", "8708.30-1000", "8708", "870840", "841350", "850760", "847150", "hts:8708.30.5090"];
  const importRecord = fc.record(
    {
      hs: fc.constantFrom(...HS),
      origin: fc.option(fc.constantFrom("KR", "CN", "MX"), { nil: undefined }),
      shipments: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      lastDate: fc.option(fc.constantFrom("2026-10", "2025-11", "2021-10"), { nil: undefined }),
    },
    { requiredKeys: ["hs"] },
  );
  let liftedEntries = 0;
  const defined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
  test.prop(
    [marketArbitrary(4, 30), fc.array(fc.option(fc.array(importRecord, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 }), { minLength: 30, maxLength: 30 }), fc.constantFrom(1, 2, 3, 5), fc.constantFrom(0, 0.5, 0.7), fc.constantFrom(0.25, 0.5, 1), fc.constantFrom(0, 0.3)],
    { seed: 1111, numRuns: 40 },
  )("every applicant's demand figures equal a brute-force reading of all its eligible buyers' demand", (market, records, topK, strongScore, evidenceLift, weight) => {
    const buyers = market.buyers.map((buyer, index) => (records[index] === undefined ? buyer : { ...buyer, imports: records[index]!.map(defined) }));
    const options = { weights: { evidence: weight }, criteria: { evidence: { asOf: "2026-12" } } };
    const result = shortlistCompanies(market.companies, buyers, { topK, strongScore, evidenceLift, match: options });
    for (const entry of result.entries) {
      const company = market.companies.find((candidate) => candidate.id === entry.companyId)!;
      const all = rankBuyers(company, buyers, { viewpoint: "mutual", ...options }).map((one: Match) => {
        const part = one.breakdown.evidence;
        const e = part !== undefined && part.known && part.score > 0 ? part.score : undefined;
        return { match: one, demand: e === undefined ? one.score : Math.min(1, one.score + evidenceLift * (1 - one.score) * e) };
      });
      const sorted = [...all].sort((a, b) => b.demand - a.demand || b.match.score - a.match.score || (a.match.buyerId < b.match.buyerId ? -1 : a.match.buyerId > b.match.buyerId ? 1 : 0));
      const best = sorted.slice(0, topK);
      if (entry.demand.some((demand) => demand.evidence !== undefined)) liftedEntries += 1;
      expect(entry.demand.map((demand) => [demand.buyerId, demand.demand])).toEqual(best.map((one) => [one.match.buyerId, one.demand]));
      expect(entry.topMatches.map((one) => ({ ...one, rank: 0 }))).toEqual(best.map((one) => ({ ...one.match, rank: 0 })));
      expect(entry.criteria.breadth.value).toBe(all.filter((one) => one.demand >= strongScore).length);
      expect(entry.criteria.strength.value).toBe(best.reduce((sum, one) => sum + one.demand, 0) / topK);
      // Product fit is not demand: the top k by match score, as without evidence.
      expect(entry.criteria.marketability.value).toBe(all.slice(0, topK).reduce((sum, one) => sum + (one.match.breakdown.product?.score ?? 0), 0) / topK);
    }
  });

  it("(the property above met evidence-lifted demand, so it tested the lift)", () => {
    expect(liftedEntries).toBeGreaterThan(10);
  });
});
