import { describe, expect } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { createMatcher } from "../../src/index.js";
import { coreOf } from "../../src/engine/matcher.js";
import { BOUND_SLACK, MarketScorer } from "../../src/engine/scorer.js";
import { collectCompanies } from "../../src/score/prepare.js";
import type { BuyerMatchIssue } from "../../src/schema/errors.js";
import { marketArbitrary, optionsArbitrary } from "./arbitraries.js";

// The scorer's bounds read the keyed part from per-class tables made per company, and the product
// index keeps each need's bound for the company it was computed for. These hold both shortcuts to
// their rules directly, beside the end-to-end tests (pruning on vs off, the reference).
describe("bounds", () => {
  test.prop([marketArbitrary(4, 30), optionsArbitrary], { seed: 1406, numRuns: 80 })(
    "every eligible buyer's bound is at least its exact score, for every company in turn",
    ({ companies, buyers }, options) => {
      const core = coreOf(createMatcher(buyers, options))!;
      const issues: BuyerMatchIssue[] = [];
      const records = collectCompanies(companies, ["companies"], core.options.sectors, issues, core.options.fields.company);
      const index = core.index;
      const scorer = new MarketScorer(index, core.options);
      for (const record of records) {
        scorer.prepare(core.compile(record));
        for (let position = 0; position < index.size; position += 1) {
          if (!scorer.eligible(position)) continue;
          const exact = scorer.exact(position);
          expect(scorer.bound(position) + BOUND_SLACK).toBeGreaterThanOrEqual(exact);
        }
      }
    },
  );

  test.prop([marketArbitrary(4, 30), optionsArbitrary], { seed: 1407, numRuns: 60 })(
    "a scorer that prepared other companies before gives each company the bounds and scores a fresh scorer gives it",
    ({ companies, buyers }, options) => {
      const core = coreOf(createMatcher(buyers, options))!;
      const records = collectCompanies(companies, ["companies"], core.options.sectors, [], core.options.fields.company);
      const index = core.index;
      const kept = new MarketScorer(index, core.options);
      // Each company twice, in an order that revisits: the kept need bounds must be the current company's.
      for (const record of [...records, ...[...records].reverse()]) {
        // A fresh index too: the product query's buffers belong to the index.
        const other = coreOf(createMatcher(buyers, options))!;
        const fresh = new MarketScorer(other.index, other.options);
        kept.prepare(core.compile(record));
        fresh.prepare(other.compile(record));
        for (let position = 0; position < index.size; position += 1) {
          expect(kept.bound(position)).toBe(fresh.bound(position));
          expect(kept.exact(position)).toBe(fresh.exact(position));
        }
      }
    },
  );
});
