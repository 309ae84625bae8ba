/**
 * The public scoring functions: score one pair, rank buyers for a company, companies for a buyer
 * (`matchAll`, everything against everything, runs on the engine: `engine/matchAll.ts`). Each validates its input once (one BuyerMatchError with every
 * problem) and then runs the reference scorer or the engine.
 */
import type { MatchOptions } from "../criteria/options.js";
import { prepare } from "./prepare.js";
import { compileBuyer, compileCompany } from "../market/market.js";
import { contextFor, rankPairs, scoreCompiledPair } from "./reference.js";
import { createScratch } from "./combine.js";
import type { Company } from "../schema/company.js";
import type { Buyer } from "../schema/buyer.js";
import type { Match, PairScore } from "./types.js";

/**
 * Scores one company–buyer pair with its full breakdown, whether or not it is eligible; `whyNot`
 * lists every hard constraint the pair fails. The market for text similarity is the buyer alone.
 * Default viewpoint: `company`.
 *
 * @param company - the exporter
 * @param buyer - the buyer
 * @param options - weights, viewpoint and criterion settings
 * @returns the score, its breakdown and eligibility
 * @example
 * const pair = scorePair(company, buyer);
 * if (!pair.eligible) console.log(pair.whyNot.map((reason) => reason.message));
 * else console.log(pair.score, pair.breakdown.product?.detail.summary);
 */
export function scorePair(company: Company, buyer: Buyer, options?: MatchOptions): PairScore {
  const prepared = prepare({ companies: company, companyPath: ["company"], buyers: buyer, buyerPath: ["buyer"], options, defaultViewpoint: "company" });
  const context = contextFor(prepared.options, prepared.buyers);
  return scoreCompiledPair(prepared.options, context, compileCompany(prepared.companies[0]!, context.market), compileBuyer(prepared.buyers[0]!, context.market));
}

/**
 * Ranks buyers for one company, best first: eligible pairs only, at or above `minScore`, at most
 * `top`. Ties break by buyer id. The market (vocabulary and word weights) is the given buyers.
 * Default viewpoint: `company`.
 *
 * @param company - the exporter
 * @param buyers - the candidate buyers
 * @param options - top, minScore, viewpoint, weights, criterion settings
 * @returns matches with rank and breakdown
 * @example
 * const matches = rankBuyers(company, buyers, { top: 5 });
 * for (const match of matches) console.log(match.rank, match.buyerId, match.score.toFixed(3));
 */
export function rankBuyers(company: Company, buyers: readonly Buyer[], options?: MatchOptions): Match[] {
  const prepared = prepare({ companies: company, companyPath: ["company"], buyers, options, defaultViewpoint: "company" });
  const context = contextFor(prepared.options, prepared.buyers);
  const compiledCompany = compileCompany(prepared.companies[0]!, context.market);
  const scratch = createScratch(prepared.options.criteria.length);
  const pairs = prepared.buyers.map((buyer) => scoreCompiledPair(prepared.options, context, compiledCompany, compileBuyer(buyer, context.market), scratch));
  return rankPairs(pairs, prepared.options, "buyerId");
}

/**
 * Ranks companies for one buyer, best first. Ties break by company id. The market is the buyer's
 * own needs. Default viewpoint: `buyer`.
 *
 * @param buyer - the buyer
 * @param companies - the candidate exporters
 * @param options - top, minScore, viewpoint, weights, criterion settings
 * @returns matches with rank and breakdown
 * @example
 * const suppliers = rankCompanies(buyer, companies, { top: 3, viewpoint: "mutual" });
 */
export function rankCompanies(buyer: Buyer, companies: readonly Company[], options?: MatchOptions): Match[] {
  const prepared = prepare({ companies, buyers: buyer, buyerPath: ["buyer"], options, defaultViewpoint: "buyer" });
  const context = contextFor(prepared.options, prepared.buyers);
  const compiledBuyer = compileBuyer(prepared.buyers[0]!, context.market);
  const scratch = createScratch(prepared.options.criteria.length);
  const pairs = prepared.companies.map((company) => scoreCompiledPair(prepared.options, context, compileCompany(company, context.market), compiledBuyer, scratch));
  return rankPairs(pairs, prepared.options, "companyId");
}
