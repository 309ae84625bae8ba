/**
 * The contract every criterion fulfils. Shared code (the scorer, the engine, explanations) folds
 * over a list of criteria and never branches on which criterion it holds.
 */
import type { CompiledBuyer, CompiledCompany, Market } from "../score/market.js";
import type { CriterionDetail, CriterionId, ExclusionReason } from "../score/types.js";
import type { Tier } from "../schema/common.js";
import type { TypoParams } from "../normalize/fuzzy.js";

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
export type TierMatrix = Readonly<Record<Tier, Readonly<Record<Tier, number>>>>;

/** The settings criteria read, resolved from the match options (every field set). */
export interface CriteriaSettings {
  readonly tier: { readonly matrix: TierMatrix };
  readonly region: { readonly levels: RegionLevels; readonly hub: RegionHub | undefined };
  readonly certification: { readonly mode: "hard" | "soft" };
  readonly product: { readonly typo: TypoParams };
}

/** Everything a criterion needs to score a pair beyond the pair itself. */
export interface ScoringContext {
  readonly settings: CriteriaSettings;
  readonly market: Market;
}

/**
 * A criterion: its identity, its defaults and how it scores and explains a pair.
 *
 * `score` runs for every pair the engine looks at: it must be pure and must not allocate. `detail`
 * and `describe` run only for pairs that are shown.
 */
export interface Criterion {
  readonly id: CriterionId;
  /** Default weight in each viewpoint (the company's view of a buyer, the buyer's of a company). */
  readonly defaultWeight: { readonly company: number; readonly buyer: number };
  /** Default policy for missing data. */
  readonly defaultMissing: MissingPolicy;
  /** The score in [0, 1], or `undefined` when either side lacks the data (unknown). */
  score(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): number | undefined;
  /** What matched, as data plus an English summary. */
  detail(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): CriterionDetail;
  /** One readable line for a detail, in a locale. */
  describe(detail: CriterionDetail, locale: Locale): string;
  /** A hard constraint: the reason the pair is excluded, or `undefined` when it may be ranked. */
  exclude?(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): ExclusionReason | undefined;
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
  /** Names every buyer whose score may exceed `cutoff` (appended to `candidates`); returns the new count. */
  expand(cutoff: number): number;
  /** Buyers whose score is unknown although `floor` is known (these are not candidates). */
  readonly unknown: Int32Array;
  /** An upper bound of a buyer's score (cheap); NaN when the score is surely unknown. */
  bound(buyer: number): number;
  /** The exact score of a buyer, bit for bit what `score` returns; NaN when unknown. */
  score(buyer: number): number;
}
