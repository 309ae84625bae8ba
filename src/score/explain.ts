/**
 * Explanations: a match rendered as readable lines, in English or Korean. Each criterion describes
 * its own detail; this file only orders and frames the lines.
 */
import { z } from "zod";
import { CRITERIA } from "../criteria/index.js";
import { isCriterionDefinition } from "../criteria/define.js";
import type { CriterionDefinition, CustomExclusionReason, Locale } from "../criteria/types.js";
import { safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { KNOWN_REASON_CODES, MatchLikeSchema } from "./matchSchema.js";
import { describeCustom, describeReason } from "./reasons.js";
import type { CriterionDetail, IneligibleReason, Match, PairScore } from "./types.js";

/** Options of {@link explainMatch}. */
export interface ExplainOptions {
  /** "en" (default) or "ko". */
  readonly locale?: Locale;
  /** Display names by id, used instead of the ids. */
  readonly names?: ReadonlyMap<string, string>;
  /**
   * The custom criteria the match was scored with (the options' `customCriteria`), so that their
   * lines are in their own words; without them a custom criterion's line is its detail's summary.
   */
  readonly criteria?: readonly CriterionDefinition[];
}

const VIEWPOINT_NAMES: Record<Locale, Record<Match["viewpoint"], string>> = {
  en: { company: "exporter's view", buyer: "buyer's view", mutual: "mutual" },
  ko: { company: "수출기업 관점", buyer: "바이어 관점", mutual: "상호 적합도" },
};

const ExplainOptionsSchema = z.object({
  locale: z.enum(["en", "ko"]).optional(),
  names: z.map(z.string(), z.string(), { error: "must be a Map of id → display name" }).optional(),
  criteria: z.array(z.custom<CriterionDefinition>(isCriterionDefinition, { error: "must be a criterion made by defineCriterion" })).optional(),
});

/**
 * A criterion's own words for a detail; a detail it cannot read (changed by hand) falls back to its
 * summary (internal: the report's short lines say the same).
 *
 * @example
 * criterionWords(productCriterion, match.breakdown.product!.detail, "ko");
 */
export function criterionWords(criterion: CriterionDefinition | undefined, detail: CriterionDetail, locale: Locale): string {
  if (criterion === undefined) return detail.summary;
  try {
    const text = criterion.describe(detail, locale);
    return typeof text === "string" ? text : detail.summary;
  } catch {
    return detail.summary;
  }
}

/** A reason's words in the locale; a reason with a code this version does not know keeps its own message. */
function reasonText(reason: IneligibleReason, locale: Locale, criteria: readonly CriterionDefinition[]): string {
  const known = KNOWN_REASON_CODES.includes((reason as { code?: unknown }).code as string);
  if (known) return describeReason(reason, locale);
  const criterion = criteria.find((definition) => definition.id === reason.criterion);
  return criterion?.describeExclusion === undefined ? reason.message : describeCustom(reason as CustomExclusionReason, { definition: criterion }, locale);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}

/**
 * How much a score knows, in words: "based on 40% of the criteria (by weight)", and for a score that
 * rests on nothing, that it is only the neutral prior.
 *
 * @param coverage - a match's or pair score's `coverage`
 * @param locale - "en" or "ko"
 * @returns one sentence
 * @example
 * describeCoverage(0.4, "en"); // "based on 40% of the criteria (by weight); the rest is unknown"
 */
export function describeCoverage(coverage: number, locale: Locale = "en"): string {
  const share = percent(coverage);
  if (coverage === 0) {
    return locale === "ko" ? "근거 없음: 비교할 정보가 없어 점수는 중립값일 뿐입니다" : "based on none of the criteria: no data to compare, the score is only the neutral prior";
  }
  if (coverage >= 1) return locale === "ko" ? "모든 기준(가중치 100%)에 근거" : "based on all of the criteria (100% by weight)";
  return locale === "ko" ? `기준의 ${share}(가중치 기준)에 근거, 나머지는 정보 없음` : `based on ${share} of the criteria (by weight); the rest is unknown`;
}

/**
 * Renders a match (or a pair score) as lines: a heading with the score, a line saying how much of the
 * criteria's weight the score rests on (its coverage), then one line per criterion,
 * largest contribution first, each with its weight, contribution and what matched. Unknown data is
 * said to be unknown; an excluded pair says why.
 *
 * @param match - a match from a ranking, or a pair score from `scorePair`
 * @param options - locale and display names
 * @returns readable lines
 * @example
 * for (const line of explainMatch(matches[0], { locale: "ko" })) console.log(line);
 */
export function explainMatch(match: Match | PairScore, options: ExplainOptions = {}): string[] {
  const issues: BuyerMatchIssue[] = [];
  const parsedMatch = safeParseWith(MatchLikeSchema, match, ["match"]);
  if (!parsedMatch.success) issues.push(...parsedMatch.issues);
  const parsedOptions = safeParseWith(ExplainOptionsSchema, options, ["options"]);
  if (!parsedOptions.success) issues.push(...parsedOptions.issues);
  throwIfAny(issues);
  const given = parsedOptions.success ? parsedOptions.data : {};
  return explanationLines(match, {
    ...(given.locale === undefined ? {} : { locale: given.locale }),
    ...(given.names === undefined ? {} : { names: given.names }),
    ...(given.criteria === undefined ? {} : { criteria: given.criteria }),
  });
}

/**
 * {@link explainMatch} for a match the library made itself (not validated again: the report explains
 * every exporter's list).
 *
 * @example
 * const lines = explanationLines(matches[0], { locale: "ko" });
 */
export function explanationLines(match: Match | PairScore, given: ExplainOptions): string[] {
  const locale = given.locale ?? "en";
  const known: readonly CriterionDefinition[] = [...(CRITERIA as readonly CriterionDefinition[]), ...(given.criteria ?? [])];
  const name = (id: string): string => given.names?.get(id) ?? id;
  const rank = "rank" in match ? `#${match.rank} ` : "";
  const lines = [
    locale === "ko"
      ? `${rank}${name(match.companyId)} → ${name(match.buyerId)}: 점수 ${match.score.toFixed(3)} (${VIEWPOINT_NAMES.ko[match.viewpoint]})`
      : `${rank}${name(match.companyId)} → ${name(match.buyerId)}: score ${match.score.toFixed(3)} (${VIEWPOINT_NAMES.en[match.viewpoint]})`,
  ];
  lines.push(`  ${describeCoverage(match.coverage ?? 0, locale)}`);
  if ("eligible" in match && match.eligible === false) {
    for (const reason of (match as PairScore).whyNot) lines.push(locale === "ko" ? `  제외: ${reasonText(reason, locale, known)}` : `  excluded: ${reasonText(reason, locale, known)}`);
  }
  // Criteria in scoring order (built-in, then the custom ones given); ids no criterion here claims, by id.
  const order = new Map<string, number>();
  for (const id of Object.keys(match.breakdown).sort()) order.set(id, known.length + order.size);
  known.forEach((definition, index) => order.set(definition.id, index));
  const entries = [...order.keys()]
    .map((id) => ({ id, criterion: known.find((definition) => definition.id === id), part: Object.hasOwn(match.breakdown, id) ? match.breakdown[id] : undefined }))
    .filter((entry) => entry.part !== undefined)
    .sort((a, b) => b.part!.contribution - a.part!.contribution || order.get(a.id)! - order.get(b.id)!);
  for (const { criterion, part } of entries) {
    const weight = part!.weight === 0 ? (locale === "ko" ? "조건" : "constraint") : `${percent(part!.weight)} × ${part!.score.toFixed(2)} = +${part!.contribution.toFixed(3)}`;
    const unknown = part!.known ? "" : locale === "ko" ? " [정보 없음]" : " [unknown]";
    lines.push(`  ${criterionWords(criterion, part!.detail, locale)} — ${weight}${unknown}`);
  }
  return lines;
}
