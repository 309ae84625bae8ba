/**
 * The one adapter to exceljs (loaded on first use, so CSV users never pay for it). Reading streams a
 * sheet row by row (exceljs' WorkbookReader: the zip is read once, shared strings are cached, cells
 * arrive as values); writing builds a workbook whose text cells are text cells — exceljs only writes a
 * formula when given `{ formula }`, which this file never does — and every text that a spreadsheet
 * would read as a formula is neutralised first (see `neutralizeCell` in neutralize.ts).
 */
import { Readable } from "node:stream";
import { BuyerMatchError } from "../schema/errors.js";
import { z } from "zod";
import { checkArguments, SheetSchema } from "./check.js";
import { neutral, type Cell } from "./neutralize.js";

type ExcelModule = typeof import("exceljs");

let excel: Promise<ExcelModule> | undefined;
async function loadExcel(): Promise<ExcelModule> {
  // exceljs is CommonJS: its namespace is the default export when imported from ESM.
  excel ??= import("exceljs").then((module) => ((module as unknown as { default?: ExcelModule }).default ?? module) as ExcelModule);
  return excel;
}

/** One row of a sheet, numbered as Excel shows it. */
export interface SheetRow {
  readonly row: number;
  readonly cells: string[];
}

function pad2(value: number): string {
  return String(value).padStart(2, "0");
}

/** A cell's value as the text a CSV cell of the same sheet would hold. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    const date = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
    const time = `${pad2(value.getUTCHours())}:${pad2(value.getUTCMinutes())}`;
    // Excel keeps a time of day as a fraction of the day 1899-12-30; a date has no time part.
    if (date === "1899-12-30") return time;
    return time === "00:00" && value.getUTCSeconds() === 0 ? date : `${date} ${time}`;
  }
  if (typeof value === "object") {
    const object = value as { richText?: { text?: unknown }[]; text?: unknown; result?: unknown; error?: unknown };
    if (Array.isArray(object.richText)) return object.richText.map((part) => (typeof part.text === "string" ? part.text : "")).join("");
    if ("result" in object) return cellText(object.result);
    if (typeof object.text === "string") return object.text;
    if (typeof object.error === "string") return object.error;
  }
  return String(value);
}

/**
 * Streams the rows of one sheet of an .xlsx workbook as text cells.
 *
 * @param bytes - the workbook's bytes
 * @param sheet - the sheet's name; default the first sheet
 * @param file - the file name, for messages
 * @returns the non-empty rows, in order, with Excel's row numbers
 * @throws BuyerMatchError when the bytes are not a workbook or the sheet does not exist
 * @example
 * for await (const row of sheetRows(createReadStream("buyers.xlsx"))) console.log(row.row, row.cells);
 */
export async function* sheetRows(bytes: AsyncIterable<Uint8Array>, sheet?: string, file?: string): AsyncGenerator<SheetRow> {
  const { stream } = await loadExcel();
  const reader = new stream.xlsx.WorkbookReader(Readable.from(bytes), { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" });
  const seen: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = String((worksheet as unknown as { name?: unknown }).name ?? "");
      seen.push(name);
      if (found || (sheet !== undefined && name.trim().toLowerCase() !== sheet.trim().toLowerCase())) {
        // Sheets must still be read through for the reader to move on.
        for await (const _row of worksheet) void _row;
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const values = (row as unknown as { values: unknown[] }).values;
        const cells: string[] = [];
        for (let index = 1; index < values.length; index++) cells.push(cellText(values[index]));
        while (cells.length > 0 && cells[cells.length - 1]!.trim() === "") cells.pop();
        if (cells.length === 0) continue;
        yield { row: (row as unknown as { number: number }).number, cells };
      }
    }
  } catch (error) {
    if (error instanceof BuyerMatchError) throw error;
    throw new BuyerMatchError([{ code: "invalid_input", path: ["source"], message: `${file ?? "the input"} could not be read as an Excel workbook (.xlsx): ${(error as Error).message}` }]);
  }
  if (!found) {
    const where = file ?? "the workbook";
    throw new BuyerMatchError([
      {
        code: "invalid_input",
        path: ["sheet"],
        message: sheet === undefined ? `${where} has no sheet` : `${where} has no sheet named ${JSON.stringify(sheet)} (its sheets: ${seen.map((each) => JSON.stringify(each)).join(", ") || "none"})`,
      },
    ]);
  }
}

/** One sheet to write: a name, a header and rows of cells. */
export interface SheetData {
  readonly name: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/**
 * Writes sheets into an .xlsx workbook. Text cells are neutralised against formula injection and
 * stored as text; numbers and booleans as numbers and booleans.
 *
 * @param sheets - the sheets, in order
 * @param path - a file to stream the workbook into; without it the bytes are returned
 * @returns the workbook's bytes (empty when written to `path`)
 * @example
 * await writeWorkbook([{ name: "matches", header: ["id", "score"], rows: [["a", 0.5]] }], "matches.xlsx");
 */
export async function writeWorkbook(sheets: readonly SheetData[], path?: string): Promise<Uint8Array> {
  checkArguments([
    [z.array(SheetSchema, { error: "must be an array of sheets" }).min(1, "must hold at least one sheet"), sheets, "sheets"],
    [z.string().min(1, "must be a file path").optional(), path, "path"],
  ]);
  const module = await loadExcel();
  const asCell = (value: Cell): string | number | boolean | null => (typeof value === "string" ? neutral(value) : typeof value === "number" && !Number.isFinite(value) ? null : value);
  if (path !== undefined) {
    const writer = new module.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
    for (const sheet of sheets) {
      const worksheet = writer.addWorksheet(sheetName(sheet.name));
      worksheet.addRow(sheet.header.map((title) => neutral(title))).commit();
      for (const row of sheet.rows) worksheet.addRow(row.map(asCell)).commit();
      worksheet.commit();
    }
    await writer.commit();
    return new Uint8Array(0);
  }
  const workbook = new module.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name));
    worksheet.addRow(sheet.header.map((title) => neutral(title)));
    for (const row of sheet.rows) worksheet.addRow(row.map(asCell));
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Excel's sheet-name rules: at most 31 characters, none of `[]:*?/\`. */
function sheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31);
  return cleaned === "" ? "Sheet1" : cleaned;
}
