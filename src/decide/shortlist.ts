/**
 * The mission shortlist: rank applicant exporters on product marketability, export readiness and buyer
 * demand with TOPSIS, and explain each place.
 *
 * For each company the core engine ranks the given buyers (one `createMatcher` market for all
 * applicants, so exactly the matches of `rankBuyers`; default viewpoint `mutual`: a meeting needs both
 * sides). From its eligible matches, best first, with scores s₁ ≥ s₂ ≥ …:
 * - `marketability` — product fit: the mean product-criterion score over its top-k matches (a missing
 *   match counts 0), i.e. how well its products cover what its best buyers need;
 * - `readiness` — export readiness in [0, 1] (a rubric counts as its mean; unknown → `unknownReadiness`);
 * - `breadth` — demand breadth: how many buyers match at or above `strongScore`;
 * - `strength` — demand strength: (s₁ + … + s_k) / k, a missing match counting 0.
 * Buyer demand uses trade evidence when present: a buyer whose import records cover the company's
 * codes (the `evidence` criterion's score e > 0 for the pair, whatever its match weight) demands
 * d = s + λ·(1 − s)·e instead of its match score s (λ = `evidenceLift`, default 0.5); every other buyer
 * demands d = s. Breadth counts d ≥ `strongScore`, strength reads the k buyers of highest d (product
 * fit still reads the top k by match score). Without import records the shortlist is exactly what it was.
 * All four are benefit criteria. Each place is explained by a counterfactual: the change of the
 * company's closeness if one criterion were replaced by the applicants' mean on it.
 */
import { z } from "zod";
import { BuyerSchema, CompanySchema, DEFAULT_NEUTRAL, MatchOptionsSchema, createMatcher } from "../index.js";
import type { Buyer, Company, Match, MatchOptions } from "../index.js";
import { readinessValue } from "../normalize/records.js";
import type { BuyerMatchIssue } from "../schema/errors.js";
import { safeParseWith, throwIfAny } from "../schema/errors.js";
import { closenessOf, topsisChecked } from "./topsis.js";
import { compareIds } from "./validate.js";
import type { TopsisNormalization } from "./topsis.js";

/** The criteria of the shortlist, in the order of every vector in its result. */
export const SHORTLIST_CRITERIA = ["marketability", "readiness", "breadth", "strength"] as const;
/** A shortlist criterion. */
export type ShortlistCriterion = (typeof SHORTLIST_CRITERIA)[number];

/** Default TOPSIS weights: the four criteria count equally until the agency says otherwise (e.g. by AHP). */
export const DEFAULT_SHORTLIST_WEIGHTS: Readonly<Record<ShortlistCriterion, number>> = { marketability: 0.25, readiness: 0.25, breadth: 0.25, strength: 0.25 };

/** Default match score at or above which a buyer counts as strong demand. */
export const DEFAULT_STRONG_SCORE = 0.6;

/** Default number of best matches whose scores make demand strength and product fit. */
export const DEFAULT_TOP_K = 3;

/**
 * Default share λ of the gap to 1 that trade evidence closes in a buyer's demand:
 * d = s + λ·(1 − s)·e (s the match score, e the pair's trade-evidence score).
 */
export const DEFAULT_EVIDENCE_LIFT = 0.5;

const CRITERION_NAMES: Readonly<Record<ShortlistCriterion, string>> = {
  marketability: "product fit",
  readiness: "export readiness",
  breadth: "demand breadth",
  strength: "demand strength",
};

