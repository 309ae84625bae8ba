import { fc, test } from "@fast-check/vitest";
import { all, create, evaluate } from "mathjs";
import type { FactoryFunctionMap } from "mathjs";
import { afterAll, describe, expect, it } from "vitest";
import * as decide from "../../src/decide/index.js";
import { compileFormula } from "../../src/decide/index.js";
import { CRITERION_IDS } from "../../src/score/types.js";
import { BuyerMatchError } from "../../src/schema/errors.js";

function issuesOf(run: () => unknown): { code: string; message: string; path: readonly (string | number)[] }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return [...(error as BuyerMatchError).issues];
  }
  throw new Error("expected a BuyerMatchError");
}

describe("the buyermatch/decide entry", () => {
  it("exports every public function and constant by name", () => {
    expect(Object.keys(decide).sort()).toEqual(
      [
        "CONSISTENCY_THRESHOLD",
        "DEFAULT_EVIDENCE_LIFT",
        "DEFAULT_SHORTLIST_WEIGHTS",
        "DEFAULT_STRONG_SCORE",
        "DEFAULT_TOP_K",
        "FORMULA_FUNCTIONS",
        "MAX_FORMULA_LENGTH",
        "SAATY_RANDOM_INDEX",
        "SHORTLIST_CRITERIA",
        "ahpWeights",
        "breakdownScores",
        "compileFormula",
        "perturbWeights",
        "sensitivity",
        "shortlistCompanies",
        "topsis",
      ].sort(),
    );
  });
});

