/**
 * Min-cost flow by successive shortest paths with node potentials (Dijkstra on reduced costs).
 *
 * The planner's allocation is one of these networks; keeping the solver generic means the network
 * builder says what is modelled and this file only says how it is solved. Ties break by node index
 * and arc insertion order, so a network built in a fixed order always yields the same flow.
 */

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
  arrays(): { n: number; from: number[]; to: number[]; capacity: number[]; cost: number[] } {
    return { n: this.nodeCount, from: this.from, to: this.to, capacity: this.capacity, cost: this.cost };
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
  const { n, from, to, capacity, cost } = network.arrays();
  const maxFlow = options.maxFlow ?? Number.POSITIVE_INFINITY;
  const onlyWhileGaining = options.onlyWhileGaining ?? true;
  const arcCount = from.length;

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
  const heap = new BinaryHeap(n);

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
      if (settled[u]) continue;
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
    if (++relaxations > limit) throw new Error("min-cost flow: negative cycle in the initial network");
  }
  for (let v = 0; v < n; v++) if (distance[v] === Number.POSITIVE_INFINITY) distance[v] = 0;
  return distance;
}

/** A binary min-heap of (key, node) with lazy deletion; equal keys pop the smaller node first. */
class BinaryHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  length = 0;

  constructor(capacity: number) {
    this.nodes = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }

  clear(): void {
    this.length = 0;
  }

  push(node: number, key: number): void {
    if (this.length === this.nodes.length) {
      const nodes = new Int32Array(this.nodes.length * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let i = this.length++;
    const nodes = this.nodes;
    const keys = this.keys;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && nodes[parent]! <= node)) break;
      nodes[i] = nodes[parent]!;
      keys[i] = pk;
      i = parent;
    }
    nodes[i] = node;
    keys[i] = key;
  }

  pop(): number {
    const nodes = this.nodes;
    const keys = this.keys;
    const top = nodes[0]!;
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
      if (key < ck || (key === ck && node <= nodes[child]!)) break;
      nodes[i] = nodes[child]!;
      keys[i] = ck;
      i = child;
    }
    nodes[i] = node;
    keys[i] = key;
    return top;
  }
}
