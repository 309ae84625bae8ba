/**
 * The reference for matchAll, kept private: every pair scored in full with `scoreCompiledPair`,
 * then sorted (the obvious way). The engine-backed `matchAll` is tested against it.
 */
import type { Buyer } from "../schema/buyer.js";
import type { Company } from "../schema/company.js";
import type { MatchOptions } from "../criteria/options.js";
import type { MatchAllResult } from "./matchAll.js";
import { createScratch } from "../score/combine.js";
import { prepare } from "../score/prepare.js";
import { compileBuyer, compileCompany } from "../market/market.js";
import { contextFor, rankPairs, scoreCompiledPair } from "../score/reference.js";
import type { Match } from "../score/types.js";

/**
 * All pairs, both directions, by the reference scorer.
 *
 * @example
 * const expected = referenceMatchAll(companies, buyers, { top: 5 });
 */
export function referenceMatchAll(companies: readonly Company[], buyers: readonly Buyer[], options?: MatchOptions): MatchAllResult {
  const prepared = prepare({ companies, buyers, options, defaultViewpoint: "mutual" });
  const context = contextFor(prepared.options, prepared.buyers);
  const compiledBuyers = prepared.buyers.map((buyer) => compileBuyer(buyer, context.market));
  const scratch = createScratch(prepared.options.criteria.length);
  const all = prepared.companies.map((company) => {
    const compiledCompany = compileCompany(company, context.market);
    return compiledBuyers.map((buyer) => scoreCompiledPair(prepared.options, context, compiledCompany, buyer, scratch));
  });
  const byCompany = new Map<string, readonly Match[]>();
  prepared.companies.forEach((company, index) => byCompany.set(company.id, rankPairs(all[index]!, prepared.options, "buyerId")));
  const byBuyer = new Map<string, readonly Match[]>();
  prepared.buyers.forEach((buyer, index) => byBuyer.set(buyer.id, rankPairs(all.map((row) => row[index]!), prepared.options, "companyId")));
  return { byCompany, byBuyer };
}
