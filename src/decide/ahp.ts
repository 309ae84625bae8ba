/**
 * AHP priorities (Saaty): the principal right eigenvector of a positive reciprocal pairwise-comparison
 * matrix, normalised to sum 1, with λmax, the consistency index CI = (λmax − n)/(n − 1) and the
 * consistency ratio CR = CI / RI(n).
 */
import type { BuyerMatchIssue } from "../schema/errors.js";
import { throwIfAny } from "../schema/errors.js";
import { checkLabels, checkMatrix } from "./validate.js";

/**
 * Saaty's random consistency index RI for n = 1..15 (index n − 1): the mean CI of random reciprocal
 * matrices on the 1–9 scale. Saaty, T.L. (1980) *The Analytic Hierarchy Process*, McGraw-Hill, for
 * n ≤ 10; the values for n = 11..15 as widely reproduced from Saaty's extension of the table.
 */
export const SAATY_RANDOM_INDEX: readonly number[] = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

/** The threshold on CR under which Saaty calls judgements acceptably consistent. */
export const CONSISTENCY_THRESHOLD = 0.1;

/** How far a_ij · a_ji may stray from 1 before the matrix is called not reciprocal. */
export const RECIPROCAL_TOLERANCE = 1e-9;

/** Power iteration stops when no priority moves by more than this between two steps. */
export const POWER_ITERATION_TOLERANCE = 1e-12;

const MAX_ITERATIONS = 10_000;

/** Options of {@link ahpWeights}. */
export interface AhpOptions {
  /** One label per row (for example criterion ids); the result then also carries `byLabel`. */
  readonly labels?: readonly string[];
}

/** The result of {@link ahpWeights}. */
export interface AhpResult {
  /** The priorities, one per row, summing to 1. */
  readonly weights: readonly number[];
  /** The principal eigenvalue; equals n for a perfectly consistent matrix. */
  readonly lambdaMax: number;
  /** Consistency index (λmax − n)/(n − 1); 0 for n ≤ 1. */
  readonly ci: number;
  /** Consistency ratio CI / RI(n); 0 for n ≤ 2 (every 2×2 reciprocal matrix is consistent). */
  readonly cr: number;
  /** CR ≤ 0.1. */
  readonly consistent: boolean;
  /** Power-iteration steps taken. */
  readonly iterations: number;
  /** label → weight, when labels were given: pass it as match weights. */
  readonly byLabel?: Readonly<Record<string, number>>;
}

/**
 * Derives priorities from a pairwise-comparison matrix by Saaty's eigenvector method. Entry a_ij says
 * how many times more important row i is than column j; the matrix must be square, positive, with
 * ones on the diagonal and a_ji = 1/a_ij.
 *
 * @param pairwiseMatrix - n × n positive reciprocal matrix (n ≤ 15 for a consistency ratio)
 * @param options - `labels`: one per row; the result then maps each label to its weight
 * @returns weights summing to 1, λmax, CI, CR, and whether CR ≤ 0.1
 * @throws BuyerMatchError listing every bad cell (`invalid_matrix`, `out_of_range`) or label
 * @example
 * const { byLabel, cr } = ahpWeights(
 *   [
 *     [1, 3, 5],
 *     [1 / 3, 1, 2],
 *     [1 / 5, 1 / 2, 1],
 *   ],
 *   { labels: ["product", "sector", "region"] },
 * );
 * // byLabel ≈ { product: 0.648, sector: 0.230, region: 0.122 }, cr ≈ 0.003
 */
