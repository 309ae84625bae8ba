/**
 * Learns criterion weights from what happened after past missions: each past match's per-criterion
 * scores are the features, "did this pair reach a relevant outcome" the label. A non-negative
 * logistic model is fitted; its coefficients, normalised to sum 1, are weights the core accepts as
 * they are. Grouped k-fold cross-validation says whether they rank held-out companies' pairs better
 * than the weights in use, and the better of the two is returned.
 */
import { z } from "zod";
import { CRITERION_IDS, type CriterionId, type Match } from "../score/types.js";
import { type BuyerMatchIssue, BuyerMatchError, safeParseWith, issueError } from "../schema/errors.js";
import { FiniteNumberSchema, IdSchema, UnitIntervalSchema } from "../schema/common.js";
import { areaUnderCurveChecked } from "./areaUnderCurve.js";
import { type MatchLists, readMatchLists } from "./matchLists.js";
import { fitNonNegativeLogistic } from "./nonNegativeLogistic.js";
import { type Outcome, type RelevanceGrades, bestOutcomes, compareIds, readIdSet, resolveRelevance, safeValidateOutcomes } from "./outcomes.js";

/** Criterion id → weight, the shape of the core's `weights` option. */
export type CriterionWeights = Readonly<Partial<Record<CriterionId, number>>>;

/**
 * The weights of the design's scoring table (certification is a hard constraint there, so 0): the
 * "before" of a calibration unless the caller passes the weights actually in use.
 */
export const DEFAULT_BASELINE_WEIGHTS: CriterionWeights = Object.freeze({
  sector: 0.2,
  product: 0.35,
  tier: 0.15,
  region: 0.15,
  readiness: 0.15,
  certification: 0,
});

/** The defaults of {@link CalibrateOptions}, exported so a caller can see and reuse them. */
export const DEFAULT_CALIBRATION = Object.freeze({
  folds: 5,
  l2: 1e-3,
  iterations: 500,
  minPositives: 10,
  minNegatives: 10,
  unknownScore: 0.5,
});

/** The part of a {@link Match} calibration reads: the pair and its per-criterion scores. */
export type HistoryMatch = Pick<Match, "companyId" | "buyerId"> & {
  readonly breakdown: Readonly<Partial<Record<CriterionId, { readonly score: number; readonly known: boolean }>>>;
};

/** Past matches and what became of them. */
export interface CalibrationHistory {
  /** Every scored pair of past missions (any shape {@link MatchLists} accepts); a pair appears once. */
  readonly matches: MatchLists<HistoryMatch>;
  /** Their outcomes; a pair without an outcome is a negative example. */
  readonly outcomes: readonly Outcome[];
}

/** Options of {@link calibrateWeights}; every field has a default in {@link DEFAULT_CALIBRATION}. */
export interface CalibrateOptions {
  /**
   * The weights in use now: the "before" of the comparison, and the answer when learning does not help.
   * Criteria left out take their {@link DEFAULT_BASELINE_WEIGHTS} value, as the core's `weights` option does.
   */
  readonly baseline?: CriterionWeights;
  /**
   * Which criteria to learn. Default: every criterion present in some breakdown whose score varies
   * across the matches, in CRITERION_IDS order.
   */
  readonly criteria?: readonly CriterionId[];
  /** Grades per stage; a pair is a positive example when its grade is above 0. */
  readonly relevance?: RelevanceGrades;
  /** Cross-validation folds (whole number ≥ 2; fewer when there are fewer companies). */
  readonly folds?: number;
  /** L2 penalty λ on the coefficients. */
  readonly l2?: number;
  /** Gradient steps per fit. */
  readonly iterations?: number;
  /** Refuse with fewer positive examples than this. */
  readonly minPositives?: number;
  /** Refuse with fewer negative examples than this. */
  readonly minNegatives?: number;
  /** The feature value of a criterion whose data was unknown or that is missing from a breakdown. */
  readonly unknownScore?: number;
  /** Every company id that exists (default: the companies in `matches`). */
  readonly companyIds?: Iterable<string>;
  /** Every buyer id that exists; when given, outcomes and matches naming other buyers are reported. */
  readonly buyerIds?: Iterable<string>;
}

