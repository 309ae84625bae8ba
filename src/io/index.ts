/**
 * `buyermatch/io` (Node only): read companies, buyers, sessions and outcomes from CSV, JSON and JSONL
 * files or streams. Every bad row is reported with its row number, column and message while the good
 * rows load; `strict: true` throws on the first bad row instead. Files stream row by row.
 *
 * Files may be CSV (any of `,`, `;`, tab; UTF-8 with or without a byte-order mark, UTF-16 with one,
 * or CP949/EUC-KR, detected or given as `encoding`), JSON, JSONL or Excel `.xlsx` (the first sheet,
 * or `sheet`). Every issue has a severity: an error drops its row, a warning names a dropped value or
 * an ignored column while the row loads; rows in = loaded + dropped.
 *
 * CSV layout (headers in any case, with or without `_`): the field names of the schemas
 * (`id, name, country, region, city, sectors, tier, ...`), `lat`/`lon` for the location, lists as
 * `;`-separated cells (`ISO 9001;IATF 16949`), products and needs as numbered column groups
 * (`product1_name, product1_hs, product1_naics, product1_keywords, product2_name, ...`) or one
 * `products` cell of entries like `Brake pads (HS 870830)`, readiness as one number or
 * `readiness_<item>` columns. Codes stay text, so leading zeros survive.
 */
import { BuyerSchema, type Buyer } from "../schema/buyer.js";
import { CompanySchema, type Company } from "../schema/company.js";
import { SessionSchema, type Session } from "../plan/input.js";
import { OutcomeSchema, type Outcome } from "../evaluate/outcomes.js";
import { ImportRowSchema, type ImportRow } from "../schema/trade.js";
import { rowIssuesError, type RowIssue } from "./issues.js";
import { loadReasonText, type LoadReason } from "./messages.js";
import { z } from "zod";
import { safeParseWith, throwIfAny } from "../schema/errors.js";
import { checkLoadOptions, collect, readRows, type LoadOptions, type LoadResult, type RowResult } from "./read.js";
import type { RecordKind } from "./layout.js";
import type { LoadSource } from "./source.js";

export { formatRowIssue, issuesToTable, type IssueSeverity, type RowIssue } from "./issues.js";
export type { DroppedPart, LoadReason, LoadReasonCode } from "./messages.js";
export { REQUIRED_COLUMNS, recordsToTable, type LayoutTable, type RecordKind } from "./layout.js";
export { neutralizeCell, toCsvText, type Cell } from "./neutralize.js";
export { writeWorkbook, type SheetData } from "./xlsx.js";
export { ENCODING_CHOICES, type TextEncoding } from "./encoding.js";
export type { LoadFormat, LoadSource } from "./source.js";
export type { LoadOptions, LoadResult, RowResult } from "./read.js";

async function load<T>(kind: RecordKind, stream: (options: LoadOptions) => AsyncIterable<RowResult<T>>, options: LoadOptions): Promise<LoadResult<T>> {
  const checked = checkLoadOptions(options);
  const ignored: string[] = [];
  return collect(
    stream({
      ...checked,
      onIgnoredColumns: (columns) => {
        ignored.push(...columns);
        checked.onIgnoredColumns?.(columns);
      },
    }),
    ignored,
    kind,
  );
}

/**
 * Streams companies from a file or stream, one result per row (a record or its issues), in file
 * order. Use it for files too large to hold, or to show progress.
 *
 * @param source - a path, a `file:` URL or a stream of text/bytes (e.g. `process.stdin`)
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns an async iterator of row results
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * for await (const result of streamCompanies("companies.csv")) {
 *   if (result.ok) console.log(result.record.id);
 *   else console.log(result.issues.map((issue) => formatRowIssue(issue)).join("\n"));
 * }
 */
export function streamCompanies(source: LoadSource, options: LoadOptions = {}): AsyncGenerator<RowResult<Company>> {
  return readRows("companies", CompanySchema, source, options, "id");
}

/**
 * Streams buyers from a file or stream, one result per row.
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns an async iterator of row results
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * let count = 0;
 * for await (const result of streamBuyers("buyers.jsonl")) if (result.ok) count++;
 */
export function streamBuyers(source: LoadSource, options: LoadOptions = {}): AsyncGenerator<RowResult<Buyer>> {
  return readRows("buyers", BuyerSchema, source, options, "id");
}

/**
 * Streams meeting sessions (`id, city, date, start, slotMinutes, slots, tables`), one result per row.
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns an async iterator of row results
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * for await (const result of streamSessions("sessions.csv")) if (result.ok) console.log(result.record.city);
 */
export function streamSessions(source: LoadSource, options: LoadOptions = {}): AsyncGenerator<RowResult<Session>> {
  return readRows("sessions", SessionSchema, source, options, "id");
}

/**
 * Streams follow-up outcomes (`companyId, buyerId, stage, value`), one result per row.
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns an async iterator of row results
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * for await (const result of streamOutcomes("outcomes.csv")) if (result.ok) console.log(result.record.stage);
 */
export function streamOutcomes(source: LoadSource, options: LoadOptions = {}): AsyncGenerator<RowResult<Outcome>> {
  return readRows("outcomes", OutcomeSchema, source, options);
}

/**
 * Loads companies: the good rows as records, every bad row as issues (row, column, message).
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns records, issues (errors and warnings), row counts (rows = loaded + dropped), ignored columns and, when most rows failed, a diagnosis
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * const { records, issues } = await loadCompanies("companies.csv");
 * for (const issue of issues) console.error(formatRowIssue(issue, "companies.csv"));
 */
