/**
 * Row issues: what a loader reports about one bad row of a file. They are values in the load result
 * (a bad row never loses the batch); strict mode turns the first one into a {@link BuyerMatchError}.
 */
import { BuyerMatchError, type BuyerMatchIssue, type BuyerMatchIssueCode } from "../schema/errors.js";

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
  readonly message: string;
}

/**
 * Renders a row issue as one readable line: `row 5, column product1_hs: "87A" is not ...`.
 *
 * @param issue - the issue
 * @param source - an optional file name to put in front
 * @returns one line of text
 * @example
 * formatRowIssue({ row: 5, column: "country", code: "invalid_code", message: "\"XX\" is not ..." }, "buyers.csv");
 * // 'buyers.csv row 5, column country: "XX" is not ...'
 */
export function formatRowIssue(issue: RowIssue, source?: string): string {
  const where = issue.row === 0 ? "the file" : `row ${issue.row}`;
  const column = issue.column === "" ? "" : `, column ${issue.column}`;
  return `${source === undefined ? "" : `${source} `}${where}${column}: ${issue.message}`;
}

/**
 * Converts row issues into the library's error type; the path is `rows[<row>].<column>`.
 *
 * @param issues - a non-empty list of row issues
 * @returns one error listing them all
 * @example
 * throw rowIssuesError([{ row: 3, column: "id", code: "duplicate_id", message: "\"a\" appears more than once" }]);
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
