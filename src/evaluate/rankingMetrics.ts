/**
 * How good were the ranked lists, judged by what happened afterwards? Precision@k, recall@k, graded
 * NDCG@k, MRR@k and coverage, per company and macro-averaged. Definitions and edge cases are in
 * docs/evaluate.md; the short version is in {@link rankingMetrics}.
 */
import { z } from "zod";
import type { Match } from "../score/types.js";
import { type BuyerMatchIssue, BuyerMatchError, safeParseWith, issueError } from "../schema/errors.js";
import { IdSchema } from "../schema/common.js";
import { type MatchLists, readMatchLists } from "./matchLists.js";
import { type Outcome, type RelevanceGrades, bestOutcomes, compareIds, readIdSet, resolveRelevance, safeValidateOutcomes } from "./outcomes.js";

/** The part of a {@link Match} the metrics read. */
export type RankedMatch = Pick<Match, "companyId" | "buyerId" | "rank">;

/** One entry of a ranked list as the metrics check it: ids and a rank ≥ 1 (1 for the best). */
export const RankedMatchSchema = z.object({
  companyId: IdSchema,
  buyerId: IdSchema,
  rank: z
    .number({ error: "must be a whole number ≥ 1" })
    .refine((rank) => Number.isInteger(rank) && rank >= 1, { message: "must be a whole number ≥ 1", params: { code: "out_of_range" } }),
});

/** Options of {@link rankingMetrics}. */
export interface RankingMetricsOptions {
  /** The cut-off: only the first k entries of each list count. A whole number ≥ 1. */
  readonly k: number;
  /** Grades per stage (defaults: met 1, interest 2, quote 3, deal 4). */
  readonly relevance?: RelevanceGrades;
  /**
   * Every company id that exists. Default: the companies of `matchLists`, so an outcome naming a company
   * that was never ranked is reported as a typo. Companies given here without a list count as empty lists.
   */
  readonly companyIds?: Iterable<string>;
  /**
   * Every buyer id that exists. When given, outcomes and matches naming other buyers are reported,
   * and buyer coverage is measured against this set. Without it buyers are not checked (a buyer met
   * outside every truncated list is a miss, not a typo).
   */
  readonly buyerIds?: Iterable<string>;
}

/** The metrics of one company's list. */
export interface CompanyMetrics {
  readonly companyId: string;
  /** How many entries the list has. */
  readonly listed: number;
  /** How many buyers have an outcome of grade > 0 for this company (in the list or not). */
  readonly relevant: number;
  /** Relevant buyers among the first k. */
  readonly hits: number;
  /** Whether this company has at least one relevant outcome and so counts in the averages. */
  readonly judged: boolean;
  /** hits / k. */
  readonly precision: number;
  /** hits / relevant; null when nothing is relevant. */
  readonly recall: number | null;
  /** DCG@k / ideal DCG@k; null when nothing is relevant. */
  readonly ndcg: number | null;
  /** 1 / position of the first relevant entry within the first k, 0 if none; null when nothing is relevant. */
  readonly reciprocalRank: number | null;
  /** Whether a relevant buyer is among the first k. */
  readonly hit: boolean;
}

/** The macro averages over judged companies, plus coverage. */
export interface OverallMetrics {
  readonly k: number;
  /** Companies evaluated (listed or named by an outcome). */
  readonly companies: number;
  /** Companies with at least one relevant outcome: the denominator of every average. */
  readonly judgedCompanies: number;
  readonly precision: number;
  readonly recall: number;
  readonly ndcg: number;
  readonly mrr: number;
  /** Share of judged companies with a relevant buyer in their first k (company coverage, "hit rate"). */
  readonly hitRate: number;
  /** Share of known buyers that appear in at least one company's first k (buyer coverage). */
  readonly buyerCoverage: number;
  /** Buyers in at least one first k. */
  readonly buyersCovered: number;
  /** The buyers coverage is measured against: `buyerIds` if given, else every buyer in a list or an outcome. */
  readonly buyersKnown: number;
}

