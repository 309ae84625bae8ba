/**
 * The engine stays exact where codes meet only through the HS–NAICS bridge or as national tariff
 * lines: markets in which every product is an HSK/HTS line or a NAICS code and every need the other
 * system (real codes from the concordance), with Korean and English names that rarely share a word.
 */
import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createMatcher, matchAll, rankBuyers, type Buyer, type Company, type Match } from "../../src/index.js";
import { referenceMatchAll } from "../../src/engine/referenceMatchAll.js";
import { optionsArbitrary } from "./arbitraries.js";

// HS lines whose HS6 parts map to one (850760, 020329), two (870830, 841350) or seven (870840)
// industries, written as HSK and HTS lines, with prefixes and without; NAICS codes those industries
// share 2–6 digits with, one in the 2017 vintage and one special code.
const HS = ["8708.30-1000", "hts:8708.30.5090", "8708.40-2000", "8413.50-1000", "8507.60-0000", "hsk:8507.60-1000", "0203.29-0000", "870830", "8708", "hts:8413.50.0010"];
const NAICS = ["336340", "333111", "333120", "333996", "335910", "311611", "3363", "336111", "910000", "33"];
const WORDS = ["브레이크", "패드", "유압", "펌프", "brake", "pads", "pump", "battery", "cells", "pork"];

const name = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((words) => words.join(" "));
type Item = { name: string; hs?: string; naics?: string };
const hsItem: fc.Arbitrary<Item> = fc.record({ name, hs: fc.constantFrom(...HS) });
const naicsItem: fc.Arbitrary<Item> = fc.record({ name, naics: fc.constantFrom(...NAICS) });
const sector = fc.constantFrom("hs:8708", "hs:850760", "hs:8413", "naics:336340", "naics:3359", "naics:333");

const market = fc.record({ companyCount: fc.integer({ min: 1, max: 4 }), buyerCount: fc.integer({ min: 1, max: 25 }), flip: fc.boolean() }).chain(({ companyCount, buyerCount, flip }) =>
  fc.record({
    companies: fc.tuple(
      ...Array.from({ length: companyCount }, (_, index) =>
        fc.record({ products: fc.array(flip ? naicsItem : hsItem, { maxLength: 3 }), sectors: fc.subarray(["hs:8708", "hs:850760", "naics:336340"]) }).map(
          (fields): Company => ({ id: `c${(index * 37) % 11}-${index}`, name: "수출기업", country: index % 2 === 0 ? "KR" : "US", ...fields }),
        ),
      ),
    ),
    buyers: fc.tuple(
      ...Array.from({ length: buyerCount }, (_, index) =>
        fc.record({ needs: fc.array(flip ? hsItem : naicsItem, { maxLength: 3 }), sectors: fc.array(sector, { maxLength: 2 }) }).map(
          (fields): Buyer => ({ id: index === 0 ? "__proto__" : `b${(index * 7919) % 1000}`, name: "Buyer", country: "US", ...fields }),
        ),
      ),
    ),
  }),
);

function same(actual: readonly Match[], expected: readonly Match[]): void {
  expect(actual.map((match) => [match.buyerId, match.companyId, match.score, match.coverage])).toEqual(expected.map((match) => [match.buyerId, match.companyId, match.score, match.coverage]));
  expect(actual).toEqual(expected);
}

describe("the engine on bridged and national codes", () => {
  test.prop([market, optionsArbitrary, fc.boolean()], { seed: 101, numRuns: 80 })(
    "rank(company) returns exactly rankBuyers(company, buyers) on a bridged market, pruning on and off",
    ({ companies, buyers }, options, pruning) => {
      const matcher = createMatcher(buyers, options, { pruning });
      for (const company of companies) same(matcher.rank(company), rankBuyers(company, buyers, options));
    },
  );

  test.prop([market, optionsArbitrary], { seed: 103, numRuns: 60 })("matchAll returns exactly the all-pairs reference on a bridged market, in both directions", ({ companies, buyers }, options) => {
    const engine = matchAll(companies, buyers, options);
    const reference = referenceMatchAll(companies, buyers, options);
    for (const [id, matches] of reference.byCompany) same(engine.byCompany.get(id)!, matches);
    for (const [id, matches] of reference.byBuyer) same(engine.byBuyer.get(id)!, matches);
  });
});
