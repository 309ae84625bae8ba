import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { CriterionKind } from "../../src/decide/topsis.js";
import { closenessOf, topsis } from "../../src/decide/topsis.js";
import { BuyerMatchError } from "../../src/schema/errors.js";

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => expect(Math.abs(value - (expected[index] as number)), `entry ${index}: ${value} vs ${expected[index]}`).toBeLessThanOrEqual(tolerance));
}

// SOURCE: Hwang, C.-L. & Yoon, K. (1981) Multiple Attribute Decision Making: Methods and Applications,
// Springer (Lecture Notes in Economics and Mathematical Systems 186): the fighter-aircraft example of
// the TOPSIS chapter (transcription cross-checked against the mcdajs example that compares with the
// book's tables). Attributes: X1 maximum speed (Mach), X2 ferry range (NM), X3 maximum payload (lb),
// X4 acquisition cost ($10^6, a cost), X5 reliability and X6 manoeuvrability (qualitative ratings on
// the interval scale, average = 5). Weights w = (0.2, 0.1, 0.1, 0.1, 0.2, 0.3).
const AIRCRAFT = [
  [2.0, 1500, 20000, 5.5, 5, 9],
  [2.5, 2700, 18000, 6.5, 3, 5],
  [1.8, 2000, 21000, 4.5, 7, 7],
  [2.2, 1800, 20000, 5.0, 5, 5],
];
const AIRCRAFT_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];
const AIRCRAFT_KINDS: CriterionKind[] = ["benefit", "benefit", "benefit", "cost", "benefit", "benefit"];

describe("textbook TOPSIS examples", () => {
  it("reproduces Hwang & Yoon's fighter-aircraft example with vector normalisation", () => {
    const result = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_KINDS, { normalization: "vector" });
    // Published relative closeness C* = (0.643, 0.268, 0.613, 0.312): A1 ≻ A3 ≻ A4 ≻ A2.
    expectClose(result.closeness, [0.643, 0.268, 0.613, 0.312], 0.001);
    expect(result.ranking).toEqual([0, 2, 3, 1]);
    // Published ideal A* = (.1168, .0659, .0531, .0414, .1347, .2012) and negative ideal
    // A⁻ = (.0841, .0366, .0455, .0598, .0577, .1118). The book works with 4-decimal intermediates
    // (the exact X4 anti-ideal is .05990), hence the tolerance of 2e-4 on these.
    expectClose(result.ideal, [0.1168, 0.0659, 0.0531, 0.0414, 0.1347, 0.2012], 0.0002);
    expectClose(result.antiIdeal, [0.0841, 0.0366, 0.0455, 0.0598, 0.0577, 0.1118], 0.0002);
    // Published separation measures S* = (.0545, .1197, .0580, .1009), S⁻ = (.0983, .0439, .0920, .0458).
    expectClose(result.distanceToIdeal, [0.0545, 0.1197, 0.058, 0.1009], 0.0002);
    expectClose(result.distanceToAntiIdeal, [0.0983, 0.0439, 0.092, 0.0458], 0.0002);
  });

  it("reproduces the same example with min-max normalisation (expected values derived by hand)", () => {
    // Min-max maps each column onto [0, 1]: r = (x − min)/(max − min). Written as "goodness" g
    // (cost flipped: g = 1 − r), each alternative's squared distances are
    //   d⁻² = Σ w_j² g_j²,  d⁺² = Σ w_j² (1 − g_j)².
    // Columns: X1 (1.8..2.5): 2/7, 1, 0, 4/7; X2 (1500..2700): 0, 1, 5/12, 1/4;
    // X3 (18000..21000): 2/3, 0, 1, 2/3; X4 cost (4.5..6.5): g = 1/2, 0, 1, 3/4;
    // X5 (3..7): 1/2, 0, 1, 1/2; X6 (5..9): 1, 0, 1/2, 0.
    // A1: d⁻² = .04·4/49 + .01·4/9 + .01/4 + .04/4 + .09 = .1102098, d⁺² = .04·25/49 + .01 + .01/9 + .01/4 + .04/4 = .0440193
    //     C = √.1102098 / (√.1102098 + √.0440193) = .33198 / .54179 = 0.6127
    // A2: g = (1, 1, 0, 0, 0, 0): d⁻² = .05, d⁺² = .15, C = 1/(1 + √3) = 0.3660
    // A3: g = (0, 5/12, 1, 1, 1, 1/2): d⁻² = .01·25/144 + .01 + .01 + .04 + .09/4 = .0842361,
    //     d⁺² = .04 + .01·49/144 + .09/4 = .0659028, C = .29023 / (.29023 + .25672) = 0.5306
    // A4: g = (4/7, 1/4, 2/3, 3/4, 1/2, 0): d⁻² = .04·16/49 + .01/16 + .01·4/9 + .01·9/16 + .04/4 = .0337556,
    //     d⁺² = .04·9/49 + .01·9/16 + .01/9 + .01/16 + .04/4 + .09 = .1147080, C = .18373 / (.18373 + .33869) = 0.3517
    const result = topsis(AIRCRAFT, AIRCRAFT_WEIGHTS, AIRCRAFT_KINDS, { normalization: "minmax" });
    expectClose(result.closeness, [0.6127, 1 / (1 + Math.sqrt(3)), 0.5306, 0.3517], 0.001);
    // Min-max stretches A2's lead on speed and range to full scale, so A2 now edges past A4.
    expect(result.ranking).toEqual([0, 2, 1, 3]);
  });

  it("ranks a three-laptop example worked by hand with min-max normalisation", () => {
    // Price (cost), memory, battery hours; weights 0.5, 0.25, 0.25.
    // Min-max goodness: L0 (1, 0, 1/2), L1 (0, 1, 1), L2 (1/2, 1/2, 0).
    // L0: d⁻² = .25 + .0625/4 = .265625, d⁺² = .0625 + .0625/4 = .078125 → C = .51539/(.51539+.27951) = 0.6484
    // L1: d⁻² = .0625 + .0625 = .125, d⁺² = .25 → C = .35355/(.35355+.5) = 0.4142 (= √2 − 1)
    // L2: d⁻² = .0625 + .015625 = .078125, d⁺² = .0625 + .015625 + .0625 = .140625 → C = .27951/(.27951+.375) = 0.4270
    const result = topsis(
      [
        [800, 8, 10],
        [1200, 16, 12],
        [1000, 12, 8],
      ],
      [0.5, 0.25, 0.25],
      ["cost", "benefit", "benefit"],
      { normalization: "minmax" },
    );
    expectClose(result.closeness, [0.6484, Math.SQRT2 - 1, 0.427], 0.001);
    expect(result.ranking).toEqual([0, 2, 1]);
  });
});

