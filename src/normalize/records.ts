/**
 * Turns parsed companies and buyers into normalised records: codes as digit strings, text as tokens,
 * certifications as keys, target markets parsed, everything that is a set sorted so that the order
 * of the input never shows in the output.
 */
import type { z } from "zod";
import type { BuyerMatchIssue, IssuePath } from "../schema/errors.js";
import type { BuyerSchema } from "../schema/buyer.js";
import type { CompanySchema } from "../schema/company.js";
import type { Tier } from "../schema/common.js";
import { hsBridge, hsNeedsCountry, normalizeHsCode, normalizeNaicsCode, parseHsCode, type HsBridge } from "./codes.js";
import { certificationKey } from "./certifications.js";
import { normalizeCountry, normalizeSubdivision, parseMarket, type MarketRef } from "./regions.js";
import type { SectorTable } from "./sectors.js";
import { foldText, scriptsOf, tokenize } from "./text.js";

/** A product or need after normalisation. */
export interface NormalizedItem {
  readonly name: string;
  /** The harmonised HS code: 2, 4 or 6 digits (a national line's first six). */
  readonly hs: string | undefined;
  /** The national tariff line (8 or 10 digits), when written and its nomenclature is known. */
  readonly hsLine: string | undefined;
  /** The nomenclature of `hsLine` as a country code ("KR" for HSK, "US" for HTS). */
  readonly hsNomenclature: string | undefined;
  /** The NAICS 2022 code. */
  readonly naics: string | undefined;
  /** The HS code bridged into NAICS by the HS–NAICS concordance, when it has a bridge. */
  readonly bridge: HsBridge | undefined;
  /** Tokens of the name and keywords, unique, sorted. */
  readonly words: readonly string[];
  /** The scripts the words are written in, as bits (see `scriptsOf`): text compares only within a script. */
  readonly scripts: number;
}

/** An import record after normalisation (see `schema/trade.ts`). */
export interface NormalizedImport {
  /** The harmonised HS code: 2, 4 or 6 digits (a national line's first six). */
  readonly hs: string;
  /** The HS code bridged into NAICS, when it has a bridge. */
  readonly bridge: HsBridge | undefined;
  /** Upper-case ISO country, when known. */
  readonly origin: string | undefined;
  /** Shipments counted (1 when not stated). */
  readonly shipments: number;
  readonly value: number | undefined;
  /** The latest shipment as written (trimmed). */
  readonly lastDate: string | undefined;
  /** The latest shipment's month as a count of months (year × 12 + month − 1). */
  readonly month: number | undefined;
}

/** An export record after normalisation. */
export interface NormalizedExport {
  readonly hs: string;
  readonly destination: string | undefined;
  readonly value: number | undefined;
  readonly year: number | undefined;
}

/** Sector codes by system, unique and sorted. */
export interface SectorCodeSet {
  readonly hs: readonly string[];
  readonly naics: readonly string[];
  /** The HS codes' bridges into NAICS (HS–NAICS concordance), in the order of `hs`. */
  readonly bridges: readonly HsBridge[];
}

/** What both sides share after normalisation. */
interface NormalizedParty {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly region: string | undefined;
  /** Folded city name, for comparison. */
  readonly city: string | undefined;
  /** City name as written, for display. */
  readonly cityLabel: string | undefined;
  readonly location: { readonly lat: number; readonly lon: number } | undefined;
  readonly sectorCodes: SectorCodeSet;
  readonly tier: Tier | undefined;
  /** Lower-case language tags, unique, sorted. */
  readonly languages: readonly string[];
  /** The fields custom criteria declare, parsed by their schemas (set when the options declare any). */
  readonly fields?: ReadonlyMap<string, unknown>;
}

/** A company after normalisation. */
export interface NormalizedCompany extends NormalizedParty {
  readonly products: readonly NormalizedItem[];
  /** Certification keys, unique, sorted. */
  readonly certifications: readonly string[];
  readonly targets: readonly MarketRef[];
  readonly readiness: number | undefined;
  readonly meetingBudget: number | undefined;
  /** Trading partners as written (trimmed), unique, sorted. */
  readonly customers: readonly string[];
  readonly exports: readonly NormalizedExport[];
}

