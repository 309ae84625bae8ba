import { describe, expect, test } from "vitest";
import { createMatcher, rankBuyers, type MatchOptions } from "../../src/index.js";
import { prepare } from "../../src/score/prepare.js";
import { MatcherCore } from "../../src/engine/matcher.js";
import { MarketScorer } from "../../src/engine/scorer.js";
import { TopK } from "../../src/engine/topK.js";
import { generateMarket } from "../../bench/market-generator.js";

// A realistic market (HS-coded products across sectors, typos, Korean names, missing data), large
// enough that pruning skips most buyers: the engine must still equal the reference exactly.
const { companies, buyers } = generateMarket({ companies: 8, buyers: 1000, seed: 7 });

const CASES: readonly MatchOptions[] = [
  { top: 10 },
  { top: 3, viewpoint: "mutual" },
  { top: 5, viewpoint: "buyer", criteria: { certification: { mode: "soft" } }, minScore: 0.4 },
  { top: 10, criteria: { product: { missing: "ignore" }, tier: { missing: "zero" }, region: { hub: { lat: 42.3, lon: -83, halfDistanceKm: 800 } } } },
  { top: 1, weights: { product: 1, sector: 0, tier: 0, region: 0, readiness: 0 } },
];

describe("on a generated market of 1,000 buyers", () => {
  test.each(CASES)("the engine returns exactly the reference's top list for %j", (options) => {
    const matcher = createMatcher(buyers, options);
    for (const company of companies) expect(matcher.rank(company)).toEqual(rankBuyers(company, buyers, options));
  });

  test("pruning scores far fewer pairs than there are", () => {
    const prepared = prepare({ companies, buyers, options: { top: 10 }, defaultViewpoint: "company" });
    const core = new MatcherCore(prepared.options, prepared.options, prepared.buyers, prepared.buyers, true);
    const scorer = new MarketScorer(core.index, prepared.options);
    const heap = new TopK(10);
    let scored = 0;
    for (const company of prepared.companies) {
      scorer.prepare(core.compile(company));
      scorer.rank(heap, 0);
      scored += scorer.scored;
    }
    expect(scored).toBeLessThan((companies.length * buyers.length) / 10);
  });
});
