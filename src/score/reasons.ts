/**
 * Why a pair is excluded, as data: each reason has a literal `code` and its parameters, so a
 * program can act on it, and one function renders every code in English and Korean.
 */
import type { Criterion, CustomExclusionReason, Locale } from "../criteria/types.js";
import { safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { ExclusionReasonSchema, KNOWN_REASON_CODES, ReasonSchema } from "./matchSchema.js";
import type { ExclusionReason, IneligibleReason } from "./types.js";

/**
 * Renders an exclusion reason in words.
 *
 * @param reason - a reason from `scorePair(...).whyNot` (its `message` is not read for the built-in
 *   codes; a custom criterion's reason is rendered by that criterion, so its `message` is returned)
 * @param locale - "en" (default) or "ko"
 * @returns one sentence
 * @example
 * describeReason({ criterion: "certification", code: "missing_certification", certifications: ["IATF 16949"] }, "ko");
 * // "필수 인증 미보유: IATF 16949"
 */
export function describeReason(reason: ExclusionReason | IneligibleReason, locale: Locale = "en"): string {
  const issues: BuyerMatchIssue[] = [];
  const known = typeof reason === "object" && reason !== null && KNOWN_REASON_CODES.includes((reason as { code?: unknown }).code as string);
  const parsed = known ? safeParseWith(ExclusionReasonSchema, reason, ["reason"]) : safeParseWith(ReasonSchema, reason, ["reason"]);
  if (!parsed.success) issues.push(...parsed.issues);
  if (locale !== "en" && locale !== "ko") issues.push({ code: "invalid_input", path: ["locale"], message: 'must be "en" or "ko"' });
  throwIfAny(issues);
  return known ? render(reason as ExclusionReason, locale) : (reason as IneligibleReason).message;
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
    case "no_evidence":
      return locale === "ko" ? "검증되지 않았고 해당 품목의 수입 실적도 없는 바이어" : "the buyer is not verified and has no import records of the company's products";
  }
}

/**
 * A reason with its English text attached, as `whyNot` carries it.
 *
 * @example
 * withMessage({ criterion: "verified", code: "not_verified" }).message; // "the buyer is not verified"
 */
export function withMessage(reason: ExclusionReason | CustomExclusionReason, criterion?: Criterion): IneligibleReason {
  if (KNOWN_REASON_CODES.includes(reason.code)) return { ...reason, message: render(reason as ExclusionReason, "en") } as IneligibleReason;
  return { ...reason, message: describeCustom(reason as CustomExclusionReason, criterion, "en") } as IneligibleReason;
}

/**
 * A custom criterion's reason in words, by the criterion's own `describeExclusion` (its id and code
 * when it has none, or when it fails).
 *
 * @example
 * describeCustom(reason, criterion, "ko");
 */
export function describeCustom(reason: CustomExclusionReason, criterion: Pick<Criterion, "definition"> | undefined, locale: Locale): string {
  const describe = criterion?.definition.describeExclusion;
  if (describe !== undefined) {
    try {
      const text = describe(reason, locale);
      if (typeof text === "string") return text;
    } catch {
      // fall through to the plain form
    }
  }
  return `${reason.criterion}: ${reason.code}`;
}
