/**
 * The row pipeline shared by every loader: bytes → text (strict decoding) → raw rows (CSV records,
 * sheet rows, JSON objects, JSONL lines) → objects → schema check → one {@link RowResult} per row, in
 * file order. Rows stream through one at a time; only JSON (one array) is read whole.
 *
 * Severity: a bad value of a required field (id, name, country; every field of a session; the pair
 * and stage of an outcome) drops the row with an error; a bad optional value (one unparsable need
 * code among five, a misspelt tier) is dropped with a warning that names it, and the row loads. Rows
 * in = rows loaded + rows dropped, and every dropped row and value has an issue.
 */
import { z } from "zod";
import { BuyerMatchError, formatPath, fromZodIssues, safeParseWith } from "../schema/errors.js";
import { BuyerSchema } from "../schema/buyer.js";
import { createBuyerCheck } from "../schema/fastBuyer.js";
import { csvRecords } from "./csv.js";
import { encodingNamed, ENCODING_CHOICES, type TextEncoding } from "./encoding.js";
import { rowIssuesError, type RowIssue } from "./issues.js";
import { columnOf, convertRow, planHeader, REQUIRED_COLUMNS, type HeaderPlan, type RecordKind } from "./layout.js";
import { checkSource, openSource, sourceName, type LoadFormat, type LoadSource } from "./source.js";
import { closestName } from "./suggest.js";
import { loadReasonText, type DroppedPart, type LoadReason } from "./messages.js";

/** An issue's reason and its English message, together. */
function said(reason: LoadReason): { reason: LoadReason; message: string } {
  return { reason, message: loadReasonText(reason) };
}

/** The same issue with what was dropped while the row was kept (its reason and message both say so). */
function kept<I extends RowIssue>(issue: I, dropped: DroppedPart): I {
  const reason: LoadReason = issue.reason === undefined ? { code: "invalid_value", detail: issue.message, dropped } : { ...issue.reason, dropped };
  return { ...issue, ...said(reason) };
}

/** Options of every loader. */
export interface LoadOptions {
  /** "csv", "json", "jsonl" or "xlsx"; default: from the file extension, else from the content. */
  readonly format?: LoadFormat;
  /** Throw a BuyerMatchError on the first row error instead of reporting it and going on. Default false. */
  readonly strict?: boolean;
  /** The CSV separator; default: `\t` for `.tsv`, else guessed from the header (`,`, tab or `;`). */
  readonly delimiter?: string;
  /** The text encoding ("utf-8", "utf-16le", "utf-16be", "cp949" / "euc-kr"); default: detected. */
  readonly encoding?: string;
  /** The sheet of an .xlsx workbook to read (by name, any case); default the first. */
  readonly sheet?: string;
  /** Called once with the CSV header's columns that the layout does not read (they are skipped). */
  readonly onIgnoredColumns?: (columns: readonly string[]) => void;
}

const LoadOptionsSchema = z.strictObject({
  format: z.enum(["csv", "json", "jsonl", "xlsx"], { error: () => "must be csv, json, jsonl or xlsx" }).optional(),
  strict: z.boolean({ error: "must be true or false" }).optional(),
  delimiter: z.string({ error: "must be one character" }).refine((value) => value.length === 1 && value !== '"' && value !== "\n" && value !== "\r", "must be one character (not a quote or a line break)").optional(),
  encoding: z
    .string({ error: "must be a string" })
    .refine((value) => encodingNamed(value) !== undefined, { error: (issue) => `${JSON.stringify(issue.input)} is not an encoding the loaders read (${ENCODING_CHOICES.join(", ")})` })
    .optional(),
  sheet: z.string({ error: "must be a sheet name" }).trim().min(1, "must be a non-empty sheet name").optional(),
  onIgnoredColumns: z.custom<(columns: readonly string[]) => void>((value) => typeof value === "function", "must be a function").optional(),
});

/**
 * Checks a loader's options: every problem at once, as one BuyerMatchError.
 *
 * @param options - what the caller passed (undefined means none)
 * @returns the options, typed
 * @throws BuyerMatchError listing every bad option
 * @example
 * checkLoadOptions({ encoding: "euc-kr" });
 */
