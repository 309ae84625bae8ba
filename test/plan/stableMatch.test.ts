import { fc, test } from "@fast-check/vitest";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stableMatch } from "../../src/plan/index.js";
import { BuyerMatchError } from "../../src/schema/errors.js";

interface MatchingCase {
  id: string;
  problem: string;
  input: Record<string, Record<string, unknown>>;
  expected: { matching?: Record<string, string | string[]>; unmatched_residents?: string[] };
}
const oracle = JSON.parse(readFileSync(new URL("../fixtures/oracles/matching-daffidwilde.json", import.meta.url), "utf8")) as { cases: MatchingCase[] };

describe("stableMatch against the daffidwilde/matching oracle", () => {
  // Every case of the problem `stableMatch` solves (stable marriage, hospital–resident) runs below.
  // The others are listed by name with the reason they are a different problem, so a case added to,
  // renamed in or dropped from the fixture fails the accounting test instead of vanishing silently.
  const roommates = "stable roommates: one set of players ranking each other, with no proposer/receiver sides to give stableMatch";
  const studentAllocation = "student–project allocation: two nested capacities (projects and their supervisors), not one capacity per receiver";
  const outOfScope = new Map<string, string>([
    ["sr_irving_original_paper", roommates],
    ["sr_gusfield_irving_1989_size10", roommates],
    ["sr_gale_shapley_1962_no_stable_123", roommates],
    ["sr_gale_shapley_1962_no_stable_132", roommates],
    ["sr_gale_shapley_1962_no_stable_213", roommates],
    ["sr_gale_shapley_1962_no_stable_231", roommates],
    ["sr_gale_shapley_1962_no_stable_312", roommates],
    ["sr_gale_shapley_1962_no_stable_321", roommates],
    ["sr_issue_64", roommates],
    ["sr_issue_124_a", roommates],
    ["sr_issue_124_b", roommates],
    ["sr_trivial", roommates],
    ["sa_docs_example", studentAllocation],
  ]);
  const inScopeIds = ["sm_pride_and_prejudice", "sm_readme", "hr_readme", "hr_issue_67", "hr_resident_loses_all_preferences"];
  const inScope = oracle.cases.filter((c) => c.problem === "stable_marriage" || c.problem === "hospital_resident");

  it("runs all 5 stable-marriage and hospital–resident cases and names the 13 others with the reason they are skipped", () => {
    expect(oracle.cases).toHaveLength(18);
    expect(inScope.map((c) => c.id)).toEqual(inScopeIds);
    const rest = oracle.cases.filter((c) => !inScope.includes(c));
    expect(rest.map((c) => c.id).sort()).toEqual([...outOfScope.keys()].sort());
    for (const c of rest) {
      const expectedProblem = outOfScope.get(c.id) === roommates ? "stable_roommates" : "student_allocation";
      expect(c.problem, c.id).toBe(expectedProblem);
    }
  });

  for (const testCase of inScope) {
    it(testCase.id, () => {
      const { input, expected } = testCase;
      if (testCase.problem === "stable_marriage") {
        const result = stableMatch(input["suitor_prefs"] as Record<string, string[]>, input["reviewer_prefs"] as Record<string, string[]>);
        expect(Object.fromEntries(result.byProposer)).toEqual(expected.matching);
        expect(result.unmatchedProposers).toEqual([]);
      } else {
        const result = stableMatch(
          input["resident_prefs"] as Record<string, string[]>,
          input["hospital_prefs"] as Record<string, string[]>,
          input["capacities"] as Record<string, number>,
        );
        // The library lists each hospital's residents in its own order: compare as sets.
        const bySet = (lists: Iterable<[string, readonly string[]]>) => Object.fromEntries([...lists].map(([h, rs]) => [h, [...rs].sort()]));
        expect(bySet(result.byReceiver)).toEqual(bySet(Object.entries(expected.matching as Record<string, string[]>)));
        expect(result.unmatchedProposers).toEqual([...(expected.unmatched_residents ?? [])].sort());
      }
    });
  }
});

