/**
 * The CSV column layouts: how the cells of one row become a company, buyer, session or outcome
 * object, and which column each field came from (so a schema problem is reported at its column).
 *
 * Headers are matched without regard to case, spaces, `_` or `-`: `meetingBudget`, `meeting_budget`
 * and `Meeting Budget` are one column. Lists are `;`-separated cells. Products and needs are numbered
 * column groups (`product1_name`, `product1_hs`, `product1_naics`, `product1_keywords`, `product2_...`)
 * or one `products` cell of `;`-separated entries such as `Brake pads (HS 870830)`. Codes stay text,
 * so "0203" keeps its leading zero.
 */
import type { RowIssue } from "./issues.js";
import { loadReasonText, type LoadReason } from "./messages.js";

/** An issue's reason and its English message, together. */
function said(reason: LoadReason): { reason: LoadReason; message: string } {
  return { reason, message: loadReasonText(reason) };
}
import { z } from "zod";
import { checkArguments, KindSchema } from "./check.js";
import { closestName } from "./suggest.js";
import { BuyerSchema } from "../schema/buyer.js";
import { CompanySchema } from "../schema/company.js";
import { SessionSchema } from "../plan/input.js";
import { OutcomeSchema } from "../evaluate/outcomes.js";
import { ImportRowSchema } from "../schema/trade.js";

/** The schema each kind of record is loaded with. */
const RECORD_SCHEMAS: ReadonlyMap<RecordKind, z.ZodType> = new Map<RecordKind, z.ZodType>([
  ["companies", CompanySchema],
  ["buyers", BuyerSchema],
  ["sessions", SessionSchema],
  ["outcomes", OutcomeSchema],
  ["imports", ImportRowSchema],
]);

/** The kinds of record the loaders read. */
export type RecordKind = "companies" | "buyers" | "sessions" | "outcomes" | "imports";

type CellType = "text" | "list" | "number" | "boolean";

interface FieldSpec {
  readonly key: string;
  readonly type: CellType;
}

const text = (key: string): FieldSpec => ({ key, type: "text" });
const list = (key: string): FieldSpec => ({ key, type: "list" });
const number = (key: string): FieldSpec => ({ key, type: "number" });
const boolean = (key: string): FieldSpec => ({ key, type: "boolean" });

const PLACE_FIELDS = [text("id"), text("name"), text("country"), text("region"), text("city"), list("sectors"), text("tier"), list("languages")];

/** Plain fields per kind, by their property name (the header may spell it in any case or with `_`). */
const FIELDS: Readonly<Record<RecordKind, readonly FieldSpec[]>> = {
  companies: [...PLACE_FIELDS, list("certifications"), list("targetMarkets"), number("meetingBudget"), list("customers")],
  buyers: [
    ...PLACE_FIELDS,
    list("requiredCertifications"),
    list("sourcingCountries"),
    boolean("verified"),
    number("meetingCapacity"),
    boolean("online"),
    list("availability"),
    text("group"),
    list("customers"),
  ],
  sessions: [text("id"), text("city"), text("date"), text("start"), number("slotMinutes"), number("slots"), number("tables"), text("region"), text("venue"), number("radiusKm")],
  outcomes: [text("companyId"), text("buyerId"), text("stage"), number("value")],
  imports: [text("buyerId"), text("hs"), text("origin"), number("shipments"), number("value"), text("lastDate")],
};

/** Columns a file of each kind must have; without them no row can be valid. */
export const REQUIRED_COLUMNS: Readonly<Record<RecordKind, readonly string[]>> = {
  companies: ["id", "name", "country"],
  buyers: ["id", "name", "country"],
  sessions: ["id", "city", "date", "start", "slotMinutes", "slots", "tables"],
  outcomes: ["companyId", "buyerId", "stage"],
  imports: ["buyerId", "hs"],
};

/** The item list of each kind (products of a company, needs of a buyer). */
const ITEM_LIST: Partial<Record<RecordKind, { readonly key: string; readonly prefix: string }>> = {
  companies: { key: "products", prefix: "product" },
  buyers: { key: "needs", prefix: "need" },
};

const ITEM_PARTS = ["name", "hs", "naics", "keywords"] as const;
type ItemPart = (typeof ITEM_PARTS)[number];