/** The result of {@link rankingMetrics}. */
export interface RankingMetrics {
  readonly overall: OverallMetrics;
  /** One entry per evaluated company, sorted by company id. */
  readonly perCompany: readonly CompanyMetrics[];
}

/**
 * Measures ranked lists against outcomes. For a company with list L (ordered by `rank`, ties by buyer
 * id), top-k T = the first min(k, |L|) entries, grade g(b) from its best outcome (0 without one) and
 * R = {b : g(b) > 0}:
 *
 * - precision@k = |T ∩ R| / k (a list shorter than k is not excused: its empty slots count as misses)
 * - recall@k = |T ∩ R| / |R|
 * - NDCG@k = Σᵢ (2^g(Tᵢ) − 1) / log₂(i + 1) over T, divided by the same sum over the k highest grades of R
 * - reciprocal rank = 1 / position of the first relevant entry in T (0 if none); MRR is its mean
 * - hit rate = share of judged companies with T ∩ R ≠ ∅; buyer coverage = |∪ T| / known buyers
 *
 * Companies with no relevant outcome (R = ∅) are reported but excluded from every average: without
 * follow-up data a list cannot be judged, and counting it as 0 would punish missing data.
 *
 * @param matchLists - ranked lists per company (Map, record, array of lists or flat array of matches)
 * @param outcomes - the outcomes; several for one pair keep the furthest stage
 * @param options - `k`, optional grades, optional known company and buyer ids
 * @returns per-company metrics and their macro averages
 * @throws BuyerMatchError with every problem (bad lists, bad outcomes, unknown ids); `insufficient_data`
 *   when no company has a relevant outcome
 * @example
 * const { overall } = rankingMetrics(matchAll(companies, buyers).byCompany, outcomes, { k: 10 });
 * console.log(overall.ndcg, overall.mrr);
 */
