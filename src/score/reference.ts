/**
 * The reference scorer: the obvious way to rank. Every pair is scored in full, with its breakdown,
 * then sorted. The fast engine must return exactly what this returns (a property test holds it to
 * that), so this file stays simple enough to check by reading.
 */
import type { ScoringContext } from "../criteria/types.js";
import type { NormalizedBuyer } from "../normalize/records.js";
import type { ResolvedOptions } from "../criteria/options.js";
import { createScratch, evaluateCriteria, exclusions, mutualScore, viewScore, type PairScratch } from "./combine.js";
import { buildMarket, type CompiledBuyer, type CompiledCompany } from "../market/market.js";
import type { Match, PairScore, ViewScore } from "./types.js";

/**
 * Scores one compiled pair in full: every criterion, its detail, the viewpoint's breakdown and every
 * reason the pair is excluded.
 *
 * @example
 * const pair = scoreCompiledPair(options, context, company, buyer);
 */
export function scoreCompiledPair(
  options: ResolvedOptions,
  context: ScoringContext,
  company: CompiledCompany,
  buyer: CompiledBuyer,
  scratch: PairScratch = createScratch(options.criteria.length),
): PairScore {
  evaluateCriteria(options, context, company, buyer, scratch);
  const details = options.criteria.map((criterion) => criterion.detail(company, buyer, context));
  const whyNot = exclusions(options, context, company, buyer);
  const base = { companyId: company.record.id, buyerId: buyer.record.id, viewpoint: options.viewpoint, eligible: whyNot.length === 0, whyNot };
  if (options.viewpoint === "mutual") {
    const companyView = viewScore(scratch, options.weights.company, options, details);
    const buyerView = viewScore(scratch, options.weights.buyer, options, details);
    return { ...base, ...mutualScore(companyView, buyerView), viewpoints: { company: companyView, buyer: buyerView } };
  }
  return { ...base, ...viewScore(scratch, options.weights[options.viewpoint], options, details) };
}

/**
 * Orders matches best first: higher score, then smaller id of the ranked side (plain `<`).
 *
 * @example
 * pairs.sort(compareMatches("buyerId"));
 */
export function compareMatches(side: "buyerId" | "companyId"): (a: { score: number; buyerId: string; companyId: string }, b: { score: number; buyerId: string; companyId: string }) => number {
  return (a, b) => (a.score !== b.score ? b.score - a.score : a[side] < b[side] ? -1 : a[side] > b[side] ? 1 : 0);
}

/**
 * Turns scored pairs into a ranked list: eligible pairs at or above `minScore` and `minCoverage`, best first, the first
 * `top`, numbered from 1.
 *
 * @example
 * const matches = rankPairs(pairs, options, "buyerId");
 */
export function rankPairs(pairs: readonly PairScore[], options: ResolvedOptions, side: "buyerId" | "companyId"): Match[] {
  return pairs
    .filter((pair) => pair.eligible && pair.score >= options.minScore && pair.coverage >= options.minCoverage)
    .sort(compareMatches(side))
    .slice(0, options.top)
    .map((pair, index) => toMatch(pair, index + 1));
}

/**
 * A pair score as a ranked match.
 *
 * @example
 * const match = toMatch(pair, 1);
 */
export function toMatch(pair: PairScore, rank: number): Match {
  const match: { -readonly [K in keyof Match]: Match[K] } = {
    companyId: pair.companyId,
    buyerId: pair.buyerId,
    score: pair.score,
    coverage: pair.coverage,
    rank,
    viewpoint: pair.viewpoint,
    breakdown: pair.breakdown,
  };
  if (pair.viewpoints !== undefined) match.viewpoints = pair.viewpoints as { company: ViewScore; buyer: ViewScore };
  return match;
}

/**
 * The context criteria score in, over the market of `marketBuyers`.
 *
 * @example
 * const context = contextFor(options, buyers);
 * const compiled = compileCompany(company, context.market);
 */
export function contextFor(options: ResolvedOptions, marketBuyers: readonly NormalizedBuyer[]): ScoringContext {
  return { market: buildMarket(marketBuyers, options.market.typo) };
}