/** Header → comparison key: lower case, letters and digits only. */
export function headerKey(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

const LOCATION_ALIASES: ReadonlyMap<string, "lat" | "lon"> = new Map([
  ["lat", "lat"],
  ["latitude", "lat"],
  ["lon", "lon"],
  ["lng", "lon"],
  ["long", "lon"],
  ["longitude", "lon"],
]);

/** Each kind's plain fields by the comparison key of their name (header text is looked up in a Map, never in an object). */
const FIELDS_BY_KEY: ReadonlyMap<RecordKind, ReadonlyMap<string, FieldSpec>> = new Map(
  (Object.keys(FIELDS) as RecordKind[]).map((kind) => [kind, new Map(FIELDS[kind].map((spec) => [headerKey(spec.key), spec]))]),
);

/** The column names a header of `kind` may use, for "did you mean" hints. */
function knownColumns(kind: RecordKind, key: string): string[] {
  const names = FIELDS[kind].map((spec) => spec.key);
  if (kind === "companies" || kind === "buyers") {
    names.push("lat", "lon");
    const items = ITEM_LIST[kind]!;
    names.push(items.key);
    const numbered = new RegExp(`^${items.prefix}(\\d+)`).exec(key);
    const index = numbered === null ? "1" : numbered[1]!;
    for (const part of ITEM_PARTS) names.push(`${items.prefix}${index}_${part}`);
  }
  if (kind === "companies") names.push("readiness");
  return names;
}

/** What one column of the header does. */
type ColumnAction =
  | { readonly kind: "field"; readonly field: FieldSpec }
  | { readonly kind: "location"; readonly axis: "lat" | "lon" }
  | { readonly kind: "item"; readonly index: number; readonly part: ItemPart }
  | { readonly kind: "itemCell" }
  | { readonly kind: "readiness" }
  | { readonly kind: "rubric"; readonly item: string }
  | { readonly kind: "ignore" };

/** The header of a CSV file, resolved once for all of its rows. */
export interface HeaderPlan {
  readonly kind: RecordKind;
  readonly headers: readonly string[];
  readonly actions: readonly ColumnAction[];
  /** Columns that match nothing in the layout; their cells are not read. */
  readonly ignored: readonly string[];
  /** Problems with the header itself (a duplicate column, a missing required column). */
  readonly issues: readonly RowIssue[];
  /** Required columns the header lacks; with any, no row can be valid. */
  readonly missingRequired: readonly string[];
  /** Whether a number may use a decimal comma (`44,902691`): in files separated by `;` or tab. */
  readonly decimalComma: boolean;
}

function actionFor(kind: RecordKind, header: string): ColumnAction | undefined {
  const key = headerKey(header);
  const field = FIELDS_BY_KEY.get(kind)!.get(key);
  if (field !== undefined) return { kind: "field", field };
  const axis = LOCATION_ALIASES.get(key);
  if (kind === "sessions" && axis !== undefined) return { kind: "location", axis };
  if (kind === "companies" || kind === "buyers") {
    if (axis !== undefined) return { kind: "location", axis };
    const items = ITEM_LIST[kind]!;
    if (key === items.key || key === items.prefix) return { kind: "itemCell" };
    const numbered = new RegExp(`^${items.prefix}(\\d+)(name|hs|naics|keywords)?$`).exec(key);
    if (numbered !== null && Number(numbered[1]) >= 1) {
      return { kind: "item", index: Number(numbered[1]) - 1, part: (numbered[2] ?? "name") as ItemPart };
    }
  }
  if (kind === "companies") {
    if (key === "readiness") return { kind: "readiness" };
    const rubric = /^\s*readiness[\s_.:-]+(.+?)\s*$/i.exec(header.normalize("NFKC"));
    if (rubric !== null) return { kind: "rubric", item: rubric[1]! };
  }
  return undefined;
}

/** What a column fills in; two columns that fill in the same thing are a duplicate. */
function identityOf(action: ColumnAction): string {
  switch (action.kind) {
    case "field":
      return action.field.key;
    case "location":
      return action.axis;
    case "item":
      return `item ${action.index} ${action.part}`;
    case "rubric":
      return `rubric ${action.item}`;
    default:
      return action.kind;
  }
}

/**
 * Resolves a CSV header against the layout of `kind`.
 *
 * @param kind - what the file holds
 * @param headers - the header cells as written
 * @returns what each column does, the ignored columns and any header problems
 * @example
 * planHeader("companies", ["id", "name", "country", "product1_hs"]).actions[3]; // { kind: "item", index: 0, part: "hs" }
 */
export function planHeader(kind: RecordKind, headers: readonly string[], delimiter = ","): HeaderPlan {
  const issues: RowIssue[] = [];
  const ignored: string[] = [];
  const seen = new Map<string, string>();
  const actions = headers.map((header): ColumnAction => {
    const trimmed = header.trim();
    if (trimmed === "") return { kind: "ignore" };
    const action = actionFor(kind, trimmed);
    if (action === undefined) {
      ignored.push(trimmed);
      const suggestion = closestName(trimmed, knownColumns(kind, headerKey(trimmed)), headerKey);
      issues.push({
        row: 1,
        column: trimmed,
        code: "unknown_field",
        severity: "warning",
        ...said(suggestion === undefined ? { code: "unknown_column" } : { code: "unknown_column", suggestion }),
      });
      return { kind: "ignore" };
    }
    // The comparison key of the action, so "meetingBudget" and "meeting_budget" count as one column.
    const identity = identityOf(action);
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      issues.push({ row: 1, column: trimmed, code: "invalid_input", severity: "warning", ...said({ code: "repeated_column", earlier }) });
      return { kind: "ignore" };
    }
    seen.set(identity, trimmed);
    return action;
  });
  const present = new Set(actions.flatMap((action) => (action.kind === "field" ? [action.field.key] : [])));
  const missingRequired = REQUIRED_COLUMNS[kind].filter((required) => !present.has(required));
  for (const required of missingRequired) {
    issues.push({ row: 1, column: required, code: "invalid_input", severity: "error", ...said({ code: "missing_column", column: required, found: headers.map((header) => header.trim()) }) });
  }
  return { kind, headers: headers.map((header) => header.trim()), actions, ignored, issues, missingRequired, decimalComma: delimiter !== "," };
}

