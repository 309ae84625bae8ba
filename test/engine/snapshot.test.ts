import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { BuyerMatchError, createMatcher, loadMatcher, type Buyer, type Company, type Matcher, type MatchOptions } from "../../src/index.js";
import { marketArbitrary, optionsArbitrary } from "./arbitraries.js";

const RUNS = 60;

/** Everything a matcher answers, as plain data (scores compare bit for bit under toEqual). */
function answers(matcher: Matcher, companies: readonly Company[], buyers: readonly Buyer[]): unknown {
  const viewpoint = matcher.indexCompanies(companies);
  return {
    size: matcher.size,
    ranked: [...matcher.rankAll(companies)],
    tops: companies.map((company) => matcher.rank(company, { top: 2 })),
    byBuyer: [...viewpoint.rankAll()],
    one: buyers.filter((_, at) => at % 3 === 0).map((buyer) => (matcher.indexCompanies(companies).rank(buyer.id.trim()))),
  };
}

describe("snapshots", () => {
  test.prop([marketArbitrary(), optionsArbitrary, fc.boolean()], { seed: 2026, numRuns: RUNS })(
    "a matcher loaded from its snapshot gives every answer the original gives",
    ({ companies, buyers }, options, pruning) => {
      const matcher = createMatcher(buyers, options, { pruning });
      const loaded = loadMatcher(matcher.toSnapshot(), buyers);
      expect(answers(loaded, companies, buyers)).toEqual(answers(matcher, companies, buyers));
    },
  );

  test.prop([marketArbitrary(), optionsArbitrary], { seed: 2027, numRuns: 30 })(
    "the JSON-safe form and a snapshot that embeds its buyers load to the same answers",
    ({ companies, buyers }, options) => {
      const matcher = createMatcher(buyers, options);
      const expected = answers(matcher, companies, buyers);
      const json = JSON.parse(JSON.stringify(matcher.toSnapshot({ json: true }))) as ReturnType<Matcher["toSnapshot"]>;
      expect(answers(loadMatcher(json as never, [...buyers].reverse()), companies, buyers)).toEqual(expected);
      expect(answers(loadMatcher(matcher.toSnapshot({ buyers: true })), companies, buyers)).toEqual(expected);
    },
  );
});
