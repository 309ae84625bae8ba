/**
 * Outcomes of a mission as data: what became of each company–buyer pair after the meetings, and the
 * graded relevance each stage stands for. Everything else in `evaluate/` reads outcomes through
 * {@link validateOutcomes} and {@link bestOutcomes}, so one pair always means one grade.
 */
import { z } from "zod";
import { type BuyerMatchIssue, type IssuePath, type SafeResult, BuyerMatchError, safeParseWith } from "../schema/errors.js";
import { FiniteNumberSchema, IdSchema } from "../schema/common.js";

/** The stages of a follow-up, weakest first: a meeting held, stated interest, a sample or quote, a contract. */
export const STAGES = ["met", "interest", "quote", "deal"] as const;
/** A follow-up stage. */
export type Stage = (typeof STAGES)[number];

/**
 * The default graded relevance of each stage. A pair with no outcome has grade 0. Every grade above 0
 * counts as relevant for the binary metrics and as a positive example for calibration; set `met: 0`
 * when every planned meeting is recorded as met and only what followed should count.
 */
export const DEFAULT_RELEVANCE: Readonly<Record<Stage, number>> = Object.freeze({ met: 1, interest: 2, quote: 3, deal: 4 });

/** The highest grade allowed: NDCG's gain 2^grade − 1 stays exact in a double well below it. */
export const MAX_RELEVANCE = 30;

const StageSchema = z.enum(STAGES, { error: () => `must be one of ${STAGES.join(", ")}` });

/** One outcome: a company–buyer pair, the stage it reached and, optionally, a value (for example a contract sum). */
export const OutcomeSchema = z.object({
  companyId: IdSchema,
  buyerId: IdSchema,
  stage: StageSchema,
  value: FiniteNumberSchema.refine((value) => value >= 0, { message: "must be ≥ 0", params: { code: "out_of_range" } }).optional(),
});

/** An outcome as written by a user. */
export type Outcome = z.input<typeof OutcomeSchema>;

/** Grades per stage; stages left out keep their default. */
export type RelevanceGrades = Readonly<Partial<Record<Stage, number>>>;

const GradeSchema = FiniteNumberSchema.refine((value) => value >= 0 && value <= MAX_RELEVANCE, {
  message: `must be between 0 and ${MAX_RELEVANCE}`,
  params: { code: "out_of_range" },
});

const RelevanceSchema = z.strictObject(
  { met: GradeSchema.optional(), interest: GradeSchema.optional(), quote: GradeSchema.optional(), deal: GradeSchema.optional() },
  { error: () => `must be an object of stage → grade (${STAGES.join(", ")})` },
);

/**
 * Completes user grades with the defaults and checks them: each in [0, {@link MAX_RELEVANCE}] and never
 * lower for a later stage (a deal cannot be worth less than a meeting, or "keep the highest stage"
 * would stop meaning "keep the best").
 *
 * @param grades - grades per stage, or undefined for {@link DEFAULT_RELEVANCE}
 * @param basePath - where the grades sit in the caller's input, for issue paths
 * @returns one grade per stage
 * @example
 * resolveRelevance({ met: 0 }); // { met: 0, interest: 2, quote: 3, deal: 4 }
 */
export function resolveRelevance(grades?: RelevanceGrades, basePath: IssuePath = ["relevance"]): Readonly<Record<Stage, number>> {
  const issues: BuyerMatchIssue[] = [];
  const parsed = safeParseWith(RelevanceSchema, grades ?? {}, basePath);
  if (!parsed.success) throw new BuyerMatchError(parsed.issues);
  const resolved: Record<Stage, number> = { ...DEFAULT_RELEVANCE };
  for (const stage of STAGES) {
    const grade = parsed.data[stage];
    if (grade !== undefined) resolved[stage] = grade;
  }
  for (let index = 1; index < STAGES.length; index++) {
    const earlier = STAGES[index - 1] as Stage;
    const later = STAGES[index] as Stage;
    if (resolved[later] < resolved[earlier]) {
      issues.push({
        code: "out_of_range",
        path: [...basePath, later],
        message: `grade ${resolved[later]} is lower than ${earlier}'s ${resolved[earlier]}; grades must not decrease along ${STAGES.join(" → ")}`,
      });
    }
  }
  if (issues.length > 0) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  return resolved;
}

