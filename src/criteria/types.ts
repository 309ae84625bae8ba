/**
 * The contract every criterion fulfils, built-in or the user's own. Shared code (the scorer, the
 * engine, explanations, the options schema) folds over a list of criteria and never branches on
 * which criterion it holds.
 *
 * Two shapes: a {@link CriterionDefinition} is what `defineCriterion` returns and what users pass
 * in `customCriteria` (its settings schema, the record fields it reads, its functions taking the
 * settings); a {@link Criterion} is a definition bound to resolved settings, which is what the
 * scorer and the engine call (`score(company, buyer, context)`).
 */
import type { z } from "zod";
import type { CompiledBuyer, CompiledCompany, Market } from "../market/market.js";

/** What a criterion counts as when one side lacks its data. */
export type MissingPolicy = "neutral" | "ignore" | "zero";

/** Languages explanations are written in. */
export type Locale = "en" | "ko";

/** Region levels and their scores. */
export interface RegionLevels {
  readonly city: number;
  readonly subdivision: number;
  readonly country: number;
  readonly world: number;
}

/** A hub the region score decays from: halved every `halfDistanceKm` from it. */
export interface RegionHub {
  readonly lat: number;
  readonly lon: number;
  readonly halfDistanceKm: number;
}

/** Supply-chain compatibility: company tier → buyer tier → score. */
export type TierMatrix = Readonly<Record<"oem" | "tier1" | "tier2" | "tier3" | "distributor", Readonly<Record<"oem" | "tier1" | "tier2" | "tier3" | "distributor", number>>>>;

/**
 * What a criterion found, for explanations. Every criterion extends it with its own typed fields
 * (matched codes, words, tier pair, region level…); `summary` is an English line for readers.
 */
export interface CriterionDetail {
  readonly summary: string;
}

/**
 * Why a built-in rule excludes a pair, as data: a literal `code` with its parameters (render it in a
 * locale with `describeReason`).
 */
export type ExclusionReason =
  /** The buyer requires certifications the company does not hold (display names, sorted). */
  | { readonly criterion: "certification"; readonly code: "missing_certification"; readonly certifications: readonly string[] }
  /** The buyer sources only from other countries. */
  | { readonly criterion: "sourcing"; readonly code: "sourcing_country"; readonly country: string; readonly sourcingCountries: readonly string[] }
  /** `requireVerified` is set and the buyer is not verified. */
  | { readonly criterion: "verified"; readonly code: "not_verified" }
  /** `requireEvidence` is set and the buyer is neither verified nor imports any of the company's product codes. */
  | { readonly criterion: "evidence"; readonly code: "no_evidence" };

/**
 * Why a custom criterion excludes a pair: its id, a code of its own and its parameters (plain data).
 * The criterion renders it with its `describeExclusion`.
 */
export interface CustomExclusionReason {
  readonly criterion: string;
  readonly code: string;
  readonly [parameter: string]: unknown;
}

/** Everything a criterion needs to score a pair beyond the pair itself. */
export interface ScoringContext {
  readonly market: Market;
}

/** The weight of a criterion in each viewpoint (the company's view of a buyer, the buyer's of a company). */
export interface ViewpointWeights {
  readonly company: number;
  readonly buyer: number;
}

/**
 * A criterion bound to its settings: what the scorer and the engine call.
 *
 * `score` runs for every pair the engine looks at: it must be pure and must not allocate. `detail`
 * and `describe` run only for pairs that are shown.
 */
