/**
 * Readiness: the company's export readiness in [0, 1] (a rubric's mean when given as a rubric). It
 * does not depend on the buyer: it lifts ready exporters in the buyer's view and in shortlists.
 * Unknown (neutral by default) when the company has no readiness.
 */
import { defineCriterion } from "./define.js";
import type { CriterionDetail } from "./types.js";

/** What the readiness criterion found. */
export interface ReadinessDetail extends CriterionDetail {
  /** The company's readiness in [0, 1], when known. */
  readonly readiness?: number;
}

/** The readiness criterion. */
export const readinessCriterion = defineCriterion({
  id: "readiness",
  defaultWeight: { company: 0.15, buyer: 0.25 },
  defaultMissing: "neutral",
  score(company) {
    return company.record.readiness;
  },
  buyerKey() {
    // The company's own property: every buyer scores the same.
    return "";
  },
  detail(company): ReadinessDetail {
    const value = company.record.readiness;
    return value === undefined ? { summary: "readiness unknown" } : { summary: `export readiness ${Math.round(value * 100)}%`, readiness: value };
  },
  describe(detail: ReadinessDetail, locale) {
    const value = detail.readiness;
    if (typeof value !== "number") return locale === "ko" ? "수출 준비도: 알 수 없음" : "Readiness: unknown";
    return locale === "ko" ? `수출 준비도: ${Math.round(value * 100)}%` : `Readiness: ${Math.round(value * 100)}% export-ready`;
  },
});
