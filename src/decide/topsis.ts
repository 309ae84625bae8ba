/**
 * TOPSIS (Hwang & Yoon 1981): normalise each criterion column, weight it, find the ideal and the
 * anti-ideal alternative, and rank alternatives by their relative closeness
 * C_i = d⁻_i / (d⁺_i + d⁻_i), where d⁺ and d⁻ are Euclidean distances to the ideal and anti-ideal.
 */
import { z } from "zod";
import type { BuyerMatchIssue } from "../schema/errors.js";
import { safeParseWith, throwIfAny } from "../schema/errors.js";
import { checkMatrix, checkVector } from "./validate.js";

/** Whether more of a criterion is better (`benefit`) or worse (`cost`). */
export type CriterionKind = "benefit" | "cost";

/**
 * How columns are made comparable: `vector` divides by the column's Euclidean norm (Hwang & Yoon);
 * `minmax` maps the column's range onto [0, 1].
 */
export type TopsisNormalization = "vector" | "minmax";

/** Options of {@link topsis}. */
export interface TopsisOptions {
  /** Default `"vector"`, as in Hwang & Yoon. */
  readonly normalization?: TopsisNormalization;
}

/** The result of {@link topsis}. */
export interface TopsisResult {
  /** Relative closeness to the ideal, in [0, 1], one per alternative (row). */
  readonly closeness: readonly number[];
  /** Row indices, best first; equal closeness breaks by the lower index. */
  readonly ranking: readonly number[];
  /** The ideal alternative in the weighted normalised space (max of benefit, min of cost columns). */
  readonly ideal: readonly number[];
  /** The anti-ideal alternative in the weighted normalised space. */
  readonly antiIdeal: readonly number[];
  /** Distance of each alternative to the ideal. */
  readonly distanceToIdeal: readonly number[];
  /** Distance of each alternative to the anti-ideal. */
  readonly distanceToAntiIdeal: readonly number[];
  /** The weighted normalised matrix the distances were measured in. */
  readonly weighted: readonly (readonly number[])[];
}

const KindsSchema = z.array(z.enum(["benefit", "cost"], { error: () => 'must be "benefit" or "cost"' }), { error: "must be an array" });
const OptionsSchema = z.object({ normalization: z.enum(["vector", "minmax"], { error: () => 'must be "vector" or "minmax"' }).optional() });

/**
 * Ranks alternatives by TOPSIS. Weights are rescaled to sum to 1 (closeness does not depend on their
 * scale). A column that cannot be normalised (all zeros for `vector`, constant for `minmax`) becomes 0
 * and so cannot separate alternatives. When every alternative sits at the ideal and the anti-ideal at
 * once (all columns tie), every closeness is 1.
 *
 * @param matrix - alternatives × criteria, finite numbers
 * @param weights - one non-negative weight per criterion, not all zero
 * @param kinds - one `"benefit"` or `"cost"` per criterion
 * @param options - `normalization`: `"vector"` (default) or `"minmax"`
 * @returns closeness per alternative, the ranking (indices, best first), ideal and anti-ideal points
 * @throws BuyerMatchError listing every problem: NaN cells, ragged rows, wrong lengths, negative weights
 * @example
 * const { closeness, ranking } = topsis(
 *   [
 *     [250, 16, 12],
 *     [200, 16, 8],
 *     [300, 32, 16],
 *   ],
 *   [0.4, 0.3, 0.3],
 *   ["cost", "benefit", "benefit"],
 * );
 * // ranking[0] === 2
 */
export function topsis(
  matrix: readonly (readonly number[])[],
  weights: readonly number[],
  kinds: readonly CriterionKind[],
  options: TopsisOptions = {},
): TopsisResult {
  const issues: BuyerMatchIssue[] = [];
  const checked = checkMatrix(matrix, ["matrix"], issues);
  const columns = Array.isArray(matrix) && Array.isArray(matrix[0]) ? matrix[0].length : undefined;
  const checkedWeights = checkVector(weights, ["weights"], issues, { ...(columns === undefined ? {} : { length: columns }), nonNegative: true, what: "weights" });
  const parsedKinds = safeParseWith(KindsSchema, kinds, ["kinds"]);
  if (!parsedKinds.success) issues.push(...parsedKinds.issues);
  else if (columns !== undefined && parsedKinds.data.length !== columns) {
    issues.push({ code: "invalid_input", path: ["kinds"], message: `has ${parsedKinds.data.length} kinds; the matrix has ${columns} columns` });
  }
  const parsedOptions = safeParseWith(OptionsSchema, options, ["options"]);
  if (!parsedOptions.success) issues.push(...parsedOptions.issues);
  let weightTotal = 0;
  if (checkedWeights !== undefined) {
    for (const weight of checkedWeights) weightTotal += weight;
    if (!(weightTotal > 0)) issues.push({ code: "out_of_range", path: ["weights"], message: "must not all be zero" });
  }
  throwIfAny(issues);
  const rows = checked as readonly (readonly number[])[];
  const normalization = (parsedOptions.success ? parsedOptions.data.normalization : undefined) ?? "vector";
  const kindList = (parsedKinds.success ? parsedKinds.data : []) as readonly CriterionKind[];
  const unitWeights = (checkedWeights as readonly number[]).map((weight) => weight / weightTotal);
  return topsisChecked(rows, unitWeights, kindList, normalization);
}