export function checkLoadOptions(options: unknown): LoadOptions {
  if (options === undefined) return {};
  const parsed = safeParseWith(LoadOptionsSchema, options, ["options"]);
  if (!parsed.success) {
    const issues = parsed.issues;
    throw new BuyerMatchError(issues as [(typeof issues)[number], ...typeof issues]);
  }
  return options as LoadOptions;
}

/** What became of one row: the validated record (with any warnings), or every problem found in it. */
export type RowResult<T> =
  | { readonly ok: true; readonly row: number; readonly record: T; readonly warnings: readonly RowIssue[] }
  /**
   * A dropped row (`wholeFile` absent), or a notice about the whole file or its header (`wholeFile:
   * true`: an unknown column, a missing required column, unreadable JSON), which is not a row.
   */
  | { readonly ok: false; readonly row: number; readonly issues: readonly [RowIssue, ...RowIssue[]]; readonly wholeFile?: boolean };

/** A raw row before conversion: a table row's cells or a JSON value, or problems found reading it. */
type RawRow =
  | { readonly row: number; readonly cells: readonly string[]; readonly truncated?: boolean }
  | { readonly row: number; readonly json: unknown }
  | { readonly row: number; readonly issues: readonly [RowIssue, ...RowIssue[]]; readonly wholeFile?: boolean };

/** Rows of a table (CSV records or sheet rows): the first non-blank row is the header. */
async function* tableRows(
  records: AsyncIterable<{ readonly row: number; readonly cells?: readonly string[]; readonly unclosed?: boolean }>,
  kind: RecordKind,
  delimiter: string,
  options: LoadOptions,
  header: { plan?: HeaderPlan },
  checkLength: boolean,
): AsyncGenerator<RawRow> {
  for await (const record of records) {
    if (record.unclosed === true) {
      yield {
        row: record.row,
        issues: [{ row: record.row, column: "", code: "invalid_row", severity: "error", ...said({ code: "unclosed_quote" }) }],
        ...(header.plan === undefined ? { wholeFile: true } : {}),
      };
      continue;
    }
    const cells = record.cells;
    if (cells === undefined) continue;
    if (header.plan === undefined) {
      header.plan = planHeader(kind, cells, delimiter);
      if (header.plan.ignored.length > 0) options.onIgnoredColumns?.(header.plan.ignored);
      const issues = header.plan.issues.map((issue) => ({ ...issue, row: record.row }));
      const [first, ...rest] = issues;
      if (first !== undefined) yield { row: record.row, issues: [first, ...rest], wholeFile: true };
      // Without a required column no row can pass; one header issue says so better than a thousand row issues.
      if (header.plan.missingRequired.length > 0) return;
      continue;
    }
    if (cells.every((cell) => cell.trim() === "")) continue;
    const truncated = checkLength && cells.length < header.plan.headers.length;
    yield truncated ? { row: record.row, cells, truncated } : { row: record.row, cells };
  }
  if (header.plan === undefined) {
    yield { row: 0, issues: [{ row: 0, column: "", code: "invalid_input", severity: "error", ...said({ code: "empty_table" }) }], wholeFile: true };
  }
}

async function* csvRows(chunks: AsyncIterable<string>, delimiter: string, kind: RecordKind, options: LoadOptions, header: { plan?: HeaderPlan }): AsyncGenerator<RawRow> {
  async function* records() {
    for await (const record of csvRecords(chunks, delimiter)) {
      if (record.kind === "cells") yield { row: record.row, cells: record.cells };
      else if (record.kind === "unclosed") yield { row: record.row, unclosed: true };
    }
  }
  yield* tableRows(records(), kind, delimiter, options, header, true);
}