describe("stableMatch input handling", () => {
  it("accepts Maps and ids such as __proto__", () => {
    const result = stableMatch(new Map([["__proto__", ["x"]]]), new Map([["x", ["__proto__"]]]));
    expect([...result.byProposer]).toEqual([["__proto__", "x"]]);
  });

  it("reports unknown ids, repeated ids and bad capacities together", () => {
    try {
      stableMatch({ a: ["x", "x", "q"] }, { x: ["a", "zz"] }, { x: -1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      const issues = (error as BuyerMatchError).issues.map((issue) => [issue.code, issue.path]);
      expect(issues).toEqual([
        ["invalid_input", ["proposerPrefs", "a", 1]],
        ["unknown_reference", ["proposerPrefs", "a", 2]],
        ["unknown_reference", ["receiverPrefs", "x", 1]],
        ["out_of_range", ["capacities", "x"]],
      ]);
    }
  });

  it("keeps nobody at a receiver of capacity 0", () => {
    const result = stableMatch({ a: ["x"] }, { x: ["a"] }, { x: 0 });
    expect(result.unmatchedProposers).toEqual(["a"]);
    expect(result.byReceiver.get("x")).toEqual([]);
  });
});

/** Random complete-ish hospital–resident instances from a seeded arbitrary. */
const instance = fc
  .record({
    proposers: fc.integer({ min: 1, max: 7 }),
    receivers: fc.integer({ min: 1, max: 4 }),
    seedLists: fc.array(fc.array(fc.nat(100), { minLength: 4, maxLength: 4 }), { minLength: 7, maxLength: 7 }),
    receiverLists: fc.array(fc.array(fc.nat(100), { minLength: 7, maxLength: 7 }), { minLength: 4, maxLength: 4 }),
    capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    keep: fc.array(fc.boolean(), { minLength: 28, maxLength: 28 }),
    // Receivers rank most proposers, not all: an unranked proposer is unacceptable to that receiver.
    receiverKeep: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 28, maxLength: 28 }),
  })
  .map(({ proposers, receivers, seedLists, receiverLists, capacities, keep, receiverKeep }) => {
    const P = Array.from({ length: proposers }, (_, i) => `p${i}`);
    const R = Array.from({ length: receivers }, (_, j) => `r${j}`);
    const order = <T>(ids: T[], keys: number[]) => ids.map((id, k) => [id, keys[k] ?? 0] as const).sort((a, b) => a[1] - b[1]).map(([id]) => id);
    const proposerPrefs = new Map(P.map((p, i) => [p, order(R, seedLists[i] as number[]).filter((_, j) => keep[i * 4 + j] !== false)]));
    const receiverPrefs = new Map(R.map((r, j) => [r, order(P, receiverLists[j] as number[]).filter((p) => receiverKeep[j * 7 + Number(p.slice(1))] !== 0)]));
    const caps = new Map(R.map((r, j) => [r, capacities[j] as number]));
    return { proposerPrefs, receiverPrefs, caps };
  });

describe("stableMatch properties", () => {
  test.prop([instance], { seed: 42, numRuns: 300 })("no capacity is exceeded and no pair blocks the matching", ({ proposerPrefs, receiverPrefs, caps }) => {
    const result = stableMatch(proposerPrefs, receiverPrefs, caps);
    for (const [receiver, held] of result.byReceiver) expect(held.length).toBeLessThanOrEqual(caps.get(receiver) ?? 1);
    for (const [proposer, list] of proposerPrefs) {
      const mine = result.byProposer.get(proposer);
      for (const receiver of list) {
        if (receiver === mine) break; // receivers after the held one are worse for the proposer
        const ranks = receiverPrefs.get(receiver) ?? [];
        if (!ranks.includes(proposer)) continue;
        const held = result.byReceiver.get(receiver) ?? [];
        const capacity = caps.get(receiver) ?? 1;
        const worst = held.length === 0 ? -1 : Math.max(...held.map((p) => ranks.indexOf(p)));
        const blocking = capacity > 0 && (held.length < capacity || ranks.indexOf(proposer) < worst);
        expect(blocking, `${proposer} and ${receiver} block`).toBe(false);
      }
    }
  });

  test.prop([instance], { seed: 42, numRuns: 300 })("every matched pair is on both sides' lists, and the two views of the matching agree", ({ proposerPrefs, receiverPrefs, caps }) => {
    const result = stableMatch(proposerPrefs, receiverPrefs, caps);
    for (const [proposer, receiver] of result.byProposer) {
      expect(proposerPrefs.get(proposer), `${proposer} ranks ${receiver}`).toContain(receiver);
      expect(receiverPrefs.get(receiver), `${receiver} ranks ${proposer}`).toContain(proposer);
      expect(result.byReceiver.get(receiver)).toContain(proposer);
    }
    const held = [...result.byReceiver.values()].reduce((total, list) => total + list.length, 0);
    expect(held).toBe(result.byProposer.size);
    expect(result.byProposer.size + result.unmatchedProposers.length).toBe(proposerPrefs.size);
  });

  test.prop([instance], { seed: 42, numRuns: 100 })("the matching does not depend on key order", ({ proposerPrefs, receiverPrefs, caps }) => {
    const a = stableMatch(proposerPrefs, receiverPrefs, caps);
    const b = stableMatch(new Map([...proposerPrefs].reverse()), new Map([...receiverPrefs].reverse()), new Map([...caps].reverse()));
    expect([...b.byProposer]).toEqual([...a.byProposer]);
    expect([...b.byReceiver]).toEqual([...a.byReceiver]);
  });
});