describe("compileFormula", () => {
  it("compiles the documented example into a function of the criterion scores", () => {
    const formula = compileFormula("0.5*product + 0.3*sector + 0.2*min(tier, region)");
    expect(formula({ product: 0.8, sector: 1, tier: 0.5, region: 0.8 })).toBeCloseTo(0.8, 12);
    expect(formula.variables).toEqual(["product", "region", "sector", "tier"]);
    expect(formula.source).toBe("0.5*product + 0.3*sector + 0.2*min(tier, region)");
  });

  it("evaluates precedence, unary minus, powers and every allowed function as mathjs does", () => {
    const scores = { product: 0.5, sector: 0.25, tier: 0.75, region: 1, readiness: 0.4, certification: 0 };
    for (const source of ["-product^2", "2^3^2", "-(sector - tier) * 2", "abs(sector - tier) + sqrt(readiness)", "max(product, sector, tier) / min(region, 2)", "+product", "2 product", "product / 4 * 2"]) {
      expect(compileFormula(source)(scores), source).toBe(evaluate(source, { ...scores }));
    }
  });

  it.each([
    ["a = 1", "an assignment"],
    ["f(x) = x", "a function definition"],
    ['"text"', "a string"],
    ["[product, sector]", "a matrix"],
    ["product.value", "property or index access"],
    ["product[1]", "property or index access"],
    ['import({}, {override: true})', '"import"'],
    ['evaluate("1")', '"evaluate"'],
    ["unknown + 1", '"unknown"'],
    ["pi * product", '"pi"'],
    ["cos(product)", '"cos"'],
    ["product > sector", '">"'],
    ["product ? sector : tier", "a conditional"],
    ["1:3", "a range"],
    ["product; sector", "several statements"],
    ["5!", '"!"'],
    ["product mod 2", '"mod"'],
    ["true", "the constant true"],
    ["{a: 1}", "an object"],
    ["min()", "calling min with 0 arguments"],
    ["sqrt(product, sector)", "calling sqrt with 2 arguments"],
  ])("refuses %s as unsafe_expression naming %s", (source, what) => {
    const issues = issuesOf(() => compileFormula(source));
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.code).toBe("unsafe_expression");
    expect(issues.map((issue) => issue.message).join("\n")).toContain(what);
  });

  it("reports every disallowed construct of one formula at once", () => {
    const issues = issuesOf(() => compileFormula("cos(product) + unknown + [1]"));
    expect(issues).toHaveLength(3);
  });

  it("reports a syntax error as invalid_input, and refuses empty and overlong formulas", () => {
    expect(issuesOf(() => compileFormula("product +"))[0]).toMatchObject({ code: "invalid_input", path: ["formula"] });
    expect(issuesOf(() => compileFormula("  "))[0]?.code).toBe("invalid_input");
    expect(issuesOf(() => compileFormula(42 as unknown as string))[0]?.code).toBe("invalid_input");
    expect(issuesOf(() => compileFormula("product+".repeat(400) + "product"))[0]?.code).toBe("out_of_range");
  });

  it("accepts custom variable names and refuses names that are not identifiers or shadow functions", () => {
    const formula = compileFormula("demand * 2 + fit", { variables: ["demand", "fit"] });
    expect(formula({ demand: 0.25, fit: 0.5 })).toBe(1);
    expect(issuesOf(() => compileFormula("product", { variables: ["demand"] }))[0]?.code).toBe("unsafe_expression");
    const issues = issuesOf(() => compileFormula("x", { variables: ["x", "min", "constructor", "2x"] }));
    expect(issues.map((issue) => issue.path)).toEqual([
      ["options", "variables", 1],
      ["options", "variables", 2],
      ["options", "variables", 3],
    ]);
  });

  it("treats a missing score as an error unless a value for missing scores is given", () => {
    const strict = compileFormula("product + sector");
    expect(issuesOf(() => strict({ product: 1 }))[0]).toMatchObject({ code: "invalid_input", path: ["scores", "sector"] });
    const lenient = compileFormula("product + sector", { missing: 0.5 });
    expect(lenient({ product: 1 })).toBe(1.5);
  });

  it("never returns NaN or Infinity: it throws out_of_range instead", () => {
    expect(issuesOf(() => compileFormula("product / sector")({ product: 1, sector: 0 }))[0]?.code).toBe("out_of_range");
    expect(issuesOf(() => compileFormula("sqrt(product - 1)")({ product: 0.5 }))[0]?.code).toBe("out_of_range");
    expect(issuesOf(() => compileFormula("product")({ product: Number.NaN }))[0]?.code).toBe("out_of_range");
    expect(issuesOf(() => compileFormula("(product - 1) ^ 0.5")({ product: 0.5 }))[0]?.code).toBe("out_of_range");
  });

  it("rescores a match breakdown from the core", () => {
    const breakdown = {
      product: { score: 0.8, weight: 0.5, contribution: 0.4, known: true, detail: { summary: "brake rotors" } },
      tier: { score: 0.5, weight: 0.5, contribution: 0.25, known: true, detail: { summary: "tier1 → oem" } },
    };
    const scores = decide.breakdownScores(breakdown);
    expect(scores).toEqual({ product: 0.8, tier: 0.5 });
    expect(compileFormula("0.5*product + 0.5*tier")(scores)).toBeCloseTo(0.65, 12);
  });

  it("can never read an Object.prototype member from the scores", () => {
    // Names such as "constructor" or "toString" cannot be declared, so {} has nothing to leak.
    expect(issuesOf(() => compileFormula("toString", { variables: ["toString"] }))[0]?.path).toEqual(["options", "variables", 0]);
    expect(issuesOf(() => compileFormula("constructor"))[0]?.code).toBe("unsafe_expression");
    expect(compileFormula("product", { missing: 0 })({})).toBe(0);
  });
});

