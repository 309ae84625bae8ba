/**
 * An independent statement of the planner's optimisation as a mixed-integer program in CPLEX LP text,
 * solved by HiGHS (npm `highs`, WebAssembly). It shares no code with the planner: it reads the raw
 * input and writes every rule as a linear constraint.
 */
import type { ScoredPlanInput } from "./instances.js";

export interface Highs {
  solve(problem: string, options?: Record<string, unknown>): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal: number }> };
}

let instance: Promise<Highs> | undefined;
/** Loads the WASM solver once. */
export function loadHighs(): Promise<Highs> {
  instance ??= import("highs").then((module) => (module.default as unknown as (options?: object) => Promise<Highs>)());
  return instance;
}

const lower = (text: string): string => text.trim().toLowerCase();

/**
 * The fairness penalty of a company's k-th meeting, written out here from its definition in
 * docs/plan.md ("a company's k-th meeting carries a penalty mean_c × (1 − 1/(1 + f·(k−1)))") rather
 * than imported from the planner, so a wrong penalty in the planner disagrees with this program.
 * The k-th meeting keeps the weight w_k = 1/(1 + f·(k−1)) of the company's mean; the rest is lost.
 */
const penaltyOfMeeting = (mean: number, fairness: number, k: number): number => {
  const keptWeight = 1 / (1 + fairness * (k - 1));
  return mean - mean * keptWeight;
};

interface Variable {
  name: string;
  company: string;
  buyer: string;
  session: string;
  score: number;
  must: boolean;
}

/** What the MIP says is best: must-meets kept, guaranteed units, and the objective (score minus fairness penalties). */
export interface Optimum {
  mustKept: number;
  minimumUnits: number;
  objective: number;
}

/**
 * Solves the planner's problem lexicographically (must-meets, then guaranteed minimums, then value).
 *
 * @param highs - the loaded solver
 * @param input - the planner input
 * @returns the optimum of each level
 */
