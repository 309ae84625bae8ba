/**
 * Trade evidence (issue 11, part 2): how strongly the buyer's import records show demand for the
 * exporter's products. A record counts by
 *
 * - code coverage as the product criterion measures it (the company's HS code against the imported
 *   one, at six digits; a NAICS-only product through the HS–NAICS concordance, times its weight),
 * - recency: halved every `halfLifeMonths` (default 12) before `asOf`; a record without a date, or
 *   every record when `asOf` is not set (the core has no clock), counts `undatedFactor` (default 0.5),
 * - volume, log-scaled: ×(0.5 + 0.5 · min(1, ln(1 + shipments) / ln(1 + fullAtShipments))),
 * - origin: imports from the exporter's own country count 1 (the buyer already sources there), from
 *   elsewhere `otherOriginFactor` (0.7), from an unstated origin `unknownOriginFactor` (0.85).
 *
 * The score is the strongest record's. Unknown when the buyer has no import records (no evidence is
 * not a mismatch) or the company has no coded products; 0 when the buyer imports only other things.
 * Weighs 0 by default (set `weights.evidence` to use it), so rankings without it stay as they were.
 */
import { z } from "zod";
import { bridgedMatch, codeMatch, hsBridge } from "../normalize/codes.js";
import { tradeMonth, type NormalizedImport } from "../normalize/records.js";
import { UnitIntervalSchema } from "../schema/common.js";
import { TradeDateSchema } from "../schema/trade.js";
import type { CompiledCompany } from "../market/market.js";
import { defineCriterion } from "./define.js";
import { ExactQueryBuffers } from "./exactQuery.js";
import type { CriterionDetail, Locale, SavedIndex, SparseIndex } from "./types.js";

/** The evidence criterion's settings. */
const EvidenceSettings = z.strictObject({
  /** The date evidence is judged at (`YYYY-MM` or `YYYY-MM-DD`); without it every record is undated. */
  asOf: TradeDateSchema.optional(),
  halfLifeMonths: z.number().positive("must be > 0").max(1200).default(12),
  undatedFactor: UnitIntervalSchema.default(0.5),
  fullAtShipments: z.number().int().min(1).max(1_000_000).default(12),
  otherOriginFactor: UnitIntervalSchema.default(0.7),
  unknownOriginFactor: UnitIntervalSchema.default(0.85),
  /** The window the explanation counts shipments in, in months before `asOf`. */
  windowMonths: z.number().int().min(1).max(1200).default(12),
});
type Settings = z.output<typeof EvidenceSettings>;

const asOfMonths = new WeakMap<Settings, number | undefined>();
function asOfMonth(settings: Settings): number | undefined {
  if (!asOfMonths.has(settings)) asOfMonths.set(settings, settings.asOf === undefined ? undefined : tradeMonth(settings.asOf));
  return asOfMonths.get(settings);
}

/** The company's best code coverage of one imported code (-1: no comparable code). */
function recordCoverage(company: CompiledCompany, record: NormalizedImport): number {
  let best = -1;
  for (const product of company.products) {
    const item = product.item;
    if (item.hs !== undefined) {
      const value = codeMatch("hs", item.hs, record.hs);
      if (value > best) best = value;
    } else if (item.naics !== undefined && record.bridge !== undefined && record.bridge.weight > best) {
      const value = bridgedMatch(record.bridge, item.naics, true);
      if (value > best) best = value;
    }
  }
  return best;
}

/** How much a record's date counts: 2^(−age / half-life), or the undated factor. */
function recencyFactor(record: NormalizedImport, settings: Settings): number {
  const now = asOfMonth(settings);
  if (now === undefined || record.month === undefined) return settings.undatedFactor;
  const age = now - record.month;
  return age <= 0 ? 1 : Math.pow(2, -age / settings.halfLifeMonths);
}

function volumeFactor(record: NormalizedImport, settings: Settings): number {
  const share = Math.log1p(record.shipments) / Math.log1p(settings.fullAtShipments);
  return 0.5 + 0.5 * (share > 1 ? 1 : share);
}

function originFactor(record: NormalizedImport, country: string, settings: Settings): number {
  return record.origin === undefined ? settings.unknownOriginFactor : record.origin === country ? 1 : settings.otherOriginFactor;
}

/**
 * Whether the buyer's import records show demand for the company's products: a record the company's
 * codes cover at all (any date, any origin). What `requireEvidence` accepts beside `verified: true`.
 *
 * @param company - a compiled company
 * @param imports - the buyer's normalised import records
 * @returns true when some record is covered
 * @example
 * hasTradeEvidence(company, buyer.record.imports);
 */
export function hasTradeEvidence(company: CompiledCompany, imports: readonly NormalizedImport[]): boolean {
  for (const record of imports) if (recordCoverage(company, record) > 0) return true;
  return false;
}

function hasCodes(company: CompiledCompany): boolean {
  for (const product of company.products) if (product.item.hs !== undefined || product.item.naics !== undefined) return true;
  return false;
}

