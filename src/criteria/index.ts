/**
 * The built-in criteria in their fixed order. Scores are summed in this order, so the order is part
 * of the output (floating-point sums depend on it).
 */
import { certificationCriterion } from "./certification.js";
import { productCriterion } from "./product.js";
import { readinessCriterion } from "./readiness.js";
import { regionCriterion } from "./region.js";
import { sectorCriterion } from "./sector.js";
import { tierCriterion } from "./tier.js";
import type { Criterion } from "./types.js";

/** Every criterion, in scoring order (the order of `CRITERION_IDS`). */
export const CRITERIA: readonly Criterion[] = [sectorCriterion, productCriterion, tierCriterion, regionCriterion, readinessCriterion, certificationCriterion];

export { certificationCriterion, productCriterion, readinessCriterion, regionCriterion, sectorCriterion, tierCriterion };
