import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { type Outcome, type RankedMatch, rankingMetrics } from "../../src/evaluate/index.js";
import { list, match, shuffle } from "./helpers.js";

function issuesOf(run: () => unknown): { code: string; path: readonly (string | number)[] }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return (error as BuyerMatchError).issues.map(({ code, path }) => ({ code, path }));
  }
  throw new Error("expected a BuyerMatchError");
}

// Three companies. A: five buyers, relevant b2 (deal, 4), b4 (met, 1) and b9 (interest, 2; never
// listed). B: a list shorter than k, its top buyer reached a quote. C: no outcomes at all.
const lists = {
  A: list("A", ["b1", "b2", "b3", "b4", "b5"]),
  B: list("B", ["b3", "b1"]),
  C: list("C", ["b1", "b2"]),
};
const outcomes: Outcome[] = [
  { companyId: "A", buyerId: "b2", stage: "deal", value: 50_000 },
  { companyId: "A", buyerId: "b4", stage: "met" },
  { companyId: "A", buyerId: "b9", stage: "interest" },
  { companyId: "B", buyerId: "b3", stage: "quote" },
];

describe("rankingMetrics on a hand-computed case (k = 3)", () => {
  const result = rankingMetrics(lists, outcomes, { k: 3 });
  const byId = new Map(result.perCompany.map((metrics) => [metrics.companyId, metrics]));

  it("scores company A as worked out by hand", () => {
    const a = byId.get("A");
    // top 3 = b1, b2, b3 with grades 0, 4, 0: one hit; relevant = {b2, b4, b9}.
    expect(a?.hits).toBe(1);
    expect(a?.relevant).toBe(3);
    expect(a?.precision).toBeCloseTo(1 / 3, 12); // 1 hit / k 3
    expect(a?.recall).toBeCloseTo(1 / 3, 12); // 1 hit / 3 relevant
    // DCG  = (2^4 − 1) / log2(3) = 15 / 1.5849625 = 9.4639463
    // IDCG = grades 4, 2, 1: 15 / log2(2) + 3 / log2(3) + 1 / log2(4) = 15 + 1.8927893 + 0.5 = 17.3927893
    // NDCG = 9.4639463 / 17.3927893 = 0.5441305
    expect(a?.ndcg).toBeCloseTo(15 / Math.log2(3) / (15 + 3 / Math.log2(3) + 0.5), 12);
    expect(a?.ndcg).toBeCloseTo(0.5441305, 6);
    expect(a?.reciprocalRank).toBe(1 / 2); // first relevant at position 2
    expect(a?.hit).toBe(true);
  });

  it("does not excuse a list shorter than k in precision, but finds it ideal otherwise", () => {
    const b = byId.get("B");
    // top = b3, b1 (only 2 entries): 1 hit / k 3; recall 1 / 1; DCG = IDCG = (2^3 − 1) / log2(2) = 7.
    expect(b?.listed).toBe(2);
    expect(b?.precision).toBeCloseTo(1 / 3, 12);
    expect(b?.recall).toBe(1);
    expect(b?.ndcg).toBe(1);
    expect(b?.reciprocalRank).toBe(1);
  });

  it("reports a company without relevant outcomes but leaves it out of the averages", () => {
    const c = byId.get("C");
    expect(c).toMatchObject({ judged: false, relevant: 0, precision: 0, recall: null, ndcg: null, reciprocalRank: null, hit: false });
    expect(result.overall.companies).toBe(3);
    expect(result.overall.judgedCompanies).toBe(2);
  });

  it("macro-averages over the judged companies A and B", () => {
    const { overall } = result;
    expect(overall.precision).toBeCloseTo((1 / 3 + 1 / 3) / 2, 12); // 1/3
    expect(overall.recall).toBeCloseTo((1 / 3 + 1) / 2, 12); // 2/3
    expect(overall.ndcg).toBeCloseTo((0.5441305 + 1) / 2, 6); // 0.7720652
    expect(overall.mrr).toBeCloseTo((1 / 2 + 1) / 2, 12); // 0.75
    expect(overall.hitRate).toBe(1); // both judged companies have a hit
    // top-3 lists hold {b1, b2, b3}; known buyers = listed {b1..b5} ∪ outcome-only {b9} = 6 → 3 / 6.
    expect(overall.buyersCovered).toBe(3);
    expect(overall.buyersKnown).toBe(6);
    expect(overall.buyerCoverage).toBe(0.5);
  });

  it("measures buyer coverage against the buyer ids when they are given", () => {
    const buyerIds = ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10"];
    const { overall } = rankingMetrics(lists, outcomes, { k: 3, buyerIds });
    expect(overall.buyerCoverage).toBe(3 / 10);
  });
});

