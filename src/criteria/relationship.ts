/**
 * Relationship (issue 11, part 3): whether the exporter already trades with the buyer's firm or its
 * supply chain, from the company's `customers` (its current trading partners) against the buyer's
 * name, `group` and `customers`, compared by company name (legal forms in English and Korean
 * dropped, the user's `aliases` applied, spellings compared through the fuse.js adapter; see
 * `normalize/names.ts`):
 *
 * - "direct" (`levels.direct`, 1): the company already supplies the buyer itself;
 * - "group" (`levels.group`, 0.9): it supplies the buyer's corporate group or parent;
 * - "chain" (`levels.chain`, 0.6): it supplies a firm the buyer also supplies (the same supply chain).
 *
 * Unknown when the company lists no trading partners; 0 when it lists some and none relates.
 * Weighs 0 by default (set `weights.relationship` to use it).
 */
import { z } from "zod";
import { createNameMatcher, type NameMatcher } from "../normalize/names.js";
import { UnitIntervalSchema } from "../schema/common.js";
import { PartnerNameSchema } from "../schema/trade.js";
import type { CompiledBuyer, CompiledCompany } from "../market/market.js";
import { defineCriterion } from "./define.js";
import type { CriterionDetail, Locale } from "./types.js";

const RelationshipSettings = z.strictObject({
  /** Names of one firm each, in any language: `[["현대모비스", "Hyundai Mobis"]]`. */
  aliases: z.array(z.array(PartnerNameSchema).min(2, "an alias entry lists at least two names")).default([]),
  levels: z
    .strictObject({ direct: UnitIntervalSchema.optional(), group: UnitIntervalSchema.optional(), chain: UnitIntervalSchema.optional() })
    .optional()
    .transform((levels) => ({ direct: levels?.direct ?? 1, group: levels?.group ?? 0.9, chain: levels?.chain ?? 0.6 })),
});
type Settings = z.output<typeof RelationshipSettings>;

const matchers = new WeakMap<Settings, NameMatcher>();
function namesFor(settings: Settings): NameMatcher {
  let names = matchers.get(settings);
  if (names === undefined) {
    names = createNameMatcher(settings.aliases);
    matchers.set(settings, names);
  }
  return names;
}

/** The kinds of relationship, strongest first. */
export type RelationshipLevel = "direct" | "group" | "chain";

interface Found {
  readonly level: RelationshipLevel;
  readonly partner: string;
  readonly buyerSide: string;
}

/** The strongest relationship of a pair (the first in name order among equals), or undefined. */
function strongest(company: CompiledCompany, buyer: CompiledBuyer, settings: Settings): Found | undefined {
  const names = namesFor(settings);
  const partners = company.record.customers;
  const { name, group, customers } = buyer.record;
  let best: Found | undefined;
  let bestValue = -1;
  const consider = (level: RelationshipLevel, partner: string, buyerSide: string): void => {
    const value = settings.levels[level];
    if (value > bestValue) {
      bestValue = value;
      best = { level, partner, buyerSide };
    }
  };
  for (const partner of partners) {
    if (names.matches(partner, name)) consider("direct", partner, name);
    if (group !== undefined && names.matches(partner, group)) consider("group", partner, group);
    for (const customer of customers) if (names.matches(partner, customer)) consider("chain", partner, customer);
  }
  return best;
}

/** What the relationship criterion found: the names that matched. */
export interface RelationshipDetail extends CriterionDetail {
  readonly level?: RelationshipLevel;
  /** The company's trading partner that matched. */
  readonly partner?: string;
  /** The buyer-side name it matched (the buyer, its group, or one of its customers). */
  readonly matched?: string;
  readonly unknown?: boolean;
}

/** The relationship criterion. */
export const relationshipCriterion = defineCriterion({
  id: "relationship",
  defaultWeight: { company: 0, buyer: 0 },
  defaultMissing: "neutral",
  settings: RelationshipSettings,
  score(company, buyer, _context, settings) {
    const partners = company.record.customers;
    if (partners.length === 0) return undefined;
    const names = namesFor(settings);
    const { name, group, customers } = buyer.record;
    let best = 0;
    for (const partner of partners) {
      if (settings.levels.direct > best && names.matches(partner, name)) best = settings.levels.direct;
      if (group !== undefined && settings.levels.group > best && names.matches(partner, group)) best = settings.levels.group;
      if (settings.levels.chain > best) for (const customer of customers) if (names.matches(partner, customer)) best = settings.levels.chain;
    }
    return best;
  },
  buyerKey(buyer, _context, settings) {
    // The buyer's names decide the score: keyed by their alias-resolved keys.
    const names = namesFor(settings);
    return `${names.key(buyer.record.name)}\u0000${buyer.record.group === undefined ? "\u0001" : names.key(buyer.record.group)}\u0000${buyer.record.customers.map((customer) => names.key(customer)).join("\u0000")}`;
  },
  detail(company, buyer, _context, settings): RelationshipDetail {
    if (company.record.customers.length === 0) return { summary: "relationship unknown: the company lists no trading partners", unknown: true };
    const found = strongest(company, buyer, settings);
    if (found === undefined) return { summary: "no trading partner in common" };
    const what = found.level === "direct" ? "already supplies" : found.level === "group" ? "supplies the buyer's group" : "supplies a customer of the buyer";
    return { summary: `${what}: ${found.partner} ↔ ${found.buyerSide}`, level: found.level, partner: found.partner, matched: found.buyerSide };
  },
  describe(detail: RelationshipDetail, locale: Locale) {
    if (detail.unknown === true) return locale === "ko" ? "거래 관계: 알 수 없음 (거래처 정보 없음)" : "Relationship: unknown (no trading partners listed)";
    if (detail.level === undefined) return locale === "ko" ? "거래 관계: 공통 거래처 없음" : "Relationship: no trading partner in common";
    const names = `"${detail.partner ?? ""}" ↔ "${detail.matched ?? ""}"`;
    if (locale === "ko") {
      const what = detail.level === "direct" ? "이미 이 바이어와 거래 중" : detail.level === "group" ? "바이어의 그룹사와 거래 중" : "바이어의 고객사와 거래 중 (같은 공급망)";
      return `거래 관계: ${what}, ${names}`;
    }
    const what = detail.level === "direct" ? "already supplies this buyer" : detail.level === "group" ? "supplies the buyer's group" : "supplies a customer of the buyer (same supply chain)";
    return `Relationship: ${what}, ${names}`;
  },
});
