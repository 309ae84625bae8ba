import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assign } from "../../src/plan/index.js";
import { BuyerMatchError } from "../../src/schema/errors.js";

type Cell = number | string | null;
interface LsaCase {
  id: string;
  input: { cost: Cell[][]; maximize: boolean };
  expected: { assigned_costs_by_row?: number[]; assigned_costs_sorted?: number[]; row_ind?: number[]; col_ind?: number[]; error?: string };
  expected_total?: number | null;
}
const oracle = JSON.parse(readFileSync(new URL("../fixtures/oracles/lsa-scipy.json", import.meta.url), "utf8")) as { cases: LsaCase[] };

/** The oracle writes IEEE specials as strings (JSON has none). */
function decode(cell: Cell): number | null {
  if (cell === "inf") return Number.POSITIVE_INFINITY;
  if (cell === "-inf") return Number.NEGATIVE_INFINITY;
  if (cell === "nan") return Number.NaN;
  return cell as number | null;
}

describe("assign against SciPy's linear_sum_assignment oracle", () => {
  it("covers all 31 cases", () => {
    expect(oracle.cases).toHaveLength(31);
  });
  for (const testCase of oracle.cases) {
    it(testCase.id, () => {
      const cost = testCase.input.cost.map((row) => row.map(decode));
      const options = { maximize: testCase.input.maximize };
      const { expected } = testCase;
      if (expected.error !== undefined) {
        const thrown = (() => {
          try {
            assign(cost, options);
          } catch (error) {
            return error;
          }
          return undefined;
        })();
        expect(thrown).toBeInstanceOf(BuyerMatchError);
        const issue = (thrown as BuyerMatchError).issues[0];
        // SciPy's two messages map onto our two codes.
        if (expected.error.includes("infeasible")) expect(issue.code).toBe("infeasible");
        else {
          expect(issue.code).toBe("out_of_range");
          expect(issue.path).toEqual(testCase.id === "invalid_nan" ? ["costMatrix", 0, 0] : ["costMatrix", 1, 1]);
        }
        return;
      }
      const result = assign(cost, options);
      const picked = result.rowIndices.map((row, k) => cost[row]?.[result.colIndices[k] as number] as number);
      if (testCase.expected_total !== undefined && testCase.expected_total !== null) expect(result.total).toBe(testCase.expected_total);
      if (expected.assigned_costs_by_row !== undefined) {
        expect(result.rowIndices).toEqual([...result.rowIndices].sort((a, b) => a - b));
        expect(picked).toEqual(expected.assigned_costs_by_row);
      }
      if (expected.assigned_costs_sorted !== undefined) expect([...picked].sort((a, b) => a - b)).toEqual(expected.assigned_costs_sorted);
      if (testCase.id === "constant_8x8") {
        // Any permutation is optimal on the all-ones matrix: compare the total and that it is a permutation.
        expect(result.total).toBe(8);
        expect([...result.colIndices].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      } else if (expected.row_ind !== undefined) {
        expect(result.rowIndices).toEqual(expected.row_ind);
        expect(result.colIndices).toEqual(expected.col_ind);
      }
    });
  }
});

describe("assign input handling", () => {
  it("treats `forbidden` cells like +Infinity", () => {
    const cost = [
      [1, 10],
      [10, 1],
    ];
    expect(assign(cost).total).toBe(2);
    expect(assign(cost, { forbidden: [[0, 0]] })).toEqual({ rowIndices: [0, 1], colIndices: [1, 0], total: 20 });
  });

  it("treats null and -Infinity as forbidden when maximising", () => {
    const result = assign(
      [
        [5, null],
        [Number.NEGATIVE_INFINITY, 1],
        [2, 3],
      ],
      { maximize: true },
    );
    expect(result).toEqual({ rowIndices: [0, 2], colIndices: [0, 1], total: 8 });
  });

  it("lists every bad cell and a ragged row, each with its path", () => {
    try {
      assign([[1, Number.NaN, 3], [4, 5], [Number.NEGATIVE_INFINITY, 1, 1]]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      expect((error as BuyerMatchError).issues.map((issue) => [issue.code, issue.path])).toEqual([
        ["out_of_range", ["costMatrix", 0, 1]],
        ["invalid_matrix", ["costMatrix", 1]],
        ["out_of_range", ["costMatrix", 2, 0]],
      ]);
    }
  });

  it("rejects a forbidden cell outside the matrix", () => {
    expect(() => assign([[1]], { forbidden: [[0, 3]] })).toThrow(BuyerMatchError);
  });

  it("returns an empty assignment for empty shapes", () => {
    expect(assign([])).toEqual({ rowIndices: [], colIndices: [], total: 0 });
    expect(assign([[], []])).toEqual({ rowIndices: [], colIndices: [], total: 0 });
  });
});

/** Exhaustive optimum over all injections of the smaller side (tiny matrices only). */
function bruteForce(cost: number[][], maximize: boolean): number {
  const rows = cost.length;
  const cols = cost[0]?.length ?? 0;
  const transpose = rows > cols;
  const get = (i: number, j: number): number => (transpose ? (cost[j]?.[i] as number) : (cost[i]?.[j] as number));
  const n = Math.min(rows, cols);
  const m = Math.max(rows, cols);
  let best = maximize ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const used = new Array<boolean>(m).fill(false);
  const walk = (i: number, sum: number): void => {
    if (i === n) {
      best = maximize ? Math.max(best, sum) : Math.min(best, sum);
      return;
    }
    for (let j = 0; j < m; j++) {
      if (used[j]) continue;
      used[j] = true;
      walk(i + 1, sum + get(i, j));
      used[j] = false;
    }
  };
  walk(0, 0);
  return best;
}

describe("assign properties", () => {
  const matrix = fc.integer({ min: 1, max: 6 }).chain((rows) =>
    fc.integer({ min: 1, max: 6 }).chain((cols) => fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows })),
  );

  test.prop([matrix, fc.boolean()], { seed: 42, numRuns: 300 })("the total equals the exhaustive optimum", (cost, maximize) => {
    const result = assign(cost, { maximize });
    expect(result.total).toBe(bruteForce(cost, maximize));
    expect(result.rowIndices.length).toBe(Math.min(cost.length, cost[0]?.length ?? 0));
    expect(new Set(result.colIndices).size).toBe(result.colIndices.length);
  });

  test.prop([matrix], { seed: 42, numRuns: 200 })("the total equals the sum of the chosen cells, rows ascending", (cost) => {
    const result = assign(cost);
    const sum = result.rowIndices.reduce((acc, row, k) => acc + (cost[row]?.[result.colIndices[k] as number] as number), 0);
    expect(result.total).toBe(sum);
    expect(result.rowIndices).toEqual([...result.rowIndices].sort((a, b) => a - b));
  });
});