describe("rankingMetrics edge cases", () => {
  it("orders a list by rank, not by score or input position", () => {
    // Equal scores; the input lists rank 2 first. Rank 1 (b-miss) must come first, so k = 1 misses.
    const tied: RankedMatch[] = [match("A", "b-hit", 2, 0.5), match("A", "b-miss", 1, 0.5)];
    const result = rankingMetrics([tied], [{ companyId: "A", buyerId: "b-hit", stage: "deal" }], { k: 1 });
    expect(result.perCompany[0]?.hits).toBe(0);
    expect(result.perCompany[0]?.reciprocalRank).toBe(0);
  });

  it("breaks ties in rank by buyer id", () => {
    // Both rank 1: "a" sorts before "z", so with k = 1 only "a" counts.
    const tied: RankedMatch[] = [match("A", "z", 1), match("A", "a", 1)];
    const hitsOn = (buyerId: string) => rankingMetrics([tied], [{ companyId: "A", buyerId, stage: "met" }], { k: 1 }).perCompany[0]?.hits;
    expect(hitsOn("a")).toBe(1);
    expect(hitsOn("z")).toBe(0);
  });

  it("handles k larger than every list", () => {
    // One list of 2, both relevant, k = 10: precision 2/10, recall 1, NDCG 1 (list is the ideal order).
    const result = rankingMetrics({ A: list("A", ["x", "y"]) }, [
      { companyId: "A", buyerId: "x", stage: "deal" },
      { companyId: "A", buyerId: "y", stage: "met" },
    ], { k: 10 });
    expect(result.overall.precision).toBeCloseTo(0.2, 12);
    expect(result.overall.recall).toBe(1);
    expect(result.overall.ndcg).toBe(1);
  });

  it("gives NDCG 1 only for the ideal order and less when grades are swapped", () => {
    const grades: Outcome[] = [
      { companyId: "A", buyerId: "x", stage: "deal" },
      { companyId: "A", buyerId: "y", stage: "met" },
    ];
    expect(rankingMetrics({ A: list("A", ["x", "y"]) }, grades, { k: 2 }).overall.ndcg).toBe(1);
    // Swapped: DCG = 1/1 + 15/log2(3) = 10.4639; IDCG = 15 + 1/log2(3) = 15.6309; NDCG = 0.66944.
    const swapped = rankingMetrics({ A: list("A", ["y", "x"]) }, grades, { k: 2 }).overall.ndcg;
    expect(swapped).toBeCloseTo((1 + 15 / Math.log2(3)) / (15 + 1 / Math.log2(3)), 12);
  });

  it("keeps the furthest stage when a pair has several outcomes", () => {
    // met then deal for x: grade 4, so ranking x second costs what a deal costs.
    const result = rankingMetrics({ A: list("A", ["y", "x"]) }, [
      { companyId: "A", buyerId: "x", stage: "deal" },
      { companyId: "A", buyerId: "x", stage: "met" },
      { companyId: "A", buyerId: "y", stage: "met" },
    ], { k: 2 });
    expect(result.overall.ndcg).toBeCloseTo((1 + 15 / Math.log2(3)) / (15 + 1 / Math.log2(3)), 12);
  });

  it("lets the caller regrade stages, so met can stop counting as relevant", () => {
    const result = rankingMetrics({ A: list("A", ["x", "y"]) }, [
      { companyId: "A", buyerId: "x", stage: "met" },
      { companyId: "A", buyerId: "y", stage: "quote" },
    ], { k: 1, relevance: { met: 0 } });
    // Only y (quote) is relevant and it sits at position 2: with k = 1 there is no hit.
    expect(result.perCompany[0]).toMatchObject({ relevant: 1, hits: 0, recall: 0, ndcg: 0 });
  });

  it("counts an outcome-only company as an empty list when the company ids are given", () => {
    const result = rankingMetrics({ A: list("A", ["x"]) }, [
      { companyId: "A", buyerId: "x", stage: "deal" },
      { companyId: "B", buyerId: "x", stage: "deal" },
    ], { k: 1, companyIds: ["A", "B"] });
    expect(result.perCompany.map((metrics) => [metrics.companyId, metrics.hits])).toEqual([["A", 1], ["B", 0]]);
    expect(result.overall.hitRate).toBe(0.5);
  });

  it("refuses when no company has a relevant outcome", () => {
    expect(issuesOf(() => rankingMetrics(lists, [], { k: 3 }))).toEqual([{ code: "insufficient_data", path: ["outcomes"] }]);
  });

  it("accepts the same lists as a Map, a record, an array of lists and a flat array", () => {
    const expected = rankingMetrics(lists, outcomes, { k: 3 });
    expect(rankingMetrics(new Map(Object.entries(lists)), outcomes, { k: 3 })).toEqual(expected);
    expect(rankingMetrics(Object.values(lists), outcomes, { k: 3 })).toEqual(expected);
    expect(rankingMetrics(Object.values(lists).flat(), outcomes, { k: 3 })).toEqual(expected);
  });

  it("treats __proto__ as an ordinary company id", () => {
    const result = rankingMetrics(new Map([["__proto__", list("__proto__", ["x"])]]), [{ companyId: "__proto__", buyerId: "x", stage: "met" }], { k: 1 });
    expect(result.perCompany[0]?.companyId).toBe("__proto__");
    expect(result.overall.precision).toBe(1);
  });
});

