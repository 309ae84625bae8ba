/**
 * The area under the ROC curve, computed exactly as the Mann–Whitney statistic: the probability that a
 * random positive scores above a random negative, ties counting one half.
 */

/**
 * ROC AUC of scores against binary labels, O(n log n). Tied scores share their average rank, so the
 * result does not depend on the input order.
 *
 * @param scores - one score per example, higher meaning "more likely positive"
 * @param labels - one label per example, true for positive
 * @returns the AUC in [0, 1], or undefined when either class is empty (the AUC is then not defined)
 * @example
 * areaUnderCurve([0.9, 0.4, 0.6, 0.1], [true, false, true, false]); // 1
 * areaUnderCurve([0.5, 0.5], [true, false]); // 0.5
 */
export function areaUnderCurve(scores: readonly number[], labels: readonly boolean[]): number | undefined {
  const order = scores.map((_, index) => index).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let positives = 0;
  let rankSumOfPositives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    const score = scores[order[start] as number] as number;
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