/** A buyer after normalisation. */
export interface NormalizedBuyer extends NormalizedParty {
  readonly needs: readonly NormalizedItem[];
  readonly requiredCertifications: readonly string[];
  readonly sourcingCountries: readonly string[] | undefined;
  readonly verified: boolean | undefined;
  readonly meetingCapacity: number | undefined;
  readonly online: boolean;
  readonly availability: readonly string[] | undefined;
  /** Import records in a canonical order (code, origin, date, shipments, value). */
  readonly imports: readonly NormalizedImport[];
  /** The corporate group (trimmed), when given. */
  readonly group: string | undefined;
  /** The firms the buyer supplies (trimmed), unique, sorted. */
  readonly customers: readonly string[];
}

type ParsedCompany = z.output<typeof CompanySchema>;
type ParsedBuyer = z.output<typeof BuyerSchema>;
type ParsedItem = NonNullable<ParsedCompany["products"]>[number];

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The canonical order of items: name, codes, words (so the input order never shows). */
function itemKey(item: NormalizedItem): string {
  return `${item.name}\u0000${item.hs ?? ""}\u0000${item.hsNomenclature ?? ""}:${item.hsLine ?? ""}\u0000${item.naics ?? ""}\u0000${item.words.join(" ")}`;
}

/**
 * What a list normalisation remembers between records, so that the strings a market repeats
 * (the same needs, sectors, cities and certification lists on thousands of buyers) are normalised
 * once: the records share the normalised values, which are never mutated. One cache serves one
 * sector table; {@link createNormalizeCache} makes a fresh one.
 */
export interface NormalizeCache {
  readonly table: SectorTable;
  /**
   * Item name → HS code → NAICS code (as written, "" for none) → the normalised item without
   * keywords, and the others by variant (keywords as JSON, after the country for a national line).
   */
  readonly items: Map<string, Map<string, Map<string, ItemVariants>>>;
  /** HS code as written → whether it is a national line, whose reading depends on the country. */
  readonly national: Map<string, boolean>;
  /**
   * Lists of items, by the ids of their entries in order: a trie on those numbers (the node of
   * [1, 7] is `itemLists.get(1).next.get(7)`), so that records with the same needs share one array
   * and no key string is built per record.
   */
  readonly itemLists: Map<number, ListNode>;
  /** How many item entries the cache holds (the next entry's id). */
  entries: number;
  /** Item name → its folded form, words and scripts. */
  readonly names: Map<string, NameParts>;
  readonly sectors: Map<string, SectorCodeSet>;
  readonly cities: Map<string, string>;
  readonly regions: Map<string, string | undefined>;
  readonly lists: Map<string, readonly string[]>;
  /** Lists of one value, by kind, then by the value. */
  readonly singleLists: Map<string, Map<string, readonly string[]>>;
  /** Sector lists of one reference, by the reference. */
  readonly singleSectors: Map<string, SectorCodeSet>;
}

/**
 * A fresh cache for normalising one list of records against one sector table.
 *
 * @param table - the sector table the records are normalised with
 * @returns an empty cache
 * @example
 * const cache = createNormalizeCache(DEFAULT_SECTORS);
 * buyers.map((buyer, index) => normalizeBuyer(buyer, DEFAULT_SECTORS, ["buyers", index], issues, cache));
 */
export function createNormalizeCache(table: SectorTable): NormalizeCache {
  return { table, items: new Map(), national: new Map(), itemLists: new Map(), entries: 0, names: new Map(), sectors: new Map(), cities: new Map(), regions: new Map(), lists: new Map(), singleLists: new Map(), singleSectors: new Map() };
}

/** Joins strings into one cache key, or `undefined` when one holds the separator (then nothing is cached). */
function joinKey(prefix: string, values: readonly string[] | undefined): string | undefined {
  if (values === undefined) return prefix;
  let key = prefix;
  for (const value of values) {
    if (value.includes("\u0000")) return undefined;
    key += "\u0000" + value;
  }
  return key;
}