/** One record's strength for the company: coverage × recency × volume × origin, or -1 when its code is not covered. */
function recordValue(company: CompiledCompany, record: NormalizedImport, settings: Settings): number {
  const coverage = recordCoverage(company, record);
  if (coverage <= 0) return -1;
  return coverage * recencyFactor(record, settings) * volumeFactor(record, settings) * originFactor(record, company.record.country, settings);
}

/** The strongest covered record's strength (0 when none is covered): the score of a buyer with records. */
function evidenceValue(company: CompiledCompany, imports: readonly NormalizedImport[], settings: Settings): number {
  let best = 0;
  for (const record of imports) {
    const value = recordValue(company, record, settings);
    if (value > best) best = value;
  }
  return best;
}

/** Positions by a two-character code prefix (an HS chapter, a NAICS sector). */
function addTo(lists: Map<string, number[]>, prefix: string, position: number): void {
  const list = lists.get(prefix);
  if (list === undefined) lists.set(prefix, [position]);
  else if (list[list.length - 1] !== position) list.push(position);
}

/**
 * The evidence index: buyers by the HS chapter of each imported code and by the NAICS sector of its
 * bridge. A record counts only when the company's code shares its chapter (HS levels start at two
 * digits; so do NAICS sectors through the bridge), so the buyers under the company's chapters and
 * sectors are the only ones that can score above 0; they are scored exactly when the company is
 * prepared. Buyers with records and none covered score 0 (the floor); buyers without records are
 * unknown.
 */
function evidenceIndex(importsOf: readonly (readonly NormalizedImport[])[], settings: Settings): SparseIndex {
  const size = importsOf.length;
  const byChapter = new Map<string, number[]>();
  const bySector = new Map<string, number[]>();
  const without: number[] = [];
  importsOf.forEach((imports, position) => {
    if (imports.length === 0) without.push(position);
    for (const record of imports) {
      addTo(byChapter, record.hs.slice(0, 2), position);
      if (record.bridge !== undefined) for (const naics of record.bridge.naics) addTo(bySector, naics.slice(0, 2), position);
    }
  });
  const unknown = Int32Array.from(without);
  const none = new Int32Array(0);
  const anyImports = without.length < size;
  // When importers are the fewer (the usual market), every importer is a candidate and the rest are
  // unknown by the NaN floor: the engine then walks the importers, not a list of everyone else.
  const fewImporters = size - without.length <= without.length;
  const importers = fewImporters ? Int32Array.from(importsOf.flatMap((imports, position) => (imports.length === 0 ? [] : [position]))) : none;
  const buffers = new ExactQueryBuffers(size);
  const unknownScore = (): number => Number.NaN;
  const otherScore = (position: number): number => (importsOf[position]!.length === 0 ? Number.NaN : 0);
  return {
    save: () => saveImports(importsOf),
    query(company) {
      buffers.begin();
      if (!hasCodes(company) || !anyImports) return buffers.query(Number.NaN, none, unknownScore);
      const visit = (list: readonly number[] | undefined): void => {
        if (list !== undefined) for (const position of list) if (!buffers.has(position)) buffers.set(position, evidenceValue(company, importsOf[position]!, settings));
      };
      for (const product of company.products) {
        const item = product.item;
        if (item.hs !== undefined) visit(byChapter.get(item.hs.slice(0, 2)));
        else if (item.naics !== undefined) visit(bySector.get(item.naics.slice(0, 2)));
      }
      return fewImporters ? buffers.query(Number.NaN, none, otherScore, importers) : buffers.query(0, unknown, otherScore);
    },
  };
}

/** The index's records as lists: per position a record count; per record its code, origin, shipments and month. */
function saveImports(importsOf: readonly (readonly NormalizedImport[])[]): SavedIndex {
  const counts = Int32Array.from(importsOf, (imports) => imports.length);
  const records = importsOf.flat();
  return {
    ints: [counts, Int32Array.from(records, (record) => record.month ?? -1)],
    floats: [Float64Array.from(records, (record) => record.shipments)],
    texts: [records.map((record) => record.hs), records.map((record) => record.origin ?? "")],
    json: null,
  };
}

/** Reads {@link saveImports}'s lists back, checking them against each other. */
function restoreImports(saved: SavedIndex, size: number): NormalizedImport[][] {
  const [counts, months] = saved.ints;
  const [shipments] = saved.floats;
  const [codes, origins] = saved.texts;
  if (counts === undefined || months === undefined || shipments === undefined || codes === undefined || origins === undefined || counts.length !== size) throw new Error("the evidence index's lists are missing or of the wrong length");
  const total = months.length;
  if (shipments.length !== total || codes.length !== total || origins.length !== total) throw new Error("the evidence index's record lists differ in length");
  const importsOf: NormalizedImport[][] = [];
  let at = 0;
  for (const count of counts) {
    if (!(count >= 0 && at + count <= total)) throw new Error("the evidence index's record counts do not add up");
    const imports: NormalizedImport[] = [];
    for (const end = at + count; at < end; at += 1) {
      const hs = codes[at]!;
      const month = months[at]!;
      const shipped = shipments[at]!;
      if (!/^(?:\d{2}){1,3}$/.test(hs) || !(month >= -1) || !(Number.isInteger(shipped) && shipped >= 0)) throw new Error("the evidence index holds a damaged record");
      const origin = origins[at]!;
      imports.push({ hs, bridge: hsBridge(hs), origin: origin === "" ? undefined : origin, shipments: shipped, value: undefined, lastDate: undefined, month: month === -1 ? undefined : month });
    }
    importsOf.push(imports);
  }
  if (at !== total) throw new Error("the evidence index's record counts do not add up");
  return importsOf;
}

