/**
 * Genuineness (issue 11, part 4): the evidence in a match that this buyer is a genuine buyer for this
 * exporter (진성 바이어) — import records of the exporter's codes, a trading partner in common — read
 * from the match's breakdown, where both criteria always appear (at weight 0 too).
 */
import { z } from "zod";
import { evidenceCriterion, type EvidenceDetail } from "../criteria/evidence.js";
import { relationshipCriterion, type RelationshipDetail } from "../criteria/relationship.js";
import type { Locale } from "../criteria/types.js";
import { safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { MatchLikeSchema } from "./matchSchema.js";
import type { Match, PairScore } from "./types.js";

/** What a match shows about the buyer's genuineness for the exporter. */
export interface GenuineEvidence {
  /** The buyer's import records of the exporter's codes (the evidence line's detail), when there are any. */
  readonly imports?: EvidenceDetail;
  /** The trading partner in common (the relationship line's detail), when there is one. */
  readonly relationship?: RelationshipDetail;
  /** Whether the match holds either. */
  readonly evidenced: boolean;
  /** One line per piece of evidence, in the locale (none when there is no evidence). */
  readonly lines: readonly string[];
}

const GenuineOptionsSchema = z.strictObject({ locale: z.enum(["en", "ko"]).optional() });

/**
 * The evidence in a match that the buyer is genuine for this exporter: its import records of the
 * exporter's codes (with the shipments counted and how many came from the exporter's country) and a
 * trading partner the two have in common. Read from the breakdown, so it works at any weight of the
 * two criteria (weight 0 by default), and for stored matches.
 *
 * @param match - a match or a pair score
 * @param options - `locale` of the lines ("en" default, or "ko")
 * @returns the evidence found, and one readable line per piece
 * @throws BuyerMatchError when the match or the options are not valid
 * @example
 * const [best] = matcher.rank(company);
 * const { evidenced, lines } = genuineEvidence(best, { locale: "ko" });
 * // lines: ["수입 실적: 최근 12개월간 HS 870830 22회 수입, 그중 KR산 22회, 최근 2026-11"]
 */
export function genuineEvidence(match: Match | PairScore, options: { readonly locale?: Locale } = {}): GenuineEvidence {
  const issues: BuyerMatchIssue[] = [];
  const parsedMatch = safeParseWith(MatchLikeSchema, match, ["match"]);
  if (!parsedMatch.success) issues.push(...parsedMatch.issues);
  const parsedOptions = safeParseWith(GenuineOptionsSchema, options, ["options"]);
  if (!parsedOptions.success) issues.push(...parsedOptions.issues);
  throwIfAny(issues);
  const locale = (parsedOptions.success ? parsedOptions.data.locale : undefined) ?? "en";
  const evidence = match.breakdown["evidence"]?.detail as EvidenceDetail | undefined;
  const relationship = match.breakdown["relationship"]?.detail as RelationshipDetail | undefined;
  const imports = evidence !== undefined && typeof evidence.hs === "string" && (evidence.score ?? 0) > 0 ? evidence : undefined;
  const partner = relationship !== undefined && relationship.level !== undefined ? relationship : undefined;
  const lines: string[] = [];
  if (imports !== undefined) lines.push(evidenceCriterion.describe(imports, locale));
  if (partner !== undefined) lines.push(relationshipCriterion.describe(partner, locale));
  return { ...(imports === undefined ? {} : { imports }), ...(partner === undefined ? {} : { relationship: partner }), evidenced: lines.length > 0, lines };
}
