import { afterAll, describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { rankBuyers, type Buyer, type Company } from "../../src/index.js";
import { buyerArb, companyArb } from "../core/arbitraries.js";
import { ahpWeights } from "../../src/decide/ahp.js";
import { SHORTLIST_CRITERIA, shortlistCompanies, type ShortlistCriterion } from "../../src/decide/shortlist.js";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { mulberry32 } from "../support/random.js";

// A small hand-made market: three automotive buyers of brake parts and one machinery buyer of pumps.
const BUYERS: Buyer[] = [
  { id: "oem-detroit", name: "Detroit Motors", country: "US", region: "US-MI", city: "Detroit", sectors: ["automotive"], needs: [{ name: "Brake rotors", hs: "870830" }], tier: "oem", verified: true },
  { id: "tier1-brakes", name: "Lakes Brake Systems", country: "US", region: "US-OH", sectors: ["automotive"], needs: [{ name: "Brake discs", hs: "8708.30", keywords: ["brake disc"] }], tier: "tier1" },
  { id: "parts-distributor", name: "Midwest Parts Supply", country: "US", region: "US-IL", sectors: ["automotive"], needs: [{ name: "Brake parts", hs: "870830" }, { name: "Gear boxes", hs: "870840" }], tier: "distributor" },
  { id: "hydraulics-oem", name: "Prairie Loaders", country: "US", region: "US-IA", sectors: ["machinery"], needs: [{ name: "Hydraulic gear pumps", hs: "841360" }], tier: "oem" },
];

const COMPANIES: Company[] = [
  { id: "pump-c", name: "Pump C", country: "KR", sectors: ["hs:84"], products: [{ name: "Hydraulic gear pumps", hs: "841360" }], tier: "tier1", targetMarkets: ["US"], readiness: 0.7 },
  { id: "brake-b", name: "Brake B", country: "KR", sectors: ["hs:8708"], products: [{ name: "Brake disc rotors", hs: "870830" }], tier: "tier1", targetMarkets: ["US"], readiness: 0.5 },
  { id: "textile-d", name: "Textile D", country: "KR", sectors: ["hs:62"], products: [{ name: "Cotton shirts", hs: "620520" }], tier: "tier2", targetMarkets: ["US"], readiness: { exportExperience: 0.9, englishMaterials: 0.7 } },
  { id: "brake-a", name: "Brake A", country: "KR", sectors: ["hs:8708"], products: [{ name: "Brake disc rotors", hs: "870830" }], tier: "tier1", targetMarkets: ["US"], readiness: 0.9 },
];

// A rubric whose float mean depends on the summation order: (0.1 + 0.2 + 0.3) / 3 is
// 0.20000000000000004, (0.3 + 0.2 + 0.1) / 3 is 0.19999999999999998. Before the fix the shortlist
// summed in key order as written, so rewriting the rubric's keys changed the result.
const RUBRIC_COMPANY: Company = {
  id: "brake-gear-e",
  name: "Brake Gear E",
  country: "KR",
  sectors: ["hs:8708", "hs:84"],
  products: [
    { name: "Brake disc rotors", hs: "870830" },
    { name: "Gear boxes", hs: "870840" },
    { name: "Hydraulic gear pumps", hs: "841360" },
  ],
  tier: "tier2",
  targetMarkets: ["US"],
  readiness: { exportExperience: 0.1, englishMaterials: 0.2, certifications: 0.3 },
};
const APPLICANTS = [...COMPANIES, RUBRIC_COMPANY];

describe("shortlistCompanies", () => {
  const shortlist = shortlistCompanies(COMPANIES, BUYERS, { select: 2 });

  it("ranks the golden mission fixture, each place for a stated reason", () => {
    expect(shortlist.entries.map((entry) => entry.companyId)).toEqual([
      // brake-a: same products as brake-b, more ready, so at least as good on every criterion and
      // strictly better on readiness and demand strength: it is the ideal applicant (closeness 1).
      "brake-a",
      // brake-b: three strong brake buyers and full product fit; beats pump-c on three criteria of four.
      "brake-b",
      // pump-c: one strong buyer (the loader maker); more ready than brake-b but thin demand.
      "pump-c",
      // textile-d: no buyer needs shirts: no product fit and no strong match, despite good readiness.
      "textile-d",
    ]);
    expect(shortlist.entries[0]?.closeness).toBeCloseTo(1, 12);
    expect(shortlist.entries.map((entry) => entry.selected)).toEqual([true, true, false, false]);
    expect(shortlist.entries.map((entry) => entry.rank)).toEqual([1, 2, 3, 4]);
  });

  it("derives the criteria from the core's matches as documented", () => {
    const byId = new Map(shortlist.entries.map((entry) => [entry.companyId, entry]));
    const brakeA = byId.get("brake-a")!;
    expect(brakeA.criteria.breadth.value).toBe(3);
    expect(brakeA.topMatches.map((match) => match.buyerId).sort()).toEqual(["oem-detroit", "parts-distributor", "tier1-brakes"]);
    const meanTop = brakeA.topMatches.reduce((sum, match) => sum + match.score, 0) / 3;
    expect(brakeA.criteria.strength.value).toBeCloseTo(meanTop, 12);
    const meanProduct = brakeA.topMatches.reduce((sum, match) => sum + (match.breakdown.product?.score ?? 0), 0) / 3;
    expect(brakeA.criteria.marketability.value).toBeCloseTo(meanProduct, 12);
    expect(byId.get("pump-c")?.criteria.breadth.value).toBe(1);
    expect(byId.get("textile-d")?.criteria.breadth.value).toBe(0);
    expect(byId.get("textile-d")?.criteria.marketability.value).toBe(0);
    // A readiness rubric counts as the mean of its items.
    expect(byId.get("textile-d")?.criteria.readiness.value).toBeCloseTo(0.8, 12);
  });

  it("takes its demand figures exactly from rankBuyers, for any top-k and strong-match threshold", () => {
    // The shortlist ranks with one compiled matcher and asks for the top k (plus the strong matches
    // only when the k-th is strong); the figures must be those of the full rankBuyers list.
    for (const topK of [1, 2, 3, 5]) {
      for (const strongScore of [0, 0.3, 0.6, 0.9, 1]) {
        const result = shortlistCompanies(APPLICANTS, BUYERS, { topK, strongScore });
        for (const entry of result.entries) {
          const company = APPLICANTS.find((candidate) => candidate.id === entry.companyId)!;
          const matches = rankBuyers(company, BUYERS, { viewpoint: "mutual" });
          const best = matches.slice(0, topK);
          expect(entry.topMatches).toEqual(best);
          expect(entry.criteria.breadth.value).toBe(matches.filter((match) => match.score >= strongScore).length);
          expect(entry.criteria.strength.value).toBe(best.reduce((sum, match) => sum + match.score, 0) / topK);
        }
      }
    }
    expect(shortlistCompanies(APPLICANTS, [], {}).entries.map((entry) => entry.criteria.breadth.value)).toEqual(APPLICANTS.map(() => 0));
  });

  it("explains each place by what lifted or lowered it", () => {
    const byId = new Map(shortlist.entries.map((entry) => [entry.companyId, entry]));
    const brakeB = byId.get("brake-b")!;
    expect(brakeB.lowered).toEqual(["readiness"]);
    expect(brakeB.criteria.readiness.effect).toBeLessThan(0);
    const textile = byId.get("textile-d")!;
    expect(textile.lifted).toEqual(["readiness"]);
    expect(textile.lowered).toEqual(expect.arrayContaining(["marketability", "breadth", "strength"]));
    for (const entry of shortlist.entries) {
      for (const id of entry.lifted) expect(entry.criteria[id].effect).toBeGreaterThan(0);
      for (const id of entry.lowered) expect(entry.criteria[id].effect).toBeLessThan(0);
      expect(entry.explanation[0]).toContain(`#${entry.rank} ${entry.name}`);
    }
    expect(textile.explanation.join(" ")).toMatch(/Held back by product fit/);
    expect(brakeB.explanation.join(" ")).toMatch(/Held back by export readiness \(−0\.\d{3}\)/);
  });

  it("gives the same shortlist for any order of the companies and buyers", () => {
    const again = shortlistCompanies([...COMPANIES].reverse(), [...BUYERS].reverse(), { select: 2 });
    expect(again).toEqual(shortlist);
  });


  it("gives the same shortlist whatever the order of a readiness rubric's keys", () => {
    const written = shortlistCompanies(APPLICANTS, BUYERS, { select: 2 });
    const reversedRubric = { ...RUBRIC_COMPANY, readiness: Object.fromEntries(Object.entries(RUBRIC_COMPANY.readiness as Record<string, number>).reverse()) };
    const rewritten = shortlistCompanies([...COMPANIES, reversedRubric], BUYERS, { select: 2 });
    expect(rewritten).toEqual(written);
    // The core's own mean (summed in sorted key order), not a second copy of it.
    expect(written.entries.find((entry) => entry.companyId === "brake-gear-e")?.criteria.readiness.value).toBe((0.3 + 0.2 + 0.1) / 3);
  });

  test.prop([fc.integer()], { seed: 42, numRuns: 100 })(
    "any order of companies, buyers, their products and needs, and rubric keys gives the same shortlist",
    (seed) => {
      const shuffle = shuffler(seed);
      const companies = shuffle(APPLICANTS).map((company) => ({
        ...company,
        ...(company.products === undefined ? {} : { products: shuffle(company.products) }),
        ...(typeof company.readiness === "object" ? { readiness: Object.fromEntries(shuffle(Object.entries(company.readiness))) } : {}),
      }));
      const buyers = shuffle(BUYERS).map((buyer) => (buyer.needs === undefined ? buyer : { ...buyer, needs: shuffle(buyer.needs) }));
      expect(shortlistCompanies(companies, buyers, { select: 2 })).toEqual(shortlistCompanies(APPLICANTS, BUYERS, { select: 2 }));
    },
  );

  it("accepts AHP weights over the shortlist criteria and lets them change the order", () => {
    // Readiness judged 9× as important as each other criterion (a consistent matrix).
    const ahp = ahpWeights(
      SHORTLIST_CRITERIA.map((row) => SHORTLIST_CRITERIA.map((column) => (row === column ? 1 : row === "readiness" ? 9 : column === "readiness" ? 1 / 9 : 1))),
      { labels: [...SHORTLIST_CRITERIA] },
    );
    expect(ahp.cr).toBeLessThan(1e-9);
    const readinessFirst = shortlistCompanies(COMPANIES, BUYERS, { weights: ahp.byLabel ?? {} });
    expect(readinessFirst.weights.readiness).toBeCloseTo(0.75, 12);
    // With readiness dominant, the ready textile maker (0.8) passes brake-b (0.5).
    const order = readinessFirst.entries.map((entry) => entry.companyId);
    expect(order.indexOf("textile-d")).toBeLessThan(order.indexOf("brake-b"));
  });

  it("counts an unknown readiness as the neutral prior and says so", () => {
    const unknown = { ...COMPANIES[1]!, id: "brake-x", name: "Brake X" };
    delete (unknown as { readiness?: unknown }).readiness;
    const result = shortlistCompanies([unknown, COMPANIES[0]!], BUYERS, { unknownReadiness: 0.4 });
    const entry = result.entries.find((candidate) => candidate.companyId === "brake-x")!;
    expect(entry.readinessKnown).toBe(false);
    expect(entry.criteria.readiness.value).toBe(0.4);
    expect(entry.explanation.join(" ")).toContain("unknown (counted as 40%)");
  });

  it("returns an empty shortlist for no applicants", () => {
    expect(shortlistCompanies([], BUYERS).entries).toEqual([]);
  });

  it("reports every bad company, duplicate id and option with its path", () => {
    try {
      shortlistCompanies([COMPANIES[0]!, { ...COMPANIES[1]!, country: "XX" }, { ...COMPANIES[2]!, id: "pump-c" }], [...BUYERS, { ...BUYERS[0]!, tier: "boss" as "oem" }, BUYERS[1]!], {
        topK: 0,
        strongScore: 2,
        weights: { readiness: -1 },
        match: { viewpoint: "sideways" as "mutual" },
        bogus: true,
      } as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      const paths = (error as BuyerMatchError).issues.map((issue) => issue.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          ["companies", 1, "country"],
          ["companies", 2, "id"],
          ["options", "topK"],
          ["options", "strongScore"],
          ["options", "weights", "readiness"],
          ["options", "match", "viewpoint"],
          ["buyers", 4, "tier"],
          ["buyers", 5, "id"],
        ]),
      );
    }
    expect(() => shortlistCompanies(COMPANIES, BUYERS, { weights: { marketability: 0, readiness: 0, breadth: 0, strength: 0 } })).toThrow(/must not all be zero/);
  });
});

