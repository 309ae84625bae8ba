/**
 * Allocation: which pairs meet, and in which city, as one min-cost flow.
 *
 *   source ─(company budget; convex fairness arcs)→ company
 *          ─(slots of city X: one meeting per slot)→ company@X
 *          ─(slots of a session group, nested)→ company@X@group
 *          ─(pair arc: capacity 1, cost −score)→ buyer@X
 *          ─(buyer capacity, bounded by the slots it attends in X)→ seats of its session group
 *          ─(nested)→ seats of X ─(slots × tables of X)→ sink
 *
 * Every unit of flow is a meeting, and a path is taken only while it lowers the cost, so leaving a slot
 * empty is always an option inside the optimiser. Must-meets and guaranteed minimums are bonuses large
 * enough to dominate every possible change in score (lexicographic: must-meets, then minimums, then score).
 *
 * An online buyer's total capacity and "meets a company once" span cities, which a single flow cannot
 * express together with the city tables; the caller re-solves with such a buyer pinned to one city when
 * the relaxed solution breaks either rule (see `planMeetings`).
 */
import { FlowNetwork, solveMinCostFlow } from "./minCostFlow.js";
import type { PlanModel } from "./model.js";

/** One allocated meeting: a pair (index into `model.pairs`) and the city where it takes place. */
export interface AllocatedMeeting {
  readonly pair: number;
  readonly city: number;
}

/**
 * The value lost on a company's k-th meeting (k ≥ 1) with fairness f: the reference value times
 * 1 − 1/(1 + f·(k − 1)), so the k-th meeting counts as `score − reference · (1 − w_k)`, which is exactly
 * `score · w_k` when the company's candidates are of equal value.
 *
 * @param reference - the company's mean candidate score
 * @param fairness - the fairness parameter (≥ 0)
 * @param k - which meeting (1 = first)
 * @returns the penalty, 0 for the first meeting
 * @example
 * fairnessPenalty(0.8, 1, 2); // 0.4
 */
export function fairnessPenalty(reference: number, fairness: number, k: number): number {
  return reference * (1 - 1 / (1 + fairness * (k - 1)));
}

/**
 * Solves the allocation.
 *
 * @param model - the compiled planner model
 * @param pinned - online buyer index → the one city it may meet in
 * @returns the meetings chosen, sorted by pair then city
 * @example
 * const meetings = allocate(model, new Map());
 */
