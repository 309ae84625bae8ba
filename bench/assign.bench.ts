/**
 * `assign` against npm `linear-sum-assignment` on the same seeded 1,000 × 1,000 uniform cost matrix,
 * interleaved in one run. Both minimise (the peer's option is spelled `maximaze` and defaults to true).
 * The totals are checked equal once before timing, and each result is folded into a sink.
 * Goal: `assign` faster.
 */
import { linearSumAssignment } from "linear-sum-assignment";
import { bench, describe } from "vitest";
import { assign } from "../src/plan/index.js";
import { mulberry32 } from "../test/plan/instances.js";

const SIZE = 1000;
const random = mulberry32(20260512);
const matrix = Array.from({ length: SIZE }, () => Array.from({ length: SIZE }, () => random()));

const ours = assign(matrix).total;
const theirs = linearSumAssignment(matrix, { maximaze: false }).gain;
if (Math.abs(ours - theirs) > 1e-9) throw new Error(`totals differ: ${ours} vs ${theirs}`);

let sink = 0;
const options = {
  iterations: 8,
  warmupIterations: 2,
  teardown: (): void => {
    if (!Number.isFinite(sink)) throw new Error("results were not finite");
  },
};

describe(`linear sum assignment, ${SIZE} × ${SIZE} uniform costs (total ${ours.toFixed(6)})`, () => {
  bench("buyermatch assign", () => {
    sink += assign(matrix).total;
  }, options);

  bench("linear-sum-assignment (npm)", () => {
    sink += linearSumAssignment(matrix, { maximaze: false }).gain;
  }, options);
});
