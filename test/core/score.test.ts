import { describe, expect, it } from "vitest";
import { explainMatch, matchAll, rankBuyers, rankCompanies, scorePair, type Buyer, type Company } from "../../src/index.js";

const jinju = { country: "KR", region: "KR-48", city: "Jinju" } as const;

const company: Company = {
  id: "daesung",
  name: "Daesung Hydraulics",
  ...jinju,
  sectors: ["hydraulics"],
  tier: "tier2",
  certifications: ["ISO 9001"],
  targetMarkets: ["US-MI", "US-IL:Chicago"],
  readiness: 0.8,
  languages: ["ko"],
  products: [{ name: "hydrualic cylindr" }],
};

const buyer = (fields: Partial<Buyer> & { id: string }): Buyer => ({ name: fields.id, country: "US", region: "US-MI", city: "Detroit", ...fields });

describe("product matching", () => {
  it("matches a misspelt product to the need it means", () => {
    const pair = scorePair(company, buyer({ id: "b", needs: [{ name: "hydraulic cylinders" }] }));
    // Every word covered, no codes on either side: text evidence alone counts 0.7 (docs/DESIGN.md, product evidence).
    expect(pair.breakdown.product?.score).toBe(0.7);
    const detail = pair.breakdown.product?.detail as unknown as { needs: { corrections: { from: string; to: string }[] }[] };
    expect(detail.needs[0]?.corrections).toEqual([
      { from: "cylindr", to: "cylinder", similarity: expect.any(Number) },
      { from: "hydrualic", to: "hydraulic", similarity: expect.any(Number) },
    ]);
  });

  it("matches a product named only in Korean to an English need through its HS code, same code or parent", () => {
    const korean: Company = { ...company, products: [{ name: "브레이크 부품", hs: "8708.30" }] };
    const same = scorePair(korean, buyer({ id: "b1", needs: [{ name: "brake components", hs: "870830" }] }));
    const parent = scorePair(korean, buyer({ id: "b2", needs: [{ name: "auto parts", hs: "8708" }] }));
    const chapter = scorePair(korean, buyer({ id: "b3", needs: [{ name: "vehicles and parts", hs: "87" }] }));
    const sibling = scorePair(korean, buyer({ id: "b4", needs: [{ name: "gear boxes", hs: "870840" }] }));
    // Hangul against Latin: the words cannot be compared, so code evidence stands alone and counts 0.8.
    expect(same.breakdown.product?.score).toBe(0.8);
    expect(parent.breakdown.product?.score).toBe(0.8);
    expect(chapter.breakdown.product?.score).toBe(0.8);
    expect(sibling.breakdown.product?.score).toBeCloseTo(0.8 * (4 / 9), 15); // (2/3)²: a sibling subheading
    expect(explainMatch(same).join("\n")).toContain("HS 870830 → HS 870830");
  });

  it("weighs rare words above common ones (idf over the market's needs)", () => {
    const product: Company = { ...company, products: [{ name: "steel bracket" }] };
    const buyers = [
      buyer({ id: "a", needs: [{ name: "steel bracket" }] }),
      buyer({ id: "b", needs: [{ name: "steel tube" }] }),
      buyer({ id: "c", needs: [{ name: "steel sheet" }] }),
      buyer({ id: "d", needs: [{ name: "bracket housing" }] }),
    ];
    const ranked = rankBuyers(product, buyers, { weights: { product: 1, sector: 0, tier: 0, region: 0, readiness: 0 } });
    const score = (id: string) => ranked.find((match) => match.buyerId === id)!.breakdown.product!.score;
    expect(score("a")).toBe(0.7); // every word, no codes: text alone
    // "bracket" (in 2 of 4 needs) is rarer than "steel" (3 of 4), so half-matching on it scores more.
    expect(score("d")).toBeGreaterThan(score("b"));
  });
});

describe("missing data", () => {
  it("is unknown, scored with the neutral prior by default, not a mismatch", () => {
    const bare: Company = { id: "bare", name: "Bare", ...jinju };
    const pair = scorePair(bare, buyer({ id: "b", needs: [{ name: "bearings" }] }));
    for (const id of ["sector", "product", "tier", "region", "readiness"] as const) {
      expect(pair.breakdown[id]?.known).toBe(false);
      expect(pair.breakdown[id]?.score).toBe(0.5);
    }
    expect(pair.score).toBeCloseTo(0.5, 15);
    expect(explainMatch(pair).join("\n")).toContain("[unknown]");
  });

  it("drops out of both sums under the ignore policy and counts 0 under zero", () => {
    const partial: Company = { ...company, readiness: undefined } as Company;
    delete (partial as { readiness?: number }).readiness;
    const target = buyer({ id: "b", tier: "tier1", needs: [{ name: "hydraulic cylinders" }] });
    const ignored = scorePair(partial, target, { criteria: { readiness: { missing: "ignore" } } });
    expect(ignored.breakdown.readiness).toMatchObject({ weight: 0, contribution: 0, known: false });
    const zero = scorePair(partial, target, { criteria: { readiness: { missing: "zero" } } });
    expect(zero.breakdown.readiness).toMatchObject({ score: 0, contribution: 0, known: false });
    expect(zero.breakdown.readiness!.weight).toBeCloseTo(0.15, 15);
    expect(ignored.score).toBeGreaterThan(zero.score);
  });
});

