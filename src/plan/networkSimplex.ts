/**
 * Primal network simplex for min-cost flow, the fast path of {@link solveMinCostFlow}.
 *
 * The source–sink problem becomes a circulation by a return arc sink → source (cost 0), so the optimum
 * sends exactly as much flow as lowers the cost. A spanning tree is kept with parent, thread
 * (preorder), subtree size and last-successor arrays; entering arcs are chosen by block search, the
 * leaving arc by the strongly feasible rule (the last blocking arc on the cycle), which prevents
 * cycling on degenerate pivots. The tree bookkeeping follows the design of LEMON's `NetworkSimplex`
 * (Kovács, "Minimum-cost flow algorithms: an experimental evaluation", 2015).
 *
 * Capacities must be integers (flows stay exact); costs may be any finite numbers. Arc order decides
 * the pivots, so the result is deterministic.
 */

const STATE_UPPER = -1;
const STATE_TREE = 0;
const STATE_LOWER = 1;
const DIRECTION_UP = 1;
const DIRECTION_DOWN = -1;

/**
 * Solves min-cost flow (any amount up to `maxFlow`) by network simplex.
 *
 * @param n - number of nodes
 * @param tails - tail of each arc
 * @param heads - head of each arc
 * @param capacities - integer capacity of each arc
 * @param costs - cost per unit of each arc
 * @param source - the source node
 * @param sink - the sink node
 * @param maxFlow - the most flow to send (finite)
 * @returns the flow on each arc
 * @example
 * const flows = networkSimplex(2, [0], [1], [3], [-1], 0, 1, 3); // Float64Array [3]
 */