/** What an item's name gives, whatever its codes: folded, its words (sorted, unique) and their scripts. */
interface NameParts {
  readonly folded: string;
  readonly tokens: readonly string[];
  readonly words: readonly string[];
  readonly scripts: number;
}

function nameParts(name: string, cache: NormalizeCache | undefined): NameParts {
  let parts = cache?.names.get(name);
  if (parts === undefined) {
    const tokens = tokenize(name);
    const words = sortedUnique(tokens);
    parts = { folded: foldText(name), tokens, words, scripts: scriptsOf(words) };
    cache?.names.set(name, parts);
  }
  return parts;
}

function normalizeItem(item: ParsedItem, country: string, cache: NormalizeCache | undefined): NormalizedItem {
  const hs = item.hs === undefined ? undefined : parseHsCode(item.hs, country);
  const parts = nameParts(item.name, cache);
  const plain = item.keywords === undefined || item.keywords.length === 0;
  const words = plain ? parts.words : sortedUnique([...parts.tokens, ...item.keywords!.flatMap(tokenize)]);
  return {
    name: parts.folded,
    hs: hs?.hs,
    hsLine: hs?.line,
    hsNomenclature: hs?.nomenclature,
    naics: item.naics === undefined ? undefined : normalizeNaicsCode(item.naics),
    bridge: hs === undefined ? undefined : hsBridge(hs.hs),
    words,
    scripts: plain ? parts.scripts : scriptsOf(words),
  };
}

interface ItemEntry {
  readonly item: NormalizedItem;
  readonly key: string;
  /** Its place in the cache (-1 when uncached), for list keys. */
  readonly id: number;
  /** The one-item list of this item, shared by the records that need only it. */
  single: readonly NormalizedItem[] | undefined;
}

/** The normalised items of one name and codes. */
interface ItemVariants {
  /** Without keywords (and not a national line). */
  plain: ItemEntry | undefined;
  /** The others, by country (for a national line) and keywords as JSON. */
  others: Map<string, ItemEntry> | undefined;
}

function itemEntry(item: ParsedItem, country: string, cache: NormalizeCache | undefined): ItemEntry {
  if (cache === undefined) {
    const normalized = normalizeItem(item, country, undefined);
    return { item: normalized, key: itemKey(normalized), id: -1, single: undefined };
  }
  // Nested maps on the strings as written (an empty code is no valid code, so "" stands for none):
  // no key is concatenated per item, and a string's hash is computed once. The country is part of
  // the key only for a national tariff line (the one reading that depends on it).
  let byHs = cache.items.get(item.name);
  if (byHs === undefined) cache.items.set(item.name, (byHs = new Map()));
  const hs = item.hs ?? "";
  let byNaics = byHs.get(hs);
  if (byNaics === undefined) byHs.set(hs, (byNaics = new Map()));
  let variants = byNaics.get(item.naics ?? "");
  if (variants === undefined) byNaics.set(item.naics ?? "", (variants = { plain: undefined, others: undefined }));
  let national = hs === "" ? false : cache.national.get(hs);
  if (national === undefined) cache.national.set(hs, (national = hsNeedsCountry(hs)));
  const plain = !national && (item.keywords === undefined || item.keywords.length === 0);
  // The common item (no keywords, no national line) needs no variant key.
  if (plain && variants.plain !== undefined) return variants.plain;
  const variant = plain ? "" : `${national ? country : ""}\u0000${item.keywords === undefined ? "" : JSON.stringify(item.keywords)}`;
  let entry = plain ? undefined : variants.others?.get(variant);
  if (entry === undefined) {
    const normalized = normalizeItem(item, country, cache);
    entry = { item: normalized, key: itemKey(normalized), id: cache.entries++, single: undefined };
    if (plain) variants.plain = entry;
    else (variants.others ??= new Map()).set(variant, entry);
  }
  return entry;
}

/** A node of the item-list trie: the list that ends here, and the longer ones by their next entry id. */
interface ListNode {
  list: readonly NormalizedItem[] | undefined;
  next: Map<number, ListNode> | undefined;
}

/** The one empty list of items (records are never mutated). */
const NO_ITEMS: readonly NormalizedItem[] = [];