/** What the evidence criterion found: the strongest record and the shipments of the exporter's lines. */
export interface EvidenceDetail extends CriterionDetail {
  /** The imported code of the strongest record. */
  readonly hs?: string;
  /** Its strength in [0, 1]. */
  readonly score?: number;
  /** Shipments of covered codes (within `windowMonths` of `asOf` when set, else all). */
  readonly shipments?: number;
  /** Of those, from the exporter's own country. */
  readonly fromCountry?: number;
  /** The exporter's country. */
  readonly country?: string;
  /** The window counted, in months; absent when `asOf` is not set (all records counted). */
  readonly windowMonths?: number;
  /** The latest date among covered records. */
  readonly latest?: string;
  /** Why unknown: "no_imports" or "no_codes". */
  readonly unknown?: "no_imports" | "no_codes";
}

/** The trade-evidence criterion. */
export const evidenceCriterion = defineCriterion({
  id: "evidence",
  defaultWeight: { company: 0, buyer: 0 },
  defaultMissing: "neutral",
  settings: EvidenceSettings,
  score(company, buyer, _context, settings) {
    const imports = buyer.record.imports;
    if (imports.length === 0 || !hasCodes(company)) return undefined;
    return evidenceValue(company, imports, settings);
  },
  sparseIndex(buyers, _context, settings) {
    return evidenceIndex(
      buyers.map((buyer) => buyer.record.imports),
      settings,
    );
  },
  restoreIndex(saved, buyerCount, _context, settings) {
    return evidenceIndex(restoreImports(saved, buyerCount), settings);
  },
  detail(company, buyer, _context, settings): EvidenceDetail {
    const imports = buyer.record.imports;
    if (imports.length === 0) return { summary: "trade evidence unknown: no import records", unknown: "no_imports" };
    if (!hasCodes(company)) return { summary: "trade evidence unknown: the company lists no product codes", unknown: "no_codes" };
    const now = asOfMonth(settings);
    let best: NormalizedImport | undefined;
    let bestValue = 0;
    let shipments = 0;
    let fromCountry = 0;
    let latest: string | undefined;
    for (const record of imports) {
      const value = recordValue(company, record, settings);
      if (value < 0) continue;
      if (best === undefined || value > bestValue) {
        best = record;
        bestValue = value;
      }
      const inWindow = now === undefined || (record.month !== undefined && now - record.month < settings.windowMonths && now - record.month >= 0);
      if (inWindow) {
        shipments += record.shipments;
        if (record.origin === company.record.country) fromCountry += record.shipments;
      }
      if (record.lastDate !== undefined && (latest === undefined || record.lastDate > latest)) latest = record.lastDate;
    }
    const country = company.record.country;
    if (best === undefined) return { summary: "no import records of the company's product codes", score: 0, shipments: 0, fromCountry: 0, country };
    const window = now === undefined ? undefined : settings.windowMonths;
    const summary = `imported HS ${best.hs} ${shipments} times${window === undefined ? "" : ` in the last ${window} months`}, ${fromCountry} from ${country}`;
    const detail: { -readonly [K in keyof EvidenceDetail]: EvidenceDetail[K] } = { summary, hs: best.hs, score: bestValue, shipments, fromCountry, country };
    if (window !== undefined) detail.windowMonths = window;
    if (latest !== undefined) detail.latest = latest;
    return detail;
  },
  describe(detail: EvidenceDetail, locale: Locale) {
    if (detail.unknown === "no_imports") return locale === "ko" ? "수입 실적: 알 수 없음 (수입 기록 없음)" : "Trade evidence: unknown (no import records)";
    if (detail.unknown === "no_codes") return locale === "ko" ? "수입 실적: 알 수 없음 (제품 코드 없음)" : "Trade evidence: unknown (no product codes)";
    if (detail.hs === undefined) return locale === "ko" ? "수입 실적: 해당 품목 수입 기록 없음" : "Trade evidence: no imports of the company's product codes";
    const window = detail.windowMonths;
    const latest = detail.latest === undefined ? "" : locale === "ko" ? `, 최근 ${detail.latest}` : `, latest ${detail.latest}`;
    if (locale === "ko") {
      const span = window === undefined ? "" : `최근 ${window}개월간 `;
      return `수입 실적: ${span}HS ${detail.hs} ${detail.shipments ?? 0}회 수입, 그중 ${detail.country ?? ""}산 ${detail.fromCountry ?? 0}회${latest}`;
    }
    const span = window === undefined ? "" : ` in the last ${window} months`;
    return `Trade evidence: imported HS ${detail.hs} ${detail.shipments ?? 0} times${span}, ${detail.fromCountry ?? 0} from ${detail.country ?? ""}${latest}`;
  },
});
