/**
 * The company-size example (examples/company-size.ts) end to end: its criterion validates its fields
 * and settings, ranks through the engine exactly as the reference does, moves buyers the way its
 * header says, and explains itself in English and Korean.
 */
import { describe, expect, it } from "vitest";
import { BuyerMatchError, createMatcher, rankBuyers, scorePair, type Company } from "../../src/index.js";
import { companySize, companySizeReport, missionWithSizes } from "../../examples/company-size.js";

const { companies, buyers } = missionWithSizes();
const hanil = companies.find((company) => company.id === "jinju-02-hanil-brake")!;
const options = { customCriteria: [companySize], weights: { companySize: 0.3 } };

describe("examples/company-size.ts", () => {
  it("ranks every exporter through the engine exactly as the reference scorer does", () => {
    const matcher = createMatcher(buyers, { ...options, top: 5 });
    for (const company of companies) expect(matcher.rank(company)).toEqual(rankBuyers(company, buyers, { ...options, top: 5 }));
  });

  it("scores 1 inside the band, halves per doubling outside it, and is unknown without a band", () => {
    // Hanil has 85 employees. LKQ wants ≤ 500 (inside); GM wants ≥ 300 (300/85 = 3.53×, 1.82 doublings).
    expect(scorePair(hanil, buyers.find((buyer) => buyer.id === "lkq")!, options).breakdown["companySize"]!.score).toBe(1);
    expect(scorePair(hanil, buyers.find((buyer) => buyer.id === "gm-detroit")!, options).breakdown["companySize"]!.score).toBeCloseTo(Math.pow(0.5, Math.log2(300 / 85)), 12);
    const unknown = scorePair(hanil, buyers.find((buyer) => buyer.id === "tesla-austin")!, options).breakdown["companySize"]!;
    expect([unknown.known, unknown.score]).toEqual([false, 0.5]);
    // A gentler setting keeps more of the score outside the band.
    expect(scorePair(hanil, buyers.find((buyer) => buyer.id === "gm-detroit")!, { ...options, criteria: { companySize: { perDoubling: 0.9 } } }).breakdown["companySize"]!.score).toBeCloseTo(Math.pow(0.9, Math.log2(300 / 85)), 12);
  });

  it("lifts a buyer whose band fits (LKQ) into the top three and explains it in both languages", () => {
    const lines = companySizeReport();
    expect(lines[0]).toBe("without size: zf-north-america 0.843 | continental-automotive 0.786 | mobis-north-america 0.756");
    expect(lines[1]!.startsWith("with size:    lkq ")).toBe(true);
    expect(lines).toContain("  Company size: 85 employees, within the buyer's ≤ 500 — 23% × 1.00 = +0.231");
    expect(lines).toContain("  기업 규모: 직원 85명, 바이어 희망 ≤ 500명 (범위 안) — 23% × 1.00 = +0.231");
  });

  it("reports a bad headcount, a bad band and a bad setting in one BuyerMatchError, each at its path", () => {
    const bad = { ...hanil, employees: -4 } as Company;
    const badBuyer = { ...buyers[0]!, supplierSize: { min: 500, max: 100 } };
    try {
      rankBuyers(bad, [badBuyer], { ...options, criteria: { companySize: { perDoubling: 2 } } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      expect((error as BuyerMatchError).issues.map((issue) => issue.path.join("."))).toEqual(["options.criteria.companySize.perDoubling", "company.employees", "buyers.0.supplierSize"]);
    }
  });
});
