import { fc, test } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlowNetwork, solveMinCostFlow } from "../../src/plan/minCostFlow.js";
import { mulberry32 } from "./instances.js";
import { loadHighs, type Highs } from "./lp.js";

interface RandomNetwork {
  n: number;
  arcs: { tail: number; head: number; capacity: number; cost: number }[];
}

/** A random layered network (no cycles, so negative costs are safe for both algorithms). */
function randomNetwork(seed: number, layers: number, width: number, density: number): RandomNetwork {
  const random = mulberry32(seed);
  const n = 2 + layers * width;
  const node = (layer: number, k: number) => 2 + layer * width + k;
  const arcs: RandomNetwork["arcs"] = [];
  const add = (tail: number, head: number) => arcs.push({ tail, head, capacity: 1 + Math.floor(random() * 4), cost: Math.round((random() * 2 - 1.2) * 100) / 100 });
  for (let k = 0; k < width; k++) add(0, node(0, k));
  for (let layer = 0; layer + 1 < layers; layer++) {
    for (let a = 0; a < width; a++) for (let b = 0; b < width; b++) if (random() < density) add(node(layer, a), node(layer + 1, b));
  }
  for (let k = 0; k < width; k++) add(node(layers - 1, k), 1);
  return { n, arcs };
}

function solve(network: RandomNetwork, algorithm: "network-simplex" | "successive-shortest-paths", maxFlow?: number) {
  const flowNetwork = new FlowNetwork();
  for (let v = 0; v < network.n; v++) flowNetwork.addNode();
  const ids = network.arcs.map((arc) => flowNetwork.addArc(arc.tail, arc.head, arc.capacity, arc.cost));
  const result = solveMinCostFlow(flowNetwork, 0, 1, { algorithm, ...(maxFlow === undefined ? {} : { maxFlow }) });
  return { ...result, flows: ids.map((id) => flowNetwork.flowOn(id)) };
}

/** What the LP oracle says about a network: the least cost, and the range of flow values that reach it. */
interface LpOptimum {
  cost: number;
  fewestUnits: number;
  mostUnits: number;
}

/**
 * The same problem as an LP solved by HiGHS, written from the definition (conservation at every node
 * but source and sink, 0 ≤ flow ≤ capacity, at most `maxFlow` units out of the source, least total
 * cost): no code shared with the solvers. The flow polytope is totally unimodular, so the optimum
 * is integral; the second and third solves find the fewest and most units among the cheapest flows.
 */
function lpOptimum(highs: Highs, network: RandomNetwork, maxFlow?: number): LpOptimum {
  const term = (coefficient: number, name: string) => `${coefficient < 0 ? "-" : "+"} ${Math.abs(coefficient)} ${name}`;
  const names = network.arcs.map((_, k) => `f${k}`);
  const costTerms = network.arcs.map((arc, k) => term(arc.cost, names[k] as string)).join(" ");
  const outOfSource = network.arcs.flatMap((arc, k) => (arc.tail === 0 ? [term(1, names[k] as string)] : arc.head === 0 ? [term(-1, names[k] as string)] : [])).join(" ");
  const constraints: string[] = [];
  for (let v = 2; v < network.n; v++) {
    const terms = network.arcs.flatMap((arc, k) => (arc.head === v ? [term(1, names[k] as string)] : arc.tail === v ? [term(-1, names[k] as string)] : []));
    if (terms.length > 0) constraints.push(` node${v}: ${terms.join(" ")} = 0`);
  }
  if (maxFlow !== undefined) constraints.push(` limit: ${outOfSource} <= ${maxFlow}`);
  const bounds = network.arcs.map((arc, k) => ` 0 <= ${names[k]} <= ${arc.capacity}`);
  const run = (sense: "Minimize" | "Maximize", objective: string, extra: string[]): number => {
    const text = [sense, ` obj: ${objective}`, "Subject To", ...constraints, ...extra, "Bounds", ...bounds, "End"].join("\n");
    const result = highs.solve(text, { output_flag: false });
    if (result.Status !== "Optimal") throw new Error(`HiGHS: ${result.Status}`);
    return result.ObjectiveValue;
  };
  const cost = run("Minimize", costTerms, []);
  const cheapest = [` cheapest: ${costTerms} <= ${cost + 1e-7}`];
  return { cost, fewestUnits: Math.round(run("Minimize", outOfSource, cheapest)), mostUnits: Math.round(run("Maximize", outOfSource, cheapest)) };
}

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe("min-cost flow", () => {
  it("sends flow only while it lowers the cost", () => {
    for (const algorithm of ["network-simplex", "successive-shortest-paths"] as const) {
      const network = new FlowNetwork();
      const s = network.addNode();
      const t = network.addNode();
      const a = network.addNode();
      const gain = network.addArc(s, a, 5, -2);
      const out = network.addArc(a, t, 3, 1);
      const loss = network.addArc(s, t, 4, 0.5);
      expect(solveMinCostFlow(network, s, t, { algorithm })).toEqual({ flow: 3, cost: -3 });
      expect([network.flowOn(gain), network.flowOn(out), network.flowOn(loss)]).toEqual([3, 3, 0]);
    }
  });

  it("respects maxFlow: the cost and the flow are the LP optimum with at most 2 units", () => {
    const network = randomNetwork(3, 3, 4, 0.6);
    const unlimited = lpOptimum(highs, network);
    const limited = lpOptimum(highs, network, 2);
    // The limit must bind, or this test would say nothing about it.
    expect(unlimited.fewestUnits).toBeGreaterThan(2);
    expect(limited.cost).toBeGreaterThan(unlimited.cost + 1e-6);
    for (const algorithm of ["network-simplex", "successive-shortest-paths"] as const) {
      const result = solve(network, algorithm, 2);
      expect(result.flow, algorithm).toBe(2);
      expect(result.cost, algorithm).toBeCloseTo(limited.cost, 9);
    }
  });

  const positiveFlows = { cases: 0, withFlow: 0 };
  afterAll(() => {
    // Most random networks must carry flow, so the comparison below is not won by sending nothing.
    expect(positiveFlows.cases).toBe(300);
    expect(positiveFlows.withFlow).toBeGreaterThan(200);
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 })], { seed: 42, numRuns: 300 })(
    "network simplex and successive shortest paths each reach the LP optimum's cost and flow, with flow conserved and within capacity",
    (seed, layers, width) => {
      const network = randomNetwork(seed, layers, width, 0.5);
      const optimum = lpOptimum(highs, network);
      positiveFlows.cases++;
      if (optimum.fewestUnits > 0) positiveFlows.withFlow++;
      for (const algorithm of ["network-simplex", "successive-shortest-paths"] as const) {
        const result = solve(network, algorithm);
        expect(result.cost, algorithm).toBeCloseTo(optimum.cost, 9);
        expect(result.flow, algorithm).toBeGreaterThanOrEqual(optimum.fewestUnits);
        expect(result.flow, algorithm).toBeLessThanOrEqual(optimum.mostUnits);
        const balance = new Array<number>(network.n).fill(0);
        let cost = 0;
        network.arcs.forEach((arc, k) => {
          const value = result.flows[k] as number;
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(arc.capacity);
          balance[arc.tail]! -= value;
          balance[arc.head]! += value;
          cost += value * arc.cost;
        });
        expect(balance.slice(2).every((b) => b === 0)).toBe(true);
        expect(0 - balance[0]!).toBe(result.flow);
        expect(balance[1]).toBe(result.flow);
        // The reported cost is the cost of the flows on the arcs, not a separate tally.
        expect(result.cost).toBeCloseTo(cost, 9);
      }
    },
  );
});
