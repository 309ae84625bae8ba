/**
 * Certification: the buyer's required certifications against the company's. In the default "hard"
 * mode a missing certification excludes the pair (and the criterion weighs nothing in the score);
 * in "soft" mode the score is the share of required certifications held. A buyer that requires
 * nothing is fully satisfied.
 */
import { certificationName } from "../normalize/certifications.js";
import { z } from "zod";
import type { CompiledBuyer, CompiledCompany } from "../market/market.js";
import { defineCriterion } from "./define.js";
import { keyByIdentity } from "./keys.js";
import type { CriterionDetail } from "./types.js";

/** What the certification criterion found (display names). */
export interface CertificationDetail extends CriterionDetail {
  readonly required: readonly string[];
  readonly held: readonly string[];
  readonly missing: readonly string[];
}

function heldCount(company: CompiledCompany, buyer: CompiledBuyer): number {
  const held = company.record.certifications;
  let count = 0;
  for (const required of buyer.record.requiredCertifications) if (held.includes(required)) count += 1;
  return count;
}

/** Keys are letters and digits only, so the separator cannot occur inside one. */
const certificationsKey = keyByIdentity((keys: readonly string[]) => keys.join(","));

/** The certification criterion. */
export const certificationCriterion = defineCriterion({
  id: "certification",
  // In hard mode the criterion is a constraint: met, it carries no information to rank by.
  defaultWeight: (settings) => (settings.mode === "hard" ? { company: 0, buyer: 0 } : { company: 0.1, buyer: 0.15 }),
  defaultMissing: "neutral",
  settings: z.strictObject({ mode: z.enum(["hard", "soft"]).default("hard") }),
  score(company, buyer) {
    const required = buyer.record.requiredCertifications.length;
    return required === 0 ? 1 : heldCount(company, buyer) / required;
  },
  exclude(company, buyer, _context, settings) {
    if (settings.mode !== "hard") return undefined;
    // The common case (everything held) is answered without allocating.
    if (heldCount(company, buyer) === buyer.record.requiredCertifications.length) return undefined;
    const missing = buyer.record.requiredCertifications.filter((key) => !company.record.certifications.includes(key));
    return missing.length === 0 ? undefined : { criterion: "certification" as const, code: "missing_certification" as const, certifications: missing.map(certificationName) };
  },
  buyerKey(buyer) {
    // Both the score and the exclusion read only the buyer's required certifications.
    // Keys are letters and digits only, so the separator cannot occur inside one.
    return certificationsKey(buyer.record.requiredCertifications);
  },
  detail(company, buyer): CertificationDetail {
    const required = buyer.record.requiredCertifications.map(certificationName);
    const missing = buyer.record.requiredCertifications.filter((key) => !company.record.certifications.includes(key)).map(certificationName);
    const held = required.filter((name) => !missing.includes(name));
    if (required.length === 0) return { summary: "no certifications required", required, held, missing };
    return { summary: `holds ${held.length} of ${required.length} required certifications`, required, held, missing };
  },
  describe(detail: CertificationDetail, locale) {
    const { required, held, missing } = detail;
    if (required.length === 0) return locale === "ko" ? "인증: 요구 사항 없음" : "Certifications: none required";
    const lacking = missing.length === 0 ? "" : locale === "ko" ? `, 미보유 ${missing.join(", ")}` : `; lacks ${missing.join(", ")}`;
    return locale === "ko"
      ? `인증: 요구 ${required.length}개 중 ${held.length}개 보유 (${held.join(", ") || "없음"})${lacking}`
      : `Certifications: holds ${held.length} of ${required.length} required (${held.join(", ") || "none"})${lacking}`;
  },
});