describe("TOPSIS properties", () => {
  const problem = fc.integer({ min: 1, max: 6 }).chain((columns) =>
    fc.record({
      matrix: fc.array(fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: columns, maxLength: columns }), { minLength: 2, maxLength: 8 }),
      weights: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: columns, maxLength: columns }),
      kinds: fc.array(fc.constantFrom<CriterionKind>("benefit", "cost"), { minLength: columns, maxLength: columns }),
      column: fc.nat({ max: columns - 1 }),
      factor: fc.double({ min: 0.001, max: 1000, noNaN: true }),
      normalization: fc.constantFrom("vector" as const, "minmax" as const),
    }),
  );

  test.prop([problem], { seed: 42, numRuns: 300 })(
    "scaling one criterion column by a positive constant leaves closeness and ranking unchanged",
    ({ matrix, weights, kinds, column, factor, normalization }) => {
      const scaled = matrix.map((row) => row.map((value, j) => (j === column ? value * factor : value)));
      const before = topsis(matrix, weights, kinds, { normalization });
      const after = topsis(scaled, weights, kinds, { normalization });
      expectClose(after.closeness, before.closeness, 1e-9);
      // Rankings agree except where two closeness values tie to within rounding.
      const sortedGaps = before.ranking.slice(1).map((index, k) => (before.closeness[before.ranking[k] as number] as number) - (before.closeness[index] as number));
      if (sortedGaps.every((gap) => gap > 1e-9)) expect(after.ranking).toEqual(before.ranking);
    },
  );

  test.prop([problem], { seed: 42, numRuns: 200 })(
    "closenessOf a weighted row, against the result's ideal and anti-ideal, is that row's closeness exactly",
    ({ matrix, weights, kinds, normalization }) => {
      const result = topsis(matrix, weights, kinds, { normalization });
      result.weighted.forEach((row, i) => expect(closenessOf(row, result.ideal, result.antiIdeal)).toBe(result.closeness[i]));
      expect(closenessOf(result.ideal, result.ideal, result.antiIdeal)).toBe(1);
    },
  );

  test.prop([problem], { seed: 42, numRuns: 200 })(
    "closeness lies in [0, 1] and the ranking sorts it, best first",
    ({ matrix, weights, kinds, normalization }) => {
      const { closeness, ranking } = topsis(matrix, weights, kinds, { normalization });
      for (const value of closeness) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect([...ranking].sort((a, b) => a - b)).toEqual(closeness.map((_, index) => index));
      for (let k = 1; k < ranking.length; k++) {
        expect(closeness[ranking[k - 1] as number]).toBeGreaterThanOrEqual(closeness[ranking[k] as number] as number);
      }
    },
  );

  test.prop([problem, fc.nat(), fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 6, maxLength: 6 })], { seed: 42, numRuns: 200 })(
    "an alternative at least as good on every criterion is at least as close to the ideal",
    ({ matrix, weights, kinds, normalization }, pick, improvements) => {
      const base = matrix[pick % matrix.length] as number[];
      // Better means higher on a benefit criterion and lower on a cost criterion.
      const better = base.map((value, j) => value + (kinds[j] === "cost" ? -1 : 1) * (improvements[j] as number));
      const result = topsis([...matrix, better], weights, kinds, { normalization });
      const closeness = result.closeness;
      expect(closeness[matrix.length] as number).toBeGreaterThanOrEqual((closeness[pick % matrix.length] as number) - 1e-12);
    },
  );

  test.prop([problem], { seed: 42, numRuns: 100 })(
    "multiplying every weight by the same constant changes nothing",
    ({ matrix, weights, kinds, factor, normalization }) => {
      const before = topsis(matrix, weights, kinds, { normalization });
      const after = topsis(matrix, weights.map((weight) => weight * factor), kinds, { normalization });
      expectClose(after.closeness, before.closeness, 1e-9);
    },
  );
});

