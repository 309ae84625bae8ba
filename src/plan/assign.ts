/**
 * Optimal 1:1 assignment (rectangular linear sum assignment) by shortest augmenting paths with dual
 * potentials, the Jonker–Volgenant family that SciPy's `linear_sum_assignment` also uses (Crouse 2016).
 * Each row is added by one Dijkstra-like scan over the columns, so a dense n × n problem costs O(n³) in
 * the worst case and far less on typical data.
 */
import { z } from "zod";
import { BuyerMatchError, parseWith, type BuyerMatchIssue } from "../schema/errors.js";

/** Options of {@link assign}. */
export interface AssignOptions {
  /** Maximise the total instead of minimising it (default false). */
  readonly maximize?: boolean;
  /** Cells that may not be used, as `[row, col]`. */
  readonly forbidden?: readonly (readonly [number, number])[];
}

/** The optimal assignment: parallel index arrays sorted by row, and the total of the chosen cells. */
export interface Assignment {
  readonly rowIndices: number[];
  readonly colIndices: number[];
  readonly total: number;
}

/** A cost matrix: rows of numbers; `null` marks a forbidden cell. */
export type CostMatrix = readonly (readonly (number | null)[])[];

const OptionsSchema = z.object({
  maximize: z.boolean().optional(),
  forbidden: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).optional(),
});

/**
 * Finds the assignment of rows to columns with the least (or, with `maximize`, the greatest) total.
 * On a rectangular matrix every row of the smaller side is assigned. A cell is forbidden when it is
 * listed in `forbidden`, is `null`, or is `+Infinity` (minimising) / `-Infinity` (maximising).
 *
 * @param costMatrix - rows of equal length; finite numbers, or the forbidden markers above
 * @param options - `maximize`, `forbidden`
 * @returns `{ rowIndices, colIndices, total }`, sorted by row
 * @throws BuyerMatchError `invalid_matrix` (ragged, not numbers), `out_of_range` (NaN, or infinity of
 *   the wrong sign, with the cell's path `["costMatrix", row, col]`), `infeasible` (the smaller side
 *   cannot be fully assigned without a forbidden cell)
 * @example
 * assign([[4, 1, 3], [2, 0, 5], [3, 2, 2]]);
 * // { rowIndices: [0, 1, 2], colIndices: [1, 0, 2], total: 5 }
 */
export function assign(costMatrix: CostMatrix, options: AssignOptions = {}): Assignment {
  const parsedOptions = parseWith(OptionsSchema, options, ["options"]);
  const maximize = parsedOptions.maximize ?? false;
  const issues: BuyerMatchIssue[] = [];
  if (!Array.isArray(costMatrix)) {
    throw new BuyerMatchError([{ code: "invalid_matrix", path: ["costMatrix"], message: "must be an array of rows" }]);
  }
  const rows = costMatrix.length;
  const first = costMatrix[0];
  const cols = rows === 0 || !Array.isArray(first) ? 0 : first.length;
  // Row-major, already oriented so that smaller costs are better.
  const cost = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = costMatrix[i];
    if (!Array.isArray(row)) {
      issues.push({ code: "invalid_matrix", path: ["costMatrix", i], message: "must be an array of numbers" });
      continue;
    }
    if (row.length !== cols) {
      issues.push({ code: "invalid_matrix", path: ["costMatrix", i], message: `has ${row.length} entries, row 0 has ${cols} (ragged matrix)` });
      continue;
    }
    for (let j = 0; j < cols; j++) {
      const value: unknown = row[j];
      let oriented: number;
      if (value === null) oriented = Number.POSITIVE_INFINITY;
      else if (typeof value !== "number") {
        issues.push({ code: "invalid_matrix", path: ["costMatrix", i, j], message: "must be a number or null" });
        continue;
      } else if (Number.isNaN(value)) {
        issues.push({ code: "out_of_range", path: ["costMatrix", i, j], message: "is NaN" });
        continue;
      } else {
        oriented = maximize ? -value : value;
        if (oriented === Number.NEGATIVE_INFINITY) {
          issues.push({
            code: "out_of_range",
            path: ["costMatrix", i, j],
            message: maximize ? "is +Infinity while maximising (use -Infinity or null to forbid a cell)" : "is -Infinity while minimising (use +Infinity or null to forbid a cell)",
          });
          continue;
        }
      }
      cost[i * cols + j] = oriented;
    }
  }
  for (const [k, cell] of (parsedOptions.forbidden ?? []).entries()) {
    const [i, j] = cell;
    if (i >= rows || j >= cols) issues.push({ code: "out_of_range", path: ["options", "forbidden", k], message: `cell [${i}, ${j}] is outside the ${rows} × ${cols} matrix` });
    else cost[i * cols + j] = Number.POSITIVE_INFINITY;
  }
  if (issues.length > 0) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  if (rows === 0 || cols === 0) return { rowIndices: [], colIndices: [], total: 0 };

  // The solver wants rows ≤ columns; solve the transpose otherwise.
  const transposed = rows > cols;
  const n = transposed ? cols : rows;
  const m = transposed ? rows : cols;
  let work = cost;
  if (transposed) {
    work = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) work[j * rows + i] = cost[i * cols + j]!;
  }
  const colForRow = solveRectangular(work, n, m);
  if (colForRow === undefined) {
    throw new BuyerMatchError([{ code: "infeasible", path: ["costMatrix"], message: "no complete assignment of the smaller side avoids every forbidden cell" }]);
  }

  const rowIndices: number[] = [];
  const colIndices: number[] = [];
  if (transposed) {
    const rowForCol = new Int32Array(rows).fill(-1);
    for (let j = 0; j < n; j++) rowForCol[colForRow[j]!] = j;
    for (let i = 0; i < rows; i++) {
      if (rowForCol[i]! >= 0) {
        rowIndices.push(i);
        colIndices.push(rowForCol[i]!);
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      rowIndices.push(i);
      colIndices.push(colForRow[i]!);
    }
  }
  let total = 0;
  for (let k = 0; k < rowIndices.length; k++) {
    const value = cost[rowIndices[k]! * cols + colIndices[k]!]!;
    total += maximize ? -value : value;
  }
  return { rowIndices, colIndices, total: total === 0 ? 0 : total };
}

