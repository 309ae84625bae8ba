/**
 * The sparse-index contract the engine relies on (`SparseIndex` in src/criteria/types.ts), checked
 * for one index, every company and every buyer: exact scores bit for bit, bounds at or above them,
 * only floor-or-below buyers left unnamed after `expand(cutoff)`, unknown buyers listed (or the floor
 * unknown).
 */
import { expect } from "vitest";
import type { Criterion, ScoringContext, SparseIndex } from "../../src/criteria/types.js";
import type { CompiledBuyer, CompiledCompany } from "../../src/market/market.js";

/**
 * Checks `index` (built by `criterion` over `buyers`) for every company, expanded at each of
 * `cutoffs` in turn (give them highest first, as the engine mostly asks), after a first round at
 * `cutoffNaming(naming)` when the query has that hook and `naming` is given (that one may be lower
 * than the rest: each check holds the unnamed to the cutoff just asked, stricter than the contract). After every expand:
 * each buyer's quick bound (when the query has one) is at least its bound, its bound at least its
 * exact score, and a buyer left unnamed scores at most max(floor, the cutoff).
 */
export function expectSparseContract(
  criterion: Criterion,
  index: SparseIndex,
  companies: readonly CompiledCompany[],
  buyers: readonly CompiledBuyer[],
  context: ScoringContext,
  cutoffs: number | readonly number[],
  naming?: number,
): void {
  for (const company of companies) {
    const query = index.query(company);
    const rounds = typeof cutoffs === "number" ? [cutoffs] : [...cutoffs];
    if (naming !== undefined && query.cutoffNaming !== undefined) {
      const first = query.cutoffNaming(naming);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThanOrEqual(1);
      rounds.unshift(first);
    }
    for (const cutoff of rounds) {
      query.expand(cutoff);
      const named = new Set(query.candidates.subarray(0, query.candidateCount));
      expect(named.size).toBe(query.candidateCount);
      const unknown = new Set(query.unknown);
      buyers.forEach((buyer, position) => {
        const expected = criterion.score(company, buyer, context) ?? Number.NaN;
        expect(query.score(position)).toBe(expected);
        if (expected === expected) {
          const bound = query.bound(position);
          expect(bound + 1e-12).toBeGreaterThanOrEqual(expected);
          if (query.quickBound !== undefined) expect(query.quickBound(position) + 1e-12).toBeGreaterThanOrEqual(bound);
          if (!named.has(position)) expect(expected).toBeLessThanOrEqual(Math.max(query.floor, cutoff) + 1e-12);
        } else {
          expect(Number.isNaN(query.floor) || unknown.has(position)).toBe(true);
        }
      });
    }
  }
}
