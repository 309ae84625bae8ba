/**
 * Combining criterion scores into a pair score, shared by the reference scorer and the engine so both
 * do the same arithmetic in the same order (and so return the same bits):
 *
 *   score = Σᵢ wᵢ·vᵢ / W, summed in criterion order, with W = Σ wᵢ over the criteria that count.
 *
 * vᵢ is the criterion's score when known; when unknown it is the neutral prior ("neutral"), 0 ("zero"),
 * or the criterion drops out of both sums ("ignore"). A pair where nothing counts scores 0.
 */
import type { Constraint, Criterion, MissingPolicy, ScoringContext } from "../criteria/types.js";
import type { ResolvedOptions } from "../criteria/options.js";
import { withMessage } from "./reasons.js";
import type { Breakdown, CriterionBreakdown, CriterionDetail, IneligibleReason, ViewScore } from "./types.js";
import type { CompiledBuyer, CompiledCompany } from "../market/market.js";

/** Per-pair scratch space: raw criterion scores and whether each was known. Reused across pairs. */
export interface PairScratch {
  readonly raw: Float64Array;
  readonly known: Uint8Array;
}

/**
 * Allocates scratch space for `criterionCount` criteria.
 *
 * @example
 * const scratch = createScratch(options.criteria.length);
 */
export function createScratch(criterionCount: number): PairScratch {
  return { raw: new Float64Array(criterionCount), known: new Uint8Array(criterionCount) };
}

/**
 * Scores every criterion of a pair into `scratch` (no allocation).
 *
 * @example
 * evaluateCriteria(options, context, company, buyer, scratch);
 */
export function evaluateCriteria(options: ResolvedOptions, context: ScoringContext, company: CompiledCompany, buyer: CompiledBuyer, scratch: PairScratch): void {
  const criteria = options.criteria;
  for (let index = 0; index < criteria.length; index += 1) {
    const value = criteria[index]!.score(company, buyer, context);
    if (value === undefined) {
      scratch.known[index] = 0;
      scratch.raw[index] = 0;
    } else {
      scratch.known[index] = 1;
      scratch.raw[index] = value;
    }
  }
}

/** The value a criterion counts with, or NaN when it drops out ("ignore" and unknown). */
function countedValue(known: number, raw: number, policy: MissingPolicy, neutral: number): number {
  if (known === 1) return raw;
  return policy === "neutral" ? neutral : policy === "zero" ? 0 : Number.NaN;
}

/** W: the sum of the weights of the criteria that count, in criterion order. */
function countedWeight(scratch: PairScratch, weights: Float64Array, missing: readonly MissingPolicy[]): number {
  let total = 0;
  for (let index = 0; index < weights.length; index += 1) {
    if (scratch.known[index] === 1 || missing[index] !== "ignore") total += weights[index]!;
  }
  return total;
}

/**
 * One viewpoint's score of a pair from its scratch (no allocation).
 *
 * @example
 * const score = combine(scratch, options.weights.company, options.missing, options.neutral);
 */
export function combine(scratch: PairScratch, weights: Float64Array, missing: readonly MissingPolicy[], neutral: Float64Array): number {
  const total = countedWeight(scratch, weights, missing);
  if (total === 0) return 0;
  let score = 0;
  for (let index = 0; index < weights.length; index += 1) {
    const value = countedValue(scratch.known[index]!, scratch.raw[index]!, missing[index]!, neutral[index]!);
    if (value === value) score += (weights[index]! * value) / total;
  }
  return score > 1 ? 1 : score;
}

/**
 * One viewpoint's coverage: the share of its weight that rests on known data, Σ wᵢ over the known
 * criteria / Σ wᵢ over all criteria (0 when every weight is 0). Unknown criteria count in the
 * denominator whatever their missing-data policy: a score that stands on the neutral prior, or on
 * weight redistributed away from missing data, knows less.
 *
 * @param scratch - the pair's criterion values and known flags
 * @param weights - the viewpoint's weights, in criterion order
 * @returns the share in [0, 1]
 * @example
 * const share = viewCoverage(scratch, options.weights.company);
 */
export function viewCoverage(scratch: PairScratch, weights: Float64Array): number {
  let known = 0;
  let total = 0;
  for (let index = 0; index < weights.length; index += 1) {
    total += weights[index]!;
    if (scratch.known[index] === 1) known += weights[index]!;
  }
  return total === 0 ? 0 : known / total;
}

/**
 * A pair's coverage in the options' viewpoint: one viewpoint's {@link viewCoverage}, or for `mutual`
 * the mean of the two. The reference and the engine both call this, so both drop the same pairs under
 * `minCoverage`.
 *
 * @param scratch - the pair's criterion values and known flags
 * @param options - resolved options (viewpoint and weights)
 * @returns the share in [0, 1]
 * @example
 * if (pairCoverage(scratch, options) >= options.minCoverage) { ... }
 */