/** The ids an outcome may name. Leave a set out to accept any id on that side. */
export interface KnownIds {
  readonly companyIds?: Iterable<string>;
  readonly buyerIds?: Iterable<string>;
}

/**
 * Reads an optional collection of known ids (an array, a Set, any iterable of strings) into a Set,
 * reporting anything else instead of throwing a TypeError.
 *
 * @param value - the ids, or undefined for "not checked"
 * @param path - where the ids sit in the caller's input
 * @param issues - where problems are added
 * @returns the ids, or undefined when not given or unreadable
 * @example
 * const companyIds = readIdSet(options.companyIds, ["options", "companyIds"], issues);
 */
export function readIdSet(value: unknown, path: IssuePath, issues: BuyerMatchIssue[]): Set<string> | undefined {
  if (value === undefined) return undefined;
  const iterable = typeof value === "object" && value !== null && Symbol.iterator in value;
  if (!iterable) {
    issues.push({ code: "invalid_input", path, message: "must be an array or Set of ids" });
    return undefined;
  }
  const ids = new Set<string>();
  let index = 0;
  for (const id of value as Iterable<unknown>) {
    if (typeof id === "string") ids.add(id.trim());
    else issues.push({ code: "invalid_input", path: [...path, index], message: "must be an id string" });
    index++;
  }
  return ids;
}

const IssuePathSchema = z.array(z.union([z.string(), z.number().refine(Number.isFinite)]), { error: "must be an array of property names and indices" });

/** A parsed outcome (ids trimmed). */
export type ParsedOutcome = z.output<typeof OutcomeSchema>;

/**
 * The non-throwing twin of {@link validateOutcomes}; both share this code path.
 *
 * @param outcomes - the raw outcomes (any value; it is checked)
 * @param known - the company and buyer ids outcomes may name
 * @param basePath - where the outcomes sit in the caller's input
 * @returns the parsed outcomes, or every issue with its path
 * @example
 * const result = safeValidateOutcomes(rows, { companyIds: ["c1"] });
 * if (!result.success) for (const issue of result.issues) console.log(issue.path, issue.message);
 */
export function safeValidateOutcomes(outcomes: unknown, known: KnownIds = {}, basePath: IssuePath = ["outcomes"]): SafeResult<ParsedOutcome[]> {
  const pathResult = safeParseWith(IssuePathSchema, basePath, ["basePath"]);
  if (!pathResult.success) return { success: false, issues: pathResult.issues };
  if (!Array.isArray(outcomes)) {
    return { success: false, issues: [{ code: "invalid_input", path: basePath, message: "must be an array of outcomes" }] };
  }
  const issues: BuyerMatchIssue[] = [];
  let companyIds: Set<string> | undefined;
  let buyerIds: Set<string> | undefined;
  if (known === null || typeof known !== "object") issues.push({ code: "invalid_input", path: ["known"], message: "must be an object ({ companyIds?, buyerIds? })" });
  else {
    companyIds = readIdSet(known.companyIds, ["known", "companyIds"], issues);
    buyerIds = readIdSet(known.buyerIds, ["known", "buyerIds"], issues);
  }
  const parsed: ParsedOutcome[] = [];
  // A plain loop, not forEach: a hole in a sparse array is a missing outcome to report, not one to skip.
  for (let index = 0; index < outcomes.length; index++) {
    const raw: unknown = outcomes[index];
    const path = [...basePath, index];
    const result = safeParseWith(OutcomeSchema, raw, path);
    if (result.success) parsed.push(result.data);
    else issues.push(...result.issues);
    // Ids are checked on the raw record too, so one pass reports a bad stage and a typo in an id together.
    const record = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const checks: readonly [string, Set<string> | undefined, string][] = [
      ["companyId", companyIds, "company"],
      ["buyerId", buyerIds, "buyer"],
    ];
    for (const [field, ids, side] of checks) {
      const id = Object.hasOwn(record, field) ? record[field] : undefined;
      if (ids !== undefined && typeof id === "string" && id.trim() !== "" && !ids.has(id.trim())) {
        issues.push({ code: "unknown_reference", path: [...path, field], message: `${JSON.stringify(id)} is not a known ${side} id` });
      }
    }
  }
  if (issues.length > 0) return { success: false, issues: issues as [BuyerMatchIssue, ...BuyerMatchIssue[]] };
  return { success: true, data: parsed };
}

