/**
 * The public scoring functions: score one pair, rank buyers for a company, companies for a buyer,
 * or everything against everything. Each validates its input once (one BuyerMatchError with every
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
import { MatcherCore } from "../engine/matcher.js";
import { byId } from "../engine/marketIndex.js";

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

/** Ranked lists for every company and every buyer, keyed by id. */
export interface MatchAllResult {
  /** Company id → its buyers, best first. */
  readonly byCompany: ReadonlyMap<string, readonly Match[]>;
  /** Buyer id → its companies, best first. */
  readonly byBuyer: ReadonlyMap<string, readonly Match[]>;
}

/**
 * Scores every company against every buyer once and returns both directions' ranked lists (each list
 * cut by `top` and `minScore`). The market is the buyers. Default viewpoint: `mutual`.
 *
 * @param companies - the exporters
 * @param buyers - the buyers
 * @param options - top, minScore, viewpoint, weights, criterion settings
 * @returns lists keyed by id (a Map, so any string is a safe id)
 * @example
 * const { byCompany, byBuyer } = matchAll(companies, buyers, { top: 5 });
 * console.log(byCompany.get("jinju-01")?.map((match) => match.buyerId));
 */
export function matchAll(companies: readonly Company[], buyers: readonly Buyer[], options?: MatchOptions): MatchAllResult {
  const prepared = prepare({ companies, buyers, options, defaultViewpoint: "mutual" });
  // The engine returns exactly the reference's lists (engine/referenceMatchAll.ts, held by a property test).
  const core = new MatcherCore(prepared.options, prepared.options, prepared.buyers, prepared.buyers, true);
  const compiled = prepared.companies.map((company) => core.compile(company));
  const { top, minScore } = prepared.options;
  const byCompany = new Map<string, readonly Match[]>();
  compiled.forEach((company) => byCompany.set(company.record.id, core.rankCompiled(company, top, minScore)));
  const perBuyer = core.rankAllBuyers([...compiled].sort((a, b) => byId(a.record, b.record)), top, minScore);
  const byBuyer = new Map<string, readonly Match[]>();
  for (const buyer of prepared.buyers) byBuyer.set(buyer.id, perBuyer.get(buyer.id)!);
  return { byCompany, byBuyer };
}
