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

/** The kinds of record the loaders read. */
export type RecordKind = "companies" | "buyers" | "sessions" | "outcomes";

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
  companies: [...PLACE_FIELDS, list("certifications"), list("targetMarkets"), number("meetingBudget")],
  buyers: [
    ...PLACE_FIELDS,
    list("requiredCertifications"),
    list("sourcingCountries"),
    boolean("verified"),
    number("meetingCapacity"),
    boolean("online"),
    list("availability"),
  ],
  sessions: [text("id"), text("city"), text("date"), text("start"), number("slotMinutes"), number("slots"), number("tables"), text("region"), text("venue"), number("radiusKm")],
  outcomes: [text("companyId"), text("buyerId"), text("stage"), number("value")],
};

/** Columns a file of each kind must have; without them no row can be valid. */
export const REQUIRED_COLUMNS: Readonly<Record<RecordKind, readonly string[]>> = {
  companies: ["id", "name", "country"],
  buyers: ["id", "name", "country"],
  sessions: ["id", "city", "date", "start", "slotMinutes", "slots", "tables"],
  outcomes: ["companyId", "buyerId", "stage"],
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

const LOCATION_ALIASES: Record<string, "lat" | "lon"> = { lat: "lat", latitude: "lat", lon: "lon", lng: "lon", long: "lon", longitude: "lon" };

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
}

function actionFor(kind: RecordKind, header: string): ColumnAction | undefined {
  const key = headerKey(header);
  const field = FIELDS[kind].find((spec) => headerKey(spec.key) === key);
  if (field !== undefined) return { kind: "field", field };
  if (kind === "sessions" && LOCATION_ALIASES[key] !== undefined) return { kind: "location", axis: LOCATION_ALIASES[key] };
  if (kind === "companies" || kind === "buyers") {
    const axis = LOCATION_ALIASES[key];
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
export function planHeader(kind: RecordKind, headers: readonly string[]): HeaderPlan {
  const issues: RowIssue[] = [];
  const ignored: string[] = [];
  const seen = new Map<string, string>();
  const actions = headers.map((header): ColumnAction => {
    const trimmed = header.trim();
    if (trimmed === "") return { kind: "ignore" };
    const action = actionFor(kind, trimmed);
    if (action === undefined) {
      ignored.push(trimmed);
      return { kind: "ignore" };
    }
    // The comparison key of the action, so "meetingBudget" and "meeting_budget" count as one column.
    const identity = identityOf(action);
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      issues.push({ row: 1, column: trimmed, code: "invalid_input", message: `repeats column ${earlier}; only the first is read` });
      return { kind: "ignore" };
    }
    seen.set(identity, trimmed);
    return action;
  });
  const present = new Set(actions.flatMap((action) => (action.kind === "field" ? [action.field.key] : [])));
  const missingRequired = REQUIRED_COLUMNS[kind].filter((required) => !present.has(required));
  for (const required of missingRequired) {
    issues.push({ row: 1, column: required, code: "invalid_input", message: `the header has no ${required} column (found: ${headers.map((header) => header.trim()).join(", ")})` });
  }
  return { kind, headers: headers.map((header) => header.trim()), actions, ignored, issues, missingRequired };
}

/** One row turned into an object, with where each field came from. */
export interface ConvertedRow {
  readonly value: Record<string, unknown>;
  /** Field path ("products.0.hs") → the column it came from. */
  readonly columns: ReadonlyMap<string, string>;
  /** Cells that could not be read at all (a number that is not a number). */
  readonly issues: readonly RowIssue[];
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

/** "Brake pads (HS 870830)" → { name, hs }; "Hubs (NAICS 336350)" → { name, naics }; "Bolts" → { name }. */
function parseItemEntry(entry: string): Record<string, unknown> {
  const match = /^(.*?)\s*\(\s*(hs|naics)?\s*:?\s*([0-9][0-9.\s-]*)\)$/i.exec(entry);
  if (match === null) return { name: entry };
  const code = match[3]!.trim();
  return (match[2] ?? "hs").toLowerCase() === "naics" ? { name: match[1], naics: code } : { name: match[1], hs: code };
}

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
  const issues: RowIssue[] = [];
  const items: Record<string, unknown>[] = [];
  const itemColumns: Map<string, string>[] = [];
  let itemCell: { entries: Record<string, unknown>[]; column: string } | undefined;
  let rubric: Record<string, unknown> | undefined;
  const location: Partial<Record<"lat" | "lon", unknown>> = {};
  const locationColumns: Partial<Record<"lat" | "lon", string>> = {};

  const readNumber = (cell: string, column: string): number | undefined => {
    if (NUMBER.test(cell)) return Number(cell);
    issues.push({ row, column, code: "invalid_input", message: `${JSON.stringify(cell)} is not a number` });
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
        else if (type === "number") parsed = readNumber(cell, column);
        else {
          const lower = cell.toLowerCase();
          parsed = TRUE.has(lower) ? true : FALSE.has(lower) ? false : undefined;
          if (parsed === undefined) issues.push({ row, column, code: "invalid_input", message: `${JSON.stringify(cell)} is not true or false (write true/false, yes/no or 1/0)` });
        }
        if (parsed === undefined || (Array.isArray(parsed) && parsed.length === 0)) return;
        value[key] = parsed;
        columns.set(key, column);
        return;
      }
      case "location": {
        const parsed = readNumber(cell, column);
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
        const parsed = readNumber(cell, column);
        if (parsed === undefined) return;
        value["readiness"] = parsed;
        columns.set("readiness", column);
        return;
      }
      case "rubric": {
        const parsed = readNumber(cell, column);
        if (parsed === undefined) return;
        rubric ??= {};
        rubric[action.item] = parsed;
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
      issues.push({ row, column: columns.get("readiness") ?? "readiness", code: "invalid_input", message: "give readiness as one number or as readiness_<item> columns, not both" });
    } else value["readiness"] = rubric;
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