/**
 * Checks outcomes: each record's shape, its stage, a value that is a finite number ≥ 0 and, when the
 * known ids are given, that both ids exist. Throws one {@link BuyerMatchError} listing every problem.
 *
 * @param outcomes - the raw outcomes (any value; it is checked)
 * @param known - the company and buyer ids outcomes may name; a side left out is not checked
 * @param basePath - where the outcomes sit in the caller's input (default `["outcomes"]`)
 * @returns the parsed outcomes, ids trimmed, in input order
 * @example
 * validateOutcomes([{ companyId: "c1", buyerId: "b9", stage: "deal", value: 120000 }], { companyIds: ["c1"], buyerIds: ["b9"] });
 */
export function validateOutcomes(outcomes: unknown, known: KnownIds = {}, basePath: IssuePath = ["outcomes"]): ParsedOutcome[] {
  const result = safeValidateOutcomes(outcomes, known, basePath);
  if (!result.success) throw new BuyerMatchError(result.issues);
  return result.data;
}

/** The best outcome of one pair: its furthest stage, the grade of that stage and the largest value recorded with it. */
export interface PairOutcome {
  readonly companyId: string;
  readonly buyerId: string;
  readonly stage: Stage;
  readonly grade: number;
  readonly value?: number;
}

/**
 * Collapses outcomes to one per pair, keeping the furthest stage (a deal supersedes the meeting that
 * led to it) and, among records of that stage, the largest value.
 *
 * @param outcomes - validated outcomes, any order, pairs may repeat
 * @param relevance - grades per stage (defaults: {@link DEFAULT_RELEVANCE})
 * @returns company id → buyer id → the pair's best outcome; iteration order is by id
 * @example
 * bestOutcomes([{ companyId: "c", buyerId: "b", stage: "met" }, { companyId: "c", buyerId: "b", stage: "quote" }])
 *   .get("c")?.get("b")?.stage; // "quote"
 */
export function bestOutcomes(
  outcomes: readonly ParsedOutcome[],
  relevance: Readonly<Record<Stage, number>> = DEFAULT_RELEVANCE,
): Map<string, Map<string, PairOutcome>> {
  const byCompany = new Map<string, Map<string, PairOutcome>>();
  for (const outcome of outcomes) {
    let byBuyer = byCompany.get(outcome.companyId);
    if (byBuyer === undefined) byCompany.set(outcome.companyId, (byBuyer = new Map()));
    const previous = byBuyer.get(outcome.buyerId);
    const order = STAGES.indexOf(outcome.stage);
    const previousOrder = previous === undefined ? -1 : STAGES.indexOf(previous.stage);
    if (order < previousOrder) continue;
    const value =
      order === previousOrder && previous?.value !== undefined
        ? Math.max(previous.value, outcome.value ?? previous.value)
        : outcome.value;
    byBuyer.set(outcome.buyerId, {
      companyId: outcome.companyId,
      buyerId: outcome.buyerId,
      stage: outcome.stage,
      grade: relevance[outcome.stage],
      ...(value === undefined ? {} : { value }),
    });
  }
  // Sorted maps make every later loop independent of the order outcomes arrived in.
  const sorted = new Map<string, Map<string, PairOutcome>>();
  for (const companyId of [...byCompany.keys()].sort(compareIds)) {
    const byBuyer = byCompany.get(companyId) as Map<string, PairOutcome>;
    sorted.set(companyId, new Map([...byBuyer.entries()].sort(([a], [b]) => compareIds(a, b))));
  }
  return sorted;
}

/**
 * Plain string order (`<` on UTF-16 code units, not locale order), the tie-break used everywhere in buyermatch.
 *
 * @param a - one id
 * @param b - the other id
 * @returns negative, 0 or positive, for `Array.prototype.sort`
 * @example
 * ["b", "a", "B"].sort(compareIds); // ["B", "a", "b"]
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