export function allocate(model: PlanModel, pinned: ReadonlyMap<number, number>): AllocatedMeeting[] {
  const { companies, buyers, cities, pairs } = model;
  const network = new FlowNetwork();
  const source = network.addNode();
  const sink = network.addNode();

  // A bound on how much the score part of the objective can differ between two plans: a company
  // holds at most `budget` meetings, so at most its `budget` largest |scores|, plus at most `budget`
  // fairness penalties, each below its mean candidate score. Tighter bonuses keep the floating-point
  // tolerance of the solver (relative to the largest cost) small.
  const absolutes = companies.map((): number[] => []);
  for (const pair of pairs) absolutes[pair.company]?.push(Math.abs(pair.score));
  let scoreBound = 1;
  companies.forEach((company, c) => {
    const own = (absolutes[c] ?? []).sort((a, b) => b - a);
    let top = 0;
    for (let k = 0; k < Math.min(company.budget, own.length); k++) top += own[k] ?? 0;
    const mean = own.length === 0 ? 0 : own.reduce((sum, value) => sum + value, 0) / own.length;
    scoreBound += top + (model.fairness > 0 ? company.budget * mean : 0);
  });
  const minimumUnits = companies.reduce((sum, company) => sum + Math.min(model.minPerCompany, company.budget), 0);
  const minimumBonus = model.minPerCompany > 0 ? scoreBound : 0;
  const mustBonus = (minimumUnits + 1) * scoreBound + scoreBound;

  const cityNode = cities.map(() => network.addNode());
  cities.forEach((city, x) => network.addArc(cityNode[x] as number, sink, city.tableCapacity, 0));

  const companyNode = companies.map(() => network.addNode());
  const reference = companies.map(() => ({ sum: 0, count: 0 }));
  for (const pair of pairs) {
    const entry = reference[pair.company] as { sum: number; count: number };
    entry.sum += Math.max(pair.score, 0);
    entry.count++;
  }
  companies.forEach((company, c) => {
    const node = companyNode[c] as number;
    const { sum, count } = reference[c] as { sum: number; count: number };
    const mean = count === 0 ? 0 : sum / count;
    if (model.fairness === 0 && minimumBonus === 0) {
      if (company.budget > 0) network.addArc(source, node, company.budget, 0);
      return;
    }
    // One arc per meeting with non-decreasing cost: the flow fills them in order (convex cost).
    for (let k = 1; k <= company.budget; k++) {
      const bonus = k <= model.minPerCompany ? minimumBonus : 0;
      network.addArc(source, node, 1, fairnessPenalty(mean, model.fairness, k) - bonus);
    }
  });

  const companyAt = new Int32Array(companies.length * cities.length).fill(-1);
  const nodeOfCompanyAt = (c: number, x: number): number => {
    const key = c * cities.length + x;
    let node = companyAt[key]!;
    if (node < 0) {
      node = network.addNode();
      companyAt[key] = node;
      network.addArc(companyNode[c] as number, node, Math.min(cities[x]?.slots ?? 0, companies[c]?.budget ?? 0), 0);
    }
    return node;
  };
  // Session groups: within a city, the sets of sessions buyers attend. Groups that nest (a laminar
  // family) get their own company-side and table-side nodes, so no company gets more meetings with,
  // say, day-one-only buyers than day one has slots, and no day gets more meetings than its tables.
  // A group that crosses an accepted one is folded into the smallest accepted group containing it
  // (a looser but valid bound; slotting reports anything that still does not fit).
  const { groupOf, groups } = sessionGroups(model, pinned);
  const groupCompanyNode = new Map<number, number>();
  const nodeOfCompanyInGroup = (c: number, x: number, g: number): number => {
    if (g < 0) return nodeOfCompanyAt(c, x);
    const key = c * groups.length + g;
    let node = groupCompanyNode.get(key);
    if (node === undefined) {
      const group = groups[g] as SessionGroup;
      const parentNode = nodeOfCompanyInGroup(c, x, group.parent);
      node = network.addNode();
      groupCompanyNode.set(key, node);
      network.addArc(parentNode, node, Math.min(group.slots, companies[c]?.budget ?? 0), 0);
    }
    return node;
  };
  const groupTableNode = new Map<number, number>();
  const nodeOfTablesInGroup = (x: number, g: number): number => {
    if (g < 0) return cityNode[x] as number;
    let node = groupTableNode.get(g);
    if (node === undefined) {
      const group = groups[g] as SessionGroup;
      const parentNode = nodeOfTablesInGroup(x, group.parent);
      node = network.addNode();
      groupTableNode.set(g, node);
      network.addArc(node, parentNode, group.seats, 0);
    }
    return node;
  };
  const buyerAt = new Int32Array(buyers.length * cities.length).fill(-1);
  const nodeOfBuyerAt = (b: number, x: number): number => {
    const key = b * cities.length + x;
    let node = buyerAt[key]!;
    if (node < 0) {
      node = network.addNode();
      buyerAt[key] = node;
      const buyer = buyers[b];
      const tables = nodeOfTablesInGroup(x, groupOf.get(key) ?? -1);
      network.addArc(node, tables, Math.min(buyer?.capacity ?? 0, buyer?.slotsByCity.get(x) ?? 0), 0);
    }
    return node;
  };

  const pairArcs: { arc: number; pair: number; city: number }[] = [];
  pairs.forEach((pair, p) => {
    const buyer = buyers[pair.buyer];
    if (buyer === undefined || buyer.capacity === 0 || (companies[pair.company]?.budget ?? 0) === 0) return;
    const cost = -(pair.score + (pair.mustMeet ? mustBonus : 0));
    const pin = pinned.get(pair.buyer);
    for (const x of buyer.slotsByCity.keys()) {
      if (pin !== undefined && pin !== x) continue;
      const group = groupOf.get(pair.buyer * cities.length + x) ?? -1;
      const arc = network.addArc(nodeOfCompanyInGroup(pair.company, x, group), nodeOfBuyerAt(pair.buyer, x), 1, cost);
      pairArcs.push({ arc, pair: p, city: x });
    }
  });

  solveMinCostFlow(network, source, sink);
  const chosen: AllocatedMeeting[] = [];
  for (const { arc, pair, city } of pairArcs) if (network.flowOn(arc) > 0.5) chosen.push({ pair, city });
  chosen.sort((a, b) => a.pair - b.pair || a.city - b.city);
  return chosen;
}

