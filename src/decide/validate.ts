/**
 * Shared boundary checks for the decision tools: numeric matrices and vectors. Each check returns
 * every issue it finds with its path, so a caller can report a whole bad input in one error. Also the
 * one id order the decision tools break ties with.
 */
import { z } from "zod";
import { FiniteNumberSchema } from "../schema/common.js";
import type { BuyerMatchIssue, IssuePath } from "../schema/errors.js";
import { safeParseWith } from "../schema/errors.js";

const NumberRowSchema = z.array(FiniteNumberSchema, { error: "must be an array of numbers" });
const NumberMatrixSchema = z.array(NumberRowSchema, { error: "must be an array of rows (arrays of numbers)" });

/** A matrix of finite numbers that passed {@link checkMatrix}: rectangular, at least one row and column. */
export type CheckedMatrix = readonly (readonly number[])[];

/**
 * Checks a rectangular matrix of finite numbers with at least one row and one column.
 *
 * @param value - the input as given by the caller
 * @param path - where the input sits, for issue paths
 * @param issues - collects every problem found
 * @returns the matrix when its shape and cells are valid, otherwise `undefined`
 * @example
 * const issues: BuyerMatchIssue[] = [];
 * checkMatrix([[1, 2], [3]], ["matrix"], issues); // undefined; issues[0].path = ["matrix", 1]
 */
export function checkMatrix(value: unknown, path: IssuePath, issues: BuyerMatchIssue[]): CheckedMatrix | undefined {
  const parsed = safeParseWith(NumberMatrixSchema, value, path);
  if (!parsed.success) {
    issues.push(...parsed.issues);
    // Shape problems are still worth reporting alongside bad cells, so inspect the raw rows too.
    if (Array.isArray(value)) checkRagged(value, path, issues);
    return undefined;
  }
  const matrix = parsed.data;
  if (matrix.length === 0) {
    issues.push({ code: "invalid_matrix", path, message: "must have at least one row" });
    return undefined;
  }
  const before = issues.length;
  checkRagged(matrix, path, issues);
  if ((matrix[0]?.length ?? 0) === 0) issues.push({ code: "invalid_matrix", path: [...path, 0], message: "must have at least one column" });
  return issues.length === before ? matrix : undefined;
}

function checkRagged(rows: readonly unknown[], path: IssuePath, issues: BuyerMatchIssue[]): void {
  const first = rows[0];
  if (!Array.isArray(first)) return;
  const width = first.length;
  rows.forEach((row, index) => {
    if (Array.isArray(row) && row.length !== width) {
      issues.push({ code: "invalid_matrix", path: [...path, index], message: `has ${row.length} entries; row 0 has ${width} (the matrix is ragged)` });
    }
  });
}

/**
 * Checks a vector of finite numbers, optionally of a required length and non-negative.
 *
 * @param value - the input as given by the caller
 * @param path - where the input sits, for issue paths
 * @param issues - collects every problem found
 * @param options - `length`: the required length; `nonNegative`: reject negative entries
 * @returns the vector when valid, otherwise `undefined`
 * @example
 * checkVector([1, -1], ["weights"], issues, { length: 2, nonNegative: true, what: "weights" }); // undefined
 */
export function checkVector(
  value: unknown,
  path: IssuePath,
  issues: BuyerMatchIssue[],
  options: { readonly length?: number; readonly nonNegative?: boolean; readonly what: string },
): readonly number[] | undefined {
  const parsed = safeParseWith(NumberRowSchema, value, path);
  if (!parsed.success) {
    issues.push(...parsed.issues);
    return undefined;
  }
  const vector = parsed.data;
  const before = issues.length;
  if (options.length !== undefined && vector.length !== options.length) {
    issues.push({ code: "invalid_input", path, message: `has ${vector.length} ${options.what}; the matrix has ${options.length} columns` });
  }
  if (options.nonNegative === true) {
    vector.forEach((entry, index) => {
      if (entry < 0) issues.push({ code: "out_of_range", path: [...path, index], message: `must be ≥ 0 (got ${entry})` });
    });
  }
  return issues.length === before ? vector : undefined;
}

/**
 * Checks optional labels: distinct non-empty strings, one per item.
 *
 * @param value - the labels as given (`undefined` when the caller gave none)
 * @param length - how many items there are
 * @param path - where the labels sit, for issue paths
 * @param issues - collects every problem found
 * @returns the labels when given and valid, otherwise `undefined`
 * @example
 * checkLabels(["a", "a"], 2, ["labels"], issues); // undefined; a duplicate_id issue at ["labels", 1]
 */
export function checkLabels(value: unknown, length: number | undefined, path: IssuePath, issues: BuyerMatchIssue[]): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const parsed = safeParseWith(z.array(z.string().trim().min(1, "must be a non-empty string"), { error: "must be an array of strings" }), value, path);
  if (!parsed.success) {
    issues.push(...parsed.issues);
    return undefined;
  }
  const labels = parsed.data;
  const before = issues.length;
  if (length !== undefined && labels.length !== length) {
    issues.push({ code: "invalid_input", path, message: `has ${labels.length} labels for ${length} items` });
  }
  const seen = new Map<string, number>();
  labels.forEach((label, index) => {
    const first = seen.get(label);
    if (first === undefined) seen.set(label, index);
    else issues.push({ code: "duplicate_id", path: [...path, index], message: `${JSON.stringify(label)} repeats label ${first}` });
  });
  return issues.length === before ? labels : undefined;
}

/**
 * Plain string order (`<` on UTF-16 code units, not locale order): the tie-break by id used everywhere
 * in buyermatch, so results do not depend on the runtime's locale.
 *
 * @param a - one id
 * @param b - the other id
 * @returns negative, 0 or positive, for `Array.prototype.sort`
 * @example
 * ["b", "a", "B"].sort(compareIds); // ["B", "a", "b"]
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