describe("criteria", () => {
  it("reads tier compatibility from the matrix, which users can override", () => {
    const tier1 = buyer({ id: "t1", tier: "tier1" });
    const oem = buyer({ id: "o", tier: "oem" });
    expect(scorePair(company, tier1).breakdown.tier?.score).toBe(1);
    expect(scorePair(company, oem).breakdown.tier?.score).toBe(0.5);
    expect(scorePair(company, oem, { criteria: { tier: { matrix: { tier2: { oem: 0.9 } } } } }).breakdown.tier?.score).toBe(0.9);
  });

  it("scores region by the deepest level the buyer shares with a target market", () => {
    const at = (fields: Partial<Buyer>) => scorePair(company, buyer({ id: "x", ...fields })).breakdown.region?.score;
    expect(at({ region: "US-MI", city: "Troy" })).toBe(1); // subdivision
    expect(at({ region: "US-IL", city: "Chicago" })).toBe(1); // city
    expect(at({ region: "US-OH", city: "Toledo" })).toBe(0.8); // country
    expect(at({ country: "CA", region: "CA-ON", city: "Windsor" })).toBe(0.4); // same world region
    expect(at({ country: "DE", region: "DE-BY", city: "Munich" })).toBe(0); // elsewhere
  });

  it("halves the region score every halfDistanceKm from a hub", () => {
    const hub = { lat: 41.8781, lon: -87.6298, halfDistanceKm: 383 };
    const detroit = buyer({ id: "d", location: { lat: 42.3314, lon: -83.0458 } });
    const score = scorePair(company, detroit, { criteria: { region: { hub } } }).breakdown.region!.score;
    expect(score).toBeGreaterThan(0.49);
    expect(score).toBeLessThan(0.51);
  });

  it("excludes a pair that lacks a required certification, and scores the share held in soft mode", () => {
    const strict = buyer({ id: "s", requiredCertifications: ["IATF 16949", "ISO 9001:2015"] });
    const hard = scorePair(company, strict);
    expect(hard.eligible).toBe(false);
    expect(hard.whyNot).toEqual([{ criterion: "certification", code: "missing_certification", certifications: ["IATF 16949"], message: "lacks required certification IATF 16949" }]);
    expect(rankBuyers(company, [strict])).toEqual([]);
    const soft = scorePair(company, strict, { criteria: { certification: { mode: "soft" } } });
    expect(soft.eligible).toBe(true);
    expect(soft.breakdown.certification?.score).toBe(0.5);
  });

  it("excludes a pair whose origin the buyer does not source from, and unverified buyers on request", () => {
    const local = buyer({ id: "l", sourcingCountries: ["US", "MX", "CA"] });
    expect(scorePair(company, local).whyNot[0]?.criterion).toBe("sourcing");
    const unverified = buyer({ id: "u" });
    expect(scorePair(company, unverified, { requireVerified: true }).eligible).toBe(false);
    expect(scorePair(company, { ...unverified, verified: true }, { requireVerified: true }).eligible).toBe(true);
  });
});

describe("rankings and explanations", () => {
  const buyers = [
    buyer({ id: "good", tier: "tier1", needs: [{ name: "hydraulic cylinders" }] }),
    buyer({ id: "ok", tier: "oem", needs: [{ name: "hydraulic pumps" }], region: "US-OH", city: "Toledo" }),
    buyer({ id: "__proto__", tier: "distributor", needs: [{ name: "office chairs" }] }),
  ];

  it("ranks buyers best first and treats __proto__ as an ordinary id", () => {
    const ranked = rankBuyers(company, buyers);
    expect(ranked.map((match) => match.buyerId)).toEqual(["good", "ok", "__proto__"]);
    expect(ranked.map((match) => match.rank)).toEqual([1, 2, 3]);
    const all = matchAll([company], buyers);
    expect(all.byBuyer.get("__proto__")?.[0]?.companyId).toBe("daesung");
    expect([...all.byBuyer.keys()].sort()).toEqual(["__proto__", "good", "ok"]);
  });

  it("agrees between rankCompanies and the buyer-viewpoint score of each pair", () => {
    const other: Company = { ...company, id: "other", readiness: 0.2 };
    const ranked = rankCompanies(buyers[0]!, [other, company]);
    expect(ranked.map((match) => match.companyId)).toEqual(["daesung", "other"]);
    expect(ranked[0]!.score).toBe(scorePair(company, buyers[0]!, { viewpoint: "buyer" }).score);
  });

  it("explains a match in English and Korean, largest contribution first", () => {
    // sector unknown 0.2 × 0.5 + product 0.35 × 0.7 (words alone) + tier 0.15 × 1 + region 0.15 × 1 + readiness 0.15 × 0.8 = 0.765
    const [best] = rankBuyers(company, buyers);
    const english = explainMatch(best!, { names: new Map([["good", "Good Buyer Inc."]]) });
    expect(english[0]).toBe("#1 daesung → Good Buyer Inc.: score 0.765 (exporter's view)");
    expect(english[1]).toBe("  based on 80% of the criteria (by weight); the rest is unknown"); // sector unknown: 0.2 of 1.0
    expect(english[2]).toMatch(/^ {2}Products: "hydraulic cylinder.*" ← "hydrualic cylindr" 70%/);
    const korean = explainMatch(best!, { locale: "ko" });
    expect(korean[0]).toContain("점수 0.765");
    expect(korean[1]).toBe("  기준의 80%(가중치 기준)에 근거, 나머지는 정보 없음");
    expect(korean.some((line) => line.includes("공급망 단계: 2차 협력사 → 1차 협력사"))).toBe(true);
  });
});