/** Cross-validated quality of one set of weights. */
export interface CrossValidatedQuality {
  /** The mean of the per-fold AUCs over the folds holding both classes. */
  readonly auc: number;
  /** One AUC per fold, null where a fold lacks a class. */
  readonly foldAuc: readonly (number | null)[];
}

/** One fold of the cross-validation. */
export interface CalibrationFold {
  readonly index: number;
  /** The companies held out together (grouping by company keeps one company's pairs out of its own training). */
  readonly companyIds: readonly string[];
  readonly positives: number;
  readonly negatives: number;
}

/** What {@link calibrateWeights} learned and how it compares. */
export interface Calibration {
  /** The weights to use: `learnedWeights` when they cross-validate better than the baseline, else the baseline. */
  readonly weights: CriterionWeights;
  /** Which of the two `weights` is. */
  readonly chosen: "calibrated" | "baseline";
  /**
   * Weights learned from all examples, whether chosen or not: non-negative, summing to 1, one per
   * criterion in the breakdowns. Constant criteria keep their baseline share (see `constantCriteria`).
   */
  readonly learnedWeights: CriterionWeights;
  /** The baseline over the criteria in the breakdowns, normalised to sum 1. */
  readonly baselineWeights: CriterionWeights;
  /** Cross-validated quality of the baseline. */
  readonly before: CrossValidatedQuality;
  /** Cross-validated quality of the learning procedure (each fold learns from the others). */
  readonly after: CrossValidatedQuality;
  /** after.auc − before.auc. */
  readonly change: number;
  /** One sentence saying what happened, for reports. */
  readonly note: string;
  readonly folds: readonly CalibrationFold[];
  /** The criteria learned (present and varying), in CRITERION_IDS order. */
  readonly criteria: readonly CriterionId[];
  /**
   * Criteria present in the breakdowns whose score never varied (only when `criteria` is not given):
   * there is no evidence about them, so they keep their baseline weight and are not learned.
   */
  readonly constantCriteria: readonly CriterionId[];
  readonly examples: {
    readonly total: number;
    readonly positives: number;
    readonly negatives: number;
    readonly companies: number;
    /** Outcomes whose pair is not among the matches, so they could not be used. */
    readonly unusedOutcomes: number;
  };
}

const BreakdownEntrySchema = z.object({ score: UnitIntervalSchema, known: z.boolean({ error: "must be true or false" }) });