export function solveOptimum(highs: Highs, input: ScoredPlanInput): Optimum {
  const minScore = input.minScore ?? 0;
  const fairness = input.fairness ?? 0;
  const minimum = input.minPerCompany ?? 0;
  const forbidden = new Set((input.forbidden ?? []).map((p) => `${p.companyId}|${p.buyerId}`));
  const must = new Set((input.mustMeet ?? []).map((p) => `${p.companyId}|${p.buyerId}`));
  const scores = new Map(input.scores.map((s) => [`${s.companyId}|${s.buyerId}`, s.score]));
  // A buyer attends the sessions of its own city (any city when online), within its availability.
  const attends = new Map<string, string[]>();
  for (const buyer of input.buyers) {
    const own = input.sessions.filter(
      (session) => (buyer.online === true || lower(buyer.city ?? "") === lower(session.city)) && (buyer.availability === undefined || buyer.availability.includes(session.id)),
    );
    attends.set(buyer.id, own.map((session) => session.id).sort());
  }
  const sessions = new Map(input.sessions.map((session) => [session.id, session]));
  const pairs = new Map<string, number>();
  for (const [key, score] of scores) if (!forbidden.has(key) && (score >= minScore || must.has(key))) pairs.set(key, score);
  for (const key of must) if (!pairs.has(key)) pairs.set(key, 0);

  const variables: Variable[] = [];
  for (const [key, score] of [...pairs].sort()) {
    const [company, buyer] = key.split("|") as [string, string];
    for (const session of attends.get(buyer) ?? []) {
      variables.push({ name: `x${variables.length}`, company, buyer, session, score, must: must.has(key) });
    }
  }
  if (variables.length === 0) return { mustKept: 0, minimumUnits: 0, objective: 0 };

  const sum = (terms: [number, string][]): string => {
    const parts = terms.map(([coef, name]) => `${coef < 0 ? "-" : "+"} ${Math.abs(coef)} ${name}`);
    const lines: string[] = [];
    for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(" "));
    return lines.join("\n   ");
  };
  const constraints: string[] = [];
  const group = (label: string, of: (v: Variable) => string | undefined, bound: (key: string) => number | undefined): void => {
    const groups = new Map<string, Variable[]>();
    for (const v of variables) {
      const key = of(v);
      if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), v]);
    }
    let k = 0;
    for (const [key, members] of groups) {
      const limit = bound(key);
      if (limit === undefined || limit >= members.length) continue;
      constraints.push(` ${label}${k++}: ${sum(members.map((v) => [1, v.name]))} <= ${limit}`);
    }
  };
  const companies = new Map(input.companies.map((c) => [c.id, c]));
  const buyers = new Map(input.buyers.map((b) => [b.id, b]));
  const slotsOf = (session: string): number => sessions.get(session)?.slots ?? 0;
  // Per session: everyone meets at most once per slot, and at most slots × tables meetings take place.
  // With these, each session's meetings can be edge-coloured into its slots (König, equitably).
  group("pair", (v) => `${v.company}|${v.buyer}`, () => 1);
  group("budget", (v) => v.company, (c) => companies.get(c)?.meetingBudget ?? input.defaults?.meetingBudget);
  group("companySession", (v) => `${v.company}|${v.session}`, (key) => slotsOf(key.split("|")[1] as string));
  group("capacity", (v) => v.buyer, (b) => buyers.get(b)?.meetingCapacity ?? input.defaults?.meetingCapacity ?? 1);
  group("buyerSession", (v) => `${v.buyer}|${v.session}`, (key) => slotsOf(key.split("|")[1] as string));
  group("seats", (v) => v.session, (session) => slotsOf(session) * (sessions.get(session)?.tables ?? 0));

  // Fairness: y_c_k is the company's k-th meeting; increasing penalties fill in order.
  const byCompany = new Map<string, Variable[]>();
  for (const v of variables) byCompany.set(v.company, [...(byCompany.get(v.company) ?? []), v]);
  const penaltyTerms: [number, string][] = [];
  const minimumTerms: [number, string][] = [];
  const extraBounds: string[] = [];
  const integers: string[] = variables.map((v) => v.name);
  let c = 0;
  for (const own of byCompany.values()) {
    const distinctPairs = new Map(own.map((v) => [v.buyer, v.score]));
    const mean = [...distinctPairs.values()].reduce((s, x) => s + Math.max(x, 0), 0) / distinctPairs.size;
    const count = sum(own.map((v) => [1, v.name]));
    if (fairness > 0) {
      const ys: string[] = [];
      for (let k = 1; k <= distinctPairs.size; k++) {
        const y = `y${c}_${k}`;
        ys.push(y);
        extraBounds.push(` 0 <= ${y} <= 1`);
        penaltyTerms.push([-penaltyOfMeeting(mean, fairness, k), y]);
      }
      constraints.push(` fair${c}: ${count} - ${ys.join(" - ")} = 0`);
    }
    if (minimum > 0) {
      const z = `z${c}`;
      constraints.push(` least${c}: ${count} - ${z} >= 0`);
      extraBounds.push(` 0 <= ${z} <= ${minimum}`);
      minimumTerms.push([1, z]);
      integers.push(z);
    }
    c++;
  }

  const mustTerms: [number, string][] = variables.filter((v) => v.must).map((v) => [1, v.name]);
  const scoreTerms: [number, string][] = [...variables.map((v) => [v.score, v.name] as [number, string]), ...penaltyTerms];
  const run = (objective: [number, string][], extra: string[]): number => {
    if (objective.length === 0) return 0;
    const text = [
      "Maximize",
      ` obj: ${sum(objective)}`,
      "Subject To",
      ...(constraints.length + extra.length === 0 ? [` none: ${variables[0]?.name} >= 0`] : [...constraints, ...extra]),
      "Bounds",
      ...variables.map((v) => ` 0 <= ${v.name} <= 1`),
      ...extraBounds,
      "Generals",
      ` ${integers.join(" ")}`,
      "End",
    ].join("\n");
    const result = highs.solve(text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 });
    if (result.Status !== "Optimal") throw new Error(`HiGHS: ${result.Status}`);
    return result.ObjectiveValue;
  };
  const extra: string[] = [];
  const mustKept = Math.round(run(mustTerms, extra));
  if (mustTerms.length > 0) extra.push(` keepMust: ${sum(mustTerms)} >= ${mustKept}`);
  const minimumUnits = Math.round(run(minimumTerms, extra));
  if (minimumTerms.length > 0) extra.push(` keepMinimum: ${sum(minimumTerms)} >= ${minimumUnits}`);
  const objective = run(scoreTerms, extra);
  return { mustKept, minimumUnits, objective };
}