export interface Criterion<Detail extends CriterionDetail = CriterionDetail> {
  readonly id: string;
  /** The weight in each viewpoint when the options name none (may depend on the settings). */
  readonly defaultWeight: ViewpointWeights;
  /** Default policy for missing data. */
  readonly defaultMissing: MissingPolicy;
  /** The definition this criterion was bound from. */
  readonly definition: CriterionDefinition;
  /** The score in [0, 1], or `undefined` when either side lacks the data (unknown). */
  score(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): number | undefined;
  /** What matched, as data plus an English summary. */
  detail(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): Detail;
  /** One readable line for a detail, in a locale. */
  describe(detail: Detail, locale: Locale): string;
  /** A hard constraint: the reason the pair is excluded, or `undefined` when it may be ranked. */
  exclude?(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): ExclusionReason | CustomExclusionReason | undefined;
  /**
   * Engine hook: a key such that two buyers with the same key get the same `score` and the same
   * `exclude` from any company in this context. The engine then scores each company once per key
   * (by calling `score` on one buyer holding it) instead of once per buyer: exact by construction.
   */
  buyerKey?(buyer: CompiledBuyer, context: ScoringContext): string;
  /**
   * Engine hook: an inverted index over the buyers (in the order given) that names, for a company,
   * the few buyers whose score can be above a common floor, with an upper bound for each.
   */
  sparseIndex?(buyers: readonly CompiledBuyer[], context: ScoringContext): SparseIndex;
  /**
   * Snapshot hook: restores an index its `sparseIndex` built, from what the index's `save()`
   * returned. Must check the saved lists against each other and throw on any inconsistency (the
   * loader reports it as a damaged snapshot). A criterion with `sparseIndex` but without this hook
   * is built again from the buyers when a snapshot is loaded.
   */
  restoreIndex?(saved: SavedIndex, buyerCount: number, context: ScoringContext): SparseIndex;
}

/** A sparse index as plain lists, for snapshots (see {@link Criterion.restoreIndex}). */
export interface SavedIndex {
  readonly ints: readonly Int32Array[];
  readonly floats: readonly Float64Array[];
  readonly texts: readonly (readonly string[])[];
  /** JSON data (what `JSON.stringify` keeps). */
  readonly json: unknown;
}

/**
 * A rule that only excludes (sourcing countries, `requireVerified`): declared once, folded over by
 * the reference's exclusions, the engine's eligibility check and the index's eligibility classes.
 */
export interface Constraint {
  readonly id: string;
  exclude(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): ExclusionReason | undefined;
  /** Two buyers with the same key are excluded by the same companies. */
  buyerKey(buyer: CompiledBuyer): string;
}

/** Field schemas by field name, for one side (company or buyer). */
export type FieldSchemas = Readonly<Record<string, z.ZodType>>;

/** The values of declared fields on a record, typed by their schemas (a `Map` at run time). */
export interface FieldValues<Schemas extends FieldSchemas> {
  get<Name extends keyof Schemas & string>(name: Name): z.output<Schemas[Name]> | undefined;
  has(name: keyof Schemas & string): boolean;
}

/** A compiled company whose declared fields are typed (`company.record.fields.get(name)`). */
export type CompanyWith<Schemas extends FieldSchemas> = [keyof Schemas] extends [never] ? CompiledCompany : Omit<CompiledCompany, "record"> & { readonly record: Omit<CompiledCompany["record"], "fields"> & { readonly fields: FieldValues<Schemas> } };
/** A compiled buyer whose declared fields are typed. */
export type BuyerWith<Schemas extends FieldSchemas> = [keyof Schemas] extends [never] ? CompiledBuyer : Omit<CompiledBuyer, "record"> & { readonly record: Omit<CompiledBuyer["record"], "fields"> & { readonly fields: FieldValues<Schemas> } };

/**
 * A criterion as defined (see `defineCriterion`): identity, defaults, the settings it accepts (a zod
 * object schema whose output is the resolved settings), the record fields it reads, and its
 * functions, which receive the resolved settings as their last argument.
 */
export interface CriterionDefinition<
  Shape extends z.ZodRawShape = z.ZodRawShape,
  Detail extends CriterionDetail = CriterionDetail,
  CompanyFields extends FieldSchemas = FieldSchemas,
  BuyerFields extends FieldSchemas = FieldSchemas,