describe("compiled formulas agree with mathjs", () => {
  const variable = fc.constantFrom(...CRITERION_IDS);
  const constant = fc.oneof(fc.integer({ min: 0, max: 20 }).map(String), fc.double({ min: 0, max: 10, noNaN: true }).map(String));
  const { expression } = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      constant,
      variable,
      fc.tuple(tie("expression"), fc.constantFrom("+", "-", "*", "/"), tie("expression"), fc.boolean()).map(([left, op, right, parens]) =>
        parens ? `(${left}) ${op} (${right})` : `${left} ${op} ${right}`,
      ),
      // Powers stay real: an integer exponent, or a non-negative base. A fractional power of a negative
      // number is complex in default mathjs and real for odd roots in its predictable mode; the compiled
      // formula refuses it, as it refuses sqrt(−1) (tested above).
      fc.tuple(tie("expression"), fc.integer({ min: 0, max: 4 })).map(([base, exponent]) => `(${base}) ^ ${exponent}`),
      fc.tuple(tie("expression"), tie("expression")).map(([base, exponent]) => `abs(${base}) ^ (${exponent})`),
      tie("expression").map((operand) => `-(${operand})`),
      fc.tuple(fc.constantFrom("min", "max"), fc.array(tie("expression"), { minLength: 1, maxLength: 3 })).map(([name, args]) => `${name}(${args.join(", ")})`),
      fc.tuple(fc.constantFrom("abs", "sqrt"), tie("expression")).map(([name, operand]) => `${name}(${operand})`),
    ),
  }));
  const scope = fc.record(Object.fromEntries(CRITERION_IDS.map((id) => [id, fc.double({ min: -1, max: 2, noNaN: true })])) as Record<(typeof CRITERION_IDS)[number], fc.Arbitrary<number>>);

  // Two documented departures from mathjs's defaults (docs/decide.md): the compiled formula works in
  // real numbers, so an intermediate such as sqrt(−1) is an error rather than a complex number that a
  // later abs() could turn real again; and its min and max are exact, where mathjs compares with a
  // tolerance (relTol 1e-12, absTol 1e-15) and keeps the first of two nearly equal arguments. mathjs
  // itself offers the first behaviour as `predictable: true` and the second with a zero tolerance, so
  // the full grammar is checked against that configuration, and also against the default `evaluate`.
  const realMath = create(all as FactoryFunctionMap, { predictable: true, relTol: Number.MIN_VALUE, absTol: 0 });

  function agree(source: string, scopes: readonly Record<string, number>[], evaluateWith: (source: string, scope: Record<string, number>) => unknown): void {
    const formula = compileFormula(source);
    for (const values of scopes) {
      const expected = evaluateWith(source, { ...values });
      if (typeof expected === "number" && Number.isFinite(expected)) {
        const actual = formula(values);
        expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
      } else {
        // mathjs answers NaN or ±Infinity: the compiled formula refuses instead of returning it.
        expect(() => formula(values)).toThrow(BuyerMatchError);
      }
    }
  }

  test.prop([expression, fc.array(scope, { minLength: 1, maxLength: 5 })], { seed: 42, numRuns: 400 })(
    "a compiled formula equals mathjs's own evaluation (real arithmetic, exact comparisons) on random scopes, within relative 1e-12",
    (source, scopes) => agree(source, scopes, (text, values) => realMath.evaluate(text, values) as unknown),
  );

  // mathjs's defaults with only the comparison tolerance set to zero: complex intermediates allowed,
  // min and max exact. Every formula, min and max included, is compared with it.
  const exactComparisons = create(all as FactoryFunctionMap, { relTol: Number.MIN_VALUE, absTol: 0 });
  const counts = { compared: 0, withMinMax: 0, refusedComplex: 0, nearTies: 0 };
  afterAll(() => {
    // Enough cases of each kind were compared for the agreement to mean something.
    expect(counts.compared).toBeGreaterThan(500);
    expect(counts.withMinMax).toBeGreaterThan(150);
  });

  test.prop([expression, fc.array(scope, { minLength: 1, maxLength: 5 })], { seed: 42, numRuns: 300 })(
    "where mathjs's default evaluate gives a finite real number, the compiled formula gives the same (min and max included), or refuses a non-real or near-tie intermediate",
    (source, scopes) => {
      const formula = compileFormula(source);
      const usesMinMax = /\b(min|max)\(/.test(source);
      for (const values of scopes) {
        const expected: unknown = evaluate(source, { ...values });
        if (typeof expected !== "number" || !Number.isFinite(expected)) continue;
        const exact: unknown = exactComparisons.evaluate(source, { ...values });
        let actual: number | undefined;
        try {
          actual = formula(values);
        } catch (error) {
          expect(error).toBeInstanceOf(BuyerMatchError);
        }
        if (actual === undefined) {
          // The only way to refuse what default mathjs accepts: a complex intermediate made real again.
          expect(realMath.evaluate(source, { ...values })).toSatisfy((value: unknown) => typeof value !== "number" || !Number.isFinite(value));
          counts.refusedComplex++;
          continue;
        }
        counts.compared++;
        if (usesMinMax) counts.withMinMax++;
        // Against mathjs with exact comparisons: the same number, min and max included.
        expect(typeof exact).toBe("number");
        expect(Math.abs(actual - (exact as number))).toBeLessThanOrEqual(1e-12 * Math.abs(exact as number));
        // Against the default evaluate: the same, except where its tolerant min or max kept the first of
        // two arguments within relative 1e-12 of each other (then the exact instance above disagrees too).
        if (Math.abs(actual - expected) > 1e-12 * Math.abs(expected)) {
          expect(usesMinMax, `${source} differs from mathjs without min or max`).toBe(true);
          expect(exact).not.toBe(expected);
          counts.nearTies++;
        }
      }
    },
  );
});
