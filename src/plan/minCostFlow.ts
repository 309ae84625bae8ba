/**
 * Min-cost flow by successive shortest paths with node potentials (Dijkstra on reduced costs).
 *
 * The planner's allocation is one of these networks; keeping the solver generic means the network
 * builder says what is modelled and this file only says how it is solved. Ties break by node index
 * and arc insertion order, so a network built in a fixed order always yields the same flow.
 */

import { issueError, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { networkSimplex } from "./networkSimplex.js";

/** Costs closer to zero than this are treated as zero when deciding whether a path still gains. */
export const FLOW_COST_EPSILON = 1e-9;

/** The outcome of {@link solveMinCostFlow}. */
export interface MinCostFlowResult {
  /** Units sent from source to sink. */
  readonly flow: number;
  /** Total cost of the flow (sum of cost × flow over arcs). */
  readonly cost: number;
}

/** Options of {@link solveMinCostFlow}. */
export interface MinCostFlowOptions {
  /** Stop after this many units (default: no limit). */
  readonly maxFlow?: number;
  /**
   * When true (the default) the solver stops as soon as the cheapest remaining path would not lower the
   * total cost: the result is the cheapest flow of any size. When false it sends as much as it can
   * (min-cost maximum flow).
   */
  readonly onlyWhileGaining?: boolean;
  /**
   * `"network-simplex"` (the default: fastest on the planner's networks; needs integer capacities and
   * a network without flow yet, else the other is used) or `"successive-shortest-paths"` (Dijkstra with
   * potentials; also continues from an existing flow).
   */
  readonly algorithm?: "network-simplex" | "successive-shortest-paths";
}

/**
 * A directed network with capacities and costs. Arcs are stored in pairs: arc `a` and its residual
 * twin `a ^ 1`.
 *
 * @example
 * const network = new FlowNetwork();
 * const s = network.addNode(), t = network.addNode();
 * const arc = network.addArc(s, t, 2, -1);
 * solveMinCostFlow(network, s, t); // { flow: 2, cost: -2 }
 * network.flowOn(arc); // 2
 */
export class FlowNetwork {
  private nodeCount = 0;
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly capacity: number[] = [];
  private readonly cost: number[] = [];
  private readonly original: number[] = [];

  /**
   * Adds a node.
   *
   * @returns the new node's index
   * @example
   * const source = network.addNode();
   */
  addNode(): number {
    return this.nodeCount++;
  }

  /** The number of nodes. */
  get size(): number {
    return this.nodeCount;
  }

  /**
   * Adds an arc `tail → head`.
   *
   * @param tail - the node the flow leaves
   * @param head - the node the flow enters
   * @param capacity - the most flow the arc carries (≥ 0)
   * @param cost - the cost of one unit of flow (finite)
   * @returns the arc's index, for {@link FlowNetwork.flowOn}
   * @example
   * const arc = network.addArc(company, buyer, 1, -0.8);
   */
  addArc(tail: number, head: number, capacity: number, cost: number): number {
    const issues: BuyerMatchIssue[] = [];
    const node = (value: number, name: string): void => {
      if (!Number.isInteger(value) || value < 0) issues.push({ code: "out_of_range", path: [name], message: `must be a node index (a whole number ≥ 0), not ${String(value)}` });
    };
    node(tail, "tail");
    node(head, "head");
    if (!(typeof capacity === "number" && capacity >= 0 && !Number.isNaN(capacity))) issues.push({ code: "out_of_range", path: ["capacity"], message: `must be a number ≥ 0, not ${String(capacity)}` });
    if (typeof cost !== "number" || !Number.isFinite(cost)) issues.push({ code: "out_of_range", path: ["cost"], message: `must be a finite number, not ${String(cost)}` });
    throwIfAny(issues);
    const index = this.from.length;
    this.from.push(tail, head);
    this.to.push(head, tail);
    this.capacity.push(capacity, 0);
    this.cost.push(cost, -cost);
    this.original.push(capacity, 0);
    return index;
  }

  /**
   * The flow currently on an arc.
   *
   * @param arc - an index returned by {@link FlowNetwork.addArc}
   * @returns the units of flow on it
   * @example
   * if (network.flowOn(arc) > 0) chosen.push(pair);
   */
  flowOn(arc: number): number {
    return (this.original[arc] ?? 0) - (this.capacity[arc] ?? 0);
  }

  /** @internal Raw arrays for the solver. */
  arrays(): { n: number; from: number[]; to: number[]; capacity: number[]; cost: number[]; original: number[] } {
    return { n: this.nodeCount, from: this.from, to: this.to, capacity: this.capacity, cost: this.cost, original: this.original };
  }
}

/**
 * Solves min-cost flow on `network` from `source` to `sink` in place (read the result with
 * {@link FlowNetwork.flowOn}). Negative arc costs are allowed as long as the network starts without a
 * negative cycle; initial potentials come from a Bellman–Ford pass, after which every shortest path is
 * a Dijkstra run on non-negative reduced costs.
 *
 * @param network - the network; its flows are updated
 * @param source - the source node
 * @param sink - the sink node
 * @param options - `maxFlow`, `onlyWhileGaining`
 * @returns the flow sent and its total cost
 * @example
 * const { flow, cost } = solveMinCostFlow(network, source, sink);
 */
export function solveMinCostFlow(network: FlowNetwork, source: number, sink: number, options: MinCostFlowOptions = {}): MinCostFlowResult {
  if (!(network instanceof FlowNetwork)) throw issueError("invalid_input", ["network"], "must be a FlowNetwork");
  const { n, from, to, capacity, cost, original } = network.arrays();
  const issues: BuyerMatchIssue[] = [];
  for (const [name, node] of [["source", source], ["sink", sink]] as const) {
    if (!Number.isInteger(node) || node < 0 || node >= n) issues.push({ code: "out_of_range", path: [name], message: `must be a node of the network (0 to ${n - 1}), not ${String(node)}` });
  }
  throwIfAny(issues);
  const maxFlow = options.maxFlow ?? Number.POSITIVE_INFINITY;
  const onlyWhileGaining = options.onlyWhileGaining ?? true;
  const arcCount = from.length;

  const fresh = capacity.every((value, a) => value === original[a] && Number.isInteger(value));
  if ((options.algorithm ?? "network-simplex") === "network-simplex" && fresh && onlyWhileGaining && source !== sink) {
    const half = arcCount / 2;
    const tails = new Int32Array(half);
    const heads = new Int32Array(half);
    const caps = new Float64Array(half);
    const costs = new Float64Array(half);
    let outOfSource = 0;
    for (let k = 0; k < half; k++) {
      tails[k] = from[2 * k] as number;
      heads[k] = to[2 * k] as number;
      caps[k] = capacity[2 * k] as number;
      costs[k] = cost[2 * k] as number;
      if (tails[k] === source) outOfSource += caps[k]!;
    }
    const flows = networkSimplex(n, tails, heads, caps, costs, source, sink, Math.min(maxFlow, outOfSource));
    let totalFlow = 0;
    let totalCost = 0;
    for (let k = 0; k < half; k++) {
      const value = flows[k]!;
      capacity[2 * k] = caps[k]! - value;
      capacity[2 * k + 1] = value;
      totalCost += value * costs[k]!;
      if (tails[k] === source) totalFlow += value;
      if (heads[k] === source) totalFlow -= value;
    }
    return { flow: totalFlow, cost: totalCost };
  }

  // Compressed adjacency in insertion order: deterministic and cache-friendly.
  const start = new Int32Array(n + 1);
  for (let a = 0; a < arcCount; a++) start[(from[a] as number) + 1]!++;
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const adjacency = new Int32Array(arcCount);
  const fill = start.slice(0, n);
  for (let a = 0; a < arcCount; a++) adjacency[fill[from[a] as number]!++] = a;
  const head = Int32Array.from(to);
  const residual = Float64Array.from(capacity);
  const arcCost = Float64Array.from(cost);

  const potential = bellmanFordPotentials(n, source, start, adjacency, head, residual, arcCost);
  const distance = new Float64Array(n);
  const parentArc = new Int32Array(n);
  const settled = new Uint8Array(n);
  const heap = new IndexedHeap(n);
  const dead = new Uint8Array(n);
  const onStack = new Uint8Array(n);
  const current = new Int32Array(n);
  const pathArcs = new Int32Array(n + 1);
  let largestCost = 0;
  for (let a = 0; a < arcCount; a++) largestCost = Math.max(largestCost, Math.abs(arcCost[a]!));
  // Reduced costs this close to zero count as zero: rounding noise in the potentials, nothing more.
  const admissible = 1e-12 * (1 + largestCost);

  let totalFlow = 0;
  let totalCost = 0;
  while (totalFlow < maxFlow) {
    distance.fill(Number.POSITIVE_INFINITY);
    settled.fill(0);
    parentArc.fill(-1);
    distance[source] = 0;
    heap.clear();
    heap.push(source, 0);
    while (heap.length > 0) {
      const u = heap.pop();
      settled[u] = 1;
      if (u === sink) break;
      const du = distance[u]!;
      const pu = potential[u]!;
      for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
        const a = adjacency[k]!;
        if (residual[a]! <= 0) continue;
        const v = head[a]!;
        if (settled[v]) continue;
        let reduced = arcCost[a]! + pu - potential[v]!;
        // Rounding can leave a reduced cost a hair below zero; Dijkstra needs it non-negative.
        if (reduced < 0) reduced = 0;
        const candidate = du + reduced;
        if (candidate < distance[v]!) {
          distance[v] = candidate;
          parentArc[v] = a;
          heap.push(v, candidate);
        }
      }
    }
    if (!settled[sink]) break;
    const sinkDistance = distance[sink]!;
    const pathCost = sinkDistance + potential[sink]! - potential[source]!;
    if (onlyWhileGaining && pathCost >= -FLOW_COST_EPSILON) break;
    // Nodes beyond the sink's distance keep reduced costs non-negative with the sink's distance.
    for (let v = 0; v < n; v++) potential[v]! += Math.min(distance[v]!, sinkDistance);

    let bottleneck = maxFlow - totalFlow;
    for (let v = sink; v !== source; ) {
      const a = parentArc[v]!;
      if (residual[a]! < bottleneck) bottleneck = residual[a]!;
      v = head[a ^ 1]!;
    }
    let augmentedCost = 0;
    for (let v = sink; v !== source; ) {
      const a = parentArc[v]!;
      residual[a]! -= bottleneck;
      residual[a ^ 1]! += bottleneck;
      augmentedCost += arcCost[a]!;
      v = head[a ^ 1]!;
    }
    totalFlow += bottleneck;
    totalCost += bottleneck * augmentedCost;

    // Every other path of zero reduced cost is also a shortest path: send flow along them before the
    // next Dijkstra (a blocking flow on the admissible arcs, with dead ends pruned).
    dead.fill(0);
    for (let v = 0; v < n; v++) current[v] = start[v]!;
    while (totalFlow < maxFlow) {
      let depth = 0;
      let v = source;
      onStack[source] = 1;
      while (v !== sink) {
        let advanced = false;
        for (let k = current[v]!, end = start[v + 1]!; k < end; k++) {
          const a = adjacency[k]!;
          const w = head[a]!;
          if (residual[a]! > 0 && !dead[w] && !onStack[w] && arcCost[a]! + potential[v]! - potential[w]! <= admissible) {
            current[v] = k;
            pathArcs[depth++] = a;
            onStack[w] = 1;
            v = w;
            advanced = true;
            break;
          }
        }
        if (advanced) continue;
        current[v] = start[v + 1]!;
        dead[v] = 1;
        onStack[v] = 0;
        if (depth === 0) break;
        const back = pathArcs[--depth]!;
        v = head[back ^ 1]!;
        current[v]!++;
      }
      if (v !== sink) {
        onStack[source] = 0;
        break;
      }
      let amount = maxFlow - totalFlow;
      for (let i = 0; i < depth; i++) if (residual[pathArcs[i]!]! < amount) amount = residual[pathArcs[i]!]!;
      let pathCostSum = 0;
      for (let i = 0; i < depth; i++) {
        const a = pathArcs[i]!;
        residual[a]! -= amount;
        residual[a ^ 1]! += amount;
        pathCostSum += arcCost[a]!;
        onStack[head[a]!] = 0;
      }
      onStack[source] = 0;
      totalFlow += amount;
      totalCost += amount * pathCostSum;
    }
  }

  for (let a = 0; a < arcCount; a++) capacity[a] = residual[a]!;
  return { flow: totalFlow, cost: totalCost };
}