> {
  readonly id: string;
  /** The settings under `options.criteria[id]` (besides `missing` and `neutral`), with their defaults. */
  readonly settings: z.ZodObject<Shape>;
  /** The fields it reads on companies and buyers, beside the built-in ones. */
  readonly fields: { readonly company: CompanyFields; readonly buyer: BuyerFields };
  readonly defaultMissing: MissingPolicy;
  /** Default weights, possibly depending on the settings (hard certification weighs 0). */
  defaultWeight(settings: z.output<z.ZodObject<Shape>>): ViewpointWeights;
  /** Binds resolved settings: the criterion the scorer and the engine call. */
  bind(settings: z.output<z.ZodObject<Shape>>): Criterion<Detail>;
  /** One readable line for a detail (settings-free, so a stored match can be explained). */
  describe(detail: Detail, locale: Locale): string;
  /** Renders the criterion's own exclusion reasons (custom criteria with `exclude`). */
  describeExclusion?(reason: CustomExclusionReason, locale: Locale): string;
  /** What the criterion asks of the compiled market (the product criterion's typo correction). */
  market?(settings: z.output<z.ZodObject<Shape>>): { readonly typo?: { readonly minLength: number; readonly minSimilarity: number } };
}

/** An inverted index a criterion builds over the market's buyers (see {@link Criterion.sparseIndex}). */
export interface SparseIndex {
  /** Snapshot hook: the index as plain lists, restored by the criterion's `restoreIndex`. */
  save?(): SavedIndex;
  /**
   * Prepares one company. The returned query reuses the index's buffers: it is valid until the
   * next call to `query` (one index serves one thread).
   */
  query(company: CompiledCompany): SparseQuery;
}

/**
 * One company's view of a {@link SparseIndex}. Buyers are positions in the indexed list.
 *
 * Candidates are named in rounds (MaxScore-style): `expand(cutoff)` adds every buyer whose score
 * may exceed `cutoff`, so a caller that already knows a high k-th score asks only for the few
 * buyers that can still beat it.
 */
export interface SparseQuery {
  /**
   * The score of every buyer that is not a candidate and not listed in `unknown` is known and lies
   * between `floor` and max(`floor`, the smallest cutoff asked so far); NaN when all are unknown.
   */
  readonly floor: number;
  /** Candidates named so far: `candidates[0 .. candidateCount)`. */
  readonly candidates: Int32Array;
  readonly candidateCount: number;
  /**
   * Whether every buyer scoring above `floor` is a candidate from the first `expand` on (a query
   * that names all it knows at once): the engine then counts the unnamed at the floor itself, not
   * at the cutoff, so this criterion does not lower the cutoff the others are expanded to.
   */
  readonly complete?: boolean;
  /** Names every buyer whose score may exceed `cutoff` (appended to `candidates`); returns the new count. */
  expand(cutoff: number): number;
  /**
   * Optional: a cutoff in [0, 1] at which `expand` names about `count` buyers, those this criterion
   * rates highest. The engine's widening rounds ask for it (a few times `top`, then eight times as
   * many), so that the first threshold comes from a few good buyers rather than from every buyer
   * with one need bounded by 1; any answer is correct, a good one only saves work. Without it the
   * first round names the buyers bounded by 1.
   */
  cutoffNaming?(count: number): number;
  /** Buyers whose score is unknown although `floor` is known (these are not candidates). */
  readonly unknown: Int32Array;
  /** An upper bound of a buyer's score (cheap); NaN when the score is surely unknown. */
  bound(buyer: number): number;
  /**
   * Optional: a bound at least `bound(buyer)` that costs a read or two (valid once `expand` or
   * `cutoffNaming` has run for the company). The engine checks it first and asks `bound` only for
   * the buyers it cannot drop.
   */
  quickBound?(buyer: number): number;
  /** The exact score of a buyer, bit for bit what `score` returns; NaN when unknown. */
  score(buyer: number): number;
}