export function loadCompanies(source: LoadSource, options: LoadOptions = {}): Promise<LoadResult<Company>> {
  return load("companies", (resolved) => streamCompanies(source, resolved), options);
}

/**
 * Loads buyers: the good rows as records, every bad row as issues.
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns records, issues (errors and warnings), row counts (rows = loaded + dropped), ignored columns and, when most rows failed, a diagnosis
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * const { records: buyers } = await loadBuyers("buyers.csv", { strict: true });
 */
export function loadBuyers(source: LoadSource, options: LoadOptions = {}): Promise<LoadResult<Buyer>> {
  return load("buyers", (resolved) => streamBuyers(source, resolved), options);
}

/**
 * Loads meeting sessions: the good rows as records, every bad row as issues.
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns records, issues (errors and warnings), row counts (rows = loaded + dropped), ignored columns and, when most rows failed, a diagnosis
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * const { records: sessions } = await loadSessions("sessions.json");
 */
export function loadSessions(source: LoadSource, options: LoadOptions = {}): Promise<LoadResult<Session>> {
  return load("sessions", (resolved) => streamSessions(source, resolved), options);
}

/**
 * Loads follow-up outcomes: the good rows as records, every bad row as issues.
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns records, issues (errors and warnings), row counts (rows = loaded + dropped), ignored columns and, when most rows failed, a diagnosis
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * const { records: outcomes } = await loadOutcomes("outcomes.csv");
 */
export function loadOutcomes(source: LoadSource, options: LoadOptions = {}): Promise<LoadResult<Outcome>> {
  return load("outcomes", (resolved) => streamOutcomes(source, resolved), options);
}

/**
 * Streams import records (`buyerId, hs, origin, shipments, value, lastDate`, one row per record), one
 * result per row.
 *
 * @param source - a path, a `file:` URL or a stream
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns an async iterator of row results
 * @throws BuyerMatchError when the source or an option is unusable or the text is not valid in its encoding; in strict mode at the first row error
 * @example
 * for await (const result of streamImports("imports.csv")) if (result.ok) console.log(result.record.hs);
 */
export function streamImports(source: LoadSource, options: LoadOptions = {}): AsyncGenerator<RowResult<ImportRow>> {
  return readRows("imports", ImportRowSchema, source, options);
}

/** Buyers with their import records attached, and what the imports file reported. */
export interface ImportsJoin {
  /** The buyers in their order, each with the file's records for it appended to its own `imports`. */
  readonly buyers: Buyer[];
  /** The imports file's load result; a record whose `buyerId` names no buyer is an error in `issues` and is counted as dropped. */
  readonly result: LoadResult<ImportRow>;
}

/**
 * Loads an imports file and joins it to buyers by id: each good record is appended to its buyer's
 * `imports`; every bad row and every record naming an unknown buyer is reported with its row.
 *
 * @param source - a path, a `file:` URL or a stream of the imports file
 * @param buyers - the buyers to join to, validated (not changed: parsed copies are returned)
 * @param options - format, strict, delimiter, encoding, sheet
 * @returns the joined buyers and the load result
 * @throws BuyerMatchError when the source or an option is unusable, or listing every problem of `buyers` with its path; in strict mode at the first bad record (an unknown buyer included)
 * @example
 * const { records: buyers } = await loadBuyers("buyers.csv");
 * const joined = await loadImports("imports.csv", buyers);
 * rankBuyers(company, joined.buyers, { weights: { evidence: 0.3 } });
 */
export async function loadImports(source: LoadSource, buyers: readonly Buyer[], options: LoadOptions = {}): Promise<ImportsJoin> {
  // The buyers are validated once here, with every problem at its path; the parsed buyers are returned.
  const parsed = safeParseWith(z.array(BuyerSchema, { error: "must be an array of buyers" }), buyers, ["buyers"]);
  if (!parsed.success) throwIfAny(parsed.issues);
  const valid = (parsed as { data: Buyer[] }).data;
  const byId = new Map<string, NonNullable<Buyer["imports"]>[number][]>();
  for (const buyer of valid) byId.set(buyer.id, []);
  const checked = checkLoadOptions(options);
  const ignored: string[] = [];
  const results: RowResult<ImportRow>[] = [];
  const rows = streamImports(source, {
    ...checked,
    onIgnoredColumns: (columns) => {
      ignored.push(...columns);
      checked.onIgnoredColumns?.(columns);
    },
  });
  for await (const row of rows) {
    if (!row.ok) {
      results.push(row);
      continue;
    }
    const list = byId.get(row.record.buyerId.trim());
    if (list === undefined) {
      const reason: LoadReason = { code: "unknown_buyer", id: row.record.buyerId };
      const issue: RowIssue = { row: row.row, column: "buyerId", code: "unknown_reference", severity: "error", message: loadReasonText(reason), reason, id: row.record.buyerId };
      // In strict mode the first error throws, as the loaders' own row errors do.
      if (checked.strict === true) throw rowIssuesError([issue]);
      results.push({ ok: false, row: row.row, issues: [issue, ...row.warnings] });
      continue;
    }
    const { buyerId: _buyerId, ...entry } = row.record;
    list.push(entry);
    results.push(row);
  }
  const result = await collect(
    (async function* () {
      yield* results;
    })(),
    ignored,
    "imports",
  );
  const joined = valid.map((buyer) => {
    const extra = byId.get(buyer.id)!;
    return extra.length === 0 ? buyer : { ...buyer, imports: [...(buyer.imports ?? []), ...extra] };
  });
  return { buyers: joined, result };
}
