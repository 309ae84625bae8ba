import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ahpWeights, SAATY_RANDOM_INDEX } from "../../src/decide/ahp.js";
import { BuyerMatchError } from "../../src/schema/errors.js";

/** Asserts every entry of `actual` is within `tolerance` of `expected`. */
function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, index) => expect(Math.abs(value - (expected[index] as number)), `entry ${index}: ${value} vs ${expected[index]}`).toBeLessThanOrEqual(tolerance));
}

function issuesOf(run: () => unknown): { code: string; path: readonly (string | number)[] }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return [...(error as BuyerMatchError).issues];
  }
  throw new Error("expected a BuyerMatchError");
}

describe("Saaty's published worked examples", () => {
  // SOURCE: Saaty, T.L. (2008) "Decision making with the analytic hierarchy process",
  // Int. J. Services Sciences 1(1), 83–98, Table 2: "Which drink is consumed more in the U.S.?"
  // Published derived scale: coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129,
  // water .327; C.R. = .022.
  it("reproduces the drink-consumption example (Saaty 2008, Table 2)", () => {
    const drinks = [
      [1, 9, 5, 2, 1, 1, 1 / 2],
      [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
      [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
      [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
      [1, 9, 4, 2, 1, 2, 1 / 2],
      [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
      [2, 9, 9, 3, 2, 3, 1],
    ];
    const result = ahpWeights(drinks, { labels: ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"] });
    expectClose(result.weights, [0.177, 0.019, 0.042, 0.116, 0.19, 0.129, 0.327], 0.005);
    expect(Math.abs(result.cr - 0.022)).toBeLessThanOrEqual(0.005);
    expect(result.consistent).toBe(true);
    expect(result.byLabel?.["water"]).toBe(result.weights[6]);
  });

  // SOURCE: Saaty, T.L. (1990) "How to make a decision: the analytic hierarchy process",
  // European Journal of Operational Research 48, 9–26, Table 2 (house-buying criteria: size,
  // transportation, neighbourhood, age, yard, modern facilities, general condition, financing);
  // also Table 1 of Saaty (2003) EJOR 145, 85–91. Published: priorities .173 .054 .188 .018 .031
  // .036 .167 .333, λmax = 9.669, C.I. = 0.238, C.R. = 0.169 — an example of a matrix that fails CR ≤ 0.1.
  it("reproduces the house-buying criteria matrix (Saaty 1990, Table 2) and flags it inconsistent", () => {
    const house = [
      [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
      [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
      [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
      [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
      [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
      [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
      [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
      [4, 7, 5, 8, 6, 6, 2, 1],
    ];
    const result = ahpWeights(house);
    expectClose(result.weights, [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], 0.005);
    expect(Math.abs(result.lambdaMax - 9.669)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(result.ci - 0.238)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(result.cr - 0.169)).toBeLessThanOrEqual(0.005);
    expect(result.consistent).toBe(false);
  });

  // SOURCE: Saaty (1990), EJOR 48, Table 3 — the houses A, B, C compared on "Transportation"
  // (published priorities .233 .055 .713, λmax 3.247, C.R. 0.213) and on "Financing" (.072 .650 .278,
  // λmax 3.065, C.R. 0.056).
  it("reproduces two 3×3 house comparisons (Saaty 1990, Table 3)", () => {
    const transportation = ahpWeights([
      [1, 7, 1 / 5],
      [1 / 7, 1, 1 / 8],
      [5, 8, 1],
    ]);
    expectClose(transportation.weights, [0.233, 0.055, 0.713], 0.005);
    expect(Math.abs(transportation.lambdaMax - 3.247)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(transportation.cr - 0.213)).toBeLessThanOrEqual(0.005);
    expect(transportation.consistent).toBe(false);

    const financing = ahpWeights([
      [1, 1 / 7, 1 / 5],
      [7, 1, 3],
      [5, 1 / 3, 1],
    ]);
    expectClose(financing.weights, [0.072, 0.65, 0.278], 0.005);
    expect(Math.abs(financing.lambdaMax - 3.065)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(financing.cr - 0.056)).toBeLessThanOrEqual(0.005);
    expect(financing.consistent).toBe(true);
  });

  it("matches the closed form λmax = 1 + k^(1/3) + k^(−1/3) of a 3×3 matrix, k = a12·a23/a13", () => {
    // For a 3×3 reciprocal matrix the characteristic polynomial gives this λmax exactly.
    const k = (7 * (1 / 8)) / (1 / 5);
    const { lambdaMax } = ahpWeights([
      [1, 7, 1 / 5],
      [1 / 7, 1, 1 / 8],
      [5, 8, 1],
    ]);
    expect(lambdaMax).toBeCloseTo(1 + Math.cbrt(k) + 1 / Math.cbrt(k), 10);
  });
});

describe("AHP properties", () => {
  const generatingWeights = fc
    .array(fc.double({ min: 0.05, max: 20, noNaN: true }), { minLength: 1, maxLength: 15 })
    .map((raw) => {
      const total = raw.reduce((sum, value) => sum + value, 0);
      return raw.map((value) => value / total);
    });

  test.prop([generatingWeights], { seed: 42, numRuns: 200 })(
    "a perfectly consistent matrix (a_ij = w_i / w_j) returns its generating weights and CR = 0",
    (weights) => {
      const matrix = weights.map((wi) => weights.map((wj) => wi / wj));
      // Construction leaves a_ij · a_ji within rounding of 1, well inside the 1e-9 tolerance.
      const result = ahpWeights(matrix);
      expectClose(result.weights, weights, 1e-9);
      expect(result.lambdaMax).toBeCloseTo(weights.length, 9);
      expect(result.cr).toBeLessThan(1e-9);
      expect(result.consistent).toBe(true);
    },
  );

  const reciprocalMatrix = fc.integer({ min: 1, max: 9 }).chain((n) =>
    fc.array(fc.constantFrom(1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
      const matrix = Array.from({ length: n }, () => new Array<number>(n).fill(1));
      let next = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const value = upper[next++] as number;
          (matrix[i] as number[])[j] = value;
          (matrix[j] as number[])[i] = 1 / value;
        }
      }
      return matrix;
    }),
  );

  test.prop([reciprocalMatrix], { seed: 42, numRuns: 200 })(
    "the weights are a positive eigenvector of the matrix with eigenvalue λmax ≥ n",
    (matrix) => {
      const { weights, lambdaMax, ci, cr } = ahpWeights(matrix);
      expect(weights.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
      for (const weight of weights) expect(weight).toBeGreaterThan(0);
      matrix.forEach((row, i) => {
        const product = row.reduce((sum, value, j) => sum + value * (weights[j] as number), 0);
        expect(product).toBeCloseTo(lambdaMax * (weights[i] as number), 9);
      });
      expect(lambdaMax).toBeGreaterThanOrEqual(matrix.length - 1e-9);
      expect(ci).toBeGreaterThanOrEqual(0);
      if (matrix.length <= 2) expect(cr).toBe(0);
    },
  );

  test.prop([reciprocalMatrix, fc.nat()], { seed: 42, numRuns: 100 })(
    "relabelling the criteria permutes the weights and nothing else",
    (matrix, seed) => {
      const n = matrix.length;
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
      const permuted = order.map((i) => order.map((j) => (matrix[i] as number[])[j] as number));
      const original = ahpWeights(matrix);
      const shuffled = ahpWeights(permuted);
      order.forEach((i, position) => expect(shuffled.weights[position]).toBeCloseTo(original.weights[i] as number, 10));
      expect(shuffled.cr).toBeCloseTo(original.cr, 10);
    },
  );
});

describe("AHP input checks", () => {
  it("has Saaty's random index for n = 1..15", () => {
    expect(SAATY_RANDOM_INDEX).toHaveLength(15);
    expect(SAATY_RANDOM_INDEX[2]).toBe(0.58);
    expect(SAATY_RANDOM_INDEX[9]).toBe(1.49);
  });

  it("gives CR = 0 for 1×1 and 2×2 matrices", () => {
    expect(ahpWeights([[1]])).toMatchObject({ weights: [1], cr: 0, consistent: true });
    const two = ahpWeights([
      [1, 4],
      [1 / 4, 1],
    ]);
    expectClose(two.weights, [0.8, 0.2], 1e-12);
    expect(two.cr).toBe(0);
  });

  it("lists every bad cell of a matrix that is not positive and reciprocal", () => {
    const issues = issuesOf(() =>
      ahpWeights([
        [1, 3, 0],
        [0.33, 1, 2],
        [5, 0.5, 2],
      ]),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "out_of_range", path: ["pairwiseMatrix", 0, 2] }),
        expect.objectContaining({ code: "invalid_matrix", path: ["pairwiseMatrix", 1, 0] }),
        expect.objectContaining({ code: "invalid_matrix", path: ["pairwiseMatrix", 2, 2] }),
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it("rejects non-square, ragged and NaN input with paths, and mismatched labels", () => {
    expect(issuesOf(() => ahpWeights([[1, 2]]))).toEqual([expect.objectContaining({ code: "invalid_matrix", path: ["pairwiseMatrix"] })]);
    const issues = issuesOf(() => ahpWeights([[1, 2], [0.5], [Number.NaN, 1, 1]] as number[][], { labels: ["a", "a"] }));
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([["pairwiseMatrix", 1], ["pairwiseMatrix", 2, 0], ["labels"], ["labels", 1]]),
    );
    expect(issuesOf(() => ahpWeights([]))).toEqual([expect.objectContaining({ code: "invalid_matrix" })]);
    expect(issuesOf(() => ahpWeights("1" as unknown as number[][]))[0]?.code).toBe("invalid_input");
  });

  it("maps labels to weights, including an id such as __proto__", () => {
    const result = ahpWeights(
      [
        [1, 2],
        [1 / 2, 1],
      ],
      { labels: ["__proto__", "sector"] },
    );
    expect(result.byLabel?.["__proto__"]).toBeCloseTo(2 / 3, 12);
    expect(Object.keys(result.byLabel ?? {})).toEqual(["__proto__", "sector"]);
  });
});