/**
 * TOPSIS on inputs already checked: weights sum to 1 and every length matches. Used by the shortlist,
 * which builds its matrix itself and must not validate twice.
 *
 * @param matrix - alternatives × criteria, finite numbers, rectangular
 * @param weights - one weight per criterion, summing to 1
 * @param kinds - one kind per criterion
 * @param normalization - how columns are made comparable
 * @returns as {@link topsis}
 * @example
 * topsisChecked([[1, 2], [2, 1]], [0.5, 0.5], ["benefit", "cost"], "minmax").ranking; // [1, 0]
 */
export function topsisChecked(
  matrix: readonly (readonly number[])[],
  weights: readonly number[],
  kinds: readonly CriterionKind[],
  normalization: TopsisNormalization,
): TopsisResult {
  const m = matrix.length;
  const n = weights.length;
  const weighted: number[][] = matrix.map(() => new Array<number>(n).fill(0));
  const ideal = new Array<number>(n).fill(0);
  const antiIdeal = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) {
    const column = matrix.map((row) => row[j] as number);
    const normalise = columnNormaliser(column, normalization);
    const weight = weights[j] as number;
    let high = -Infinity;
    let low = Infinity;
    for (let i = 0; i < m; i++) {
      const value = weight * normalise(column[i] as number);
      (weighted[i] as number[])[j] = value;
      if (value > high) high = value;
      if (value < low) low = value;
    }
    const benefit = kinds[j] !== "cost";
    ideal[j] = benefit ? high : low;
    antiIdeal[j] = benefit ? low : high;
  }
  const distanceToIdeal = weighted.map((row) => distance(row, ideal));
  const distanceToAntiIdeal = weighted.map((row) => distance(row, antiIdeal));
  const closeness = distanceToIdeal.map((toIdeal, i) => relativeCloseness(toIdeal, distanceToAntiIdeal[i] as number));
  const ranking = closeness
    .map((_, index) => index)
    .sort((a, b) => (closeness[b] as number) - (closeness[a] as number) || a - b);
  return { closeness, ranking, ideal, antiIdeal, distanceToIdeal, distanceToAntiIdeal, weighted };
}

/**
 * The TOPSIS closeness of one point of the weighted normalised space, with the ideal and anti-ideal
 * held fixed: the shortlist's counterfactuals ("this applicant with one criterion at the mean") use
 * it, so they measure exactly as {@link topsisChecked} does.
 *
 * @param row - the point, one weighted normalised value per criterion
 * @param ideal - the ideal alternative of a {@link TopsisResult}
 * @param antiIdeal - the anti-ideal alternative of the same result
 * @returns d⁻ / (d⁺ + d⁻) in [0, 1]; 1 when the point is at both (every column tied)
 * @example
 * closenessOf([0.5, 0.5], [1, 1], [0, 0]); // 0.5
 */
export function closenessOf(row: readonly number[], ideal: readonly number[], antiIdeal: readonly number[]): number {
  return relativeCloseness(distance(row, ideal), distance(row, antiIdeal));
}

function relativeCloseness(toIdeal: number, toAnti: number): number {
  const total = toIdeal + toAnti;
  return total > 0 ? toAnti / total : 1;
}

function columnNormaliser(column: readonly number[], normalization: TopsisNormalization): (value: number) => number {
  if (normalization === "vector") {
    let squares = 0;
    for (const value of column) squares += value * value;
    const norm = Math.sqrt(squares);
    return norm > 0 ? (value) => value / norm : () => 0;
  }
  let low = Infinity;
  let high = -Infinity;
  for (const value of column) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  const range = high - low;
  // Orientation is kept (cost columns still grow with the raw value): the ideal then takes the
  // column's minimum, and distances equal those of the flipped (max − x)/(max − min) form.
  return range > 0 ? (value) => (value - low) / range : () => 0;
}

function distance(row: readonly number[], point: readonly number[]): number {
  let squares = 0;
  for (let j = 0; j < row.length; j++) {
    const gap = (row[j] as number) - (point[j] as number);
    squares += gap * gap;
  }
  return Math.sqrt(squares);
}
