/**
 * The shapes of scores and matches. Every score carries its breakdown: one entry per criterion with
 * its score, effective weight, contribution (contributions sum to the score), whether the data was
 * known, and what matched.
 */

/** The built-in criteria. */
export const CRITERION_IDS = ["sector", "product", "tier", "region", "readiness", "certification"] as const;
/** A criterion id. */
export type CriterionId = (typeof CRITERION_IDS)[number];

/** Who is looking: the exporter at buyers, the buyer at exporters, or both (harmonic mean). */
export type Viewpoint = "company" | "buyer" | "mutual";

/** What a criterion found, for explanations: matched codes, words, tier pair, region level... */
export type CriterionDetail = Readonly<Record<string, unknown>> & { readonly summary: string };

/** One criterion's part of a score. */
export interface CriterionBreakdown {
  /** The criterion's score in [0, 1] (the neutral prior when unknown under the "neutral" policy). */
  readonly score: number;
  /** The effective weight: the configured weight over the sum of weights that counted (0 when ignored). */
  readonly weight: number;
  /** weight × score; the contributions of all criteria sum to the pair's score. */
  readonly contribution: number;
  /** Whether both sides had the data this criterion needs. */
  readonly known: boolean;
  /** What matched, in words and data. */
  readonly detail: CriterionDetail;
}

/** A breakdown: one entry per criterion in use. */
export type Breakdown = Readonly<Partial<Record<CriterionId, CriterionBreakdown>>>;

/**
 * Why a pair cannot be ranked, as data: a literal `code` with its parameters (render it in a locale
 * with `describeReason`).
 */
export type ExclusionReason =
  /** The buyer requires certifications the company does not hold (display names, sorted). */
  | { readonly criterion: "certification"; readonly code: "missing_certification"; readonly certifications: readonly string[] }
  /** The buyer sources only from other countries. */
  | { readonly criterion: "sourcing"; readonly code: "sourcing_country"; readonly country: string; readonly sourcingCountries: readonly string[] }
  /** `requireVerified` is set and the buyer is not verified. */
  | { readonly criterion: "verified"; readonly code: "not_verified" };

/** An exclusion reason with its English text in `message`, for readers. */
export type IneligibleReason = ExclusionReason & { readonly message: string };

/** The score of one viewpoint. */
export interface ViewScore {
  readonly score: number;
  /**
   * How much the score knows, in [0, 1]: the share of the criteria's weight that rested on known
   * data (for `mutual`, the mean of the two viewpoints'). 0 for a pair of empty profiles, whose score
   * is the neutral prior alone.
   */
  readonly coverage: number;
  readonly breakdown: Breakdown;
}

/** The full result of scoring one pair: eligible or not, and why. */
export interface PairScore extends ViewScore {
  readonly companyId: string;
  readonly buyerId: string;
  readonly viewpoint: Viewpoint;
  readonly eligible: boolean;
  /** Empty when eligible; otherwise every reason the pair is excluded. */
  readonly whyNot: readonly IneligibleReason[];
  /** For `mutual`, the two viewpoints' own scores. */
  readonly viewpoints?: { readonly company: ViewScore; readonly buyer: ViewScore };
}

/** One entry of a ranked list. */
export interface Match extends ViewScore {
  readonly companyId: string;
  readonly buyerId: string;
  /** 1 for the best. */
  readonly rank: number;
  readonly viewpoint: Viewpoint;
  readonly viewpoints?: { readonly company: ViewScore; readonly buyer: ViewScore };
}