/** Options of {@link shortlistCompanies}. */
export interface ShortlistOptions {
  /** How many companies to mark `selected` (the delegation size); default: all. */
  readonly select?: number;
  /** A match at or above this score is strong demand (default 0.6). */
  readonly strongScore?: number;
  /** How many best matches make demand strength and product fit (default 3). */
  readonly topK?: number;
  /** TOPSIS weights per criterion (missing ones keep their default); `ahpWeights(..., { labels }).byLabel` fits. */
  readonly weights?: Readonly<Partial<Record<ShortlistCriterion, number>>> | undefined;
  /**
   * TOPSIS normalisation (default `"minmax"`: each criterion's spread among the applicants maps onto
   * [0, 1], so the weights alone decide how much a criterion counts; under `"vector"` a count such as
   * breadth, which varies far more in relative terms than readiness, would dominate).
   */
  readonly normalization?: TopsisNormalization;
  /** Readiness of a company that gives none (default 0.5, the core's neutral prior). */
  readonly unknownReadiness?: number;
  /**
   * How far trade evidence lifts a buyer's demand towards 1: d = s + λ·(1 − s)·e, λ in [0, 1]
   * (default 0.5; 0 ignores evidence). The evidence criterion's settings (`asOf`, half-life...) come
   * from `match.criteria.evidence`.
   */
  readonly evidenceLift?: number;
  /** Options for the core matcher (weights, viewpoint — default `mutual` —, criteria...); `top` and `minScore` are set here. */
  readonly match?: Omit<MatchOptions, "top" | "minScore">;
}

/** One criterion of one company. */
export interface ShortlistCriterionValue {
  /** The raw value (a count for `breadth`, a number in [0, 1] otherwise). */
  readonly value: number;
  /**
   * Closeness of the company minus its closeness if this criterion were the applicants' mean:
   * positive lifted its place, negative lowered it.
   */
  readonly effect: number;
}

/** One buyer's demand for a company: its match score, lifted by trade evidence when there is some. */
export interface ShortlistDemand {
  readonly buyerId: string;
  /** The match score s. */
  readonly score: number;
  /** The pair's trade-evidence score e in (0, 1], when the buyer's import records cover the company's codes. */
  readonly evidence?: number;
  /** The demand d = s + λ·(1 − s)·e; equal to `score` without evidence. */
  readonly demand: number;
}

/** One company's place in the shortlist. */
export interface ShortlistEntry {
  readonly companyId: string;
  readonly name: string;
  /** 1 for the best. */
  readonly rank: number;
  /** TOPSIS closeness to the ideal applicant, in [0, 1]. */
  readonly closeness: number;
  /** Within the first `select` places. */
  readonly selected: boolean;
  readonly criteria: Readonly<Record<ShortlistCriterion, ShortlistCriterionValue>>;
  /** Whether the company stated its readiness (otherwise `unknownReadiness` stood in). */
  readonly readinessKnown: boolean;
  /**
   * Its best matches (at most top-k), highest demand first (equal demand: higher score, then buyer id),
   * `rank` their place in that order: the buyers behind the demand figures.
   */
  readonly topMatches: readonly Match[];
  /** The demand of each of `topMatches`, in the same order. */
  readonly demand: readonly ShortlistDemand[];
  /** How many of the `breadth` buyers reach `strongScore` only through trade evidence. */
  readonly breadthFromEvidence: number;
  /** Criteria that lifted the place, strongest first. */
  readonly lifted: readonly ShortlistCriterion[];
  /** Criteria that lowered the place, strongest first. */
  readonly lowered: readonly ShortlistCriterion[];
  /** The place in words. */
  readonly explanation: readonly string[];
}

/** The result of {@link shortlistCompanies}. */
export interface Shortlist {
  /** Best first; equal closeness breaks by company id. */
  readonly entries: readonly ShortlistEntry[];
  /** The TOPSIS weights used, summing to 1. */
  readonly weights: Readonly<Record<ShortlistCriterion, number>>;
  readonly strongScore: number;
  readonly topK: number;
  readonly normalization: TopsisNormalization;
  /** The evidence lift λ used. */
  readonly evidenceLift: number;
}

const WeightSchema = z
  .number({ error: "must be a finite number" })
  .refine((value) => Number.isFinite(value) && value >= 0, { message: "must be a finite number ≥ 0", params: { code: "out_of_range" } });