/**
 * The shortlist recomputed from its definition in docs/decide.md, sharing nothing with the library but
 * the core's `rankBuyers` (whose output is the shortlist's input): the four criteria from each
 * company's matches, then TOPSIS with min-max normalisation written out here, ties by company id.
 */
function expectedShortlist(companies: readonly Company[], buyers: readonly Buyer[], options: { topK: number; strongScore: number; weights: Record<ShortlistCriterion, number>; select: number }) {
  const rows = companies.map((company) => {
    const matches = rankBuyers(company, buyers, { viewpoint: "mutual" });
    const best = matches.slice(0, options.topK);
    const readiness = company.readiness;
    const rubric = typeof readiness === "object" ? Object.values(readiness) : undefined;
    return {
      id: company.id,
      values: {
        marketability: best.reduce((sum, match) => sum + (match.breakdown.product?.score ?? 0), 0) / options.topK,
        readiness: typeof readiness === "number" ? readiness : rubric !== undefined ? rubric.reduce((sum, value) => sum + value, 0) / rubric.length : 0.5,
        breadth: matches.filter((match) => match.score >= options.strongScore).length,
        strength: best.reduce((sum, match) => sum + match.score, 0) / options.topK,
      } as Record<ShortlistCriterion, number>,
    };
  });
  const total = SHORTLIST_CRITERIA.reduce((sum, id) => sum + options.weights[id], 0);
  const range = Object.fromEntries(SHORTLIST_CRITERIA.map((id) => [id, { min: Math.min(...rows.map((row) => row.values[id])), max: Math.max(...rows.map((row) => row.values[id])) }])) as Record<ShortlistCriterion, { min: number; max: number }>;
  // A constant column cannot be normalised: it becomes 0 and separates nothing.
  const weighted = (id: ShortlistCriterion, value: number) => (range[id].max === range[id].min ? 0 : ((value - range[id].min) / (range[id].max - range[id].min)) * (options.weights[id] / total));
  const ideal = Object.fromEntries(SHORTLIST_CRITERIA.map((id) => [id, Math.max(...rows.map((row) => weighted(id, row.values[id])))])) as Record<ShortlistCriterion, number>;
  const antiIdeal = Object.fromEntries(SHORTLIST_CRITERIA.map((id) => [id, Math.min(...rows.map((row) => weighted(id, row.values[id])))])) as Record<ShortlistCriterion, number>;
  const closeness = (values: Record<ShortlistCriterion, number>) => {
    const toIdeal = Math.hypot(...SHORTLIST_CRITERIA.map((id) => weighted(id, values[id]) - ideal[id]));
    const toAntiIdeal = Math.hypot(...SHORTLIST_CRITERIA.map((id) => weighted(id, values[id]) - antiIdeal[id]));
    return toIdeal + toAntiIdeal === 0 ? 1 : toAntiIdeal / (toIdeal + toAntiIdeal);
  };
  const means = Object.fromEntries(SHORTLIST_CRITERIA.map((id) => [id, rows.reduce((sum, row) => sum + row.values[id], 0) / rows.length])) as Record<ShortlistCriterion, number>;
  return rows
    .map((row) => {
      const own = closeness(row.values);
      // The effect of a criterion: own closeness minus the closeness with that value set to the mean.
      const effects = Object.fromEntries(SHORTLIST_CRITERIA.map((id) => [id, own - closeness({ ...row.values, [id]: means[id] })])) as Record<ShortlistCriterion, number>;
      return { ...row, closeness: own, effects };
    })
    .sort((a, b) => b.closeness - a.closeness || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

describe("shortlistCompanies against a shortlist computed from its definition", () => {
  const applicants = fc.integer({ min: 1, max: 7 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => companyArb(index === 1 ? "__proto__" : `applicant-${index}`))));
  const buyerList = fc.integer({ min: 0, max: 10 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => buyerArb(`buyer-${String(index).padStart(2, "0")}`))));
  const weight = fc.integer({ min: 0, max: 10 }).map((value) => value / 10);
  const settings = fc.record({
    topK: fc.integer({ min: 1, max: 5 }),
    strongScore: fc.constantFrom(0, 0.3, 0.5, 0.6, 0.8, 1),
    weights: fc.record({ marketability: weight, readiness: weight, breadth: weight, strength: weight }).filter((weights) => Object.values(weights).some((value) => value > 0)),
    select: fc.integer({ min: 0, max: 8 }),
  });
  const seen = { runs: 0, orderedPairs: 0 };
  afterAll(() => {
    expect(seen.runs).toBeGreaterThanOrEqual(150);
    // Enough applicants were ranked against each other for the order check to mean something.
    expect(seen.orderedPairs).toBeGreaterThan(300);
  });

  test.prop([applicants, buyerList, settings], { seed: 42, numRuns: 150 })(
    "the criteria, closeness, effects, order and selection equal the documented computation on random markets",
    (companies, buyers, options) => {
      seen.runs++;
      const result = shortlistCompanies(companies, buyers, options);
      const expected = expectedShortlist(companies, buyers, options);
      expect(result.entries).toHaveLength(expected.length);
      const byId = new Map(expected.map((row) => [row.id, row]));
      result.entries.forEach((entry, index) => {
        const row = byId.get(entry.companyId)!;
        for (const id of SHORTLIST_CRITERIA) {
          expect(entry.criteria[id].value, `${entry.companyId} ${id}`).toBeCloseTo(row.values[id], 12);
          expect(entry.criteria[id].effect, `${entry.companyId} ${id} effect`).toBeCloseTo(row.effects[id], 9);
        }
        expect(entry.closeness).toBeCloseTo(row.closeness, 9);
        expect(entry.rank).toBe(index + 1);
        expect(entry.selected).toBe(index < options.select);
        const next = result.entries[index + 1];
        if (next === undefined) return;
        seen.orderedPairs++;
        const gap = row.closeness - byId.get(next.companyId)!.closeness;
        // Best first by the recomputed closeness (within its rounding); equal closeness breaks by id.
        expect(gap).toBeGreaterThan(-1e-9);
        if (entry.closeness === next.closeness) expect(entry.companyId < next.companyId).toBe(true);
      });
      if (Math.abs((expected[0]?.closeness ?? 0) - (expected[1]?.closeness ?? -1)) > 1e-9) expect(result.entries[0]?.companyId).toBe(expected[0]?.id);
    },
  );

  it("puts all weight on readiness and ranks by readiness alone, ties by id", () => {
    // A planted case: with every other weight 0 only readiness separates applicants.
    const applicantsByReadiness = APPLICANTS.map((company, index) => ({ ...company, readiness: [0.3, 0.9, 0.3, 0.6, 0.1][index] as number }));
    const result = shortlistCompanies(applicantsByReadiness, BUYERS, { weights: { marketability: 0, readiness: 1, breadth: 0, strength: 0 } });
    expect(result.entries.map((entry) => entry.companyId)).toEqual(["brake-b", "brake-a", "pump-c", "textile-d", "brake-gear-e"]);
    // Min-max over readiness 0.1…0.9: (r − 0.1)/0.8, and with one criterion closeness is that share.
    [1, 0.625, 0.25, 0.25, 0].forEach((closeness, index) => expect(result.entries[index]?.closeness).toBeCloseTo(closeness, 12));
  });
});

/** A seeded Fisher–Yates shuffle (mulberry32), so each property run permutes every list differently. */
function shuffler(seed: number): <T>(items: readonly T[]) => T[] {
  const next = mulberry32(seed);
  return (items) => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
    }
    return out;
  };
}