async function* jsonlRows(chunks: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let buffer = "";
  let line = 0;
  // \r\n, \n and a lone \r each end a line; a \r at the end of the buffer waits to see what follows.
  function* drain(final: boolean): Generator<RawRow> {
    let start = 0;
    for (;;) {
      let end = start;
      while (end < buffer.length && buffer.charCodeAt(end) !== 10 && buffer.charCodeAt(end) !== 13) end++;
      if (end >= buffer.length && !final) break;
      if (end + 1 >= buffer.length && buffer.charCodeAt(end) === 13 && !final) break;
      const text = buffer.slice(start, end);
      line++;
      if (text.trim() !== "") {
        try {
          yield { row: line, json: JSON.parse(text) };
        } catch (error) {
          yield { row: line, issues: [{ row: line, column: "", code: "invalid_row", severity: "error", ...said({ code: "invalid_json", error: (error as Error).message, wholeFile: false }) }] };
        }
      }
      if (end >= buffer.length) {
        start = end;
        break;
      }
      start = buffer.charCodeAt(end) === 13 && buffer.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    }
    buffer = buffer.slice(start);
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
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    yield { row: 0, issues: [{ row: 0, column: "", code: "invalid_row", severity: "error", ...said({ code: "invalid_json", error: (error as Error).message, wholeFile: true }) }], wholeFile: true };
    return;
  }
  // A mission file { companies: [...], buyers: [...] } holds several kinds; take this kind's array.
  const list = Array.isArray(data) ? data : data !== null && typeof data === "object" && Object.hasOwn(data, kind) && Array.isArray((data as Record<string, unknown>)[kind]) ? ((data as Record<string, unknown>)[kind] as unknown[]) : undefined;
  if (list === undefined) {
    yield { row: 0, issues: [{ row: 0, column: "", code: "invalid_input", severity: "error", ...said({ code: "not_a_list", kind }) }], wholeFile: true };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The fields a schema of objects knows (for unknown-key warnings), when it is an object schema. */
function shapeKeys(schema: z.ZodType): ReadonlySet<string> | undefined {
  const shape = (schema as { shape?: unknown }).shape;
  return isRecord(shape) ? new Set(Object.keys(shape)) : undefined;
}

const ITEM_KEYS = ["name", "hs", "naics", "keywords"];
const LOCATION_KEYS = ["lat", "lon"];

/** What an item of each list is called in messages. */
const ITEM_NOUN: ReadonlyMap<string, string> = new Map([
  ["products", "product"],
  ["needs", "need"],
]);

/** The digits of an HS code that look like they lost a leading zero, if so. */
function lostZero(path: readonly PropertyKey[], input: unknown): string | undefined {
  const last = path[path.length - 1];
  // Excel reads 0203 as the number 203; an HS code of odd length is the usual trace of that.
  if (last === "hs" && typeof input === "string" && /^\d{1,5}$/.test(input) && input.length % 2 === 1) return input;
  return undefined;
}

/**
 * Drops the bad optional values of one object in place and says what each drop was. On the first
 * pass a bad code of a product or need drops only that code, a bad list entry only that entry; on
 * later passes (a drop left the field still invalid) the whole field goes.
 */
function dropValues(value: Record<string, unknown>, paths: readonly (readonly PropertyKey[])[], pass: number): DroppedPart[] {
  const said: DroppedPart[] = [];
  const removals = new Map<unknown[], Set<number>>();
  for (const path of paths) {
    const key = String(path[0]);
    const field = Object.hasOwn(value, key) ? value[key] : undefined;
    if (pass === 0 && Array.isArray(field) && typeof path[1] === "number") {
      const index = path[1];
      const item = field[index];
      const noun = ITEM_NOUN.get(key);
      if (noun !== undefined && isRecord(item) && (path[2] === "hs" || path[2] === "naics" || path[2] === "keywords") && typeof item["name"] === "string" && item["name"].trim() !== "") {
        delete item[path[2]];
        said.push({ what: path[2] === "keywords" ? "keywords" : "code", noun, index: index + 1, name: item["name"].trim() });
        continue;
      }
      const set = removals.get(field) ?? new Set<number>();
      set.add(index);
      removals.set(field, set);
      said.push(noun === undefined ? { what: "entry" } : { what: "item", noun, index: index + 1 });
      continue;
    }
    delete value[key];
    said.push({ what: "value" });
  }
  for (const [list, indices] of removals) {
    for (const index of [...indices].sort((a, b) => b - a)) list.splice(index, 1);
  }
  return said;
}

type Validated<T> = { readonly ok: true; readonly record: T; readonly warnings: RowIssue[] } | { readonly ok: false; readonly issues: RowIssue[] };

interface RowContext {
  readonly row: number;
  readonly fromTable: boolean;
  readonly columnFor: (path: readonly PropertyKey[]) => string;
  readonly required: ReadonlySet<string>;
  readonly id: string | undefined;
}

function issueCode(issue: z.core.$ZodIssue): RowIssue["code"] {
  return fromZodIssues([issue])[0]!.code;
}

/** Validates one object, dropping bad optional values (warnings) and failing on bad required ones (errors). */
function validate<S extends z.ZodType>(schema: S, value: unknown, context: RowContext, known: RowIssue[], knownColumns: ReadonlySet<string>, fast?: (value: unknown) => unknown): Validated<z.output<S>> {
  // A well-formed buyer passes the fast check, which gives zod's own parsed value (src/schema/fastBuyer.ts).
  const quick = fast?.(value);
  if (quick !== undefined) return { ok: true, record: quick as z.output<S>, warnings: [...known] };
  const warnings: RowIssue[] = [];
  const errors: RowIssue[] = [];
  const withId = (issue: Omit<RowIssue, "id">): RowIssue => (context.id === undefined ? issue : { ...issue, id: context.id });
  for (let pass = 0; ; pass++) {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, record: parsed.data, warnings: [...known, ...warnings] };
    const droppable: { issue: z.core.$ZodIssue; path: readonly PropertyKey[]; column: string; reason: LoadReason }[] = [];
    const silent: (readonly PropertyKey[])[] = [];
    for (const issue of parsed.error.issues) {
      const column = context.columnFor(issue.path);
      // A cell already reported as unreadable is not reported again (zod's "required" would repeat
      // it), but what it leaves invalid (half a location) is still dropped.
      if (column !== "" && knownColumns.has(column)) {
        if (issue.path.length > 0 && !context.required.has(String(issue.path[0]))) silent.push(issue.path);
        continue;
      }
      const input = valueAt(value, issue.path);
      // A type error on nothing at all means the cell or field was left empty; say that, not "expected string".
      const missing = issue.code === "invalid_type" && input === undefined;
      const detail = missing ? undefined : fromZodIssues([issue])[0]!.message;
      // The core's own message may already name the lost zero; say it once.
      const zero = detail === undefined || /leading zero/.test(detail) ? undefined : lostZero(issue.path, input);
      const reason: LoadReason = detail === undefined ? { code: "value_missing", table: context.fromTable } : zero === undefined ? { code: "invalid_value", detail } : { code: "invalid_value", detail, leadingZero: zero };
      const required = issue.path.length === 0 || context.required.has(String(issue.path[0]));
      if (required || !isRecord(value) || pass >= 2) errors.push(withId({ row: context.row, column, code: issueCode(issue), severity: "error", ...said(reason) }));
      else droppable.push({ issue, path: issue.path, column, reason });
    }
    if (errors.length === 0 && droppable.length === 0 && silent.length > 0 && isRecord(value) && pass < 2) {
      dropValues(value, silent, 1);
      continue;
    }
    if (errors.length > 0 || droppable.length === 0) {
      // A required field is bad (or a value cannot be mended): the row goes, with every problem it has.
      const rest = droppable.map((entry) => withId({ row: context.row, column: entry.column, code: issueCode(entry.issue), severity: "error", ...said(entry.reason) }));
      return { ok: false, issues: [...known, ...errors, ...rest, ...warnings] };
    }
    const dropped = dropValues(value as Record<string, unknown>, droppable.map((entry) => entry.path), pass);
    droppable.forEach((entry, index) => warnings.push(withId({ row: context.row, column: entry.column, code: issueCode(entry.issue), severity: "warning", ...said({ ...entry.reason, dropped: dropped[index]! }) })));
  }
}

/** More cells than columns; when two neighbouring cells look like one number split at its decimal comma ("42" and "347429"), says so. */
function tooManyCells(cells: readonly string[], columns: number, delimiter: string): LoadReason {
  const base = { code: "too_many_cells", cells: cells.length, columns } as const;
  if (delimiter !== ",") return base;
  for (let index = 0; index + 1 < cells.length; index++) {
    const whole = cells[index]!.trim();
    const fraction = cells[index + 1]!.trim();
    if (/^[+-]?\d{1,3}$/.test(whole) && /^\d{3,}$/.test(fraction)) return { ...base, decimalComma: `${whole},${fraction}` };
  }
  return base;
}

/**
 * Reads a source row by row and checks each row with `schema`: yields every row's record (with its
 * warnings) or its issues, in file order. Ids must be unique within the file (`idKey`); a repeated id
 * is an error of the later row. In strict mode the first error throws instead.
 *
 * @param kind - what the file holds (selects the table layout and the required fields)
 * @param schema - the zod schema of one record
 * @param source - a path, URL or stream
 * @param options - format, strictness, delimiter, encoding, sheet
 * @param idKey - the field that must be unique, if any
 * @returns an async iterator of row results
 * @throws BuyerMatchError when the source or an option is not usable, or the text is not valid in its encoding
 * @example
 * for await (const result of readRows("buyers", BuyerSchema, "buyers.csv", {}, "id")) if (!result.ok) console.log(result.issues);
 */
export async function* readRows<S extends z.ZodType>(kind: RecordKind, schema: S, source: LoadSource, options: LoadOptions = {}, idKey?: string): AsyncGenerator<RowResult<z.output<S>>> {
  const checkedSource = checkSource(source);
  const checked = checkLoadOptions(options);
  const encoding = checked.encoding === undefined ? undefined : (encodingNamed(checked.encoding) as TextEncoding);
  const opened = await openSource(checkedSource, { format: checked.format, delimiter: checked.delimiter, encoding });
  const header: { plan?: HeaderPlan } = {};
  const file = sourceName(checkedSource);
  let raw: AsyncGenerator<RawRow>;
  if (opened.format === "xlsx") {
    const { sheetRows } = await import("./xlsx.js");
    raw = tableRows(sheetRows(opened.bytes, checked.sheet, file), kind, ",", checked, header, false);
  } else if (opened.format === "csv") raw = csvRows(opened.chunks, opened.delimiter, kind, checked, header);
  else if (opened.format === "jsonl") raw = jsonlRows(opened.chunks);
  else raw = jsonRows(opened.chunks, kind);
  const firstRowOf = new Map<string, number>();
  const required = new Set(REQUIRED_COLUMNS[kind]);
  const topKeys = shapeKeys(schema) ?? new Set<string>();
  const reportedKeys = new Set<string>();
  const fast = (schema as z.ZodType) === BuyerSchema ? createBuyerCheck() : undefined;

  const fail = (row: number, issues: readonly [RowIssue, ...RowIssue[]], wholeFile = false): RowResult<z.output<S>> => {
    if (checked.strict === true && issues.some((issue) => issue.severity === "error")) throw rowIssuesError(issues.filter((issue) => issue.severity === "error") as [RowIssue, ...RowIssue[]]);
    return wholeFile ? { ok: false, row, issues, wholeFile } : { ok: false, row, issues };
  };

  /** Keys of a JSON record that no field reads: a warning once per key and file, at its first row. */
  const unknownKeys = (json: unknown, row: number, id: string | undefined): RowIssue[] => {
    if (!isRecord(json) || topKeys.size === 0) return [];
    const found: RowIssue[] = [];
    const check = (keys: Iterable<string>, knownKeys: readonly string[], prefix: string): void => {
      for (const key of keys) {
        if (knownKeys.includes(key)) continue;
        const pattern = `${prefix}${key}`;
        if (reportedKeys.has(pattern)) continue;
        reportedKeys.add(pattern);
        const suggestion = closestName(key, knownKeys);
        found.push({
          row,
          column: pattern,
          code: "unknown_field",
          severity: "warning",
          ...said(suggestion === undefined ? { code: "unknown_key" } : { code: "unknown_key", suggestion }),
          ...(id === undefined ? {} : { id }),
        });
      }
    };
    check(Object.keys(json), [...topKeys], "");
    for (const list of ["products", "needs"]) {
      const items = Object.hasOwn(json, list) ? json[list] : undefined;
      if (Array.isArray(items)) for (const item of items) if (isRecord(item)) check(Object.keys(item), ITEM_KEYS, `${list}[].`);
    }
    const location = Object.hasOwn(json, "location") ? json["location"] : undefined;
    if (isRecord(location)) check(Object.keys(location), LOCATION_KEYS, "location.");
    return found;
  };

  for await (const entry of raw) {
    if ("issues" in entry) {
      yield fail(entry.row, entry.issues, entry.wholeFile === true);
      continue;
    }
    let value: unknown;
    let columnFor: (path: readonly PropertyKey[]) => string;
    const known: RowIssue[] = [];
    const unreadable = new Set<string>();
    let id: string | undefined;
    if ("cells" in entry) {
      const plan = header.plan!;
      const converted = convertRow(plan, entry.cells, entry.row);
      id = typeof converted.value["id"] === "string" ? converted.value["id"] : undefined;
      const withId = <I extends RowIssue>(issue: I): RowIssue => (id === undefined ? issue : { ...issue, id });
      // More cells than columns shifts every value after the culprit into the wrong column: an error,
      // even when the overflowing cells are empty.
      if (entry.cells.length > plan.headers.length) {
        known.push(
          withId({
            row: entry.row,
            column: "",
            code: "invalid_row",
            severity: "error",
            ...said(tooManyCells(entry.cells, plan.headers.length, opened.format === "csv" ? opened.delimiter : "")),
          }),
        );
      }
      if ("truncated" in entry && entry.truncated === true) {
        const missing = plan.headers.slice(entry.cells.length).filter((name) => name !== "");
        if (missing.length > 0) {
          known.push(
            withId({
              row: entry.row,
              column: "",
              code: "invalid_row",
              severity: "warning",
              ...said({ code: "cut_short", cells: entry.cells.length, columns: plan.headers.length, first: missing[0]!, last: missing[missing.length - 1]! }),
            }),
          );
        }
      }
      for (const issue of converted.issues) {
        unreadable.add(issue.column);
        const isRequired = required.has(issue.field);
        const { field: _field, ...rowIssue } = issue;
        known.push(withId(isRequired ? { ...rowIssue, severity: "error" } : kept({ ...rowIssue, severity: "warning" }, { what: "value" })));
      }
      value = converted.value;
      columnFor = (path) => columnOf(converted.columns, path);
    } else {
      value = entry.json;
      id = isRecord(value) && typeof value["id"] === "string" ? value["id"] : undefined;
      known.push(...unknownKeys(value, entry.row, id));
      columnFor = (path) => (path.length === 0 ? "" : formatPath(path.map((part) => (typeof part === "number" ? part : String(part)))));
    }
    const rowError = known.some((issue) => issue.severity === "error");
    const validated = validate(schema, value, { row: entry.row, fromTable: "cells" in entry, columnFor, required, id }, known, unreadable, fast);
    let issues: RowIssue[] = validated.ok ? validated.warnings : validated.issues;
    let ok = validated.ok && !rowError;
    if (ok && idKey !== undefined && validated.ok) {
      const recordId = (validated.record as Record<string, unknown>)[idKey];
      if (typeof recordId === "string") {
        const first = firstRowOf.get(recordId);
        if (first !== undefined) {
          issues = [...issues, { row: entry.row, column: columnFor([idKey]) || idKey, code: "duplicate_id", severity: "error", ...said({ code: "duplicate_id", id: recordId, first }), id: recordId }];
          ok = false;
        } else firstRowOf.set(recordId, entry.row);
      }
    }
    if (ok && validated.ok) yield { ok: true, row: entry.row, record: validated.record, warnings: issues };
    else yield fail(entry.row, issues as [RowIssue, ...RowIssue[]]);
  }
}

/** Everything a loader read: the good records, and every problem with the rest. */
export interface LoadResult<T> {
  /** The rows that passed, in file order. */
  readonly records: T[];
  /** Every problem found (errors and warnings), in file order; empty when all rows loaded cleanly. */
  readonly issues: RowIssue[];
  /** How many rows (records) the file had, good and bad: `rows === loaded + dropped`. */
  readonly rows: number;
  /** Rows loaded (`records.length`). */
  readonly loaded: number;
  /** Rows dropped, each with at least one error in `issues`. */
  readonly dropped: number;
  /** Issues per severity. */
  readonly counts: { readonly error: number; readonly warning: number };
  /** Table header columns the layout does not read. */
  readonly ignoredColumns: readonly string[];
  /**
   * Set when most rows were dropped: one sentence on the likely cause (wrong separator, decimal
   * comma, wrong encoding, another kind of file). The CLI stops with exit code 1 on it.
   */
  readonly diagnosis?: string;
}

/**
 * One sentence on why most rows of a file failed, from the errors' columns and messages.
 *
 * @param kind - what the file should hold
 * @param issues - every issue of the load
 * @param rows - rows in
 * @param dropped - rows dropped
 * @returns the sentence
 * @example
 * diagnose("buyers", issues, 503, 458);
 */
export function diagnose(kind: RecordKind, issues: readonly RowIssue[], rows: number, dropped: number): string {
  const errors = issues.filter((issue) => issue.severity === "error" && issue.row > 1);
  const share = `${dropped} of ${rows} rows were dropped`;
  const count = (test: (issue: RowIssue) => boolean): number => new Set(errors.filter(test).map((issue) => issue.row)).size;
  const decimalComma = count((issue) => /decimal comma/.test(issue.message));
  if (decimalComma * 2 >= dropped) return `${share}: most hold numbers with a decimal comma (44,9) in a file separated by commas; save the file with ";" as the separator, or write the numbers with decimal points.`;
  const extraCells = count((issue) => /cells but the header has/.test(issue.message));
  if (extraCells * 2 >= dropped) return `${share}: most have more cells than the header, so the separator is probably wrong (values holding it unquoted, or a decimal comma); pass the right one (--delimiter ";").`;
  const mojibake = count((issue) => issue.message.includes("\uFFFD"));
  if (mojibake * 2 >= dropped) return `${share}: their text holds replacement characters (\uFFFD), so the file was probably saved in another encoding; pass it (--encoding cp949).`;
  const byColumn = new Map<string, number>();
  for (const issue of errors) byColumn.set(issue.column, (byColumn.get(issue.column) ?? 0) + 1);
  const [column, times] = [...byColumn.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ["", 0];
  const example = errors.find((issue) => issue.column === column);
  return `${share}: the most common problem is ${column === "" ? "the row itself" : `column ${column}`} (${times} rows, e.g. ${example === undefined ? "" : JSON.stringify(example.message)}); check that the file holds ${kind} in the layout the README describes.`;
}

/**
 * Reads a whole source into a {@link LoadResult}.
 *
 * @param rows - a row iterator from {@link readRows}
 * @param ignoredColumns - filled in while the rows are read (by `onIgnoredColumns`)
 * @param kind - what the file holds, for the diagnosis
 * @returns records, issues, row counts
 * @example
 * const result = await collect(readRows("sessions", SessionSchema, "sessions.csv"));
 */
export async function collect<T>(rows: AsyncIterable<RowResult<T>>, ignoredColumns: readonly string[] = [], kind?: RecordKind): Promise<LoadResult<T>> {
  const records: T[] = [];
  const issues: RowIssue[] = [];
  let count = 0;
  let dropped = 0;
  for await (const result of rows) {
    // A problem with the header or the whole file is not a row of data.
    if (result.ok) {
      count++;
      records.push(result.record);
      for (const warning of result.warnings) issues.push(warning);
    } else {
      if (result.wholeFile !== true) {
        count++;
        dropped++;
      }
      for (const issue of result.issues) issues.push(issue);
    }
  }
  const error = issues.filter((issue) => issue.severity === "error").length;
  const base = { records, issues, rows: count, loaded: records.length, dropped, counts: { error, warning: issues.length - error }, ignoredColumns: [...ignoredColumns] };
  return kind !== undefined && dropped > 0 && dropped * 2 > count ? { ...base, diagnosis: diagnose(kind, issues, count, dropped) } : base;
}
