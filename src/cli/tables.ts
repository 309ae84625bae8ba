/**
 * The CLI's results as tables of cells (names beside ids, scores rounded to three decimals), written
 * as CSV or as an .xlsx workbook through the io layer's writers, which neutralise every text cell
 * against formula injection.
 */
import { CRITERION_IDS, type Buyer, type Company, type Match } from "../index.js";
import { toCsvText, writeWorkbook, type Cell, type SheetData } from "../io/index.js";
import type { Agenda } from "../plan/index.js";
import { roundToTotal } from "../score/pictures.js";

/** Each criterion's contribution, rounded so that the printed parts add up to the printed score. */
function contributionCells(match: Match): Cell[] {
  const present = CRITERION_IDS.filter((id) => match.breakdown[id] !== undefined);
  const rounded = roundToTotal(present.map((id) => match.breakdown[id]!.contribution), 3);
  return CRITERION_IDS.map((id): Cell => {
    const index = present.indexOf(id);
    return index < 0 ? "" : rounded[index]!;
  });
}

/** A result table: a sheet name, a header and rows. */
export type ResultTable = SheetData;

/**
 * Rounds a score for output: three decimals, as a number (0.7200000000000001 → 0.72).
 *
 * @param value - the score
 * @returns the rounded score
 * @example
 * round3(0.7200000000000001); // 0.72
 */
export function round3(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0;
}

/**
 * JSON text with every fractional number rounded to three decimals (scores, contributions, weights).
 *
 * @param value - what to print
 * @returns indented JSON with a trailing newline
 * @example
 * roundedJson({ score: 0.7200000000000001 }); // '{\n  "score": 0.72\n}\n'
 */
export function roundedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "number" && !Number.isInteger(item) ? round3(item) : item instanceof Map ? Object.fromEntries(item) : item), 2) + "\n";
}

function namesOf(records: readonly { id: string; name: string }[]): Map<string, string> {
  return new Map(records.map((record) => [record.id, record.name]));
}

/**
 * The matches of `match` as a table: one row per (exporter, buyer) with both names.
 *
 * @param companies - the exporters, in output order
 * @param buyers - the buyers
 * @param lists - company id → its matches
 * @returns the table
 * @example
 * matchTable(companies, buyers, lists).header[0]; // "company_id"
 */
export function matchTable(companies: readonly Company[], buyers: readonly Buyer[], lists: ReadonlyMap<string, readonly Match[]>): ResultTable {
  const buyerNames = namesOf(buyers);
  const header = ["company_id", "company_name", "rank", "buyer_id", "buyer_name", "score", "viewpoint", ...CRITERION_IDS.map((id) => `${id}_contribution`)];
  const rows = companies.flatMap((company) =>
    (lists.get(company.id) ?? []).map((match): Cell[] => [
      company.id,
      company.name,
      match.rank,
      match.buyerId,
      buyerNames.get(match.buyerId) ?? "",
      round3(match.score),
      match.viewpoint,
      ...contributionCells(match),
    ]),
  );
  return { name: "matches", header, rows };
}

/**
 * The agenda of `plan` as a table, names beside ids.
 *
 * @param companies - the exporters
 * @param buyers - the buyers
 * @param agenda - the plan
 * @returns the table
 * @example
 * agendaTableOf(companies, buyers, agenda).rows.length === agenda.meetings.length;
 */
export function agendaTableOf(companies: readonly Company[], buyers: readonly Buyer[], agenda: Agenda): ResultTable {
  const companyNames = namesOf(companies);
  const buyerNames = namesOf(buyers);
  // The library's agenda columns (AGENDA_CSV_COLUMNS), with each name beside its id.
  const header = ["date", "start", "end", "city", "session_id", "slot", "table", "company_id", "company_name", "buyer_id", "buyer_name", "score", "interpreter", "shared_languages", "languages_known", "online", "must_meet", "requested_by", "attendance"];
  const rows = agenda.meetings.map((meeting): Cell[] => [
    meeting.date,
    meeting.start,
    meeting.end,
    meeting.city,
    meeting.sessionId,
    meeting.slot,
    meeting.table,
    meeting.companyId,
    companyNames.get(meeting.companyId) ?? "",
    meeting.buyerId,
    buyerNames.get(meeting.buyerId) ?? "",
    round3(meeting.score),
    meeting.interpreter,
    meeting.sharedLanguages.join(" "),
    meeting.languagesKnown,
    meeting.online,
    meeting.mustMeet,
    meeting.requestedBy ?? "",
    meeting.attendance?.reason.code ?? "",
  ]);
  return { name: "agenda", header, rows };
}

/** What the shortlist table needs of an entry. */
export interface ShortlistRow {
  readonly rank: number;
  readonly companyId: string;
  readonly name: string;
  readonly closeness: number;
  readonly selected: boolean;
  readonly criteria: Readonly<Record<"marketability" | "readiness" | "breadth" | "strength", { readonly value: number }>>;
  readonly explanation: readonly string[];
}

/**
 * The shortlist as a table, with its whole explanation in one cell.
 *
 * @param entries - the ranked applicants
 * @returns the table
 * @example
 * shortlistTable(shortlist.entries).header; // ["rank", "company_id", "company_name", ...]
 */
export function shortlistTable(entries: readonly ShortlistRow[]): ResultTable {
  const header = ["rank", "company_id", "company_name", "closeness", "selected", "marketability", "readiness", "breadth", "strength", "reason"];
  const rows = entries.map((entry): Cell[] => [
    entry.rank,
    entry.companyId,
    entry.name,
    round3(entry.closeness),
    entry.selected,
    round3(entry.criteria.marketability.value),
    round3(entry.criteria.readiness.value),
    entry.criteria.breadth.value,
    round3(entry.criteria.strength.value),
    entry.explanation.map((line) => line.trim()).join(" "),
  ]);
  return { name: "shortlist", header, rows };
}

/**
 * A table as CSV text (formula-neutralised).
 *
 * @param table - the table
 * @returns CSV text
 * @example
 * tableCsv(matchTable(companies, buyers, lists));
 */
export function tableCsv(table: ResultTable): string {
  return toCsvText(table.header, table.rows);
}

/**
 * Tables as one .xlsx workbook (formula-neutralised text cells, numbers as numbers).
 *
 * @param tables - one sheet each
 * @returns the workbook's bytes
 * @example
 * const bytes = await tablesXlsx([matchTable(companies, buyers, lists)]);
 */
export function tablesXlsx(tables: readonly ResultTable[]): Promise<Uint8Array> {
  return writeWorkbook(tables);
}
