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
  // Stable roommates (one-sided preferences, no proposer/receiver split) and student–project allocation
  // (two nested levels of capacity: projects and supervisors) are not hospital–resident instances, so
  // they are out of scope for `stableMatch` and skipped here: 5 of the 18 cases are in scope.
  const inScope = oracle.cases.filter((c) => c.problem === "stable_marriage" || c.problem === "hospital_resident");
  it("has the 2 stable-marriage and 3 hospital–resident cases", () => {
    expect(inScope.map((c) => c.problem).sort()).toEqual(["hospital_resident", "hospital_resident", "hospital_resident", "stable_marriage", "stable_marriage"]);
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
  })
  .map(({ proposers, receivers, seedLists, receiverLists, capacities, keep }) => {
    const P = Array.from({ length: proposers }, (_, i) => `p${i}`);
    const R = Array.from({ length: receivers }, (_, j) => `r${j}`);
    const order = <T>(ids: T[], keys: number[]) => ids.map((id, k) => [id, keys[k] ?? 0] as const).sort((a, b) => a[1] - b[1]).map(([id]) => id);
    const proposerPrefs = new Map(P.map((p, i) => [p, order(R, seedLists[i] as number[]).filter((_, j) => keep[i * 4 + j] !== false)]));
    const receiverPrefs = new Map(R.map((r, j) => [r, order(P, receiverLists[j] as number[])]));
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

  test.prop([instance], { seed: 42, numRuns: 100 })("the matching does not depend on key order", ({ proposerPrefs, receiverPrefs, caps }) => {
    const a = stableMatch(proposerPrefs, receiverPrefs, caps);
    const b = stableMatch(new Map([...proposerPrefs].reverse()), new Map([...receiverPrefs].reverse()), new Map([...caps].reverse()));
    expect([...b.byProposer]).toEqual([...a.byProposer]);
    expect([...b.byReceiver]).toEqual([...a.byReceiver]);
  });
});