function normalizeItems(items: readonly ParsedItem[] | undefined, country: string, cache: NormalizeCache | undefined): readonly NormalizedItem[] {
  if (items === undefined || items.length === 0) return NO_ITEMS;
  if (items.length === 1) {
    const entry = itemEntry(items[0]!, country, cache);
    if (cache === undefined) return [entry.item];
    return (entry.single ??= [entry.item]);
  }
  const entries = items.map((item) => itemEntry(item, country, cache));
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (cache === undefined) return entries.map((entry) => entry.item);
  // Records with the same needs share one list (records are never mutated), found by the entries' ids.
  let level = cache.itemLists;
  let node: ListNode | undefined;
  for (let index = 0; index < entries.length; index += 1) {
    const id = entries[index]!.id;
    node = level.get(id);
    if (node === undefined) level.set(id, (node = { list: undefined, next: undefined }));
    if (index < entries.length - 1) level = node.next ??= new Map();
  }
  return (node!.list ??= entries.map((entry) => entry.item));
}

/** A sorted unique list through the cache (certifications, languages): the same list is normalised once. */
function cachedList(kind: string, values: readonly string[] | undefined, cache: NormalizeCache | undefined, make: (values: readonly string[]) => readonly string[]): readonly string[] {
  if (values === undefined || values.length === 0) return [];
  const key = cache === undefined ? undefined : values.length === 1 ? kind : joinKey(kind, values);
  if (key === undefined) return make(values);
  // A list of one (the common case) is found by its value, without building a key.
  let lists: Map<string, readonly string[]> | undefined = cache!.lists;
  let at = key;
  if (values.length === 1) {
    lists = cache!.singleLists.get(kind);
    if (lists === undefined) cache!.singleLists.set(kind, (lists = new Map()));
    at = values[0]!;
  }
  let list = lists.get(at);
  if (list === undefined) {
    list = make(values);
    lists.set(at, list);
  }
  return list;
}

function cachedSectors(refs: readonly string[] | undefined, table: SectorTable, partyPath: IssuePath, issues: BuyerMatchIssue[], cache: NormalizeCache | undefined): SectorCodeSet {
  // A list of one sector (the common case) is found by its value, without building a key.
  const single = refs !== undefined && refs.length === 1;
  const key = cache === undefined || cache.table !== table ? undefined : single ? refs[0]! : joinKey("", refs ?? []);
  const sectors = single ? cache?.singleSectors : cache?.sectors;
  const cached = key === undefined ? undefined : sectors!.get(key);
  if (cached !== undefined) return cached;
  const before = issues.length;
  const resolved = resolveSectors(refs, table, [...partyPath, "sectors"], issues);
  // A list with an unknown sector is not kept: its issues carry this record's path.
  if (key !== undefined && issues.length === before) sectors!.set(key, resolved);
  return resolved;
}

function normalizeLanguages(languages: readonly string[]): string[] {
  return sortedUnique(languages.map((language) => language.trim().toLowerCase()).filter((language) => language !== ""));
}

function cachedRegion(region: string, cache: NormalizeCache | undefined): string | undefined {
  if (cache === undefined) return normalizeSubdivision(region);
  if (cache.regions.has(region)) return cache.regions.get(region);
  const normalized = normalizeSubdivision(region);
  cache.regions.set(region, normalized);
  return normalized;
}

function cachedCity(city: string, cache: NormalizeCache | undefined): string {
  if (cache === undefined) return foldText(city);
  let folded = cache.cities.get(city);
  if (folded === undefined) {
    folded = foldText(city);
    cache.cities.set(city, folded);
  }
  return folded;
}

