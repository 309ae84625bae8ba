/**
 * Weight sensitivity of a weighted-sum ranking: for each pair of adjacent alternatives and each
 * criterion, the smallest change of that criterion's weight (the others rescaled proportionally so
 * the weights still sum to 1) that swaps the pair. Closed form: the score gap is linear in the change.
 *
 * With weights w (Σ w = 1), changing w_j by δ gives w'_j = w_j + δ and w'_k = w_k (1 − w_j − δ)/(1 − w_j).
 * For the pair (a above b) with column gaps d_k = x_ak − x_bk, the gap becomes
 *   D(δ) = D(0) + δ · (d_j − S_j / (1 − w_j)),   S_j = Σ_{k≠j} w_k d_k,
 * so the crossing is δ* = −D(0) / (d_j − S_j / (1 − w_j)), feasible when 0 ≤ w_j + δ* ≤ 1.
 */
import type { BuyerMatchIssue } from "../schema/errors.js";
import { throwIfAny } from "../schema/errors.js";
import { checkLabels, checkMatrix, checkVector, compareIds } from "./validate.js";

/** Options of {@link sensitivity}. */
export interface SensitivityOptions {
  /** One id per alternative (row); ties in the ranking then break by id, and pairs name ids. */
  readonly ids?: readonly string[];
  /** One label per criterion (column), used in the result. */
  readonly labels?: readonly string[];
}

/** The smallest weight change on one criterion that swaps one adjacent pair. */
export interface WeightChange {
  /** Criterion index (column). */
  readonly criterion: number;
  /** Criterion label, when labels were given. */
  readonly label?: string;
  /** The signed change δ of the criterion's weight at which the pair ties; just past it, they swap. */
  readonly delta: number;
  /** The criterion's weight at the crossing, w_j + δ. */
  readonly weightAtSwap: number;
}

/** The sensitivity of one adjacent pair of the ranking. */
export interface PairSensitivity {
  /** Rank of the upper alternative (1 for the best); the lower one has rank + 1. */
  readonly rank: number;
  /** Row index of the alternative ranked higher. */
  readonly upper: number;
  /** Row index of the alternative ranked just below. */
  readonly lower: number;
  readonly upperId?: string;
  readonly lowerId?: string;
  /** Score gap upper − lower under the given weights (≥ 0). */
  readonly gap: number;
  /** Per criterion: the change that swaps the pair, or `null` when no weight in [0, 1] does. */
  readonly byCriterion: readonly (WeightChange | null)[];
  /** The change of smallest |δ| over all criteria (lowest index on ties), or `null` when none exists. */
  readonly smallest: WeightChange | null;
}

/** The result of {@link sensitivity}. */
export interface SensitivityResult {
  /** The weights rescaled to sum to 1: the space in which every δ is expressed. */
  readonly weights: readonly number[];
  /** Weighted-sum score of each alternative. */
  readonly scores: readonly number[];
  /** Row indices, best first; ties break by id when ids were given, else by index. */
  readonly ranking: readonly number[];
  /** One entry per adjacent pair of the ranking, top pair first. */
  readonly pairs: readonly PairSensitivity[];
}

/**
 * Finds, for a weighted-sum ranking, how much each criterion's weight must move to swap each pair of
 * adjacent alternatives. Weights are first rescaled to sum to 1; a criterion holding all the weight
 * cannot be changed with the others rescaled proportionally (they are all zero), so it reports `null`.
 *
 * @param matrix - alternatives × criteria scores, finite numbers
 * @param weights - one non-negative weight per criterion, not all zero
 * @param options - `ids` per alternative, `labels` per criterion
 * @returns the scores, the ranking and, per adjacent pair, the swapping change for each criterion
 * @throws BuyerMatchError listing every problem with the matrix, weights, ids or labels
 * @example
 * const { pairs } = sensitivity(
 *   [
 *     [0.9, 0.2],
 *     [0.5, 0.8],
 *   ],
 *   [0.7, 0.3],
 * );
 * // pairs[0].smallest → { criterion: 0, delta: −0.1, weightAtSwap: 0.6 }: below w₀ = 0.6, row 1 leads
 */