/** Shortest distances from `source` over arcs with capacity (queue-based Bellman–Ford); unreachable nodes get 0. */
function bellmanFordPotentials(
  n: number,
  source: number,
  start: Int32Array,
  adjacency: Int32Array,
  head: Int32Array,
  residual: Float64Array,
  arcCost: Float64Array,
): Float64Array {
  const distance = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const inQueue = new Uint8Array(n);
  const queue = new Int32Array(n + 1);
  let queueHead = 0;
  let queueTail = 0;
  let queued = 0;
  distance[source] = 0;
  queue[queueTail++] = source;
  inQueue[source] = 1;
  queued = 1;
  let relaxations = 0;
  const limit = (n + 1) * (adjacency.length + 1);
  while (queued > 0) {
    const u = queue[queueHead]!;
    queueHead = queueHead === n ? 0 : queueHead + 1;
    queued--;
    inQueue[u] = 0;
    const du = distance[u]!;
    for (let k = start[u]!, end = start[u + 1]!; k < end; k++) {
      const a = adjacency[k]!;
      if (residual[a]! <= 0) continue;
      const v = head[a]!;
      const candidate = du + arcCost[a]!;
      if (candidate < distance[v]! - 1e-15) {
        distance[v] = candidate;
        if (!inQueue[v]) {
          inQueue[v] = 1;
          queue[queueTail] = v;
          queueTail = queueTail === n ? 0 : queueTail + 1;
          queued++;
        }
      }
    }
    // A negative cycle would loop forever; the planner never builds one, but fail loudly if it did.
    if (++relaxations > limit) throw issueError("invalid_input", ["network"], "has a cycle of negative cost: a minimum-cost flow is unbounded");
  }
  for (let v = 0; v < n; v++) if (distance[v] === Number.POSITIVE_INFINITY) distance[v] = 0;
  return distance;
}

