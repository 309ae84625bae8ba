/**
 * The area under the ROC curve, computed exactly as the Mann–Whitney statistic: the probability that a
 * random positive scores above a random negative, ties counting one half.
 */
import { z } from "zod";
import { FiniteNumberSchema } from "../schema/common.js";
import type { BuyerMatchIssue } from "../schema/errors.js";
import { safeParseWith, throwIfAny } from "../schema/errors.js";

const ScoresSchema = z.array(FiniteNumberSchema, { error: "must be an array of finite numbers" });
const LabelsSchema = z.array(z.boolean({ error: "must be true or false" }), { error: "must be an array of booleans" });

/**
 * ROC AUC of scores against binary labels, O(n log n). Tied scores share their average rank, so the
 * result does not depend on the input order.
 *
 * @param scores - one finite score per example, higher meaning "more likely positive"
 * @param labels - one label per example (as many as scores), true for positive
 * @returns the AUC in [0, 1], or undefined when either class is empty (the AUC is then not defined)
 * @throws BuyerMatchError listing every problem: NaN or infinite scores, non-boolean labels, unequal lengths
 * @example
 * areaUnderCurve([0.9, 0.4, 0.6, 0.1], [true, false, true, false]); // 1
 * areaUnderCurve([0.5, 0.5], [true, false]); // 0.5
 */
export function areaUnderCurve(scores: readonly number[], labels: readonly boolean[]): number | undefined {
  const issues: BuyerMatchIssue[] = [];
  const parsedScores = safeParseWith(ScoresSchema, scores, ["scores"]);
  if (!parsedScores.success) issues.push(...parsedScores.issues);
  const parsedLabels = safeParseWith(LabelsSchema, labels, ["labels"]);
  if (!parsedLabels.success) issues.push(...parsedLabels.issues);
  // A length mismatch is reported even when some entries are bad, so one error lists everything.
  if (Array.isArray(scores) && Array.isArray(labels) && scores.length !== labels.length) {
    issues.push({ code: "invalid_input", path: ["labels"], message: `has ${labels.length} labels; scores has ${scores.length} entries (one label per score)` });
  }
  throwIfAny(issues);
  return areaUnderCurveChecked(scores, labels);
}

/**
 * {@link areaUnderCurve} on inputs already checked (finite scores, one label each). Used by
 * `calibrateWeights`, whose scores are dot products of validated features and must not be validated
 * per fold. Every block of ties holds at least one example, so the loop ends on any input.
 *
 * @param scores - finite scores
 * @param labels - one label per score
 * @returns as {@link areaUnderCurve}
 * @example
 * areaUnderCurveChecked([0.8, 0.3, 0.5, 0.3], [true, true, false, false]); // 0.625
 */
export function areaUnderCurveChecked(scores: readonly number[], labels: readonly boolean[]): number | undefined {
  const order = scores.map((_, index) => index).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSumOfPositives = 0;
  for (let start = 0; start < order.length; ) {
    const score = scores[order[start] as number] as number;
    let end = start + 1;
    while (end < order.length && scores[order[end] as number] === score) end++;
    // Ranks are 1-based; a block of ties [start, end) shares the mean of its ranks.
    const averageRank = (start + 1 + end) / 2;
    for (let index = start; index < end; index++) {
      if (labels[order[index] as number]) {
        positives++;
        rankSumOfPositives += averageRank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return undefined;
  return (rankSumOfPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}
