import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { areaUnderCurve } from "../../src/evaluate/index.js";
import { areaUnderCurveChecked } from "../../src/evaluate/areaUnderCurve.js";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { bruteForceAuc } from "./helpers.js";


describe("areaUnderCurve", () => {
  it("matches hand-computed cases", () => {
    expect(areaUnderCurve([0.9, 0.4, 0.6, 0.1], [true, false, true, false])).toBe(1);
    expect(areaUnderCurve([0.1, 0.9], [true, false])).toBe(0);
    expect(areaUnderCurve([0.5, 0.5], [true, false])).toBe(0.5);
    // positives 0.8, 0.3; negatives 0.5, 0.3: pairs (0.8>0.5) 1, (0.8>0.3) 1, (0.3<0.5) 0, (0.3=0.3) ½ → 2.5 / 4.
    expect(areaUnderCurve([0.8, 0.3, 0.5, 0.3], [true, true, false, false])).toBe(0.625);
  });

  it("is undefined without both classes", () => {
    expect(areaUnderCurve([0.2, 0.4], [true, true])).toBeUndefined();
    expect(areaUnderCurve([], [])).toBeUndefined();
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.boolean()), { maxLength: 40 })], { seed: 42, numRuns: 300 })(
    "equals the pairwise definition, ties included",
    (examples) => {
      const scores = examples.map(([score]) => score / 8);
      const labels = examples.map(([, label]) => label);
      const expected = bruteForceAuc(scores, labels);
      const actual = areaUnderCurve(scores, labels);
      if (expected === undefined) expect(actual).toBeUndefined();
      else expect(actual).toBeCloseTo(expected, 12);
    },
  );

  /** The issue paths of the BuyerMatchError that `run` throws (fails the test when it returns or throws anything else). */
  function issuePaths(run: () => unknown): (readonly (string | number)[])[] {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      return (error as BuyerMatchError).issues.map((issue) => issue.path);
    }
    return expect.unreachable("expected a BuyerMatchError");
  }

  // Before the fix a NaN score made the tie loop spin forever (NaN === NaN is false).
  it("rejects NaN and infinite scores with their paths instead of hanging", () => {
    expect(issuePaths(() => areaUnderCurve([NaN, 1], [true, false]))).toEqual([["scores", 0]]);
    expect(issuePaths(() => areaUnderCurve([0.3, Infinity, -Infinity], [true, false, true]))).toEqual([
      ["scores", 1],
      ["scores", 2],
    ]);
    expect(() => areaUnderCurve([NaN, 1], [true, false])).toThrow(/scores\[0\]: must be a finite number/);
  });

  // Before the fix unequal lengths were accepted: the missing labels counted as negatives.
  it("rejects unequal lengths, and reports every problem at once", () => {
    expect(issuePaths(() => areaUnderCurve([0.2, 0.9], [true]))).toEqual([["labels"]]);
    expect(issuePaths(() => areaUnderCurve([0.2], [true, false]))).toEqual([["labels"]]);
    expect(() => areaUnderCurve([0.2, 0.9], [true])).toThrow(/has 1 labels; scores has 2 entries/);
    expect(issuePaths(() => areaUnderCurve([NaN, 0.5, 0.1], [true, "yes" as unknown as boolean]))).toEqual([["scores", 0], ["labels", 1], ["labels"]]);
    expect(issuePaths(() => areaUnderCurve(null as unknown as number[], [true]))).toEqual([["scores"]]);
  });

  it("the unchecked core used inside the package ends even on NaN", () => {
    // Every block of ties holds at least one example, whatever the comparisons say.
    expect(() => areaUnderCurveChecked([NaN, NaN, 1, 0], [true, false, true, false])).not.toThrow();
  });
});
