/**
 * Why a pair is excluded, as data: each reason has a literal `code` and its parameters, so a
 * program can act on it, and one function renders every code in English and Korean.
 */
import type { Locale } from "../criteria/types.js";
import { safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { ExclusionReasonSchema } from "./matchSchema.js";
import type { ExclusionReason, IneligibleReason } from "./types.js";

/**
 * Renders an exclusion reason in words.
 *
 * @param reason - a reason from `scorePair(...).whyNot` (its `message` is not read)
 * @param locale - "en" (default) or "ko"
 * @returns one sentence
 * @example
 * describeReason({ criterion: "certification", code: "missing_certification", certifications: ["IATF 16949"] }, "ko");
 * // "필수 인증 미보유: IATF 16949"
 */
export function describeReason(reason: ExclusionReason, locale: Locale = "en"): string {
  const issues: BuyerMatchIssue[] = [];
  const parsed = safeParseWith(ExclusionReasonSchema, reason, ["reason"]);
  if (!parsed.success) issues.push(...parsed.issues);
  if (locale !== "en" && locale !== "ko") issues.push({ code: "invalid_input", path: ["locale"], message: 'must be "en" or "ko"' });
  throwIfAny(issues);
  return render(reason, locale);
}

function render(reason: ExclusionReason, locale: Locale): string {
  switch (reason.code) {
    case "missing_certification": {
      const names = reason.certifications.join(", ");
      return locale === "ko" ? `필수 인증 미보유: ${names}` : `lacks required certification${reason.certifications.length > 1 ? "s" : ""} ${names}`;
    }
    case "sourcing_country": {
      const sources = reason.sourcingCountries.join(", ");
      return locale === "ko" ? `바이어는 ${sources}에서만 조달 (수출기업 국가: ${reason.country})` : `the buyer sources only from ${sources}, not ${reason.country}`;
    }
    case "not_verified":
      return locale === "ko" ? "검증되지 않은 바이어" : "the buyer is not verified";
  }
}

/**
 * A reason with its English text attached, as `whyNot` carries it.
 *
 * @example
 * withMessage({ criterion: "verified", code: "not_verified" }).message; // "the buyer is not verified"
 */
export function withMessage(reason: ExclusionReason): IneligibleReason {
  return { ...reason, message: render(reason, "en") };
}
