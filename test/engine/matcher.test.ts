import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { BuyerMatchError, createMatcher, matchAll, mergeTopK, rankBuyers, rankCompanies, type Buyer, type Match } from "../../src/index.js";
import { referenceMatchAll } from "../../src/engine/referenceMatchAll.js";
import { marketArbitrary, optionsArbitrary } from "./arbitraries.js";

const RUNS = 80;

/** Scores must be bit-identical; `toEqual` compares numbers exactly, this also names the pair on failure. */
function expectSameRanking(actual: readonly Match[], expected: readonly Match[]): void {
  expect(actual.map((match) => [match.companyId, match.buyerId, match.rank, match.score])).toEqual(expected.map((match) => [match.companyId, match.buyerId, match.rank, match.score]));
  expect(actual).toEqual(expected);
}

describe("createMatcher equals the reference scorer", () => {
  test.prop([marketArbitrary(), optionsArbitrary, fc.boolean()], { seed: 42, numRuns: RUNS })(
    "rank(company) returns exactly rankBuyers(company, buyers), pruning on and off",
    ({ companies, buyers }, options, pruning) => {
      const matcher = createMatcher(buyers, options, { pruning });
      for (const company of companies) expectSameRanking(matcher.rank(company), rankBuyers(company, buyers, options));
    },
  );

  test.prop([marketArbitrary(), optionsArbitrary], { seed: 7, numRuns: RUNS })("matchAll returns exactly the all-pairs reference, in both directions", ({ companies, buyers }, options) => {
    const engine = matchAll(companies, buyers, options);
    const reference = referenceMatchAll(companies, buyers, options);
    expect([...engine.byCompany.keys()]).toEqual([...reference.byCompany.keys()]);
    expect([...engine.byBuyer.keys()]).toEqual([...reference.byBuyer.keys()]);
    for (const [id, matches] of reference.byCompany) expectSameRanking(engine.byCompany.get(id)!, matches);
    for (const [id, matches] of reference.byBuyer) expectSameRanking(engine.byBuyer.get(id)!, matches);
  });

  test.prop([marketArbitrary(), optionsArbitrary, fc.boolean()], { seed: 11, numRuns: RUNS })(
    "indexCompanies(companies).rank(buyer) and rankAll() return the reference's lists of companies for each buyer",
    ({ companies, buyers }, options, pruning) => {
      const viewpointOptions = { ...options, viewpoint: options.viewpoint ?? "mutual" };
      const reference = referenceMatchAll(companies, buyers, viewpointOptions);
      const index = createMatcher(buyers, viewpointOptions, { pruning }).indexCompanies(companies);
      const all = index.rankAll();
      for (const buyer of buyers) {
        expectSameRanking(index.rank(buyer.id), reference.byBuyer.get(buyer.id)!);
        expectSameRanking(all.get(buyer.id)!, reference.byBuyer.get(buyer.id)!);
      }
    },
  );

  test.prop([marketArbitrary(4, 6), optionsArbitrary], { seed: 13, numRuns: 60 })("a matcher of one buyer ranks companies exactly as rankCompanies does", ({ companies, buyers }, options) => {
    const { viewpoint: _ignored, ...withoutViewpoint } = options;
    for (const buyer of buyers) {
      expectSameRanking(createMatcher([buyer], withoutViewpoint).indexCompanies(companies).rank(buyer.id), rankCompanies(buyer, companies, withoutViewpoint));
    }
  });

  test.prop([marketArbitrary(), optionsArbitrary, fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 0.3, 0.5)], { seed: 17, numRuns: RUNS })(
    "per-call top and minScore give the reference's list for those limits",
    ({ companies, buyers }, options, top, minScore) => {
      const matcher = createMatcher(buyers, options);
      for (const company of companies) expectSameRanking(matcher.rank(company, { top, minScore }), rankBuyers(company, buyers, { ...options, top, minScore }));
    },
  );

  test.prop([marketArbitrary(3, 20), optionsArbitrary, fc.integer()], { seed: 19, numRuns: 60 })("the order of the buyers does not change any ranking", ({ companies, buyers }, options, seed) => {
    const shuffled = fc.sample(fc.shuffledSubarray(buyers, { minLength: buyers.length, maxLength: buyers.length }), { seed, numRuns: 1 })[0]!;
    const a = createMatcher(buyers, options).rankAll(companies);
    const b = createMatcher(shuffled, options).rankAll(companies);
    expect([...b]).toEqual([...a]);
  });
});