/**
 * An indexed binary min-heap of nodes keyed by distance, with decrease-key, so the heap never holds more
 * than one entry per node. Equal keys pop the smaller node first (deterministic tie-breaking).
 */
class IndexedHeap {
  private readonly nodes: Int32Array;
  private readonly keys: Float64Array;
  /** Position of each node in the heap, -1 when absent. */
  private readonly position: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.nodes = new Int32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
    this.position = new Int32Array(Math.max(1, capacity)).fill(-1);
  }

  clear(): void {
    for (let i = 0; i < this.length; i++) this.position[this.nodes[i]!] = -1;
    this.length = 0;
  }

  /** Inserts `node` or lowers its key. */
  push(node: number, key: number): void {
    let i = this.position[node]!;
    if (i < 0) i = this.length++;
    const nodes = this.nodes;
    const keys = this.keys;
    const position = this.position;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && nodes[parent]! < node)) break;
      const moved = nodes[parent]!;
      nodes[i] = moved;
      keys[i] = pk;
      position[moved] = i;
      i = parent;
    }
    nodes[i] = node;
    keys[i] = key;
    position[node] = i;
  }

  pop(): number {
    const nodes = this.nodes;
    const keys = this.keys;
    const position = this.position;
    const top = nodes[0]!;
    position[top] = -1;
    const last = --this.length;
    if (last === 0) return top;
    const node = nodes[last]!;
    const key = keys[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (keys[right]! < keys[child]! || (keys[right] === keys[child] && nodes[right]! < nodes[child]!))) child = right;
      const ck = keys[child]!;
      if (key < ck || (key === ck && node < nodes[child]!)) break;
      const moved = nodes[child]!;
      nodes[i] = moved;
      keys[i] = ck;
      position[moved] = i;
      i = child;
    }
    nodes[i] = node;
    keys[i] = key;
    position[node] = i;
    return top;
  }
}