const HistoryMatchSchema = z.object({
  companyId: IdSchema,
  buyerId: IdSchema,
  breakdown: z.strictObject(
    Object.fromEntries(CRITERION_IDS.map((id) => [id, BreakdownEntrySchema.optional()])) as Record<CriterionId, z.ZodOptional<typeof BreakdownEntrySchema>>,
    { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown criteria: ${issue.keys.join(", ")} (known: ${CRITERION_IDS.join(", ")})` : "must be an object of criterion → { score, known }") },
  ),
});

const WholeSchema = (minimum: number) =>
  z.number({ error: `must be a whole number ≥ ${minimum}` }).refine((value) => Number.isInteger(value) && value >= minimum, {
    message: `must be a whole number ≥ ${minimum}`,
    params: { code: "out_of_range" },
  });
const NonNegativeSchema = FiniteNumberSchema.refine((value) => value >= 0, { message: "must be ≥ 0", params: { code: "out_of_range" } });

const OptionsSchema = z.object({
  baseline: z.strictObject(Object.fromEntries(CRITERION_IDS.map((id) => [id, NonNegativeSchema.optional()])) as Record<CriterionId, z.ZodOptional<typeof NonNegativeSchema>>).optional(),
  criteria: z.array(z.enum(CRITERION_IDS, { error: () => `must be one of ${CRITERION_IDS.join(", ")}` })).min(1, "must name at least one criterion").optional(),
  folds: WholeSchema(2).optional(),
  l2: NonNegativeSchema.optional(),
  iterations: WholeSchema(1).optional(),
  minPositives: WholeSchema(1).optional(),
  minNegatives: WholeSchema(1).optional(),
  unknownScore: UnitIntervalSchema.optional(),
});

interface Example {
  readonly companyId: string;
  readonly features: readonly number[];
  readonly label: boolean;
}

/**
 * Learns non-negative criterion weights summing to 1 from past matches and their outcomes.
 *
 * Method: features xᵢ = the breakdown score of criterion i (or `unknownScore` when unknown or
 * absent; criteria whose feature never varies keep their baseline share and are not learned), label =
 * grade > 0; fit σ(b + Σ βᵢxᵢ) with βᵢ ≥ 0 by L2-regularised, class-balanced logistic regression
 * (projected FISTA, fixed step and iteration count), then wᵢ = βᵢ / Σβ. Quality is the
 * ROC AUC of Σ wᵢxᵢ on held-out companies: companies sorted by (positives descending, id) are dealt
 * round-robin into folds, so the split is stratified and identical inputs in any order give identical
 * folds and weights. The learned weights are returned only when their mean fold AUC beats the
 * baseline's; otherwise the baseline is, and `note` says so.
 *
 * Refusal (`insufficient_data`): fewer than `minPositives` positive or `minNegatives` negative
 * examples, fewer than 2 companies, or fewer than 2 folds holding both classes.
 *
 * @param history - past matches (with breakdowns) and their outcomes
 * @param options - baseline weights, criteria, grades, folds, λ, iterations, refusal thresholds
 * @returns the weights to use, both candidates, their cross-validated AUC and the folds
 * @throws BuyerMatchError with every input problem, or `insufficient_data` as above
 * @example
 * const calibration = calibrateWeights({ matches: lastMission.byCompany, outcomes }, { baseline: currentWeights });
 * const matcher = createMatcher(buyers, { weights: calibration.weights });
 */
export function calibrateWeights(history: CalibrationHistory, options: CalibrateOptions = {}): Calibration {
  const issues: BuyerMatchIssue[] = [];
  const given: CalibrateOptions = typeof options === "object" && options !== null ? options : {};
  if (given !== options) issues.push({ code: "invalid_input", path: ["options"], message: "must be an object" });
  const parsedOptions = safeParseWith(OptionsSchema, given, ["options"]);
  if (!parsedOptions.success) issues.push(...parsedOptions.issues);
  let relevance: ReturnType<typeof resolveRelevance> | undefined;
  try {
    relevance = resolveRelevance(given.relevance, ["options", "relevance"]);
  } catch (error) {
    if (error instanceof BuyerMatchError) issues.push(...error.issues);
    else throw error;
  }
  const historyRecord: Partial<CalibrationHistory> = typeof history === "object" && history !== null ? history : {};
  const { lists, issues: listIssues } = readMatchLists(historyRecord.matches, HistoryMatchSchema, ["matches"]);
  issues.push(...listIssues);
  const companyIds = readIdSet(given.companyIds, ["options", "companyIds"], issues);
  const buyerIds = readIdSet(given.buyerIds, ["options", "buyerIds"], issues);
  for (const entries of lists.values()) {
    for (const { item, path } of entries) {
      if (companyIds !== undefined && !companyIds.has(item.companyId)) {
        issues.push({ code: "unknown_reference", path: [...path, "companyId"], message: `${JSON.stringify(item.companyId)} is not a known company id` });
      }
      if (buyerIds !== undefined && !buyerIds.has(item.buyerId)) {
        issues.push({ code: "unknown_reference", path: [...path, "buyerId"], message: `${JSON.stringify(item.buyerId)} is not a known buyer id` });
      }
    }
  }
  const outcomes = safeValidateOutcomes(historyRecord.outcomes, {
    companyIds: companyIds ?? lists.keys(),
    ...(buyerIds === undefined ? {} : { buyerIds }),
  });
  if (!outcomes.success) issues.push(...outcomes.issues);
  if (issues.length > 0 || !outcomes.success || !parsedOptions.success || relevance === undefined) {
    throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  }
  const settings = { ...DEFAULT_CALIBRATION, ...stripUndefined(parsedOptions.data) };

  const named = parsedOptions.data.criteria;
  const present =
    named === undefined
      ? CRITERION_IDS.filter((id) => [...lists.values()].some((entries) => entries.some((entry) => entry.item.breakdown[id] !== undefined)))
      : CRITERION_IDS.filter((id) => named.includes(id));

  // Examples in (company, buyer) order: every sum below runs in this order, whatever the input order.
  const grades = bestOutcomes(outcomes.data, relevance);
  let examples: Example[] = [];
  let usedOutcomes = 0;
  for (const [companyId, entries] of lists) {
    const gradeOf = grades.get(companyId);
    const sorted = entries.map((entry) => entry.item).sort((a, b) => compareIds(a.buyerId, b.buyerId));
    for (const match of sorted) {
      const outcome = gradeOf?.get(match.buyerId);
      if (outcome !== undefined) usedOutcomes++;
      const features = present.map((id) => {
        const entry = match.breakdown[id];
        return entry?.known === true ? entry.score : settings.unknownScore;
      });
      examples.push({ companyId, features, label: (outcome?.grade ?? 0) > 0 });
    }
  }
  // A criterion that scored every pair alike (certification in hard mode: 1 for every eligible pair)
  // carries no signal: it is not learned and keeps its baseline weight instead of a meaningless one.
  const constantCriteria =
    named === undefined ? present.filter((_, index) => examples.every((example) => example.features[index] === examples[0]?.features[index])) : [];
  const criteria = present.filter((id) => !constantCriteria.includes(id));
  if (criteria.length === 0) {
    throw issueError("insufficient_data", ["matches"], "no criterion's score varies across the matches, so there is nothing to weigh");
  }
  if (constantCriteria.length > 0) {
    const kept = present.map((id) => criteria.includes(id));
    examples = examples.map((example) => ({ ...example, features: example.features.filter((_, index) => kept[index]) }));
  }
  const totalOutcomes = [...grades.values()].reduce((sum, byBuyer) => sum + byBuyer.size, 0);
  const positives = examples.filter((example) => example.label).length;
  const negatives = examples.length - positives;

  const refusals: string[] = [];
  if (positives < settings.minPositives) refusals.push(`${positives} positive examples (need ≥ ${settings.minPositives})`);
  if (negatives < settings.minNegatives) refusals.push(`${negatives} negative examples (need ≥ ${settings.minNegatives})`);
  const companies = new Set(examples.map((example) => example.companyId)).size;
  if (companies < 2) refusals.push(`${companies} company with matches (need ≥ 2 for cross-validation)`);
  if (refusals.length > 0) {
    throw issueError("insufficient_data", ["outcomes"], `too little to learn weights from: ${refusals.join("; ")}`);
  }

  const folds = assignFolds(examples, Math.min(settings.folds, companies));
  const usable = folds.filter((fold) => fold.positives > 0 && fold.negatives > 0);
  if (usable.length < 2) {
    throw issueError("insufficient_data", ["outcomes"], `only ${usable.length} of ${folds.length} folds hold both positive and negative examples (need ≥ 2); add outcomes from more companies`);
  }

  // A partial baseline fills in like the core's partial `weights` option: from the defaults.
  const baselineWeights = normalise(present, present.map((id) => parsedOptions.data.baseline?.[id] ?? DEFAULT_BASELINE_WEIGHTS[id] ?? 0));
  // Constant criteria add the same amount to every score, so the baseline's order is its order over the varying ones.
  const baselineVector = criteria.map((id) => baselineWeights[id] ?? 0);
  const foldOf = new Map<string, number>();
  folds.forEach((fold) => fold.companyIds.forEach((companyId) => foldOf.set(companyId, fold.index)));

  const beforeAuc: (number | null)[] = [];
  const afterAuc: (number | null)[] = [];
  for (const fold of folds) {
    const heldOut = examples.filter((example) => foldOf.get(example.companyId) === fold.index);
    const training = examples.filter((example) => foldOf.get(example.companyId) !== fold.index);
    const labels = heldOut.map((example) => example.label);
    beforeAuc.push(areaUnderCurveChecked(heldOut.map((example) => dot(baselineVector, example.features)), labels) ?? null);
    const learned = learn(training, settings, baselineVector);
    afterAuc.push(areaUnderCurveChecked(heldOut.map((example) => dot(learned, example.features)), labels) ?? null);
  }
  const before = { auc: meanOfDefined(beforeAuc), foldAuc: beforeAuc };
  const after = { auc: meanOfDefined(afterAuc), foldAuc: afterAuc };
  const learnedVector = learn(examples, settings, baselineVector);
  // Criteria without evidence keep their baseline share; the learned criteria divide the rest in the
  // learned proportions, so the record sums to 1 and means the same thing inside the core.
  const fixedShare = constantCriteria.reduce((sum, id) => sum + (baselineWeights[id] ?? 0), 0);
  const learnedShare = fixedShare < 1 ? 1 - fixedShare : 1;
  const learnedWeights = Object.fromEntries(
    present.map((id) => {
      const index = criteria.indexOf(id);
      return [id, index === -1 ? (fixedShare < 1 ? (baselineWeights[id] ?? 0) : 0) : learnedShare * (learnedVector[index] ?? 0)];
    }),
  ) as CriterionWeights;
  const improved = after.auc > before.auc;
  const change = after.auc - before.auc;
  const note = improved
    ? `calibrated weights raise the cross-validated AUC from ${before.auc.toFixed(3)} to ${after.auc.toFixed(3)}`
    : `calibration would not raise the cross-validated AUC (${before.auc.toFixed(3)} before, ${after.auc.toFixed(3)} after); the baseline weights are kept`;

  return {
    weights: improved ? learnedWeights : baselineWeights,
    chosen: improved ? "calibrated" : "baseline",
    learnedWeights,
    baselineWeights,
    before,
    after,
    change,
    note,
    folds,
    criteria,
    constantCriteria,
    examples: { total: examples.length, positives, negatives, companies, unusedOutcomes: totalOutcomes - usedOutcomes },
  };
}

/** Fits on `training` and turns the coefficients into weights; all-zero coefficients fall back to the baseline. */
function learn(training: readonly Example[], settings: { readonly l2: number; readonly iterations: number }, baseline: readonly number[]): number[] {
  const hasBoth = training.some((example) => example.label) && training.some((example) => !example.label);
  if (!hasBoth) return [...baseline];
  const model = fitNonNegativeLogistic(
    training.map((example) => example.features),
    training.map((example) => example.label),
    settings,
  );
  const total = model.coefficients.reduce((sum, value) => sum + value, 0);
  // No criterion separates the classes: there is nothing to learn, so the baseline stands.
  if (!(total > 0)) return [...baseline];
  return model.coefficients.map((value) => value / total);
}

/** Deals companies, sorted by (positives descending, id), round-robin into `count` folds. */
function assignFolds(examples: readonly Example[], count: number): CalibrationFold[] {
  const perCompany = new Map<string, { positives: number; negatives: number }>();
  for (const example of examples) {
    const tally = perCompany.get(example.companyId) ?? { positives: 0, negatives: 0 };
    if (example.label) tally.positives++;
    else tally.negatives++;
    perCompany.set(example.companyId, tally);
  }
  const order = [...perCompany.entries()].sort(([a, ta], [b, tb]) => tb.positives - ta.positives || compareIds(a, b));
  const folds = Array.from({ length: count }, (_, index) => ({ index, companyIds: [] as string[], positives: 0, negatives: 0 }));
  order.forEach(([companyId, tally], position) => {
    const fold = folds[position % count] as (typeof folds)[number];
    fold.companyIds.push(companyId);
    fold.positives += tally.positives;
    fold.negatives += tally.negatives;
  });
  for (const fold of folds) fold.companyIds.sort(compareIds);
  return folds;
}

function normalise(criteria: readonly CriterionId[], values: readonly number[]): CriterionWeights {
  const total = values.reduce((sum, value) => sum + value, 0);
  // A baseline that gives no weight to any learned criterion ranks nothing; equal weights are its honest stand-in.
  return Object.fromEntries(criteria.map((id, index) => [id, total > 0 ? (values[index] ?? 0) / total : 1 / criteria.length])) as CriterionWeights;
}

function dot(weights: readonly number[], features: readonly number[]): number {
  let sum = 0;
  for (let index = 0; index < weights.length; index++) sum += (weights[index] as number) * (features[index] as number);
  return sum;
}

function meanOfDefined(values: readonly (number | null)[]): number {
  const defined = values.filter((value): value is number => value !== null);
  return defined.reduce((sum, value) => sum + value, 0) / defined.length;
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