const ShortlistOptionsSchema = z.strictObject({
  select: z.number().int("must be a whole number").min(0, "must be ≥ 0").optional(),
  strongScore: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional(),
  topK: z.number().int("must be a whole number").min(1, "must be at least 1").optional(),
  weights: z.strictObject({ marketability: WeightSchema.optional(), readiness: WeightSchema.optional(), breadth: WeightSchema.optional(), strength: WeightSchema.optional() }).optional(),
  normalization: z.enum(["vector", "minmax"], { error: () => 'must be "vector" or "minmax"' }).optional(),
  unknownReadiness: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional(),
  evidenceLift: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional(),
  match: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Ranks applicant exporters for a mission with TOPSIS on product fit, export readiness, demand breadth
 * and demand strength (see the module notes for the definitions), using the core engine to find each
 * company's buyers, and explains each place by what lifted or lowered it.
 *
 * @param companies - the applicants
 * @param buyers - the buyers of the target market
 * @param options - delegation size, strong-match threshold, top-k, TOPSIS weights and normalisation,
 *   evidence lift, matcher options
 * @returns the entries best first, with closeness, criteria values and effects, top matches, words
 * @throws BuyerMatchError listing every problem with the companies, buyers or options
 * @example
 * const { entries } = shortlistCompanies(companies, buyers, { select: 11, weights: ahp.byLabel });
 * for (const entry of entries) console.log(entry.rank, entry.companyId, entry.explanation.join(" "));
 */
export function shortlistCompanies(companies: readonly Company[], buyers: readonly Buyer[], options: ShortlistOptions = {}): Shortlist {
  const issues: BuyerMatchIssue[] = [];
  const parsedOptions = safeParseWith(ShortlistOptionsSchema, options, ["options"]);
  if (!parsedOptions.success) issues.push(...parsedOptions.issues);
  const parsedCompanies = checkCompanies(companies, issues);
  const importers = checkBuyers(buyers, issues);
  const rawMatch: unknown = typeof options === "object" && options !== null ? options.match : undefined;
  if (rawMatch !== undefined) {
    const parsedMatch = safeParseWith(MatchOptionsSchema, rawMatch, ["options", "match"]);
    if (!parsedMatch.success) issues.push(...parsedMatch.issues);
  }
  const settings = parsedOptions.success ? parsedOptions.data : {};
  const weights = { ...DEFAULT_SHORTLIST_WEIGHTS, ...definedOnly(settings.weights ?? {}) };
  const weightTotal = SHORTLIST_CRITERIA.reduce((sum, id) => sum + weights[id], 0);
  if (parsedOptions.success && !(weightTotal > 0)) issues.push({ code: "out_of_range", path: ["options", "weights"], message: "must not all be zero" });
  throwIfAny(issues);

  const strongScore = settings.strongScore ?? DEFAULT_STRONG_SCORE;
  const topK = settings.topK ?? DEFAULT_TOP_K;
  const normalization = settings.normalization ?? "minmax";
  const unknownReadiness = settings.unknownReadiness ?? DEFAULT_NEUTRAL;
  const select = settings.select ?? Number.POSITIVE_INFINITY;
  const evidenceLift = settings.evidenceLift ?? DEFAULT_EVIDENCE_LIFT;
  const unitWeights = Object.fromEntries(SHORTLIST_CRITERIA.map((id) => [id, weights[id] / weightTotal])) as Record<ShortlistCriterion, number>;
  const matchOptions: MatchOptions = { viewpoint: "mutual", ...withoutCutoffs(options.match) };

  // Sorting by id first makes every float sum independent of the input order.
  const ordered = [...(parsedCompanies as Applicant[])].sort((a, b) => compareIds(a.id, b.id));
  if (ordered.length === 0) return { entries: [], weights: unitWeights, strongScore, topK, normalization, evidenceLift };

  // One compiled market for every applicant: the buyers are validated and indexed once, and each
  // `rank` returns exactly what `rankBuyers` would.
  const matcher = createMatcher(buyers, matchOptions);
  // The buyers with import records, as a shard of the same market (so their scores are the market's):
  // only they can have evidence, so only they can move up by it.
  const evidenceMatcher = evidenceLift > 0 && importers.length > 0 ? createMatcher(importers, matchOptions, { marketBuyers: buyers }) : undefined;
  const profiles = ordered.map((company) => {
    const ranked = matcher.rank(company.raw, { top: topK });
    const last = ranked[topK - 1];
    // Matches come best first, so every strong one is among the top k unless the k-th is strong too;
    // only then are the strong ones ranked in full, and only they (not every eligible buyer).
    let breadth = last !== undefined && last.score >= strongScore ? matcher.rank(company.raw, { minScore: strongScore }).length : ranked.filter((match) => match.score >= strongScore).length;
    let candidates = ranked.map((match) => demandOf(match, evidenceLift));
    let breadthFromEvidence = 0;
    if (evidenceMatcher !== undefined) {
      // A buyer without evidence demands its score, so the k of highest demand are among the top k by
      // score and the buyers with evidence.
      // d ≤ s + λ(1 − s): a buyer below (T − λ)/(1 − λ) can reach neither the k-th score (which the
      // k-th demand is at least) nor strongScore, so it can change neither figure (a small margin
      // keeps float rounding on the safe side: more buyers are read, never fewer).
      const threshold = Math.min(strongScore, last?.score ?? 0);
      const floor = evidenceLift < 1 ? (threshold - evidenceLift) / (1 - evidenceLift) - 1e-9 : 0;
      const lifted = evidenceMatcher
        .rank(company.raw, floor > 0 ? { minScore: floor } : {})
        .map((match) => demandOf(match, evidenceLift))
        .filter((entry) => entry.demand.evidence !== undefined);
      for (const entry of lifted) if (entry.match.score < strongScore && entry.demand.demand >= strongScore) breadthFromEvidence += 1;
      breadth += breadthFromEvidence;
      const liftedIds = new Set(lifted.map((entry) => entry.match.buyerId));
      candidates = [...candidates.filter((entry) => !liftedIds.has(entry.match.buyerId)), ...lifted].sort(
        (a, b) => b.demand.demand - a.demand.demand || b.match.score - a.match.score || compareIds(a.match.buyerId, b.match.buyerId),
      );
    }
    const top = candidates.slice(0, topK);
    let strength = 0;
    for (const entry of top) strength += entry.demand.demand;
    // Product fit is not demand: it reads the top k by match score, as without evidence.
    let marketability = 0;
    for (const match of ranked) marketability += match.breakdown.product?.score ?? 0;
    const values: Record<ShortlistCriterion, number> = {
      marketability: marketability / topK,
      readiness: company.readiness ?? unknownReadiness,
      breadth,
      strength: strength / topK,
    };
    // `rank` is the place by demand (the same as by score without evidence).
    const best = top.map((entry, index) => (entry.match.rank === index + 1 ? entry.match : { ...entry.match, rank: index + 1 }));
    return { company, best, demand: top.map((entry) => entry.demand), breadthFromEvidence, values };
  });

  const matrix = profiles.map((profile) => SHORTLIST_CRITERIA.map((id) => profile.values[id]));
  const weightVector = SHORTLIST_CRITERIA.map((id) => unitWeights[id]);
  const kinds = SHORTLIST_CRITERIA.map(() => "benefit" as const);
  const result = topsisChecked(matrix, weightVector, kinds, normalization);
  const means = SHORTLIST_CRITERIA.map((_, j) => matrix.reduce((sum, row) => sum + (row[j] as number), 0) / matrix.length);
  const meanWeighted = SHORTLIST_CRITERIA.map((_, j) => result.weighted.reduce((sum, row) => sum + (row[j] as number), 0) / result.weighted.length);

  const entries = result.ranking.map((index, position): ShortlistEntry => {
    const profile = profiles[index] as (typeof profiles)[number];
    const closeness = result.closeness[index] as number;
    const row = result.weighted[index] as readonly number[];
    const criteria = Object.fromEntries(
      SHORTLIST_CRITERIA.map((id, j) => {
        const replaced = row.map((value, k) => (k === j ? (meanWeighted[j] as number) : value));
        return [id, { value: profile.values[id], effect: closeness - closenessOf(replaced, result.ideal, result.antiIdeal) }];
      }),
    ) as Record<ShortlistCriterion, ShortlistCriterionValue>;
    const byEffect = [...SHORTLIST_CRITERIA].sort((a, b) => Math.abs(criteria[b].effect) - Math.abs(criteria[a].effect) || SHORTLIST_CRITERIA.indexOf(a) - SHORTLIST_CRITERIA.indexOf(b));
    const lifted = byEffect.filter((id) => criteria[id].effect > EFFECT_EPSILON);
    const lowered = byEffect.filter((id) => criteria[id].effect < -EFFECT_EPSILON);
    const rank = position + 1;
    const entry = {
      companyId: profile.company.id,
      name: profile.company.name,
      rank,
      closeness,
      selected: rank <= select,
      criteria,
      readinessKnown: profile.company.readiness !== undefined,
      topMatches: profile.best,
      demand: profile.demand,
      breadthFromEvidence: profile.breadthFromEvidence,
      lifted,
      lowered,
    };
    return { ...entry, explanation: explain(entry, means, strongScore, topK) };
  });
  return { entries, weights: unitWeights, strongScore, topK, normalization, evidenceLift };
}

/** A company as given, with the parsed fields the shortlist reads. */
interface Applicant {
  readonly raw: Company;
  readonly id: string;
  readonly name: string;
  /** Readiness in [0, 1] (a rubric's mean), or undefined when not stated. */
  readonly readiness: number | undefined;
}

/** Effects that round to 0.000 in the explanation neither lift nor lower. */
const EFFECT_EPSILON = 5e-4;

function checkCompanies(companies: readonly Company[], issues: BuyerMatchIssue[]): Applicant[] | undefined {
  if (!Array.isArray(companies)) {
    issues.push({ code: "invalid_input", path: ["companies"], message: "must be an array of companies" });
    return undefined;
  }
  const seen = new Map<string, number>();
  const out: Applicant[] = [];
  companies.forEach((raw, index) => {
    const parsed = safeParseWith(CompanySchema, raw, ["companies", index]);
    if (!parsed.success) {
      issues.push(...parsed.issues);
      return;
    }
    const { id, name, readiness } = parsed.data;
    const first = seen.get(id);
    if (first !== undefined) issues.push({ code: "duplicate_id", path: ["companies", index, "id"], message: `${JSON.stringify(id)} is also the id of companies[${first}]` });
    else seen.set(id, index);
    out.push({ raw, id, name, readiness: readinessValue(readiness) });
  });
  return out;
}

/** The pair's trade evidence, when the buyer's import records cover the company's codes (e > 0). */
function evidenceOf(match: Match): number | undefined {
  const part = match.breakdown.evidence;
  return part !== undefined && part.known && part.score > 0 ? part.score : undefined;
}

/** A match with its demand: d = s + λ·(1 − s)·e with evidence, else exactly s. */
function demandOf(match: Match, lift: number): { match: Match; demand: ShortlistDemand } {
  const evidence = lift > 0 ? evidenceOf(match) : undefined;
  if (evidence === undefined) return { match, demand: { buyerId: match.buyerId, score: match.score, demand: match.score } };
  const demand = Math.min(1, match.score + lift * (1 - match.score) * evidence);
  return { match, demand: { buyerId: match.buyerId, score: match.score, evidence, demand } };
}

/**
 * Buyers are checked here too, so one error lists the problems of both sides.
 * Returns the buyers (as given) that have import records.
 */
function checkBuyers(buyers: readonly Buyer[], issues: BuyerMatchIssue[]): Buyer[] {
  const importers: Buyer[] = [];
  if (!Array.isArray(buyers)) {
    issues.push({ code: "invalid_input", path: ["buyers"], message: "must be an array of buyers" });
    return importers;
  }
  const seen = new Map<string, number>();
  buyers.forEach((raw, index) => {
    const parsed = safeParseWith(BuyerSchema, raw, ["buyers", index]);
    if (!parsed.success) {
      issues.push(...parsed.issues);
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) issues.push({ code: "duplicate_id", path: ["buyers", index, "id"], message: `${JSON.stringify(parsed.data.id)} is also the id of buyers[${first}]` });
    else seen.set(parsed.data.id, index);
    if ((parsed.data.imports?.length ?? 0) > 0) importers.push(raw);
  });
  return importers;
}

function definedOnly(weights: Readonly<Partial<Record<ShortlistCriterion, number | undefined>>>): Partial<Record<ShortlistCriterion, number>> {
  return Object.fromEntries(Object.entries(weights).filter(([, value]) => value !== undefined)) as Partial<Record<ShortlistCriterion, number>>;
}

function withoutCutoffs(match: ShortlistOptions["match"]): MatchOptions {
  if (match === undefined) return {};
  const { top: _top, minScore: _minScore, ...rest } = match as MatchOptions;
  return rest;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(3)}`;
}

function explain(
  entry: Omit<ShortlistEntry, "explanation">,
  means: readonly number[],
  strongScore: number,
  topK: number,
): string[] {
  const { criteria } = entry;
  const lines = [
    `#${entry.rank} ${entry.name} (${entry.companyId}): closeness ${entry.closeness.toFixed(3)}${entry.selected ? ", selected" : ""}.`,
    `Demand: ${criteria.breadth.value} buyer${criteria.breadth.value === 1 ? "" : "s"} at or above ${strongScore.toFixed(2)} (applicants' mean ${(means[2] as number).toFixed(1)}); ${entry.demand.some((demand) => demand.evidence !== undefined) ? `mean demand of the top ${topK} (match scores raised by trade evidence)` : `mean of the top ${topK} match scores`} ${criteria.strength.value.toFixed(3)}${
      entry.topMatches.length > 0 ? ` (best: ${entry.topMatches.map((match) => `${match.buyerId} ${match.score.toFixed(2)}`).join(", ")})` : " (no eligible buyer)"
    }.`,
    `Product fit ${percent(criteria.marketability.value)} over its top ${topK} buyers; export readiness ${entry.readinessKnown ? percent(criteria.readiness.value) : `unknown (counted as ${percent(criteria.readiness.value)})`}.`,
  ];
  const evidenceLine = describeEvidence(entry);
  if (evidenceLine !== undefined) lines.push(evidenceLine);
  const describe = (ids: readonly ShortlistCriterion[]): string => ids.map((id) => `${CRITERION_NAMES[id]} (${signed(criteria[id].effect)})`).join(", ");
  if (entry.lifted.length > 0) lines.push(`Lifted by ${describe(entry.lifted)} compared with an average applicant.`);
  if (entry.lowered.length > 0) lines.push(`Held back by ${describe(entry.lowered)} compared with an average applicant.`);
  return lines;
}

/** The explanation's evidence line: each top buyer whose demand evidence raised, with what it imported. */
function describeEvidence(entry: Omit<ShortlistEntry, "explanation">): string | undefined {
  const raised = entry.demand.flatMap((demand, index) => {
    if (demand.evidence === undefined) return [];
    const summary = entry.topMatches[index]?.breakdown.evidence?.detail.summary;
    return [`${demand.buyerId} ${demand.score.toFixed(2)} → ${demand.demand.toFixed(2)}${summary === undefined ? "" : ` (${summary})`}`];
  });
  if (raised.length === 0 && entry.breadthFromEvidence === 0) return undefined;
  const strong = entry.breadthFromEvidence === 0 ? "" : `${raised.length > 0 ? "; " : ""}${entry.breadthFromEvidence} buyer${entry.breadthFromEvidence === 1 ? "" : "s"} count as strong demand only through it`;
  return `Trade evidence raised demand: ${raised.join("; ")}${strong}.`;
}
