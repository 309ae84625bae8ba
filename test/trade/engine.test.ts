/**
 * Engine exactness with the trade criteria (issue 11, part 5): random markets dressed with random
 * import records, groups and trading partners (real codes and firms), random weights on the two new
 * criteria and random settings; the engine (pruning on and off, matchAll, indexCompanies, snapshots)
 * must return exactly the reference's lists, bit for bit. Both criteria prune through sparse indexes
 * (imports by code, names by word and spelling), held here to the sparse-index contract too.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createMatcher, loadMatcher, matchAll, rankBuyers, type Buyer, type Company, type Match, type MatchOptions } from "../../src/index.js";
import { referenceMatchAll } from "../../src/engine/referenceMatchAll.js";
import { marketArbitrary, optionsArbitrary } from "../engine/arbitraries.js";
import { prepare } from "../../src/score/prepare.js";
import { compileBuyer, compileCompany } from "../../src/market/market.js";
import { contextFor } from "../../src/score/reference.js";
import { expectSparseContract } from "../engine/sparseContract.js";

function expectSameRanking(actual: readonly Match[], expected: readonly Match[]): void {
  expect(actual.map((match) => [match.companyId, match.buyerId, match.rank, match.score])).toEqual(expected.map((match) => [match.companyId, match.buyerId, match.rank, match.score]));
  expect(actual).toEqual(expected);
}

const HS = ["870830", "8708.30-1000", "8708", "870840", "841350", "850760", "87", "hts:8708.30.5090"];
const ORIGINS = ["KR", "CN", "US", "MX", "DE", "JP"];
const DATES = ["2026-10", "2026-06-15", "2025-11", "2021-10", "2019-01-31"];
const FIRMS = ["Hyundai Mobis Co., Ltd.", "Mobis North America", "현대모비스(주)", "Hyundai Motor Company", "Kia Corporation", "Kia Georgia Inc.", "Mando Corporation", "Korea Zinc Co., Ltd.", "Hyundai Heavy Industries", "Ford Motor Company", "General Motors Company", "Hyundia Mobis America", "Hyundia Motor", "Mandoo Corp.", "Korea Motor Industries"];

const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 3 });
const importRecord = fc.record(
  { hs: fc.constantFrom(...HS), origin: maybe(fc.constantFrom(...ORIGINS)), shipments: maybe(fc.integer({ min: 0, max: 40 })), value: maybe(fc.integer({ min: 0, max: 1e6 })), lastDate: maybe(fc.constantFrom(...DATES)) },
  { requiredKeys: ["hs"] },
);
const buyerExtras = fc.record({ imports: maybe(fc.array(importRecord, { maxLength: 3 })), group: maybe(fc.constantFrom(...FIRMS)), customers: maybe(fc.array(fc.constantFrom(...FIRMS), { maxLength: 2 })), name: maybe(fc.constantFrom(...FIRMS)) });
const companyExtras = fc.record({ customers: maybe(fc.array(fc.constantFrom(...FIRMS), { maxLength: 3 })) });
const extrasArbitrary = fc.record({ company: fc.array(companyExtras, { minLength: 4, maxLength: 4 }), buyer: fc.array(buyerExtras, { minLength: 30, maxLength: 30 }) });
const tradeOptions = fc.record({
  evidence: fc.constantFrom(0, 0.2, 0.5),
  relationship: fc.constantFrom(0, 0.3),
  asOf: maybe(fc.constantFrom("2026-11", "2024-01-15")),
  halfLifeMonths: maybe(fc.constantFrom(6, 24)),
  aliases: fc.boolean(),
  missing: maybe(fc.constantFrom("neutral" as const, "ignore" as const, "zero" as const)),
  requireEvidence: fc.boolean(),
});

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function dress(market: { companies: Company[]; buyers: Buyer[] }, extras: { company: readonly object[]; buyer: readonly object[] }) {
  return {
    companies: market.companies.map((company, index) => ({ ...company, ...defined(extras.company[index]!) }) as Company),
    buyers: market.buyers.map((buyer, index) => ({ ...buyer, ...defined(extras.buyer[index]!) }) as Buyer),
  };
}

type Trade = { evidence: number; relationship: number; asOf: string | undefined; halfLifeMonths: number | undefined; aliases: boolean; requireEvidence: boolean; missing: "neutral" | "ignore" | "zero" | undefined };

function withTrade(base: MatchOptions, trade: Trade): MatchOptions {
  const viewpoint = base.viewpointWeights;
  const add = (weights: MatchOptions["weights"]) => ({ ...(weights ?? {}), evidence: trade.evidence, relationship: trade.relationship });
  return {
    ...base,
    requireEvidence: trade.requireEvidence,
    weights: add(base.weights),
    ...(viewpoint === undefined ? {} : { viewpointWeights: { company: add(viewpoint.company), buyer: add(viewpoint.buyer) } }),
    criteria: {
      ...(base.criteria ?? {}),
      evidence: defined({ asOf: trade.asOf, halfLifeMonths: trade.halfLifeMonths, missing: trade.missing }) as { asOf?: string; halfLifeMonths?: number; missing?: "neutral" | "ignore" | "zero" },
      relationship: trade.aliases ? { aliases: [["현대모비스", "Hyundai Mobis"]] } : {},
    },
  };
}

describe("the trade criteria keep the engine exact", () => {
  test.prop([marketArbitrary(4, 30), extrasArbitrary, optionsArbitrary, tradeOptions, fc.boolean(), fc.boolean()], { seed: 111, numRuns: 60 })(
    "rank(company) with import records (on many buyers or few), groups and trading partners returns exactly rankBuyers, pruning on and off",
    (market, extras, base, trade, pruning, few) => {
      const dressed = dress(market, extras);
      const companies = dressed.companies;
      const buyers = few ? dressed.buyers.map((buyer, index) => (index % 4 === 0 ? buyer : { ...buyer, imports: [] })) : dressed.buyers;
      const options = withTrade(base, trade);
      const matcher = createMatcher(buyers, options, { pruning });
      for (const company of companies) expectSameRanking(matcher.rank(company), rankBuyers(company, buyers, options));
    },
  );

  test.prop([marketArbitrary(4, 20), extrasArbitrary, optionsArbitrary, tradeOptions], { seed: 112, numRuns: 40 })(
    "matchAll, indexCompanies and a loaded snapshot with the trade criteria return exactly the all-pairs reference",
    (market, extras, base, trade) => {
      const { companies, buyers } = dress(market, extras);
      const options = withTrade({ ...base, viewpoint: base.viewpoint ?? "mutual" }, trade);
      const reference = referenceMatchAll(companies, buyers, options);
      const engine = matchAll(companies, buyers, options);
      for (const [id, matches] of reference.byCompany) expectSameRanking(engine.byCompany.get(id)!, matches);
      for (const [id, matches] of reference.byBuyer) expectSameRanking(engine.byBuyer.get(id)!, matches);
      const matcher = createMatcher(buyers, options);
      for (const [id, matches] of reference.byBuyer) expectSameRanking(matcher.indexCompanies(companies).rankAll().get(id)!, matches);
      const loaded = loadMatcher(matcher.toSnapshot(), buyers);
      for (const company of companies) expectSameRanking(loaded.rank(company), matcher.rank(company));
    },
  );
});

describe("the trade criteria's sparse indexes", () => {
  test.prop([marketArbitrary(4, 30), extrasArbitrary, optionsArbitrary, tradeOptions, fc.constantFrom(0, 0.3, 0.6, 0.99), fc.boolean()], { seed: 113, numRuns: 100 })(
    "score exactly like the criteria, bound every score, leave only floor-or-below buyers unnamed, and restore from their saved lists (importers many or few)",
    (market, extras, base, trade, cutoff, few) => {
      const dressed = dress(market, extras);
      const companies = dressed.companies;
      // Few importers (every fourth buyer at most) take the other shape of the evidence query.
      const buyers = few ? dressed.buyers.map((buyer, index) => (index % 4 === 0 ? buyer : { ...buyer, imports: [] })) : dressed.buyers;
      const prepared = prepare({ companies, buyers, options: withTrade({ ...base, weights: { evidence: 0.3, relationship: 0.3 } }, trade), defaultViewpoint: "company" });
      const context = contextFor(prepared.options, prepared.buyers);
      const compiledCompanies = prepared.companies.map((company) => compileCompany(company, context.market));
      const compiledBuyers = prepared.buyers.map((buyer) => compileBuyer(buyer, context.market));
      for (const criterion of prepared.options.criteria) {
        if (criterion.id !== "evidence" && criterion.id !== "relationship") continue;
        const built = criterion.sparseIndex!(compiledBuyers, context);
        const restored = criterion.restoreIndex!(built.save!(), compiledBuyers.length, context);
        for (const index of [built, restored]) expectSparseContract(criterion, index, compiledCompanies, compiledBuyers, context, cutoff);
      }
    },
  );
});
