/**
 * Row issues: what a loader reports about one bad row of a file. They are values in the load result
 * (a bad row never loses the batch); strict mode turns the first one into a {@link BuyerMatchError}.
 */
import { z } from "zod";
import { BuyerMatchError, type BuyerMatchIssue, type BuyerMatchIssueCode } from "../schema/errors.js";
import { checkArguments } from "./check.js";
import { LoadReasonSchema, loadReasonText, type LoadReason } from "./messages.js";
import type { Locale } from "../criteria/types.js";

/**
 * How bad a problem is. An `error` drops the row (a required field is bad, or the row cannot be read);
 * a `warning` keeps the row and names what was dropped or ignored (one bad optional value, an unknown
 * column, a row that looks cut short).
 */
export type IssueSeverity = "error" | "warning";

/** One problem with one row of a file. */
export interface RowIssue {
  /**
   * Where the row starts: the line number in a CSV or JSONL file (the CSV header is row 1, so the first
   * data row is row 2, as a spreadsheet numbers it), the 1-based record number in a JSON array, and 0
   * for a problem with the whole file (unreadable JSON, a missing header).
   */
  readonly row: number;
  /** The CSV column as written in the header ("product1_hs"), or the field path in JSON ("products[0].hs"); "" for the whole row. */
  readonly column: string;
  readonly code: BuyerMatchIssueCode;
  readonly severity: IssueSeverity;
  readonly message: string;
  /** The record's id, when the row has one. */
  readonly id?: string;
  /** The message as data (`{ code, ...params }`): rendered in English as `message`, in Korean by `formatRowIssue(issue, file, "ko")`. */
  readonly reason?: LoadReason;
}

/** A row issue as the loaders write it (row numbers whole and ≥ 0: 0 is the file itself). */
const RowIssueSchema = z.object({
  row: z.int().min(0),
  column: z.string(),
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  id: z.string().optional(),
  reason: LoadReasonSchema.optional(),
});

/**
 * Renders a row issue as one readable line: `row 5, column product1_hs: "87A" is not ...`.
 *
 * @param issue - the issue
 * @param source - an optional file name to put in front
 * @param locale - "en" (default) or "ko": in Korean the row, the column and the issue's `reason` are worded in Korean
 * @returns one line of text
 * @example
 * formatRowIssue({ row: 5, column: "country", code: "invalid_code", severity: "error", message: "\"XX\" is not ..." }, "buyers.csv");
 * // 'buyers.csv row 5, column country: "XX" is not ...'
 */
export function formatRowIssue(issue: RowIssue, source?: string, locale: Locale = "en"): string {
  checkArguments([
    [RowIssueSchema, issue, "issue"],
    [z.string({ error: "must be a file name" }).optional(), source, "source"],
    [z.enum(["en", "ko"], { error: 'must be "en" or "ko"' }), locale, "locale"],
  ]);
  if (locale === "ko") {
    const where = (issue.row === 0 ? "파일" : `${issue.row}행`) + (issue.id === undefined ? "" : ` (id ${issue.id})`);
    const column = issue.column === "" ? "" : `, ${issue.column} 열`;
    // An issue without a reason (made by hand) keeps its message.
    const text = issue.reason === undefined ? issue.message : loadReasonText(issue.reason, "ko");
    return `${source === undefined ? "" : `${source} `}${where}${column}: ${text}`;
  }
  const where = (issue.row === 0 ? "the file" : `row ${issue.row}`) + (issue.id === undefined ? "" : ` (id ${issue.id})`);
  const column = issue.column === "" ? "" : `, column ${issue.column}`;
  return `${source === undefined ? "" : `${source} `}${where}${column}: ${issue.message}`;
}

/**
 * Converts row issues into the library's error type; the path is `rows[<row>].<column>`.
 *
 * @param issues - a non-empty list of row issues
 * @returns one error listing them all
 * @example
 * throw rowIssuesError([{ row: 3, column: "id", code: "duplicate_id", severity: "error", message: "\"a\" appears more than once" }]);
 */
export function rowIssuesError(issues: readonly [RowIssue, ...RowIssue[]]): BuyerMatchError {
  const converted = issues.map(
    (issue): BuyerMatchIssue => ({
      code: issue.code,
      path: issue.column === "" ? ["rows", issue.row] : ["rows", issue.row, issue.column],
      message: formatRowIssue(issue),
    }),
  );
  return new BuyerMatchError(converted as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
}

/**
 * Lays issues out as a table (for `--issues FILE`, CSV or xlsx): severity, row, id, column, code and
 * message, one issue per row.
 *
 * @param issues - the issues, in file order
 * @param file - the file they are about, as a first column
 * @returns the header and the rows
 * @example
 * const { header, rows } = issuesToTable(result.issues, "buyers.csv");
 */
export function issuesToTable(issues: readonly RowIssue[], file: string): { header: string[]; rows: (string | number)[][] } {
  checkArguments([
    [z.array(RowIssueSchema, { error: "must be an array of row issues" }), issues, "issues"],
    [z.string({ error: "must be a file name" }), file, "file"],
  ]);
  return {
    header: ["file", "severity", "row", "id", "column", "code", "message"],
    rows: issues.map((issue) => [file, issue.severity, issue.row, issue.id ?? "", issue.column, issue.code, issue.message]),
  };
}
