import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { FlowNetwork, solveMinCostFlow } from "../../src/plan/minCostFlow.js";
import { mulberry32 } from "./instances.js";

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

  it("respects maxFlow", () => {
    const network = randomNetwork(3, 3, 4, 0.6);
    expect(solve(network, "network-simplex", 2).flow).toBeLessThanOrEqual(2);
    expect(solve(network, "network-simplex", 2).cost).toBeCloseTo(solve(network, "successive-shortest-paths", 2).cost, 9);
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 })], { seed: 42, numRuns: 300 })(
    "network simplex and successive shortest paths reach the same cost, with flow conserved and within capacity",
    (seed, layers, width) => {
      const network = randomNetwork(seed, layers, width, 0.5);
      const simplex = solve(network, "network-simplex");
      const paths = solve(network, "successive-shortest-paths");
      expect(simplex.cost).toBeCloseTo(paths.cost, 9);
      expect(simplex.cost).toBeLessThanOrEqual(1e-12);
      const balance = new Array<number>(network.n).fill(0);
      network.arcs.forEach((arc, k) => {
        const value = simplex.flows[k] as number;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(arc.capacity);
        balance[arc.tail]! -= value;
        balance[arc.head]! += value;
      });
      expect(balance.slice(2).every((b) => b === 0)).toBe(true);
      expect(0 - balance[0]!).toBe(simplex.flow);
    },
  );
});