/**
 * Shortest augmenting path assignment of `n` rows into `m ≥ n` columns of a row-major cost array
 * (+Infinity = forbidden). Returns the column of each row, or undefined when infeasible.
 */
function solveRectangular(cost: Float64Array, n: number, m: number): Int32Array | undefined {
  const u = new Float64Array(n);
  const v = new Float64Array(m);
  const shortest = new Float64Array(m);
  const path = new Int32Array(m);
  const colForRow = new Int32Array(n).fill(-1);
  const rowForCol = new Int32Array(m).fill(-1);
  const remaining = new Int32Array(m);
  const visitedRows = new Int32Array(n);
  const visitedCols = new Int32Array(m);

  for (let current = 0; current < n; current++) {
    let minimum = 0;
    let remainingCount = m;
    // Scanning columns from the back matches SciPy's tie-breaking on equal costs.
    for (let k = 0; k < m; k++) remaining[k] = m - k - 1;
    shortest.fill(Number.POSITIVE_INFINITY);
    let visitedRowCount = 0;
    let visitedColCount = 0;
    let sink = -1;
    let i = current;
    while (sink === -1) {
      visitedRows[visitedRowCount++] = i;
      let lowest = Number.POSITIVE_INFINITY;
      let index = -1;
      const base = i * m;
      const rowBase = minimum - u[i]!;
      for (let k = 0; k < remainingCount; k++) {
        const j = remaining[k]!;
        const reduced = rowBase + cost[base + j]! - v[j]!;
        if (reduced < shortest[j]!) {
          path[j] = i;
          shortest[j] = reduced;
        }
        const s = shortest[j]!;
        if (s < lowest || (s === lowest && rowForCol[j] === -1)) {
          lowest = s;
          index = k;
        }
      }
      minimum = lowest;
      if (minimum === Number.POSITIVE_INFINITY || index < 0) return undefined;
      const j = remaining[index]!;
      if (rowForCol[j] === -1) sink = j;
      else i = rowForCol[j]!;
      visitedCols[visitedColCount++] = j;
      remaining[index] = remaining[--remainingCount]!;
    }

    u[current]! += minimum;
    for (let k = 0; k < visitedRowCount; k++) {
      const row = visitedRows[k]!;
      if (row !== current) u[row]! += minimum - shortest[colForRow[row]!]!;
    }
    for (let k = 0; k < visitedColCount; k++) {
      const col = visitedCols[k]!;
      v[col]! -= minimum - shortest[col]!;
    }
    let j = sink;
    for (;;) {
      const row = path[j]!;
      rowForCol[j] = row;
      const previous = colForRow[row]!;
      colForRow[row] = j;
      j = previous;
      if (row === current) break;
    }
  }
  return colForRow;
}
