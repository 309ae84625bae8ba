/**
 * The fuzzing run's minimal cases (issue 13's table), each pinned: what once threw a TypeError,
 * passed NaN through, threw a plain Error or lost a record now gives one BuyerMatchError with the
 * path of the problem, or a valid result.
 */
import { describe, expect, it } from "vitest";
import { createMatcher, explainMatch, mergeTopK, rankBuyers, scorePair } from "../../src/index.js";
import { compileFormula } from "../../src/decide/index.js";
import { ahpWeights } from "../../src/decide/ahp.js";
import { rankingMetrics, safeValidateOutcomes } from "../../src/evaluate/index.js";
import { planMeetings, stableMatch } from "../../src/plan/index.js";
import { FlowNetwork, solveMinCostFlow } from "../../src/plan/minCostFlow.js";
import { BuyerMatchError, type BuyerMatchIssue } from "../../src/schema/errors.js";
import { buyers, companies, matches } from "./targets.js";

/** The issues of the BuyerMatchError `run` throws; fails the test when it throws anything else or nothing. */
function issuesOf(run: () => unknown): readonly BuyerMatchIssue[] {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BuyerMatchError);
  return (caught as BuyerMatchError).issues;
}

const paths = (issues: readonly BuyerMatchIssue[]): string[] => issues.map((issue) => issue.path.join("."));

describe("explainMatch", () => {
  it("explainMatch(undefined) and explainMatch({}) name the match as the problem", () => {
    expect(paths(issuesOf(() => explainMatch(undefined as never)))).toEqual(["match"]);
    expect(paths(issuesOf(() => explainMatch({} as never)))).toEqual(expect.arrayContaining(["match.companyId", "match.buyerId", "match.score", "match.viewpoint", "match.breakdown"]));
  });
  it("explainMatch(match, null) names the options", () => {
    expect(paths(issuesOf(() => explainMatch(matches[0]!, null as never)))).toEqual(["options"]);
  });
  it("a changed match (a score that is not a number) is reported at its path", () => {
    const broken = { ...matches[0]!, breakdown: { ...matches[0]!.breakdown, sector: { ...matches[0]!.breakdown.sector!, score: Number.NaN } } };
    expect(issuesOf(() => explainMatch(broken))).toEqual([expect.objectContaining({ code: "out_of_range", path: ["match", "breakdown", "sector", "score"] })]);
  });
  it("explains an excluded pair in Korean from the reason's code, not its English message", () => {
    const company = { ...companies[0]!, certifications: [] };
    const buyer = { ...buyers[0]!, requiredCertifications: ["IATF 16949"] };
    const pair = scorePair(company, buyer);
    expect(pair.whyNot).toEqual([{ criterion: "certification", code: "missing_certification", certifications: ["IATF 16949"], message: "lacks required certification IATF 16949" }]);
    expect(explainMatch(pair, { locale: "ko" })).toContain("  제외: 필수 인증 미보유: IATF 16949");
  });
});

describe("mergeTopK", () => {
  it("mergeTopK([[null]]) names the entry and mergeTopK(lists, null) the options", () => {
    expect(paths(issuesOf(() => mergeTopK([[null as never]])))).toEqual(["lists.0.0"]);
    expect(paths(issuesOf(() => mergeTopK([matches], null as never)))).toEqual(["options"]);
  });
  it("a match whose score is NaN is refused, not merged", () => {
    const nan = { ...matches[1]!, score: Number.NaN };
    expect(issuesOf(() => mergeTopK([[matches[0]!], [nan]]))).toEqual([expect.objectContaining({ code: "out_of_range", path: ["lists", 1, 0, "score"] })]);
  });
});

