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

  // Cutoffs asked highest first, as the engine asks them, crossing the product index's levels of
  // loose bounds (0.3 and 0.12) and the values between; some buyers list a need two or three times.
  const cutoff = fc.oneof(fc.constantFrom(0, 0.12, 0.3, 0.6, 0.99), fc.double({ min: 0, max: 1, noNaN: true }));
  const cutoffs = fc.array(cutoff, { minLength: 1, maxLength: 4 }).map((values) => [...values].sort((a, b) => b - a));
  const repeating = market.chain(({ companies, buyers }) =>
    fc.tuple(...buyers.map(() => fc.constantFrom(1, 1, 2, 3))).map((times) => ({
      companies,
      buyers: buyers.map((buyer, at) => (buyer.needs === undefined || buyer.needs.length === 0 || times[at] === 1 ? buyer : { ...buyer, needs: [...buyer.needs, ...Array.from({ length: times[at]! - 1 }, () => buyer.needs![0]!)] })),
    })),
  );

  test.prop([repeating, optionsArbitrary, cutoffs, fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined })], { seed: 37, numRuns: 150 })(
    "a sparse index scores exactly like the criterion, bounds every score (its quick bound above its bound), and leaves only floor-or-below buyers unnamed at each cutoff in turn",
    ({ companies, buyers }, options, rounds, naming) => {
      const { criteria, context, companies: compiledCompanies, buyers: compiledBuyers } = compiled(companies, buyers, options);
      for (const criterion of criteria) {
        if (criterion.sparseIndex === undefined) continue;
        expectSparseContract(criterion, criterion.sparseIndex(compiledBuyers, context), compiledCompanies, compiledBuyers, context, rounds, naming);
      }
    },
  );

  test("a buyer that lists one need 300 times (more than the index counts per posting) is bounded by its list, and still above its score", () => {
    const brakes = { name: "brake pads", hs: "8708.30" };
    const companies: Company[] = [
      { id: "c1", name: "Sejin Brake", country: "KR", products: [{ name: "brake pads", hs: "8708.30" }] },
      { id: "c2", name: "Daesung Valve", country: "KR", products: [{ name: "ball valves", hs: "8481.80" }] },
    ];
    const buyers: Buyer[] = [
      { id: "b1", name: "Ford Motor Company", country: "US", needs: [...Array.from({ length: 300 }, () => brakes), { name: "ball valves", hs: "8481.80" }] },
      { id: "b2", name: "General Motors", country: "US", needs: [brakes, { name: "gear boxes", hs: "8708.40" }] },
      { id: "b3", name: "Emerson Electric", country: "US", needs: [{ name: "ball valves", hs: "8481.80" }] },
    ];
    const { criteria, context, companies: compiledCompanies, buyers: compiledBuyers } = compiled(companies, buyers, {});
    const product = criteria.find((criterion) => criterion.sparseIndex !== undefined)!;
    expectSparseContract(product, product.sparseIndex!(compiledBuyers, context), compiledCompanies, compiledBuyers, context, [0.5, 0.25, 0.1, 0], 1);
  });
});
