/**
 * Output cells that cannot attack the reader (CSV / formula injection, OWASP). Names come from
 * registration forms and third-party lists; a spreadsheet that opens a CSV file runs a cell such as
 * `=HYPERLINK("http://x","click")` or `@SUM(1+1)*cmd|' /C calc'!A0` as a formula. Every text cell
 * that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe
 * (`'=HYPERLINK(...)`), which spreadsheets show as text. Numbers are written as numbers and are not
 * touched, so a negative number stays a number.
 */

import { z } from "zod";
import { checkArguments, HeaderSchema, RowsSchema } from "./check.js";

/** A value of one output cell: text is neutralised, numbers and booleans are written as they are. */
export type Cell = string | number | boolean;

const DANGEROUS_START = /^[=+\-@\t\r]/;

/**
 * Neutralises one text cell against formula injection.
 *
 * @param text - the cell's text
 * @returns the text, with a leading `'` when it begins with `=`, `+`, `-`, `@`, a tab or a carriage return
 * @example
 * neutralizeCell('=HYPERLINK("http://x","click")'); // `'=HYPERLINK("http://x","click")`
 * neutralizeCell("Hanil Brake"); // "Hanil Brake"
 */
export function neutralizeCell(text: string): string {
  checkArguments([[z.string({ error: "must be a string" }), text, "text"]]);
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** {@link neutralizeCell} without the argument check, for the writers' inner loops. */
export function neutral(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

function quoteField(text: string, delimiter: string): string {
  return text.includes('"') || text.includes(delimiter) || text.includes("\n") || text.includes("\r") ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes rows as RFC 4180 CSV with CRLF line ends; text cells are neutralised against formula
 * injection (see the module notes), numbers are written with `String(number)`.
 *
 * @param header - the column names
 * @param rows - the cells
 * @param delimiter - the separator (default `,`)
 * @returns the CSV text
 * @example
 * toCsvText(["name", "score"], [["=1+1", 0.5]]); // "name,score\r\n'=1+1,0.5\r\n"
 */
export function toCsvText(header: readonly string[], rows: readonly (readonly Cell[])[], delimiter = ","): string {
  checkArguments([
    [HeaderSchema, header, "header"],
    [RowsSchema, rows, "rows"],
    [z.string().length(1, "must be one character"), delimiter, "delimiter"],
  ]);
  const field = (value: Cell): string => (typeof value === "string" ? quoteField(neutral(value), delimiter) : typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value));
  const lines = [header.map((title) => quoteField(neutral(title), delimiter)).join(delimiter)];
  for (const row of rows) lines.push(row.map(field).join(delimiter));
  return lines.join("\r\n") + "\r\n";
}