describe("the matcher and the scorers", () => {
  it("createMatcher(buyers, {}, null) names the setup", () => {
    expect(paths(issuesOf(() => createMatcher(buyers, {}, null as never)))).toEqual(["setup"]);
  });
  it("indexCompanies(cs).rank(1n) says a buyer id is a string", () => {
    expect(issuesOf(() => createMatcher(buyers).indexCompanies(companies).rank(1n as never))).toEqual([expect.objectContaining({ code: "invalid_input", path: ["buyerId"] })]);
  });
  it("scorePair with an id whose length is a null-prototype object is an invalid input at the company", () => {
    const issues = issuesOf(() => scorePair({ id: { length: Object.create(null) as object } } as never, buyers[0]!));
    expect(issues.every((issue) => issue.path[0] === "company")).toBe(true);
  });
  it("a user sector named __proto__ is refused with a message, not dropped (zod would drop the key)", () => {
    const sectors = JSON.parse('{"__proto__": {"naics": ["333120"]}}') as Record<string, { naics: string[] }>;
    expect(issuesOf(() => scorePair(companies[0]!, buyers[0]!, { sectors }))).toEqual([expect.objectContaining({ path: ["options", "sectors", "__proto__"], message: '"__proto__" cannot name a sector' })]);
  });
  it("a hole in a sparse list of buyers is reported, not skipped", () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = [, buyers[0]!] as unknown as typeof buyers;
    expect(paths(issuesOf(() => rankBuyers(companies[0]!, sparse)))).toEqual(["buyers.0"]);
  });
});

describe("planning and matching tools", () => {
  it("planMeetings(undefined) says the input must be an object", () => {
    expect(issuesOf(() => planMeetings(undefined as never))).toEqual([expect.objectContaining({ code: "invalid_input", path: [] })]);
  });
  it("stableMatch with a Map keyed by an object names the side", () => {
    const issues = issuesOf(() => stableMatch(new Map([[{} as never, ["x"]]]), new Map([["x", ["a"]]])));
    expect(issues.map((issue) => issue.path[0])).toContain("proposerPrefs");
  });
  it("rankingMetrics with a Map keyed by an object is an invalid input", () => {
    const issues = issuesOf(() => rankingMetrics(new Map([[{} as never, matches]]), [], { k: 2 }));
    expect(issues.length).toBeGreaterThan(0);
  });
  it("the min-cost flow refuses an undefined network, a NaN cost and a negative cycle", () => {
    expect(paths(issuesOf(() => solveMinCostFlow(undefined as never, 0, 1)))).toEqual(["network"]);
    const network = new FlowNetwork();
    const a = network.addNode();
    const b = network.addNode();
    expect(paths(issuesOf(() => network.addArc(a, b, 1, Number.NaN)))).toEqual(["cost"]);
    network.addArc(a, b, 1, -2);
    network.addArc(b, a, 1, 1);
    const source = network.addNode();
    const sink = network.addNode();
    network.addArc(source, a, 1, 0);
    network.addArc(b, sink, 1, 0);
    expect(paths(issuesOf(() => solveMinCostFlow(network, source, sink, { algorithm: "successive-shortest-paths" })))).toEqual(["network"]);
  });
});

describe("decision and follow-up tools", () => {
  const formula = compileFormula("product");
  it("a compiled formula refuses null, a BigInt and a numeric string instead of coercing", () => {
    expect(paths(issuesOf(() => formula(null as never)))).toEqual(["scores"]);
    expect(paths(issuesOf(() => formula({ product: 1n } as never)))).toEqual(["scores.product"]);
    expect(paths(issuesOf(() => formula({ product: "0.25" } as never)))).toEqual(["scores.product"]);
    expect(formula({ product: 0.25 })).toBe(0.25);
  });
  it("a compiled formula reads only the scores' own properties, never one inherited from a prototype", () => {
    const inherited = Object.create({ product: 0.5 }) as { product: number };
    expect(issuesOf(() => formula(inherited)).map((issue) => issue.message).join()).toMatch(/missing/);
  });
  it("safeValidateOutcomes([], null) returns the problem instead of throwing", () => {
    const result = safeValidateOutcomes([], null as never);
    expect(result).toEqual({ success: false, issues: [expect.objectContaining({ path: ["known"] })] });
  });
  it("ahpWeights with 40,000 short rows is refused with one issue per bad row (checking reads only the cells given)", () => {
    const rows = Array.from({ length: 40_000 }, () => [1, 2]);
    const issues = issuesOf(() => ahpWeights(rows));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.length).toBeLessThan(100_000);
  });
});
