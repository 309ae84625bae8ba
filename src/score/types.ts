/**
 * The shapes of scores and matches. Every score carries its breakdown: one entry per criterion with
 * its score, effective weight, contribution (contributions sum to the score), whether the data was
 * known, and what matched.
 */

import type { CertificationDetail } from "../criteria/certification.js";
import type { EvidenceDetail } from "../criteria/evidence.js";
import type { RelationshipDetail } from "../criteria/relationship.js";
import type { ProductDetail } from "../criteria/product.js";
import type { ReadinessDetail } from "../criteria/readiness.js";
import type { RegionDetail } from "../criteria/region.js";
import type { SectorDetail } from "../criteria/sector.js";
import type { TierDetail } from "../criteria/tier.js";
import type { CriterionDetail, CustomExclusionReason, ExclusionReason } from "../criteria/types.js";
import type { CriterionId } from "../criteria/index.js";
import type { Viewpoint } from "../criteria/options.js";

export { CRITERION_IDS, type CriterionId } from "../criteria/index.js";
export type { CriterionDetail, ExclusionReason, CustomExclusionReason } from "../criteria/types.js";
export type { Viewpoint } from "../criteria/options.js";

/** Each built-in criterion's detail type, by id. */
export interface BuiltInDetails {
  readonly sector: SectorDetail;
  readonly product: ProductDetail;
  readonly tier: TierDetail;
  readonly region: RegionDetail;
  readonly readiness: ReadinessDetail;
  readonly certification: CertificationDetail;
  readonly evidence: EvidenceDetail;
  readonly relationship: RelationshipDetail;
}

/** One criterion's part of a score. */
export interface CriterionBreakdown<Detail extends CriterionDetail = CriterionDetail> {
  /** The criterion's score in [0, 1] (the neutral prior when unknown under the "neutral" policy). */
  readonly score: number;
  /** The effective weight: the configured weight over the sum of weights that counted (0 when ignored). */
  readonly weight: number;
  /** weight × score; the contributions of all criteria sum to the pair's score. */
  readonly contribution: number;
  /** Whether both sides had the data this criterion needs. */
  readonly known: boolean;
  /** What matched, in words and data (typed per criterion). */
  readonly detail: Detail;
}

/**
 * A breakdown: one entry per criterion in use, by id (the built-in ids and those of the custom
 * criteria in use). A built-in entry's detail has the type `BuiltInDetails[id]`.
 */
export type Breakdown = Readonly<Partial<Record<CriterionId, CriterionBreakdown>>> & { readonly [id: string]: CriterionBreakdown };

/** An exclusion reason with its English text in `message`, for readers. */
export type IneligibleReason = (ExclusionReason | CustomExclusionReason) & { readonly message: string };

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