function resolveSectors(refs: readonly string[] | undefined, table: SectorTable, path: IssuePath, issues: BuyerMatchIssue[]): SectorCodeSet {
  const hs: string[] = [];
  const naics: string[] = [];
  (refs ?? []).forEach((ref, index) => {
    const lower = ref.trim().toLowerCase();
    if (lower.startsWith("hs:")) {
      const code = normalizeHsCode(lower.slice(3));
      if (code !== undefined) hs.push(code);
    } else if (lower.startsWith("naics:")) {
      const code = normalizeNaicsCode(lower.slice(6));
      if (code !== undefined) naics.push(code);
    } else if (Object.hasOwn(table, lower)) {
      const codes = table[lower]!;
      for (const code of codes.hs ?? []) hs.push(code);
      for (const code of codes.naics ?? []) naics.push(code);
    } else {
      issues.push({
        code: "invalid_code",
        path: [...path, index],
        message: `${JSON.stringify(ref)} is not a known sector; use one of the sector table's names or a code such as "hs:8708" or "naics:3363"`,
      });
    }
  });
  const hsCodes = sortedUnique(hs);
  const bridges: HsBridge[] = [];
  for (const code of hsCodes) {
    const bridge = hsBridge(code);
    if (bridge !== undefined) bridges.push(bridge);
  }
  return { hs: hsCodes, naics: sortedUnique(naics), bridges };
}

/**
 * A trade date as a count of months (year × 12 + month − 1): "2026-11" and "2026-11-03" both give
 * 2026 × 12 + 10. Expects a date the schema accepted.
 *
 * @param date - `YYYY-MM` or `YYYY-MM-DD`
 * @returns the month count, or `undefined` when it is not such a date
 * @example
 * tradeMonth("2026-01"); // 24312
 */
export function tradeMonth(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})/.exec(date.trim());
  if (match === null) return undefined;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? Number(match[1]) * 12 + month - 1 : undefined;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function importKey(record: NormalizedImport): string {
  return `${record.hs}\u0000${record.origin ?? ""}\u0000${record.lastDate ?? ""}\u0000${record.shipments}\u0000${record.value ?? ""}`;
}

