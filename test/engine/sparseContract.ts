/**
 * The sparse-index contract the engine relies on (`SparseIndex` in src/criteria/types.ts), checked
 * for one index, every company and every buyer: exact scores bit for bit, bounds at or above them,
 * only floor-or-below buyers left unnamed after `expand(cutoff)`, unknown buyers listed (or the floor
 * unknown).
 */
import { expect } from "vitest";
import type { Criterion, ScoringContext, SparseIndex } from "../../src/criteria/types.js";
import type { CompiledBuyer, CompiledCompany } from "../../src/market/market.js";

/** Checks `index` (built by `criterion` over `buyers`) for every company at `cutoff`. */
export function expectSparseContract(criterion: Criterion, index: SparseIndex, companies: readonly CompiledCompany[], buyers: readonly CompiledBuyer[], context: ScoringContext, cutoff: number): void {
  for (const company of companies) {
    const query = index.query(company);
    query.expand(cutoff);
    const named = new Set(query.candidates.subarray(0, query.candidateCount));
    const unknown = new Set(query.unknown);
    buyers.forEach((buyer, position) => {
      const expected = criterion.score(company, buyer, context) ?? Number.NaN;
      expect(query.score(position)).toBe(expected);
      if (expected === expected) {
        expect(query.bound(position) + 1e-12).toBeGreaterThanOrEqual(expected);
        if (!named.has(position)) expect(expected).toBeLessThanOrEqual(Math.max(query.floor, cutoff) + 1e-12);
      } else {
        expect(Number.isNaN(query.floor) || unknown.has(position)).toBe(true);
      }
    });
  }
}