/** A set of a city's sessions that some buyers are limited to. */
interface SessionGroup {
  readonly city: number;
  readonly sessions: readonly number[];
  /** Slots over the group's sessions. */
  readonly slots: number;
  /** Slots × tables over the group's sessions. */
  readonly seats: number;
  /** The smallest accepted group containing this one, or -1 for the whole city. */
  readonly parent: number;
}

/**
 * The laminar family of session groups per city, and each (buyer, city)'s group (absent = the whole
 * city), keyed `buyer × cities + city`.
 */
function sessionGroups(model: PlanModel, pinned: ReadonlyMap<number, number>): { groups: SessionGroup[]; groupOf: Map<number, number> } {
  const { buyers, cities, sessions } = model;
  const candidates = new Map<string, { city: number; sessions: number[] }>();
  buyers.forEach((buyer, b) => {
    for (const [x, own] of buyer.sessionsByCity) {
      const pin = pinned.get(b);
      if ((pin !== undefined && pin !== x) || own.length === (cities[x]?.sessions.length ?? 0)) continue;
      candidates.set(`${x}:${own.join(",")}`, { city: x, sessions: [...own] });
    }
  });
  const sorted = [...candidates.entries()].sort((a, b) => a[1].city - b[1].city || b[1].sessions.length - a[1].sessions.length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const groups: SessionGroup[] = [];
  const indexOf = new Map<string, number>();
  const contains = (outer: readonly number[], inner: readonly number[]): boolean => inner.every((s) => outer.includes(s));
  const smallestContaining = (city: number, own: readonly number[]): number => {
    let best = -1;
    groups.forEach((group, g) => {
      if (group.city === city && contains(group.sessions, own) && (best < 0 || group.sessions.length < (groups[best]?.sessions.length ?? 0))) best = g;
    });
    return best;
  };
  for (const [key, { city, sessions: own }] of sorted) {
    const laminar = groups.every((group) => group.city !== city || contains(group.sessions, own) || own.every((s) => !group.sessions.includes(s)));
    if (!laminar) continue;
    indexOf.set(key, groups.length);
    groups.push({
      city,
      sessions: own,
      slots: own.reduce((sum, s) => sum + (sessions[s]?.slots ?? 0), 0),
      seats: own.reduce((sum, s) => sum + (sessions[s]?.slots ?? 0) * (sessions[s]?.tables ?? 0), 0),
      parent: smallestContaining(city, own),
    });
  }
  const groupOf = new Map<number, number>();
  buyers.forEach((buyer, b) => {
    for (const [x, own] of buyer.sessionsByCity) {
      const g = indexOf.get(`${x}:${own.join(",")}`) ?? smallestContaining(x, own);
      if (g >= 0) groupOf.set(b * cities.length + x, g);
    }
  });
  return { groups, groupOf };
}