function normalizeImports(records: ParsedBuyer["imports"]): NormalizedImport[] {
  if (records === undefined || records.length === 0) return [];
  return records
    .map((record): NormalizedImport => {
      const hs = normalizeHsCode(record.hs)!;
      const lastDate = record.lastDate?.trim();
      return {
        hs,
        bridge: hsBridge(hs),
        origin: record.origin === undefined ? undefined : normalizeCountry(record.origin),
        shipments: record.shipments ?? 1,
        value: record.value,
        lastDate,
        month: lastDate === undefined ? undefined : tradeMonth(lastDate),
      };
    })
    .map((record) => ({ record, key: importKey(record) }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((entry) => entry.record);
}

function normalizeExports(records: ParsedCompany["exports"]): NormalizedExport[] {
  if (records === undefined || records.length === 0) return [];
  return records
    .map((record): NormalizedExport => ({
      hs: normalizeHsCode(record.hs)!,
      destination: record.destination === undefined ? undefined : normalizeCountry(record.destination),
      value: record.value,
      year: record.year,
    }))
    .map((record) => ({ record, key: `${record.hs}\u0000${record.destination ?? ""}\u0000${record.year ?? ""}\u0000${record.value ?? ""}` }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map((entry) => entry.record);
}

/**
 * Export readiness as one number: a rubric counts as the mean of its items, summed in key order so the
 * result does not depend on the order the rubric's keys were written in.
 *
 * @param readiness - a number in [0, 1], a rubric of such numbers, or undefined
 * @returns the number itself, the rubric's mean, or `undefined` when not stated or the rubric is empty
 * @example
 * readinessValue({ c: 0.3, b: 0.2, a: 0.1 }) === readinessValue({ a: 0.1, b: 0.2, c: 0.3 }); // true
 * readinessValue(0.7); // 0.7
 */
export function readinessValue(readiness: ParsedCompany["readiness"]): number | undefined {
  if (readiness === undefined || typeof readiness === "number") return readiness;
  const keys = Object.keys(readiness).sort();
  if (keys.length === 0) return undefined;
  let sum = 0;
  for (const key of keys) sum += readiness[key]!;
  return sum / keys.length;
}

/**
 * The shared fields, normalised, with a side's own fields added. The side's fields are assigned onto
 * the fresh record rather than spread into a literal: spreading a record was the slowest step of
 * normalisation (V8 clones it through a slow path), and a market holds 10⁵ buyers.
 */
function normalizeParty<Own extends object>(party: ParsedCompany | ParsedBuyer, table: SectorTable, path: IssuePath, issues: BuyerMatchIssue[], own: Own, cache: NormalizeCache | undefined): NormalizedParty & Own {
  const city = party.city === undefined ? "" : cachedCity(party.city, cache);
  const shared: NormalizedParty = {
    id: party.id,
    name: party.name,
    country: normalizeCountry(party.country)!,
    region: party.region === undefined ? undefined : cachedRegion(party.region, cache),
    city: city === "" ? undefined : city,
    cityLabel: city === "" ? undefined : party.city!.trim(),
    location: party.location,
    sectorCodes: cachedSectors(party.sectors, table, path, issues, cache),
    tier: party.tier,
    languages: cachedList("languages", party.languages, cache, normalizeLanguages),
  };
  return Object.assign(shared, own);
}

/**
 * Normalises a parsed company. Unknown sector names are added to `issues` with their path. With a
 * `cache` (one per list, see {@link createNormalizeCache}), repeated values are normalised once and
 * shared between records.
 *
 * @example
 * const issues: BuyerMatchIssue[] = [];
 * normalizeCompany(CompanySchema.parse(raw), DEFAULT_SECTORS, ["companies", 0], issues);
 */
export function normalizeCompany(company: ParsedCompany, table: SectorTable, path: IssuePath, issues: BuyerMatchIssue[], cache?: NormalizeCache): NormalizedCompany {
  return normalizeParty(company, table, path, issues, {
    products: normalizeItems(company.products, normalizeCountry(company.country)!, cache),
    certifications: sortedUnique((company.certifications ?? []).map(certificationKey).filter((key) => key !== "")),
    targets: sortedUnique((company.targetMarkets ?? []).map((market) => market.trim())).map((market) => parseMarket(market, foldText)!),
    readiness: readinessValue(company.readiness),
    meetingBudget: company.meetingBudget,
    customers: sortedUnique((company.customers ?? []).map((name) => name.trim())),
    exports: normalizeExports(company.exports),
  }, cache);
}

/**
 * Normalises a parsed buyer. Unknown sector names are added to `issues` with their path. With a
 * `cache` (one per list, see {@link createNormalizeCache}), repeated values are normalised once and
 * shared between records.
 *
 * @example
 * normalizeBuyer(BuyerSchema.parse(raw), DEFAULT_SECTORS, ["buyers", 0], issues);
 */
export function normalizeBuyer(buyer: ParsedBuyer, table: SectorTable, path: IssuePath, issues: BuyerMatchIssue[], cache?: NormalizeCache): NormalizedBuyer {
  // One literal with every field, in the party's order then the buyer's: a market holds 10⁵ buyers,
  // and building the record in one step is cheaper than adding a side's fields to a shared part.
  const country = normalizeCountry(buyer.country)!;
  const city = buyer.city === undefined ? "" : cachedCity(buyer.city, cache);
  return {
    id: buyer.id,
    name: buyer.name,
    country,
    region: buyer.region === undefined ? undefined : cachedRegion(buyer.region, cache),
    city: city === "" ? undefined : city,
    cityLabel: city === "" ? undefined : buyer.city!.trim(),
    location: buyer.location,
    sectorCodes: cachedSectors(buyer.sectors, table, path, issues, cache),
    tier: buyer.tier,
    languages: cachedList("languages", buyer.languages, cache, normalizeLanguages),
    needs: normalizeItems(buyer.needs, country, cache),
    requiredCertifications: cachedList("certifications", buyer.requiredCertifications, cache, (names) => sortedUnique(names.map(certificationKey).filter((key) => key !== ""))),
    sourcingCountries: buyer.sourcingCountries === undefined ? undefined : cachedList("sourcing", buyer.sourcingCountries, cache, (countries) => sortedUnique(countries.map((code) => normalizeCountry(code)!))),
    verified: buyer.verified,
    meetingCapacity: buyer.meetingCapacity,
    online: buyer.online ?? false,
    availability: buyer.availability === undefined ? undefined : sortedUnique(buyer.availability),
    imports: normalizeImports(buyer.imports),
    group: buyer.group?.trim(),
    customers: buyer.customers === undefined || buyer.customers.length === 0 ? [] : sortedUnique(buyer.customers.map((name) => name.trim())),
  };
}
