/**
 * The contract every criterion fulfils. Shared code (the scorer, the engine, explanations) folds
 * over a list of criteria and never branches on which criterion it holds.
 */
import type { CompiledBuyer, CompiledCompany, Market } from "../score/market.js";
import type { CriterionDetail, CriterionId } from "../score/types.js";
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
  exclude?(company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext): string | undefined;
}