export function rankingMetrics(
  matchLists: MatchLists<RankedMatch>,
  outcomes: readonly Outcome[],
  options: RankingMetricsOptions,
): RankingMetrics {
  const issues: BuyerMatchIssue[] = [];
  const given: Partial<RankingMetricsOptions> = typeof options === "object" && options !== null ? options : {};
  const kResult = safeParseWith(RankedMatchSchema.shape.rank, given.k, ["options", "k"]);
  if (!kResult.success) issues.push(...kResult.issues);
  let relevance = undefined as ReturnType<typeof resolveRelevance> | undefined;
  try {
    relevance = resolveRelevance(given.relevance, ["options", "relevance"]);
  } catch (error) {
    if (error instanceof BuyerMatchError) issues.push(...error.issues);
    else throw error;
  }

  const { lists, issues: listIssues } = readMatchLists(matchLists, RankedMatchSchema, ["matchLists"]);
  issues.push(...listIssues);
  const companyIds = readIdSet(given.companyIds, ["options", "companyIds"], issues);
  const buyerIds = readIdSet(given.buyerIds, ["options", "buyerIds"], issues);
  for (const [companyId, entries] of lists) {
    if (companyIds !== undefined && !companyIds.has(companyId)) {
      const path = entries[0]?.path.slice(0, -1) ?? ["matchLists", companyId];
      issues.push({ code: "unknown_reference", path, message: `${JSON.stringify(companyId)} is not a known company id` });
    }
    if (buyerIds === undefined) continue;
    for (const { item, path } of entries) {
      if (!buyerIds.has(item.buyerId)) {
        issues.push({ code: "unknown_reference", path: [...path, "buyerId"], message: `${JSON.stringify(item.buyerId)} is not a known buyer id` });
      }
    }
  }
  const knownCompanies = companyIds ?? new Set(lists.keys());
  const parsedOutcomes = safeValidateOutcomes(outcomes, { companyIds: knownCompanies, ...(buyerIds === undefined ? {} : { buyerIds }) });
  if (!parsedOutcomes.success) issues.push(...parsedOutcomes.issues);
  if (issues.length > 0 || !parsedOutcomes.success || relevance === undefined || !kResult.success) {
    throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  }
  const k = kResult.data;
  const grades = bestOutcomes(parsedOutcomes.data, relevance);

  const evaluated = new Set([...lists.keys(), ...(companyIds ?? []), ...grades.keys()]);
  const covered = new Set<string>();
  const perCompany: CompanyMetrics[] = [];
  for (const companyId of [...evaluated].sort(compareIds)) {
    const ranked = (lists.get(companyId) ?? [])
      .map((entry) => entry.item)
      .sort((a, b) => a.rank - b.rank || compareIds(a.buyerId, b.buyerId));
    const top = ranked.slice(0, k);
    for (const match of top) covered.add(match.buyerId);
    const gradeOf = grades.get(companyId) ?? new Map<string, { grade: number }>();
    perCompany.push(companyMetrics(companyId, ranked.length, top.map((match) => gradeOf.get(match.buyerId)?.grade ?? 0), [...gradeOf.values()].map((pair) => pair.grade), k));
  }

  const judged = perCompany.filter((metrics) => metrics.judged);
  if (judged.length === 0) {
    throw issueError("insufficient_data", ["outcomes"], "no company has an outcome with a grade above 0, so no list can be judged");
  }
  const mean = (pick: (metrics: CompanyMetrics) => number): number => judged.reduce((sum, metrics) => sum + pick(metrics), 0) / judged.length;
  const allBuyers = buyerIds ?? new Set([...[...lists.values()].flat().map((entry) => entry.item.buyerId), ...[...grades.values()].flatMap((byBuyer) => [...byBuyer.keys()])]);
  return {
    overall: {
      k,
      companies: perCompany.length,
      judgedCompanies: judged.length,
      precision: mean((metrics) => metrics.precision),
      recall: mean((metrics) => metrics.recall ?? 0),
      ndcg: mean((metrics) => metrics.ndcg ?? 0),
      mrr: mean((metrics) => metrics.reciprocalRank ?? 0),
      hitRate: mean((metrics) => (metrics.hit ? 1 : 0)),
      buyerCoverage: allBuyers.size === 0 ? 0 : covered.size / allBuyers.size,
      buyersCovered: covered.size,
      buyersKnown: allBuyers.size,
    },
    perCompany,
  };
}

/** The gain of a grade in NDCG: exponential, so a deal outweighs several meetings. */
function gain(grade: number): number {
  return 2 ** grade - 1;
}

/** Discounted cumulative gain of grades in list order (position i counts 1 / log₂(i + 1)). */
function dcg(grades: readonly number[]): number {
  let sum = 0;
  grades.forEach((grade, index) => {
    sum += gain(grade) / Math.log2(index + 2);
  });
  return sum;
}

function companyMetrics(companyId: string, listed: number, topGrades: readonly number[], allGrades: readonly number[], k: number): CompanyMetrics {
  const relevant = allGrades.filter((grade) => grade > 0).length;
  const hits = topGrades.filter((grade) => grade > 0).length;
  const first = topGrades.findIndex((grade) => grade > 0);
  const precision = hits / k;
  if (relevant === 0) {
    return { companyId, listed, relevant, hits, judged: false, precision, recall: null, ndcg: null, reciprocalRank: null, hit: false };
  }
  const ideal = dcg([...allGrades].sort((a, b) => b - a).slice(0, k));
  return {
    companyId,
    listed,
    relevant,
    hits,
    judged: true,
    precision,
    recall: hits / relevant,
    ndcg: dcg(topGrades) / ideal,
    reciprocalRank: first === -1 ? 0 : 1 / (first + 1),
    hit: hits > 0,
  };
}
