/**
 * The row pipeline shared by every loader: text chunks → raw rows (CSV cells via csv-parse, JSON
 * objects, JSONL lines) → objects → schema check → one {@link RowResult} per row. Rows stream through
 * one at a time; only JSON (one array) is read whole.
 */
import { parse as parseCsv, type CsvError } from "csv-parse";
import type { z } from "zod";
import { formatPath } from "../schema/errors.js";
import { rowIssuesError, type RowIssue } from "./issues.js";
import { columnOf, convertRow, planHeader, type HeaderPlan, type RecordKind } from "./layout.js";
import { openSource, type LoadFormat, type LoadSource } from "./source.js";

/** Options of every loader. */
export interface LoadOptions {
  /** "csv", "json" or "jsonl"; default: from the file extension, else from the first character. */
  readonly format?: LoadFormat;
  /** Throw a BuyerMatchError on the first bad row instead of reporting it and going on. Default false. */
  readonly strict?: boolean;
  /** The CSV separator; default: `\t` for `.tsv`, else guessed from the header (`,`, tab or `;`). */
  readonly delimiter?: string;
  /** Called once with the CSV header's columns that the layout does not read (they are skipped). */
  readonly onIgnoredColumns?: (columns: readonly string[]) => void;
}

/** What became of one row: the validated record, or every problem found in it. */
export type RowResult<T> =
  | { readonly ok: true; readonly row: number; readonly record: T }
  | { readonly ok: false; readonly row: number; readonly issues: readonly [RowIssue, ...RowIssue[]]; readonly wholeFile?: boolean };

/** A raw row before conversion: a CSV row's cells or a JSON value. */
type RawRow = { readonly row: number; readonly cells: readonly string[] } | { readonly row: number; readonly json: unknown } | { readonly row: number; readonly issues: readonly [RowIssue, ...RowIssue[]]; readonly wholeFile?: boolean };

/** Lines a CSV record spans beyond its first (quoted cells with line breaks). */
function extraLines(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) for (let index = cell.indexOf("\n"); index !== -1; index = cell.indexOf("\n", index + 1)) count++;
  return count;
}

async function* csvRows(chunks: AsyncIterable<string>, delimiter: string, kind: RecordKind, options: LoadOptions, header: { plan?: HeaderPlan }): AsyncGenerator<RawRow> {
  const skipped: RowIssue[] = [];
  const parser = parseCsv({
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      const line = typeof error?.lines === "number" ? error.lines : 0;
      skipped.push({ row: line, column: "", code: "invalid_row", message: `could not be read as CSV: ${error?.message ?? "malformed row"}` });
      return undefined;
    },
  });
  // Feed the parser from the chunks while reading its records, so memory stays near one chunk.
  let stopped = false;
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) {
        if (stopped || parser.destroyed) return;
        if (!parser.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              parser.off("drain", done);
              parser.off("close", done);
              resolve();
            };
            parser.on("drain", done);
            parser.on("close", done);
          });
        }
      }
      if (!parser.destroyed) parser.end();
    } catch (error) {
      if (!parser.destroyed) parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  try {
    for await (const entry of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      while (skipped.length > 0) {
        const issue = skipped.shift()!;
        yield { row: issue.row, issues: [issue] };
      }
      const row = entry.info.lines - extraLines(entry.record);
      if (header.plan === undefined) {
        header.plan = planHeader(kind, entry.record);
        if (header.plan.ignored.length > 0) options.onIgnoredColumns?.(header.plan.ignored);
        const [first, ...rest] = header.plan.issues;
        if (first !== undefined) yield { row: 1, issues: [first, ...rest], wholeFile: true };
        // Without a required column no row can pass; one header issue says so better than a thousand row issues.
        if (header.plan.missingRequired.length > 0) return;
        continue;
      }
      yield { row, cells: entry.record };
    }
  } finally {
    stopped = true;
    if (!parser.destroyed) parser.destroy();
  }
  await feeding;
  for (const issue of skipped) yield { row: issue.row, issues: [issue] };
  if (header.plan === undefined && skipped.length === 0) {
    yield { row: 0, issues: [{ row: 0, column: "", code: "invalid_input", message: "is empty: a CSV file needs a header row" }], wholeFile: true };
  }
}

async function* jsonlRows(chunks: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let buffer = "";
  let line = 0;
  function* drain(final: boolean): Generator<RawRow> {
    for (;;) {
      const end = buffer.indexOf("\n");
      if (end === -1 && !final) return;
      const text = end === -1 ? buffer : buffer.slice(0, end);
      buffer = end === -1 ? "" : buffer.slice(end + 1);
      line++;
      if (text.trim() !== "") {
        try {
          yield { row: line, json: JSON.parse(text) };
        } catch (error) {
          yield { row: line, issues: [{ row: line, column: "", code: "invalid_row", message: `is not valid JSON: ${(error as Error).message}` }] };
        }
      }
      if (end === -1) return;
    }
  }
  for await (const chunk of chunks) {
    buffer += chunk;
    yield* drain(false);
  }
  yield* drain(true);
}

async function* jsonRows(chunks: AsyncIterable<string>, kind: RecordKind): AsyncGenerator<RawRow> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    yield { row: 0, issues: [{ row: 0, column: "", code: "invalid_row", message: `is not valid JSON: ${(error as Error).message} (a large file reads better as JSONL, one record per line)` }], wholeFile: true };
    return;
  }
  // A mission file { companies: [...], buyers: [...] } holds several kinds; take this kind's array.
  const list = Array.isArray(data) ? data : data !== null && typeof data === "object" && Array.isArray((data as Record<string, unknown>)[kind]) ? ((data as Record<string, unknown>)[kind] as unknown[]) : undefined;
  if (list === undefined) {
    yield { row: 0, issues: [{ row: 0, column: "", code: "invalid_input", message: `must be a JSON array of ${kind}, or an object with a "${kind}" array` }], wholeFile: true };
    return;
  }
  for (let index = 0; index < list.length; index++) yield { row: index + 1, json: list[index] };
}