export function networkSimplex(
  n: number,
  tails: ArrayLike<number>,
  heads: ArrayLike<number>,
  capacities: ArrayLike<number>,
  costs: ArrayLike<number>,
  source: number,
  sink: number,
  maxFlow: number,
): Float64Array {
  const realArcs = tails.length;
  const searchArcs = realArcs + 1; // real arcs and the return arc
  const arcTotal = searchArcs + n; // plus one artificial arc per node
  const root = n;
  const tail = new Int32Array(arcTotal);
  const head = new Int32Array(arcTotal);
  const cap = new Float64Array(arcTotal);
  const cost = new Float64Array(arcTotal);
  const flow = new Float64Array(arcTotal);
  const state = new Int8Array(arcTotal);
  let largestCost = 0;
  for (let e = 0; e < realArcs; e++) {
    tail[e] = tails[e]!;
    head[e] = heads[e]!;
    cap[e] = capacities[e]!;
    cost[e] = costs[e]!;
    state[e] = STATE_LOWER;
    largestCost = Math.max(largestCost, Math.abs(cost[e]!));
  }
  tail[realArcs] = sink;
  head[realArcs] = source;
  cap[realArcs] = maxFlow;
  state[realArcs] = STATE_LOWER;
  // Reduced costs closer to zero than this are rounding noise, not an improving direction.
  const epsilon = 1e-11 * (1 + largestCost);

  const parent = new Int32Array(n + 1);
  const pred = new Int32Array(n + 1);
  const thread = new Int32Array(n + 1);
  const revThread = new Int32Array(n + 1);
  const succNum = new Int32Array(n + 1);
  const lastSucc = new Int32Array(n + 1);
  const predDir = new Int8Array(n + 1);
  const potential = new Float64Array(n + 1);
  const dirty: number[] = [];

  // Initial tree: every node hangs from the root by an artificial arc of capacity 0, so the zero flow
  // is feasible and the root can never carry flow between nodes.
  parent[root] = -1;
  pred[root] = -1;
  thread[root] = 0;
  revThread[0] = root;
  succNum[root] = n + 1;
  lastSucc[root] = root - 1;
  for (let u = 0; u < n; u++) {
    const e = searchArcs + u;
    parent[u] = root;
    pred[u] = e;
    thread[u] = u + 1;
    revThread[u + 1] = u;
    succNum[u] = 1;
    lastSucc[u] = u;
    tail[e] = u;
    head[e] = root;
    cap[e] = 0;
    state[e] = STATE_TREE;
    predDir[u] = DIRECTION_UP;
  }
  thread[n - 1] = root;
  revThread[root] = n - 1;

  const blockSize = Math.max(10, Math.ceil(Math.sqrt(searchArcs)));
  let nextArc = 0;
  let inArc = -1;
  let join = -1;
  let uIn = -1;
  let vIn = -1;
  let uOut = -1;
  let delta = 0;

  const findEnteringArc = (): boolean => {
    let minimum = -epsilon;
    let count = blockSize;
    let found = -1;
    let e = nextArc;
    for (let visited = 0; visited < searchArcs; visited++) {
      const reduced = state[e]! * (cost[e]! + potential[tail[e]!]! - potential[head[e]!]!);
      if (reduced < minimum) {
        minimum = reduced;
        found = e;
      }
      e = e + 1 === searchArcs ? 0 : e + 1;
      if (--count === 0) {
        if (found >= 0) break;
        count = blockSize;
      }
    }
    if (found < 0) return false;
    inArc = found;
    nextArc = e;
    return true;
  };

  const findJoinNode = (): void => {
    let u = tail[inArc]!;
    let v = head[inArc]!;
    while (u !== v) {
      if (succNum[u]! < succNum[v]!) u = parent[u]!;
      else v = parent[v]!;
    }
    join = u;
  };

  /** Returns whether the tree changes (false when the entering arc itself is the bottleneck). */
  const findLeavingArc = (): boolean => {
    let first: number;
    let second: number;
    if (state[inArc] === STATE_LOWER) {
      first = tail[inArc]!;
      second = head[inArc]!;
    } else {
      first = head[inArc]!;
      second = tail[inArc]!;
    }
    delta = cap[inArc]!;
    let result = 0;
    for (let u = first; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      const d = predDir[u] === DIRECTION_DOWN ? cap[e]! - flow[e]! : flow[e]!;
      if (d < delta) {
        delta = d;
        uOut = u;
        result = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]!) {
      const e = pred[u]!;
      const d = predDir[u] === DIRECTION_UP ? cap[e]! - flow[e]! : flow[e]!;
      if (d <= delta) {
        delta = d;
        uOut = u;
        result = 2;
      }
    }
    if (result === 1) {
      uIn = first;
      vIn = second;
    } else {
      uIn = second;
      vIn = first;
    }
    return result !== 0;
  };

  const changeFlow = (change: boolean): void => {
    if (delta > 0) {
      const value = state[inArc]! * delta;
      flow[inArc]! += value;
      for (let u = tail[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!]! -= predDir[u]! * value;
      for (let u = head[inArc]!; u !== join; u = parent[u]!) flow[pred[u]!]! += predDir[u]! * value;
    }
    if (change) {
      state[inArc] = STATE_TREE;
      const leaving = pred[uOut]!;
      state[leaving] = flow[leaving] === 0 ? STATE_LOWER : STATE_UPPER;
    } else {
      state[inArc] = -state[inArc]! as -1 | 1;
    }
  };

  const updateTreeStructure = (): void => {
    const oldRevThread = revThread[uOut]!;
    const oldSuccNum = succNum[uOut]!;
    const oldLastSucc = lastSucc[uOut]!;
    const vOut = parent[uOut]!;

    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = inArc;
      predDir[uIn] = uIn === tail[inArc] ? DIRECTION_UP : DIRECTION_DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLastSucc]!;
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
        after = thread[vIn]!;
        thread[vIn] = uOut;
        revThread[uOut] = vIn;
        thread[oldLastSucc] = after;
        revThread[after] = oldLastSucc;
      }
    } else {
      const threadContinue = oldRevThread === vIn ? thread[oldLastSucc]! : thread[vIn]!;
      // Re-hang the stem (u_in … u_out): reverse parents and splice the subtrees into the thread.
      let stem = uIn;
      let parentStem = vIn;
      let last = lastSucc[uIn]!;
      let after = thread[last]!;
      thread[vIn] = uIn;
      dirty.length = 0;
      dirty.push(vIn);
      while (stem !== uOut) {
        const nextStem = parent[stem]!;
        thread[last] = nextStem;
        dirty.push(last);
        const before = revThread[stem]!;
        thread[before] = after;
        revThread[after] = before;
        parent[stem] = parentStem;
        parentStem = stem;
        stem = nextStem;
        last = lastSucc[stem] === lastSucc[parentStem] ? revThread[parentStem]! : lastSucc[stem]!;
        after = thread[last]!;
      }
      parent[uOut] = parentStem;
      thread[last] = threadContinue;
      revThread[threadContinue] = last;
      lastSucc[uOut] = last;
      if (oldRevThread !== vIn) {
        thread[oldRevThread] = after;
        revThread[after] = oldRevThread;
      }
      for (const u of dirty) revThread[thread[u]!] = u;

      let subtreeCount = 0;
      const subtreeLast = lastSucc[uOut]!;
      for (let u = uOut, p = parent[u]!; u !== uIn; u = p, p = parent[u]!) {
        pred[u] = pred[p]!;
        predDir[u] = -predDir[p]! as -1 | 1;
        subtreeCount += succNum[u]! - succNum[p]!;
        succNum[u] = subtreeCount;
        lastSucc[p] = subtreeLast;
      }
      pred[uIn] = inArc;
      predDir[uIn] = uIn === tail[inArc] ? DIRECTION_UP : DIRECTION_DOWN;
      succNum[uIn] = oldSuccNum;
    }

    const upLimitOut = lastSucc[join] === vIn ? join : -1;
    const lastSuccOut = lastSucc[uOut]!;
    for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]!) lastSucc[u] = lastSuccOut;
    if (join !== oldRevThread && vIn !== oldRevThread) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = oldRevThread;
    } else if (lastSuccOut !== oldLastSucc) {
      for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]!) lastSucc[u] = lastSuccOut;
    }
    for (let u = vIn; u !== join; u = parent[u]!) succNum[u]! += oldSuccNum;
    for (let u = vOut; u !== join; u = parent[u]!) succNum[u]! -= oldSuccNum;
  };

  const updatePotential = (): void => {
    const sigma = potential[vIn]! - potential[uIn]! - predDir[uIn]! * cost[inArc]!;
    const end = thread[lastSucc[uIn]!]!;
    for (let u = uIn; u !== end; u = thread[u]!) potential[u]! += sigma;
  };

  if (n > 0) {
    while (findEnteringArc()) {
      findJoinNode();
      const change = findLeavingArc();
      changeFlow(change);
      if (change) {
        updateTreeStructure();
        updatePotential();
      }
    }
  }
  return flow.subarray(0, realArcs);
}