export function ahpWeights(pairwiseMatrix: readonly (readonly number[])[], options: AhpOptions = {}): AhpResult {
  const issues: BuyerMatchIssue[] = [];
  const matrix = checkMatrix(pairwiseMatrix, ["pairwiseMatrix"], issues);
  checkPairwise(pairwiseMatrix, issues);
  const labels = checkLabels(options?.labels, Array.isArray(pairwiseMatrix) ? pairwiseMatrix.length : undefined, ["labels"], issues);
  throwIfAny(issues);
  const checked = matrix as readonly (readonly number[])[];
  const size = checked.length;

  const { vector, iterations } = principalEigenvector(checked);
  // Σ_i (A w)_i = λ Σ_i w_i = λ when w sums to 1: one pass, no division by small priorities.
  let lambdaMax = 0;
  for (const row of checked) lambdaMax += dot(row, vector);
  // λmax ≥ n is a theorem for positive reciprocal matrices; clamp rounding noise so CI is never < 0.
  const ci = size <= 1 ? 0 : Math.max(0, (lambdaMax - size) / (size - 1));
  // Beyond n = 15 Saaty's table stops; its last value stands in (RI is nearly flat there).
  const randomIndex = SAATY_RANDOM_INDEX[Math.min(size, SAATY_RANDOM_INDEX.length) - 1] as number;
  const cr = size <= 2 ? 0 : ci / randomIndex;
  const result: AhpResult = { weights: vector, lambdaMax, ci, cr, consistent: cr <= CONSISTENCY_THRESHOLD, iterations };
  if (labels === undefined) return result;
  const byLabel: Record<string, number> = Object.create(null) as Record<string, number>;
  labels.forEach((label, index) => {
    byLabel[label] = vector[index] as number;
  });
  return { ...result, byLabel };
}

/** Positive, square, unit diagonal, reciprocal; cells that are not finite numbers were reported already. */
function checkPairwise(raw: unknown, issues: BuyerMatchIssue[]): void {
  if (!Array.isArray(raw)) return;
  const rows: readonly unknown[] = raw;
  const n = rows.length;
  const cell = (i: number, j: number): number | undefined => {
    const row: unknown = rows[i];
    const value: unknown = Array.isArray(row) ? (row as unknown[])[j] : undefined;
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  };
  const widths = new Set(rows.map((row) => (Array.isArray(row) ? row.length : -1)));
  const width = rows[0] !== undefined && Array.isArray(rows[0]) ? rows[0].length : -1;
  if (widths.size === 1 && width >= 0 && width !== n) {
    issues.push({ code: "invalid_matrix", path: ["pairwiseMatrix"], message: `is ${n} × ${width}; a pairwise matrix must be square` });
  }
  // Each loop runs over the cells actually given (a row's own length), so checking costs the size of
  // the input, not n² for a tall matrix of short rows.
  const given = (i: number): number => {
    const row: unknown = rows[i];
    return Array.isArray(row) ? Math.min(n, row.length) : 0;
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < given(i); j++) {
      const value = cell(i, j);
      if (value === undefined) continue;
      if (!(value > 0)) {
        issues.push({ code: "out_of_range", path: ["pairwiseMatrix", i, j], message: `must be positive (got ${value})` });
      } else if (i === j && Math.abs(value - 1) > RECIPROCAL_TOLERANCE) {
        issues.push({ code: "invalid_matrix", path: ["pairwiseMatrix", i, j], message: `a diagonal entry must be 1 (got ${value})` });
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < given(i); j++) {
      const upper = cell(i, j);
      const lower = cell(j, i);
      if (upper === undefined || lower === undefined || !(upper > 0 && lower > 0)) continue;
      if (Math.abs(upper * lower - 1) > RECIPROCAL_TOLERANCE) {
        issues.push({
          code: "invalid_matrix",
          path: ["pairwiseMatrix", j, i],
          message: `must be the reciprocal of pairwiseMatrix[${i}][${j}] = ${upper}, i.e. ${1 / upper} (got ${lower}); write 1/3, not 0.33`,
        });
      }
    }
  }
}

function dot(row: readonly number[], vector: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < row.length; j++) sum += (row[j] as number) * (vector[j] as number);
  return sum;
}

/**
 * Power iteration from the uniform vector. A positive matrix has a simple dominant (Perron) root, so
 * the iteration converges; a perfectly consistent matrix has rank 1 and converges in one step.
 */
function principalEigenvector(matrix: readonly (readonly number[])[]): { vector: number[]; iterations: number } {
  const n = matrix.length;
  let vector = new Array<number>(n).fill(1 / n);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const next = matrix.map((row) => dot(row, vector));
    let total = 0;
    for (const value of next) total += value;
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = (next[i] as number) / total;
      change = Math.max(change, Math.abs((next[i] as number) - (vector[i] as number)));
    }
    vector = next;
    if (change <= POWER_ITERATION_TOLERANCE) return { vector, iterations: iteration };
  }
  return { vector, iterations: MAX_ITERATIONS };
}
