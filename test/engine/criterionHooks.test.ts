import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import type { Buyer, Company, MatchOptions } from "../../src/index.js";
import { prepare } from "../../src/score/prepare.js";
import { compileBuyer, compileCompany } from "../../src/market/market.js";
import { contextFor } from "../../src/score/reference.js";
import { buyerArbitrary, companyArbitrary, optionsArbitrary } from "./arbitraries.js";
import { expectSparseContract } from "./sparseContract.js";

// The contracts the engine relies on, checked against every criterion that declares a hook, so a
// new criterion is held to them the moment it declares one.

function compiled(companies: readonly Company[], buyers: readonly Buyer[], options: MatchOptions) {
  const prepared = prepare({ companies, buyers, options, defaultViewpoint: "company" });
  const context = contextFor(prepared.options, prepared.buyers);
  return {
    criteria: prepared.options.criteria,
    context,
    companies: prepared.companies.map((company) => compileCompany(company, context.market)),
    buyers: prepared.buyers.map((buyer) => compileBuyer(buyer, context.market)),
  };
}

const market = fc.record({
  companies: fc.tuple(companyArbitrary("c1"), companyArbitrary("c2"), companyArbitrary("c3")),
  buyers: fc.tuple(...["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"].map(buyerArbitrary)),
});

describe("criterion hooks", () => {
  test.prop([market, optionsArbitrary], { seed: 31, numRuns: 150 })("buyers with the same buyerKey get the same score and the same exclusion from every company", ({ companies, buyers }, options) => {
    const { criteria, context, companies: compiledCompanies, buyers: compiledBuyers } = compiled(companies, buyers, options);
    for (const criterion of criteria) {
      if (criterion.buyerKey === undefined) continue;
      for (const a of compiledBuyers) {
        for (const b of compiledBuyers) {
          if (criterion.buyerKey(a, context) !== criterion.buyerKey(b, context)) continue;
          for (const company of compiledCompanies) {
            expect(criterion.score(company, a, context)).toBe(criterion.score(company, b, context));
            expect(criterion.exclude?.(company, a, context)).toEqual(criterion.exclude?.(company, b, context));
          }
        }
      }
    }
  });

  test.prop([market, optionsArbitrary, fc.constantFrom(0, 0.3, 0.6, 0.99)], { seed: 37, numRuns: 150 })(
    "a sparse index scores exactly like the criterion, bounds every score, and leaves only floor-or-below buyers unnamed",
    ({ companies, buyers }, options, cutoff) => {
      const { criteria, context, companies: compiledCompanies, buyers: compiledBuyers } = compiled(companies, buyers, options);
      for (const criterion of criteria) {
        if (criterion.sparseIndex === undefined) continue;
        expectSparseContract(criterion, criterion.sparseIndex(compiledBuyers, context), compiledCompanies, compiledBuyers, context, cutoff);
      }
    },
  );
});
