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
import { hsBridge, normalizeHsCode, normalizeNaicsCode, parseHsCode, type HsBridge } from "./codes.js";
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

function normalizeItems(items: readonly ParsedItem[] | undefined, country: string): NormalizedItem[] {
  if (items === undefined || items.length === 0) return [];
  return items
    .map((item): NormalizedItem => {
      const hs = item.hs === undefined ? undefined : parseHsCode(item.hs, country);
      const words = sortedUnique([...tokenize(item.name), ...(item.keywords ?? []).flatMap(tokenize)]);
      return {
        name: foldText(item.name),
        hs: hs?.hs,
        hsLine: hs?.line,
        hsNomenclature: hs?.nomenclature,
        naics: item.naics === undefined ? undefined : normalizeNaicsCode(item.naics),
        bridge: hs === undefined ? undefined : hsBridge(hs.hs),
        words,
        scripts: scriptsOf(words),
      };
    })
    .map((item) => ({ item, key: itemKey(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.item);
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
function normalizeParty<Own extends object>(party: ParsedCompany | ParsedBuyer, table: SectorTable, path: IssuePath, issues: BuyerMatchIssue[], own: Own): NormalizedParty & Own {
  const city = party.city === undefined ? "" : foldText(party.city);
  const shared: NormalizedParty = {
    id: party.id,
    name: party.name,
    country: normalizeCountry(party.country)!,
    region: party.region === undefined ? undefined : normalizeSubdivision(party.region),
    city: city === "" ? undefined : city,
    cityLabel: city === "" ? undefined : party.city!.trim(),
    location: party.location,
    sectorCodes: resolveSectors(party.sectors, table, [...path, "sectors"], issues),
    tier: party.tier,
    languages: sortedUnique((party.languages ?? []).map((language) => language.trim().toLowerCase()).filter((language) => language !== "")),
  };
  return Object.assign(shared, own);
}

/**
 * Normalises a parsed company. Unknown sector names are added to `issues` with their path.
 *
 * @example
 * const issues: BuyerMatchIssue[] = [];
 * normalizeCompany(CompanySchema.parse(raw), DEFAULT_SECTORS, ["companies", 0], issues);
 */
export function normalizeCompany(company: ParsedCompany, table: SectorTable, path: IssuePath, issues: BuyerMatchIssue[]): NormalizedCompany {
  return normalizeParty(company, table, path, issues, {
    products: normalizeItems(company.products, normalizeCountry(company.country)!),
    certifications: sortedUnique((company.certifications ?? []).map(certificationKey).filter((key) => key !== "")),
    targets: sortedUnique((company.targetMarkets ?? []).map((market) => market.trim())).map((market) => parseMarket(market, foldText)!),
    readiness: readinessValue(company.readiness),
    meetingBudget: company.meetingBudget,
    customers: sortedUnique((company.customers ?? []).map((name) => name.trim())),
    exports: normalizeExports(company.exports),
  });
}

/**
 * Normalises a parsed buyer. Unknown sector names are added to `issues` with their path.
 *
 * @example
 * normalizeBuyer(BuyerSchema.parse(raw), DEFAULT_SECTORS, ["buyers", 0], issues);
 */
export function normalizeBuyer(buyer: ParsedBuyer, table: SectorTable, path: IssuePath, issues: BuyerMatchIssue[]): NormalizedBuyer {
  return normalizeParty(buyer, table, path, issues, {
    needs: normalizeItems(buyer.needs, normalizeCountry(buyer.country)!),
    requiredCertifications: sortedUnique((buyer.requiredCertifications ?? []).map(certificationKey).filter((key) => key !== "")),
    sourcingCountries: buyer.sourcingCountries === undefined ? undefined : sortedUnique(buyer.sourcingCountries.map((country) => normalizeCountry(country)!)),
    verified: buyer.verified,
    meetingCapacity: buyer.meetingCapacity,
    online: buyer.online ?? false,
    availability: buyer.availability === undefined ? undefined : sortedUnique(buyer.availability),
    imports: normalizeImports(buyer.imports),
    group: buyer.group?.trim(),
    customers: sortedUnique((buyer.customers ?? []).map((name) => name.trim())),
  });
}