describe("rankingMetrics input checks", () => {
  it("reports unknown ids, an unknown stage and a negative value together, each with its path", () => {
    const bad = [
      { companyId: "A", buyerId: "b1", stage: "met" },
      { companyId: "Nope", buyerId: "b1", stage: "met" },
      { companyId: "A", buyerId: "b1", stage: "signed" },
      { companyId: "A", buyerId: "b2", stage: "deal", value: -5 },
      { companyId: "A", buyerId: "ghost", stage: "deal", value: Number.NaN },
    ] as unknown as Outcome[];
    const buyerIds = ["b1", "b2", "b3", "b4", "b5"];
    expect(issuesOf(() => rankingMetrics(lists, bad, { k: 3, buyerIds }))).toEqual([
      { code: "unknown_reference", path: ["outcomes", 1, "companyId"] },
      { code: "invalid_input", path: ["outcomes", 2, "stage"] },
      { code: "out_of_range", path: ["outcomes", 3, "value"] },
      { code: "out_of_range", path: ["outcomes", 4, "value"] }, // NaN: a number out of range
      { code: "unknown_reference", path: ["outcomes", 4, "buyerId"] },
    ]);
  });

  it("reports bad lists and a bad k with paths", () => {
    const badLists = {
      A: [match("A", "b1", 1), match("A", "b1", 2), { ...match("A", "b3", 0) }, match("B", "b4", 3)],
    };
    expect(issuesOf(() => rankingMetrics(badLists, outcomes, { k: 0 }))).toEqual([
      { code: "out_of_range", path: ["options", "k"] },
      { code: "duplicate_id", path: ["matchLists", "A", 1, "buyerId"] },
      { code: "out_of_range", path: ["matchLists", "A", 2, "rank"] },
      { code: "invalid_input", path: ["matchLists", "A", 3, "companyId"] },
      // Outcomes for B are typos now: B was never ranked.
      { code: "unknown_reference", path: ["outcomes", 3, "companyId"] },
    ]);
  });

  it("reports non-decreasing grade violations in the relevance option", () => {
    expect(issuesOf(() => rankingMetrics(lists, outcomes, { k: 3, relevance: { deal: 1 } }))).toEqual([
      { code: "out_of_range", path: ["options", "relevance", "deal"] },
    ]);
  });

  it("reports missing options and unreadable id collections instead of throwing a TypeError", () => {
    expect(issuesOf(() => rankingMetrics(lists, outcomes, undefined as never))).toEqual([{ code: "invalid_input", path: ["options", "k"] }]);
    expect(issuesOf(() => rankingMetrics(lists, outcomes, { k: 3, companyIds: 5 as never, buyerIds: ["b1", 7] as never }))).toEqual([
      { code: "invalid_input", path: ["options", "companyIds"] },
      { code: "invalid_input", path: ["options", "buyerIds", 1] },
      // With buyerIds = {b1}, every other listed or outcome buyer is unknown: checked, not skipped.
      ...["A", "B", "C"].flatMap((company) => lists[company as "A" | "B" | "C"].flatMap((entry, index) => (entry.buyerId === "b1" ? [] : [{ code: "unknown_reference", path: ["matchLists", company, index, "buyerId"] }]))),
      ...outcomes.flatMap((outcome, index) => (outcome.buyerId === "b1" ? [] : [{ code: "unknown_reference", path: ["outcomes", index, "buyerId"] }])),
    ]);
  });

  it("rejects a value that is not an array of outcomes without a TypeError", () => {
    expect(issuesOf(() => rankingMetrics(lists, "nope" as unknown as Outcome[], { k: 3 }))).toEqual([{ code: "invalid_input", path: ["outcomes"] }]);
  });
});