describe("TOPSIS input checks and edge cases", () => {
  it("reports every problem with its path", () => {
    try {
      topsis([[1, Number.NaN], [1]], [1, -1, 2], ["benefit", "up" as CriterionKind], { normalization: "zscore" as "vector" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      const paths = (error as BuyerMatchError).issues.map((issue) => issue.path);
      expect(paths).toEqual(expect.arrayContaining([["matrix", 0, 1], ["matrix", 1], ["weights"], ["weights", 1], ["kinds", 1], ["options", "normalization"]]));
    }
  });

  it("rejects all-zero weights and wrong kind counts", () => {
    expect(() => topsis([[1, 2]], [0, 0], ["benefit", "cost"])).toThrow(/must not all be zero/);
    expect(() => topsis([[1, 2]], [1, 1], ["benefit"])).toThrow(/has 1 kinds/);
  });

  it("treats a constant column as uninformative and gives every alternative closeness 1 when all tie", () => {
    const result = topsis(
      [
        [3, 3],
        [3, 3],
      ],
      [0.5, 0.5],
      ["benefit", "cost"],
      { normalization: "minmax" },
    );
    expect(result.closeness).toEqual([1, 1]);
    expect(result.ranking).toEqual([0, 1]);
    const zeros = topsis(
      [
        [0, 1],
        [0, 2],
      ],
      [0.5, 0.5],
      ["benefit", "benefit"],
    );
    expect(zeros.closeness).toEqual([0, 1]);
  });

  it("breaks equal closeness by the lower row index", () => {
    // Min-max goodness (0, 1), (1, 0), (0, 1) with equal weights: every closeness is exactly 1/2.
    const result = topsis(
      [
        [1, 2],
        [2, 1],
        [1, 2],
      ],
      [0.5, 0.5],
      ["benefit", "benefit"],
      { normalization: "minmax" },
    );
    expect(result.closeness).toEqual([0.5, 0.5, 0.5]);
    expect(result.ranking).toEqual([0, 1, 2]);
  });
});