describe("mergeTopK", () => {
  test.prop([marketArbitrary(3, 30), optionsArbitrary, fc.integer({ min: 1, max: 4 }), fc.integer()], { seed: 23, numRuns: RUNS })(
    "ranking buyer shards over the full market and merging their top k equals ranking the whole market",
    ({ companies, buyers }, options, shardCount, seed) => {
      const shardOf = fc.sample(fc.array(fc.integer({ min: 0, max: shardCount - 1 }), { minLength: buyers.length, maxLength: buyers.length }), { seed, numRuns: 1 })[0]!;
      const shards: Buyer[][] = Array.from({ length: shardCount }, () => []);
      buyers.forEach((buyer, index) => shards[shardOf[index]!]!.push(buyer));
      const whole = createMatcher(buyers, options);
      const matchers = shards.map((shard) => createMatcher(shard, options, { marketBuyers: buyers }));
      for (const company of companies) {
        const merged = mergeTopK(
          matchers.map((matcher) => matcher.rank(company)),
          options.top === undefined ? {} : { top: options.top },
        );
        expectSameRanking(merged, whole.rank(company));
      }
    },
  );

  test.prop([marketArbitrary(3, 12), optionsArbitrary], { seed: 29, numRuns: 40 })("merging the lists of companies for one buyer by companyId equals the whole list", ({ companies, buyers }, options) => {
    const index = createMatcher(buyers, options).indexCompanies(companies);
    const half = Math.ceil(companies.length / 2);
    const parts = [companies.slice(0, half), companies.slice(half)].map((part) => createMatcher(buyers, options).indexCompanies(part));
    for (const buyer of buyers) {
      const merged = mergeTopK(
        parts.map((part) => part.rank(buyer.id)),
        { by: "companyId", ...(options.top === undefined ? {} : { top: options.top }) },
      );
      expectSameRanking(merged, index.rank(buyer.id));
    }
  });
});

describe("boundaries", () => {
  const buyer: Buyer = { id: "b1", name: "Buyer", country: "US", needs: [{ name: "brake pads", hs: "870830" }] };

  test("bad buyers and options are reported together in one BuyerMatchError with paths", () => {
    let caught: unknown;
    try {
      createMatcher([buyer, { id: "b2", name: "", country: "XX" } as Buyer, buyer], { top: 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BuyerMatchError);
    const paths = (caught as BuyerMatchError).issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["options.top", "buyers.1.name", "buyers.1.country", "buyers.2.id"]));
  });

  test("a bad company passed to rank is reported under `company`; an unknown buyer id under `buyerId`", () => {
    const matcher = createMatcher([buyer]);
    expect(() => matcher.rank({ id: "c", name: "C", country: "KR", products: [{ name: "x", hs: "87083" }] })).toThrow(BuyerMatchError);
    try {
      matcher.rank({ id: "c", name: "C", country: "KR", products: [{ name: "x", hs: "87083" }] });
    } catch (error) {
      expect((error as BuyerMatchError).issues[0]!.path).toEqual(["company", "products", 0, "hs"]);
    }
    expect(() => matcher.indexCompanies([]).rank("nobody")).toThrow(BuyerMatchError);
    expect(() => matcher.rank({ id: "c", name: "C", country: "KR" }, { top: 1.5 })).toThrow(BuyerMatchError);
  });

  test("an empty market ranks nothing, and a company without products still ranks by the other criteria", () => {
    expect(createMatcher([]).rank({ id: "c", name: "C", country: "KR" })).toEqual([]);
    const ranked = createMatcher([buyer]).rank({ id: "c", name: "C", country: "KR" });
    expect(ranked.map((match) => match.buyerId)).toEqual(["b1"]);
    expect(ranked[0]!.breakdown.product?.known).toBe(false);
  });

  test("mergeTopK rejects a bad top with a BuyerMatchError", () => {
    expect(() => mergeTopK([], { top: -1 })).toThrow(BuyerMatchError);
  });
});