export function pairCoverage(scratch: PairScratch, options: ResolvedOptions): number {
  if (options.viewpoint === "mutual") return (viewCoverage(scratch, options.weights.company) + viewCoverage(scratch, options.weights.buyer)) / 2;
  return viewCoverage(scratch, options.weights[options.viewpoint]);
}

/**
 * The harmonic mean of the two viewpoints' scores (0 when both are 0), as in reciprocal recommenders:
 * a pair is only as good as the less keen side allows.
 *
 * @example
 * harmonicMean(0.8, 0.4); // 0.5333…
 */
export function harmonicMean(a: number, b: number): number {
  const sum = a + b;
  return sum === 0 ? 0 : (2 * a * b) / sum;
}

/**
 * One viewpoint's score with its breakdown. Uses the same operations as {@link combine}, so
 * `viewScore(...).score === combine(...)` bit for bit.
 *
 * @example
 * const { score, breakdown } = viewScore(scratch, weights, options, details);
 */
export function viewScore(scratch: PairScratch, weights: Float64Array, options: ResolvedOptions, details: readonly CriterionDetail[]): ViewScore {
  const total = countedWeight(scratch, weights, options.missing);
  // Keys are criterion ids: names a criterion's author chose, checked by defineCriterion (never "__proto__").
  const breakdown: Record<string, CriterionBreakdown> = {};
  let score = 0;
  options.criteria.forEach((criterion, index) => {
    const known = scratch.known[index] === 1;
    const value = countedValue(scratch.known[index]!, scratch.raw[index]!, options.missing[index]!, options.neutral[index]!);
    const counts = value === value && total !== 0;
    const contribution = counts ? (weights[index]! * value) / total : 0;
    if (counts) score += contribution;
    breakdown[criterion.id] = {
      score: value === value ? value : 0,
      weight: counts ? weights[index]! / total : 0,
      contribution,
      known,
      detail: details[index]!,
    };
  });
  return { score: score > 1 ? 1 : score, coverage: viewCoverage(scratch, weights), breakdown: breakdown as Breakdown };
}

/**
 * The mutual breakdown: each criterion's two contributions pooled and scaled so they sum to the
 * harmonic mean; the weight shown is the mean of the two effective weights.
 *
 * @example
 * const mutual = mutualScore(companyView, buyerView);
 */
export function mutualScore(company: ViewScore, buyer: ViewScore): ViewScore {
  const score = harmonicMean(company.score, buyer.score);
  const pooled = company.score + buyer.score;
  const breakdown: Record<string, CriterionBreakdown> = {};
  for (const id of Object.keys(company.breakdown)) {
    const fromCompany = company.breakdown[id]!;
    const fromBuyer = buyer.breakdown[id]!;
    breakdown[id] = {
      score: fromCompany.score,
      weight: (fromCompany.weight + fromBuyer.weight) / 2,
      contribution: pooled === 0 ? 0 : (score * (fromCompany.contribution + fromBuyer.contribution)) / pooled,
      known: fromCompany.known,
      detail: fromCompany.detail,
    };
  }
  return { score, coverage: (company.coverage + buyer.coverage) / 2, breakdown: breakdown as Breakdown };
}

/**
 * The hard constraints of a pair: the constraints in force (sourcing countries, verification) and
 * each criterion's own exclusions, in that order. Empty when the pair may be ranked.
 *
 * @example
 * const reasons = exclusions(options, context, company, buyer);
 */
export function exclusions(options: ResolvedOptions, context: ScoringContext, company: CompiledCompany, buyer: CompiledBuyer): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  for (const rule of options.constraints) {
    const reason = rule.exclude(company, buyer, context);
    if (reason !== undefined) reasons.push(withMessage(reason));
  }
  for (const criterion of options.criteria) {
    const reason = criterion.exclude?.(company, buyer, context);
    if (reason !== undefined) reasons.push(withMessage(reason, criterion));
  }
  return reasons;
}

/**
 * Whether a pair may be ranked, without building reasons (no allocation on the fast path: a rule
 * allocates only the reason of a pair it excludes).
 *
 * @example
 * if (isEligible(options, context, company, buyer)) { ... }
 */
export function isEligible(options: ResolvedOptions, context: ScoringContext, company: CompiledCompany, buyer: CompiledBuyer): boolean {
  const rules: readonly (Constraint | Criterion)[] = options.constraints;
  for (const rule of rules) if (rule.exclude!(company, buyer, context) !== undefined) return false;
  for (const criterion of options.criteria) if (criterion.exclude !== undefined && criterion.exclude(company, buyer, context) !== undefined) return false;
  return true;
}
