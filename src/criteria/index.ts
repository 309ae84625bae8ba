/**
 * The built-in criteria in their fixed order. Scores are summed in this order, so the order is part
 * of the output (floating-point sums depend on it). Custom criteria follow, in the order given.
 */
import { certificationCriterion } from "./certification.js";
import { evidenceCriterion } from "./evidence.js";
import { relationshipCriterion } from "./relationship.js";
import { productCriterion } from "./product.js";
import { readinessCriterion } from "./readiness.js";
import { regionCriterion } from "./region.js";
import { sectorCriterion } from "./sector.js";
import { tierCriterion } from "./tier.js";

/** Every built-in criterion definition, in scoring order (the order of `CRITERION_IDS`). */
export const CRITERIA = [sectorCriterion, productCriterion, tierCriterion, regionCriterion, readinessCriterion, certificationCriterion, evidenceCriterion, relationshipCriterion] as const;

/** The built-in criteria. */
export const CRITERION_IDS = ["sector", "product", "tier", "region", "readiness", "certification", "evidence", "relationship"] as const;
/** A built-in criterion id. */
export type CriterionId = (typeof CRITERION_IDS)[number];

export { certificationCriterion, evidenceCriterion, relationshipCriterion, productCriterion, readinessCriterion, regionCriterion, sectorCriterion, tierCriterion };
