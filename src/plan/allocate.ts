/**
 * Allocation: which pairs meet, and in which city, as one min-cost flow.
 *
 *   source ─(company budget; convex fairness arcs)→ company
 *          ─(slots of city X: one meeting per slot)→ company@X
 *          ─(pair arc: capacity 1, cost −score)→ buyer            (buyer in city X)
 *                                               → buyer@X         (online buyer, one node per city)
 *          ─(buyer capacity, bounded by the slots it can attend in X)→ city X
 *          ─(slots × tables of X)→ sink
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

  let positive = 0;
  for (const pair of pairs) positive += Math.abs(pair.score);
  // Bounds every possible change of score plus fairness penalties (each penalty ≤ a mean score).
  const scoreBound = 1 + 2 * positive;
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
  const buyerAt = new Int32Array(buyers.length * cities.length).fill(-1);
  const nodeOfBuyerAt = (b: number, x: number): number => {
    const key = b * cities.length + x;
    let node = buyerAt[key]!;
    if (node < 0) {
      node = network.addNode();
      buyerAt[key] = node;
      const buyer = buyers[b];
      network.addArc(node, cityNode[x] as number, Math.min(buyer?.capacity ?? 0, buyer?.slotsByCity.get(x) ?? 0), 0);
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
      const arc = network.addArc(nodeOfCompanyAt(pair.company, x), nodeOfBuyerAt(pair.buyer, x), 1, cost);
      pairArcs.push({ arc, pair: p, city: x });
    }
  });

  solveMinCostFlow(network, source, sink);
  const chosen: AllocatedMeeting[] = [];
  for (const { arc, pair, city } of pairArcs) if (network.flowOn(arc) > 0.5) chosen.push({ pair, city });
  chosen.sort((a, b) => a.pair - b.pair || a.city - b.city);
  return chosen;
}
