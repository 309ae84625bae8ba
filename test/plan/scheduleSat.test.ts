import { describe, expect, it } from "vitest";
import { SatSolver, neg, pos } from "../../src/plan/sat.js";

/** Pigeonhole: n + 1 pigeons in n holes (unsatisfiable, and hard for resolution as n grows). */
function pigeonhole(holes: number): SatSolver {
  const solver = new SatSolver();
  const x = Array.from({ length: holes + 1 }, () => Array.from({ length: holes }, () => solver.newVar()));
  for (const row of x) solver.addClause(row.map(pos));
  for (let h = 0; h < holes; h++) {
    for (let p = 0; p < x.length; p++) for (let q = p + 1; q < x.length; q++) solver.addClause([neg(x[p]![h]!), neg(x[q]![h]!)]);
  }
  return solver;
}

describe("SatSolver (the scheduler's CDCL solver)", () => {
  it("proves pigeonhole formulas unsatisfiable when the conflicts are not limited", () => {
    for (const holes of [2, 3, 4, 5]) expect(pigeonhole(holes).solve([], Number.POSITIVE_INFINITY, () => 0), `${holes} holes`).toBe("unsat");
  });

  it("answers unknown, not unsat, when the conflict budget runs out first, and keeps no root state from it", () => {
    const solver = pigeonhole(5);
    const before = solver.conflicts;
    expect(solver.solve([], Number.POSITIVE_INFINITY, () => 0, 10)).toBe("unknown");
    expect(solver.conflicts - before).toBe(10);
    // What it learnt stays; the next query, unlimited, goes on to the proof.
    expect(solver.solve([], Number.POSITIVE_INFINITY, () => 0)).toBe("unsat");
  });

  it("finds a model under assumptions, and a core of the failing ones", () => {
    const solver = new SatSolver();
    const [a, b, c] = [solver.newVar(), solver.newVar(), solver.newVar()];
    solver.addClause([neg(a), neg(b)]);
    solver.addClause([pos(b), pos(c)]);
    expect(solver.solve([pos(a)], Number.POSITIVE_INFINITY, () => 0, 100)).toBe("sat");
    expect(solver.modelValue(a)).toBe(true);
    expect(solver.modelValue(b)).toBe(false);
    expect(solver.modelValue(c)).toBe(true);
    expect(solver.solve([pos(a), neg(c)], Number.POSITIVE_INFINITY, () => 0)).toBe("unsat");
    expect([...solver.core].sort()).toEqual([pos(a), neg(c)].sort());
  });
});