/** One row turned into an object, with where each field came from. */
export interface ConvertedRow {
  readonly value: Record<string, unknown>;
  /** Field path ("products.0.hs") → the column it came from. */
  readonly columns: ReadonlyMap<string, string>;
  /** Cells that could not be read at all (a number that is not a number), each with the field it was for. */
  readonly issues: readonly CellIssue[];
}

/** A cell that could not be read, and the top-level field it would have filled. */
export interface CellIssue extends RowIssue {
  readonly field: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

function splitList(cell: string): string[] {
  return cell
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/**
 * "Brake pads (HS 870830)" → { name, hs }; "Hubs (NAICS 336350)" → { name, naics }; "Bolts" → { name }.
 * A code-shaped token that is not a valid code ("(HS 87A830)") is still split off as the code, so the
 * schema reports it instead of it hiding inside the name.
 */
function parseItemEntry(entry: string): Record<string, unknown> {
  const match = /^(.*?)\s*\(\s*(?:(hs|naics)\b\s*:?\s*([^()]*?)|([0-9][^()]*?))\s*\)$/i.exec(entry);
  if (match === null || match[1]!.trim() === "") return { name: entry };
  const code = (match[3] ?? match[4] ?? "").trim();
  return (match[2] ?? "hs").toLowerCase() === "naics" ? { name: match[1], naics: code } : { name: match[1], hs: code };
}

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const GROUPED_DECIMAL_COMMA = /^[+-]?\d{1,3}(\.\d{3})+,\d+$/;

/**
 * Turns the cells of one CSV row into the object the schema of `kind` expects. Empty cells leave the
 * field out; numbers and booleans are read here (a cell that is not one is an issue at its column);
 * everything else stays text for the schema to judge.
 *
 * @param plan - the resolved header
 * @param cells - the row's cells, in header order
 * @param row - the row number, for issues
 * @returns the object, the column of each field, and cell issues
 * @example
 * const converted = convertRow(planHeader("buyers", ["id", "name", "country"]), ["b1", "Acme", "US"], 2);
 */
export function convertRow(plan: HeaderPlan, cells: readonly string[], row: number): ConvertedRow {
  const value: Record<string, unknown> = {};
  const columns = new Map<string, string>();
  const issues: CellIssue[] = [];
  const items: Record<string, unknown>[] = [];
  const itemColumns: Map<string, string>[] = [];
  let itemCell: { entries: Record<string, unknown>[]; column: string } | undefined;
  let rubric: Map<string, number> | undefined;
  const location: Partial<Record<"lat" | "lon", unknown>> = {};
  const locationColumns: Partial<Record<"lat" | "lon", string>> = {};

  const readNumber = (cell: string, column: string, field: string): number | undefined => {
    if (NUMBER.test(cell)) return Number(cell);
    if (plan.decimalComma && DECIMAL_COMMA.test(cell)) return Number(cell.replace(",", "."));
    if (plan.decimalComma && GROUPED_DECIMAL_COMMA.test(cell)) return Number(cell.replace(/\./g, "").replace(",", "."));
    issues.push({ row, column, field, code: "invalid_input", severity: "error", ...said({ code: "not_a_number", cell, decimalComma: DECIMAL_COMMA.test(cell) }) });
    return undefined;
  };

  plan.actions.forEach((action, index) => {
    const cell = (cells[index] ?? "").trim();
    const column = plan.headers[index] ?? "";
    if (cell === "" || action.kind === "ignore") return;
    switch (action.kind) {
      case "field": {
        const { key, type } = action.field;
        let parsed: unknown;
        if (type === "text") parsed = cell;
        else if (type === "list") parsed = splitList(cell);
        else if (type === "number") parsed = readNumber(cell, column, key);
        else {
          const lower = cell.toLowerCase();
          parsed = TRUE.has(lower) ? true : FALSE.has(lower) ? false : undefined;
          if (parsed === undefined) issues.push({ row, column, field: key, code: "invalid_input", severity: "error", ...said({ code: "not_a_boolean", cell }) });
        }
        if (parsed === undefined || (Array.isArray(parsed) && parsed.length === 0)) return;
        value[key] = parsed;
        columns.set(key, column);
        return;
      }
      case "location": {
        const parsed = readNumber(cell, column, "location");
        if (parsed === undefined) return;
        location[action.axis] = parsed;
        locationColumns[action.axis] = column;
        return;
      }
      case "item": {
        const item = (items[action.index] ??= {});
        const where = (itemColumns[action.index] ??= new Map());
        item[action.part] = action.part === "keywords" ? splitList(cell) : cell;
        where.set(action.part, column);
        return;
      }
      case "itemCell":
        itemCell = { entries: splitList(cell).map(parseItemEntry), column };
        return;
      case "readiness": {
        const parsed = readNumber(cell, column, "readiness");
        if (parsed === undefined) return;
        value["readiness"] = parsed;
        columns.set("readiness", column);
        return;
      }
      case "rubric": {
        const parsed = readNumber(cell, column, "readiness");
        if (parsed === undefined) return;
        // Rubric items are user text: gathered in a Map, turned into an object with own properties only.
        rubric ??= new Map();
        rubric.set(action.item, parsed);
        columns.set(`readiness.${action.item}`, column);
        return;
      }
    }
  });

  if (location.lat !== undefined || location.lon !== undefined) {
    value["location"] = { ...location };
    columns.set("location", locationColumns.lat ?? locationColumns.lon ?? "lat");
    // A missing half of the pair is reported at the column that should have held it.
    columns.set("location.lat", locationColumns.lat ?? "lat");
    columns.set("location.lon", locationColumns.lon ?? "lon");
  }
  if (rubric !== undefined) {
    if (value["readiness"] !== undefined) {
      issues.push({ row, column: columns.get("readiness") ?? "readiness", field: "readiness", code: "invalid_input", severity: "error", ...said({ code: "readiness_twice" }) });
    } else value["readiness"] = Object.fromEntries(rubric);
  }

  const listSpec = ITEM_LIST[plan.kind]?.key;
  if (listSpec !== undefined) {
    const collected: Record<string, unknown>[] = [];
    if (itemCell !== undefined) {
      for (const entry of itemCell.entries) {
        const at = collected.length;
        collected.push(entry);
        columns.set(`${listSpec}.${at}`, itemCell.column);
      }
    }
    // Numbered groups keep their order; an empty group (a product3 with nothing in it) is skipped.
    items.forEach((item, index) => {
      if (item === undefined) return;
      const at = collected.length;
      collected.push(item);
      const where = itemColumns[index]!;
      columns.set(`${listSpec}.${at}`, where.get("name") ?? [...where.values()][0]!);
      for (const [part, column] of where) columns.set(`${listSpec}.${at}.${part}`, column);
      if (where.get("name") === undefined) columns.set(`${listSpec}.${at}.name`, [...where.values()][0]!);
    });
    if (collected.length > 0) {
      value[listSpec] = collected;
      columns.set(listSpec, itemCell?.column ?? columns.get(`${listSpec}.0`) ?? listSpec);
    }
  }
  return { value, columns, issues };
}

/**
 * The column a schema problem belongs to: the column of the longest known prefix of its path.
 *
 * @param columns - field path → column, from {@link convertRow}
 * @param path - the problem's path in the object
 * @returns the column name, or the dotted path when no column produced it (a required field left empty)
 * @example
 * columnOf(new Map([["products.0.hs", "product1_hs"]]), ["products", 0, "hs"]); // "product1_hs"
 */
export function columnOf(columns: ReadonlyMap<string, string>, path: readonly PropertyKey[]): string {
  for (let length = path.length; length > 0; length--) {
    const key = path.slice(0, length).map(String).join(".");
    const column = columns.get(key);
    if (column !== undefined) return column;
  }
  return path.map(String).join(".");
}

/** A table in the layout: the header and one row of cells per record. */
export interface LayoutTable {
  readonly header: string[];
  readonly rows: (string | number | boolean)[][];
}

function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/**
 * Lays records out as a table in the loaders' layout, so that loading the table gives the records
 * back: plain fields by name, lists joined with `;`, `lat`/`lon`, numbered product or need column
 * groups, and readiness as one number or `readiness_<item>` columns.
 *
 * @param kind - what the records are
 * @param records - companies, buyers, sessions or outcomes (as the schemas accept them)
 * @returns the header and the rows
 * @example
 * recordsToTable("buyers", [{ id: "b1", name: "Acme", country: "US" }]).header; // ["id", "name", "country", ...]
 */
export function recordsToTable(kind: RecordKind, records: readonly object[]): LayoutTable {
  checkArguments([
    [KindSchema, kind, "kind"],
    [z.array(z.record(z.string(), z.unknown(), { error: "must be a record object" }), { error: "must be an array of records" }), records, "records"],
  ]);
  // Each record as the loaders would accept it, so a written table always loads back (no NaN, no Infinity).
  checkArguments([[z.array(RECORD_SCHEMAS.get(kind)!), records, "records"]]);
  const fields = FIELDS[kind].filter((spec) => records.some((record) => own(record, spec.key) !== undefined));
  const hasLocation = (kind === "companies" || kind === "buyers") && records.some((record) => own(record, "location") !== undefined);
  const items = ITEM_LIST[kind];
  const itemCount = items === undefined ? 0 : Math.max(0, ...records.map((record) => (Array.isArray(own(record, items.key)) ? (own(record, items.key) as unknown[]).length : 0)));
  const rubricItems = new Set<string>();
  let readinessNumber = false;
  if (kind === "companies") {
    for (const record of records) {
      const readiness = own(record, "readiness");
      if (typeof readiness === "number") readinessNumber = true;
      else if (readiness !== null && typeof readiness === "object") for (const item of Object.keys(readiness)) rubricItems.add(item);
    }
  }
  const rubric = [...rubricItems].sort();
  const header = [...fields.map((spec) => spec.key), ...(hasLocation ? ["lat", "lon"] : []), ...(readinessNumber ? ["readiness"] : []), ...rubric.map((item) => `readiness_${item}`)];
  for (let index = 1; index <= itemCount; index++) for (const part of ITEM_PARTS) header.push(`${items!.prefix}${index}_${part}`);
  const rows = records.map((record) => {
    const row: (string | number | boolean)[] = fields.map((spec) => {
      const value = own(record, spec.key);
      if (value === undefined || value === null) return "";
      if (spec.type === "list") return Array.isArray(value) ? value.join(";") : String(value);
      return typeof value === "number" || typeof value === "boolean" ? value : String(value);
    });
    if (hasLocation) {
      const location = own(record, "location") as { lat?: number; lon?: number } | undefined;
      row.push(location?.lat ?? "", location?.lon ?? "");
    }
    const readiness = kind === "companies" ? own(record, "readiness") : undefined;
    if (readinessNumber) row.push(typeof readiness === "number" ? readiness : "");
    for (const item of rubric) {
      const value = readiness !== null && typeof readiness === "object" ? own(readiness, item) : undefined;
      row.push(typeof value === "number" ? value : "");
    }
    const list = items === undefined ? [] : ((own(record, items.key) as Record<string, unknown>[] | undefined) ?? []);
    for (let index = 0; index < itemCount; index++) {
      const item = list[index];
      for (const part of ITEM_PARTS) {
        const value = item === undefined ? undefined : own(item, part);
        row.push(value === undefined ? "" : Array.isArray(value) ? value.join(";") : String(value));
      }
    }
    return row;
  });
  return { header, rows };
}