/** The value at `path` inside `root`, or undefined when any step is missing. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Reads a source row by row and checks each row with `schema`: yields every row's record or its
 * issues, in file order. Ids must be unique within the file (`idKey`); a repeated id is an issue of
 * the later row. In strict mode the first bad row throws instead.
 *
 * @param kind - what the file holds (selects the CSV layout)
 * @param schema - the zod schema of one record
 * @param source - a path, URL or stream
 * @param options - format, strictness, delimiter
 * @param idKey - the field that must be unique, if any
 * @returns an async iterator of row results
 * @example
 * for await (const result of readRows("buyers", BuyerSchema, "buyers.csv", {}, "id")) if (!result.ok) console.log(result.issues);
 */
export async function* readRows<S extends z.ZodType>(kind: RecordKind, schema: S, source: LoadSource, options: LoadOptions = {}, idKey?: string): AsyncGenerator<RowResult<z.output<S>>> {
  const opened = await openSource(source, options.format, options.delimiter);
  const header: { plan?: HeaderPlan } = {};
  const raw = opened.format === "csv" ? csvRows(opened.chunks, opened.delimiter, kind, options, header) : opened.format === "jsonl" ? jsonlRows(opened.chunks) : jsonRows(opened.chunks, kind);
  const firstRowOf = new Map<string, number>();

  const fail = (row: number, issues: readonly [RowIssue, ...RowIssue[]], wholeFile = false): RowResult<z.output<S>> => {
    if (options.strict === true) throw rowIssuesError(issues);
    return wholeFile ? { ok: false, row, issues, wholeFile } : { ok: false, row, issues };
  };

  for await (const entry of raw) {
    if ("issues" in entry) {
      yield fail(entry.row, entry.issues, entry.wholeFile === true);
      continue;
    }
    let value: unknown;
    let columnFor: (path: readonly PropertyKey[]) => string;
    const issues: RowIssue[] = [];
    if ("cells" in entry) {
      const plan = header.plan!;
      const converted = convertRow(plan, entry.cells, entry.row);
      const extra = entry.cells.slice(plan.headers.length).filter((cell) => cell.trim() !== "").length;
      if (extra > 0) {
        issues.push({
          row: entry.row,
          column: "",
          code: "invalid_row",
          message: `has ${entry.cells.length} cells but the header has ${plan.headers.length} columns (a value with a comma needs "quotes")`,
        });
      }
      issues.push(...converted.issues);
      value = converted.value;
      columnFor = (path) => columnOf(converted.columns, path);
    } else {
      value = entry.json;
      columnFor = (path) => (path.length === 0 ? "" : formatPath(path.map((part) => (typeof part === "number" ? part : String(part)))));
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const code = issue.code === "custom" && typeof issue.params?.["code"] === "string" ? (issue.params["code"] as RowIssue["code"]) : issue.code === "too_small" || issue.code === "too_big" ? "out_of_range" : "invalid_input";
        const column = columnFor(issue.path);
        // A cell already reported as unreadable is left out, so zod's "required" does not repeat it.
        if (issues.some((known) => known.column === column && column !== "")) continue;
        // A type error on nothing at all means the cell or field was left empty; say that, not "expected string".
        const missing = issue.code === "invalid_type" && valueAt(value, issue.path) === undefined;
        const message = missing ? ("cells" in entry ? "is empty, but a value is required" : "is missing, but a value is required") : issue.message;
        issues.push({ row: entry.row, column, code, message });
      }
    }
    if (idKey !== undefined && parsed.success) {
      const id = (parsed.data as Record<string, unknown>)[idKey];
      if (typeof id === "string") {
        const first = firstRowOf.get(id);
        if (first !== undefined) issues.push({ row: entry.row, column: columnFor([idKey]) || idKey, code: "duplicate_id", message: `${JSON.stringify(id)} appears more than once (first at row ${first})` });
        else firstRowOf.set(id, entry.row);
      }
    }
    const [first, ...rest] = issues;
    if (first !== undefined) yield fail(entry.row, [first, ...rest]);
    else yield { ok: true, row: entry.row, record: (parsed as { data: z.output<S> }).data };
  }
}

/** Everything a loader read: the good records, and every problem with the rest. */
export interface LoadResult<T> {
  /** The rows that passed, in file order. */
  readonly records: T[];
  /** Every problem found, in file order; empty when all rows loaded. */
  readonly issues: RowIssue[];
  /** How many rows (records) the file had, good and bad. */
  readonly rows: number;
  /** CSV header columns the layout does not read. */
  readonly ignoredColumns: readonly string[];
}

/**
 * Reads a whole source into a {@link LoadResult}.
 *
 * @param rows - a row iterator from {@link readRows}
 * @returns records, issues, row count
 * @example
 * const result = await collect(readRows("sessions", SessionSchema, "sessions.csv"));
 */
export async function collect<T>(rows: AsyncIterable<RowResult<T>>, ignoredColumns: readonly string[] = []): Promise<LoadResult<T>> {
  // ignoredColumns is filled in while the rows are read (by onIgnoredColumns), so it is read at the end.
  const records: T[] = [];
  const issues: RowIssue[] = [];
  let count = 0;
  for await (const result of rows) {
    // A problem with the header or the whole file is not a row of data.
    if (result.ok || result.wholeFile !== true) count++;
    if (result.ok) records.push(result.record);
    else issues.push(...result.issues);
  }
  return { records, issues, rows: count, ignoredColumns: [...ignoredColumns] };
}
