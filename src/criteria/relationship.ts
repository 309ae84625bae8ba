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
import { bigrams, createNameMatcher, SHARED_BIGRAMS, SPELLING_MIN_LENGTH, type NameMatcher } from "../normalize/names.js";
import { UnitIntervalSchema } from "../schema/common.js";
import { PartnerNameSchema } from "../schema/trade.js";
import type { CompiledBuyer, CompiledCompany } from "../market/market.js";
import { defineCriterion } from "./define.js";
import { ExactQueryBuffers } from "./exactQuery.js";
import type { CriterionDetail, Locale, SavedIndex, SparseIndex } from "./types.js";

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

/** The strongest level of relationship between a company's partners and a buyer's names (0: none). */
function relationshipValue(partners: readonly string[], name: string, group: string | undefined, customers: readonly string[], settings: Settings): number {
  const names = namesFor(settings);
  let best = 0;
  for (const partner of partners) {
    if (settings.levels.direct > best && names.matches(partner, name)) best = settings.levels.direct;
    if (group !== undefined && settings.levels.group > best && names.matches(partner, group)) best = settings.levels.group;
    if (settings.levels.chain > best) for (const customer of customers) if (names.matches(partner, customer)) best = settings.levels.chain;
  }
  return best;
}

/**
 * The relationship index: buyers by each distinctive word of their names (their own, their group's,
 * their customers'), and the words of length ≥ 5 by their bigrams. Two names that match share a
 * distinctive word or hold two that are one spelling (see `NameMatcher.distinctive`), and a
 * spelling shares two bigrams, so a company's candidates are the buyers under its partners' words
 * and their spellings; they are scored exactly when the company is prepared. Every other buyer
 * scores 0 (the company lists partners and none matches); all are unknown when it lists none.
 */
function relationshipIndex(nameOf: readonly string[], groupOf: readonly (string | undefined)[], customersOf: readonly (readonly string[])[], settings: Settings): SparseIndex {
  const names = namesFor(settings);
  const size = nameOf.length;
  const byWord = new Map<string, number[]>();
  const add = (text: string, position: number): void => {
    for (const word of names.distinctive(text)) {
      const list = byWord.get(word);
      if (list === undefined) byWord.set(word, [position]);
      else if (list[list.length - 1] !== position) list.push(position);
    }
  };
  for (let position = 0; position < size; position += 1) {
    add(nameOf[position]!, position);
    const group = groupOf[position];
    if (group !== undefined) add(group, position);
    for (const customer of customersOf[position]!) add(customer, position);
  }
  // Words that may have other spellings, by bigram (in word order: deterministic).
  const spellable = [...byWord.keys()].filter((word) => [...word].length >= SPELLING_MIN_LENGTH).sort();
  const byBigram = new Map<string, number[]>();
  spellable.forEach((word, at) => {
    for (const pair of bigrams(word)) {
      const list = byBigram.get(pair);
      if (list === undefined) byBigram.set(pair, [at]);
      else list.push(at);
    }
  });
  const shared = new Int32Array(spellable.length);
  const spellingsOf = new Map<string, readonly string[]>();
  /** The index's words that are `word` or one of its spellings. */
  const wordsLike = (word: string): readonly string[] => {
    let found = spellingsOf.get(word);
    if (found !== undefined) return found;
    const out: string[] = byWord.has(word) ? [word] : [];
    if ([...word].length >= SPELLING_MIN_LENGTH) {
      const touched: number[] = [];
      for (const pair of bigrams(word)) {
        for (const at of byBigram.get(pair) ?? []) {
          if (shared[at] === 0) touched.push(at);
          shared[at] = shared[at]! + 1;
        }
      }
      for (const at of touched) {
        const other = spellable[at]!;
        if (shared[at]! >= SHARED_BIGRAMS && other !== word && names.sameWord(word, other)) out.push(other);
        shared[at] = 0;
      }
    }
    found = out;
    spellingsOf.set(word, found);
    return found;
  };
  const buffers = new ExactQueryBuffers(size);
  const none = new Int32Array(0);
  const unknownScore = (): number => Number.NaN;
  const zero = (): number => 0;
  return {
    save(): SavedIndex {
      const ends = new Int32Array(size);
      let total = 0;
      customersOf.forEach((customers, position) => {
        total += customers.length;
        ends[position] = total;
      });
      return { ints: [ends], floats: [], texts: [[...nameOf], groupOf.map((group) => group ?? ""), customersOf.flat()], json: null };
    },
    query(company) {
      buffers.begin();
      const partners = company.record.customers;
      if (partners.length === 0) return buffers.query(Number.NaN, none, unknownScore);
      for (const partner of partners) {
        for (const word of names.distinctive(partner)) {
          for (const like of wordsLike(word)) {
            for (const position of byWord.get(like)!) {
              if (!buffers.has(position)) buffers.set(position, relationshipValue(partners, nameOf[position]!, groupOf[position], customersOf[position]!, settings));
            }
          }
        }
      }
      return buffers.query(0, none, zero);
    },
  };
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
    return relationshipValue(partners, buyer.record.name, buyer.record.group, buyer.record.customers, settings);
  },
  sparseIndex(buyers, _context, settings) {
    return relationshipIndex(
      buyers.map((buyer) => buyer.record.name),
      buyers.map((buyer) => buyer.record.group),
      buyers.map((buyer) => buyer.record.customers),
      settings,
    );
  },
  restoreIndex(saved, buyerCount, _context, settings) {
    const [names, groups, customers] = saved.texts;
    const [ends] = saved.ints;
    if (names === undefined || groups === undefined || customers === undefined || ends === undefined || names.length !== buyerCount || groups.length !== buyerCount || ends.length !== buyerCount) {
      throw new Error("the relationship index's lists are missing or of the wrong length");
    }
    const customersOf: string[][] = [];
    let at = 0;
    for (const end of ends) {
      if (!(end >= at && end <= customers.length)) throw new Error("the relationship index's customer lists do not add up");
      customersOf.push(customers.slice(at, end));
      at = end;
    }
    if (at !== customers.length) throw new Error("the relationship index's customer lists do not add up");
    return relationshipIndex(names, groups.map((group) => (group === "" ? undefined : group)), customersOf, settings);
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