export function sensitivity(matrix: readonly (readonly number[])[], weights: readonly number[], options: SensitivityOptions = {}): SensitivityResult {
  const issues: BuyerMatchIssue[] = [];
  const checked = checkMatrix(matrix, ["matrix"], issues);
  const rowsCount = Array.isArray(matrix) ? matrix.length : undefined;
  const columns = Array.isArray(matrix) && Array.isArray(matrix[0]) ? matrix[0].length : undefined;
  const checkedWeights = checkVector(weights, ["weights"], issues, { ...(columns === undefined ? {} : { length: columns }), nonNegative: true, what: "weights" });
  let total = 0;
  if (checkedWeights !== undefined) {
    for (const weight of checkedWeights) total += weight;
    if (!(total > 0)) issues.push({ code: "out_of_range", path: ["weights"], message: "must not all be zero" });
  }
  const ids = checkLabels(options?.ids, rowsCount, ["ids"], issues);
  const labels = checkLabels(options?.labels, columns, ["labels"], issues);
  throwIfAny(issues);
  const rows = checked as readonly (readonly number[])[];
  const unit = (checkedWeights as readonly number[]).map((weight) => weight / total);

  const scores = rows.map((row) => weightedSum(row, unit));
  const ranking = rows
    .map((_, index) => index)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || tieBreak(a, b, ids));

  const pairs: PairSensitivity[] = [];
  for (let position = 0; position + 1 < ranking.length; position++) {
    const upper = ranking[position] as number;
    const lower = ranking[position + 1] as number;
    const gaps = (rows[upper] as readonly number[]).map((value, j) => value - ((rows[lower] as readonly number[])[j] as number));
    const gap = weightedSum(gaps, unit);
    const byCriterion = unit.map((_, j) => swapChange(gaps, unit, gap, j, labels));
    let smallest: WeightChange | null = null;
    for (const change of byCriterion) {
      if (change !== null && (smallest === null || Math.abs(change.delta) < Math.abs(smallest.delta))) smallest = change;
    }
    pairs.push({
      rank: position + 1,
      upper,
      lower,
      ...(ids === undefined ? {} : { upperId: ids[upper] as string, lowerId: ids[lower] as string }),
      gap: (scores[upper] as number) - (scores[lower] as number),
      byCriterion,
      smallest,
    });
  }
  return { weights: unit, scores, ranking, pairs };
}

/**
 * Weights w with w_j changed by δ and the rest rescaled so the total stays 1: the perturbation model
 * of {@link sensitivity}, exported so callers (and tests) can apply a reported change.
 *
 * @param weights - weights summing to 1 (as in {@link SensitivityResult.weights})
 * @param criterion - the index j of the weight to change
 * @param delta - the change δ; w_j + δ must lie in [0, 1]
 * @returns the new weights, summing to 1
 * @example
 * perturbWeights([0.5, 0.3, 0.2], 0, 0.1); // [0.6, 0.24, 0.16]
 */
export function perturbWeights(weights: readonly number[], criterion: number, delta: number): number[] {
  const issues: BuyerMatchIssue[] = [];
  const checked = checkVector(weights, ["weights"], issues, { nonNegative: true, what: "weights" });
  if (typeof criterion !== "number" || !Number.isInteger(criterion) || criterion < 0 || (checked !== undefined && criterion >= checked.length)) {
    issues.push({ code: "out_of_range", path: ["criterion"], message: `must be the index of a weight (a whole number from 0 to ${checked === undefined ? "n − 1" : checked.length - 1})` });
  }
  if (typeof delta !== "number" || !Number.isFinite(delta)) issues.push({ code: "out_of_range", path: ["delta"], message: "must be a finite number" });
  else if (checked !== undefined && Number.isInteger(criterion) && criterion >= 0 && criterion < checked.length) {
    const next = (checked[criterion] as number) + delta;
    if (next < 0 || next > 1) issues.push({ code: "out_of_range", path: ["delta"], message: `takes weight ${criterion} to ${next}, outside [0, 1]` });
  }
  throwIfAny(issues);
  const own = weights[criterion] as number;
  const rest = 1 - own;
  const scale = rest > 0 ? (1 - own - delta) / rest : 0;
  return weights.map((weight, j) => (j === criterion ? own + delta : weight * scale));
}

function swapChange(gaps: readonly number[], weights: readonly number[], gap: number, j: number, labels: readonly string[] | undefined): WeightChange | null {
  const own = weights[j] as number;
  const rest = 1 - own;
  // With w_j = 1 every other weight is 0 and cannot be rescaled proportionally.
  if (!(rest > 0)) return null;
  let others = 0;
  for (let k = 0; k < gaps.length; k++) if (k !== j) others += (weights[k] as number) * (gaps[k] as number);
  const slope = (gaps[j] as number) - others / rest;
  if (slope === 0) return null;
  const delta = gap === 0 ? 0 : -gap / slope;
  const weightAtSwap = own + delta;
  if (!(weightAtSwap >= 0 && weightAtSwap <= 1)) return null;
  return { criterion: j, ...(labels === undefined ? {} : { label: labels[j] as string }), delta, weightAtSwap };
}

function weightedSum(values: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < values.length; j++) sum += (values[j] as number) * (weights[j] as number);
  return sum;
}

function tieBreak(a: number, b: number, ids: readonly string[] | undefined): number {
  if (ids === undefined) return a - b;
  return compareIds(ids[a] as string, ids[b] as string);
}