const stages = ["met", "interest", "quote", "deal"] as const;
const missionArbitrary = fc
  .record({
    companies: fc.integer({ min: 1, max: 6 }),
    buyers: fc.integer({ min: 1, max: 12 }),
    k: fc.integer({ min: 1, max: 15 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .chain(({ companies, buyers, k, seed }) =>
    fc.record({
      k: fc.constant(k),
      seed: fc.constant(seed),
      lists: fc.array(fc.shuffledSubarray(Array.from({ length: buyers }, (_, index) => `b${index}`)), { minLength: companies, maxLength: companies }),
      outcomes: fc.array(
        fc.record({ company: fc.integer({ min: 0, max: companies - 1 }), buyer: fc.integer({ min: 0, max: buyers - 1 }), stage: fc.constantFrom(...stages) }),
        { minLength: 1, maxLength: 20 },
      ),
    }),
  );

describe("rankingMetrics properties", () => {
  test.prop([missionArbitrary], { seed: 42, numRuns: 150 })(
    "every metric lies in [0, 1] and the result does not depend on input order",
    ({ k, seed, lists: buyerLists, outcomes: raw }) => {
      // Keyed by company, so an empty list still names its company.
      const entries = buyerLists.map((buyerIds, index) => [`c${index}`, list(`c${index}`, buyerIds)] as const);
      const matchLists = new Map(entries);
      const outcomeList: Outcome[] = raw.map(({ company, buyer, stage }) => ({ companyId: `c${company}`, buyerId: `b${buyer}`, stage }));
      const result = rankingMetrics(matchLists, outcomeList, { k });
      const values = [
        ...Object.entries(result.overall).filter(([key]) => !["k", "companies", "judgedCompanies", "buyersCovered", "buyersKnown"].includes(key)).map(([, value]) => value as number),
        ...result.perCompany.flatMap((metrics) => [metrics.precision, metrics.recall ?? 0, metrics.ndcg ?? 0, metrics.reciprocalRank ?? 0]),
      ];
      for (const value of values) {
        expect(Number.isFinite(value)).toBe(true);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1 + 1e-12);
      }
      const shuffled = new Map(shuffle(entries.map(([companyId, matches], index) => [companyId, shuffle(matches, seed + index)] as const), seed));
      expect(rankingMetrics(shuffled, shuffle(outcomeList, seed + 99), { k })).toEqual(result);
    },
  );

  test.prop([missionArbitrary], { seed: 42, numRuns: 100 })("recall@k never falls as k grows", ({ k, lists: buyerLists, outcomes: raw }) => {
    const matchLists = new Map(buyerLists.map((buyerIds, index) => [`c${index}`, list(`c${index}`, buyerIds)] as const));
    const outcomeList: Outcome[] = raw.map(({ company, buyer, stage }) => ({ companyId: `c${company}`, buyerId: `b${buyer}`, stage }));
    const smaller = rankingMetrics(matchLists, outcomeList, { k });
    const larger = rankingMetrics(matchLists, outcomeList, { k: k + 1 });
    expect(larger.overall.recall).toBeGreaterThanOrEqual(smaller.overall.recall);
    expect(larger.overall.hitRate).toBeGreaterThanOrEqual(smaller.overall.hitRate);
  });
});
