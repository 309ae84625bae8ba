import { describe, expect, it } from "vitest";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { DEFAULT_RELEVANCE, safeValidateOutcomes, validateOutcomes } from "../../src/evaluate/index.js";
import { bestOutcomes, resolveRelevance } from "../../src/evaluate/outcomes.js";

describe("validateOutcomes", () => {
  it("accepts good outcomes and trims ids", () => {
    const parsed = validateOutcomes([{ companyId: " c1 ", buyerId: "b1", stage: "deal", value: 0, notes: "kept out" }], { companyIds: ["c1"], buyerIds: ["b1"] });
    expect(parsed).toEqual([{ companyId: "c1", buyerId: "b1", stage: "deal", value: 0 }]);
  });

  it("reports every problem in one BuyerMatchError, each with its path", () => {
    const raw = [
      { companyId: "c1", buyerId: "b1", stage: "met" },
      { companyId: "c2", buyerId: "b1", stage: "met" },
      { companyId: "c1", buyerId: "b7", stage: "interest" },
      { companyId: "c1", buyerId: "b1", stage: "contract" },
      { companyId: "c1", buyerId: "b1", stage: "quote", value: -1 },
      { companyId: "c1", buyerId: "b1", stage: "quote", value: Number.POSITIVE_INFINITY },
      { companyId: "", stage: "deal" },
      null,
    ];
    let error: unknown;
    try {
      validateOutcomes(raw, { companyIds: ["c1"], buyerIds: ["b1"] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BuyerMatchError);
    const issues = (error as BuyerMatchError).issues.map(({ code, path }) => ({ code, path }));
    expect(issues).toEqual([
      { code: "unknown_reference", path: ["outcomes", 1, "companyId"] },
      { code: "unknown_reference", path: ["outcomes", 2, "buyerId"] },
      { code: "invalid_input", path: ["outcomes", 3, "stage"] },
      { code: "out_of_range", path: ["outcomes", 4, "value"] },
      { code: "out_of_range", path: ["outcomes", 5, "value"] }, // Infinity: a number out of range
      { code: "out_of_range", path: ["outcomes", 6, "companyId"] },
      { code: "invalid_input", path: ["outcomes", 6, "buyerId"] },
      { code: "invalid_input", path: ["outcomes", 7] },
    ]);
    expect((error as BuyerMatchError).message).toContain("outcomes[3].stage");
  });

  it("has a non-throwing twin that returns the same issues", () => {
    const result = safeValidateOutcomes([{ companyId: "c", buyerId: "b", stage: "won" }]);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0]?.path).toEqual(["outcomes", 0, "stage"]);
  });

  it("checks no ids when none are given", () => {
    expect(validateOutcomes([{ companyId: "anyone", buyerId: "__proto__", stage: "met" }])).toHaveLength(1);
  });
});

describe("bestOutcomes", () => {
  it("keeps the furthest stage of a pair and the largest value of that stage, in any input order", () => {
    const outcomes = validateOutcomes([
      { companyId: "c", buyerId: "b", stage: "quote", value: 10 },
      { companyId: "c", buyerId: "b", stage: "deal", value: 5 },
      { companyId: "c", buyerId: "b", stage: "deal", value: 7 },
      { companyId: "c", buyerId: "b", stage: "met" },
      { companyId: "c", buyerId: "a", stage: "met" },
    ]);
    const expected = { companyId: "c", buyerId: "b", stage: "deal", grade: 4, value: 7 };
    expect(bestOutcomes(outcomes).get("c")?.get("b")).toEqual(expected);
    expect(bestOutcomes([...outcomes].reverse()).get("c")?.get("b")).toEqual(expected);
    expect([...(bestOutcomes(outcomes).get("c")?.keys() ?? [])]).toEqual(["a", "b"]);
  });
});

describe("resolveRelevance", () => {
  it("fills in the documented defaults", () => {
    expect(resolveRelevance()).toEqual(DEFAULT_RELEVANCE);
    expect(resolveRelevance({ met: 0, deal: 8 })).toEqual({ met: 0, interest: 2, quote: 3, deal: 8 });
  });

  it("rejects negative, huge, unknown and decreasing grades with paths", () => {
    const issuesOf = (grades: object) => {
      try {
        resolveRelevance(grades as never);
      } catch (error) {
        return (error as BuyerMatchError).issues.map(({ code, path }) => ({ code, path }));
      }
      return [];
    };
    expect(issuesOf({ met: -1 })).toEqual([{ code: "out_of_range", path: ["relevance", "met"] }]);
    expect(issuesOf({ deal: 1000 })).toEqual([{ code: "out_of_range", path: ["relevance", "deal"] }]);
    expect(issuesOf({ signed: 5 })).toEqual([{ code: "invalid_input", path: ["relevance"] }]);
    expect(issuesOf({ interest: 5 })).toEqual([{ code: "out_of_range", path: ["relevance", "quote"] }]);
  });
});
