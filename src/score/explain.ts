/**
 * Explanations: a match rendered as readable lines, in English or Korean. Each criterion describes
 * its own detail; this file only orders and frames the lines.
 */
import { CRITERIA } from "../criteria/index.js";
import type { Locale } from "../criteria/types.js";
import type { CriterionId, Match, PairScore } from "./types.js";

/** Options of {@link explainMatch}. */
export interface ExplainOptions {
  /** "en" (default) or "ko". */
  readonly locale?: Locale;
  /** Display names by id, used instead of the ids. */
  readonly names?: ReadonlyMap<string, string>;
}

const VIEWPOINT_NAMES: Record<Locale, Record<Match["viewpoint"], string>> = {
  en: { company: "exporter's view", buyer: "buyer's view", mutual: "mutual" },
  ko: { company: "수출기업 관점", buyer: "바이어 관점", mutual: "상호 적합도" },
};

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
  const locale = options.locale ?? "en";
  const name = (id: string): string => options.names?.get(id) ?? id;
  const rank = "rank" in match ? `#${match.rank} ` : "";
  const lines = [
    locale === "ko"
      ? `${rank}${name(match.companyId)} → ${name(match.buyerId)}: 점수 ${match.score.toFixed(3)} (${VIEWPOINT_NAMES.ko[match.viewpoint]})`
      : `${rank}${name(match.companyId)} → ${name(match.buyerId)}: score ${match.score.toFixed(3)} (${VIEWPOINT_NAMES.en[match.viewpoint]})`,
  ];
  lines.push(`  ${describeCoverage(match.coverage, locale)}`);
  if ("eligible" in match && !match.eligible) {
    for (const reason of match.whyNot) lines.push(locale === "ko" ? `  제외: ${reason.message}` : `  excluded: ${reason.message}`);
  }
  const entries = CRITERIA.map((criterion) => ({ criterion, part: match.breakdown[criterion.id as CriterionId] }))
    .filter((entry) => entry.part !== undefined)
    .sort((a, b) => b.part!.contribution - a.part!.contribution || CRITERIA.indexOf(a.criterion) - CRITERIA.indexOf(b.criterion));
  for (const { criterion, part } of entries) {
    const weight = part!.weight === 0 ? (locale === "ko" ? "조건" : "constraint") : `${percent(part!.weight)} × ${part!.score.toFixed(2)} = +${part!.contribution.toFixed(3)}`;
    const unknown = part!.known ? "" : locale === "ko" ? " [정보 없음]" : " [unknown]";
    lines.push(`  ${criterion.describe(part!.detail, locale)} — ${weight}${unknown}`);
  }
  return lines;
}
