/**
 * Slotting: give each of a city's meetings a slot so that nobody is double-booked and no slot needs
 * more tables than its session has.
 *
 * The city's meetings form a bipartite graph (companies × buyers); its slots, across the city's
 * sessions, are colours. Allocation already bounds every company's meetings in the city by the city's
 * slots and every buyer's by the slots it attends, so König's theorem says a proper colouring exists;
 * it is built edge by edge, freeing a colour by swapping an alternating α/β path when needed (the
 * classic proof, made constructive). Then colour classes are rebalanced by swapping α/β paths that hold
 * one more α than β, first within each session (every attendee of a session can use all its slots, so
 * this always works and leaves at most ⌈meetings / slots⌉ per slot), then across sessions when a
 * session holds more meetings than its slots × tables.
 *
 * A buyer who attends only some of the city's sessions may use only their slots (a list colouring).
 * König no longer guarantees success then; a meeting that cannot be placed is returned as unplaced,
 * never double-booked.
 */
import type { SlotReason } from "./reasons.js";
import type { PlanModel } from "./model.js";

/** Whether `a` is given up before `b` when a slot is overfull: ordinary before must-meet, then lower score, then lower pair. */
function weaker(a: SlotRequest, b: SlotRequest): boolean {
  if (a.mustMeet !== b.mustMeet) return !a.mustMeet;
  if (a.score !== b.score) return a.score < b.score;
  return a.pair < b.pair;
}

/** A meeting to slot: its pair index, its two sides, its score and whether it was requested. */
export interface SlotRequest {
  readonly pair: number;
  readonly company: number;
  readonly buyer: number;
  readonly score: number;
  /** A must-meet is coloured first and given up last, whatever its score (an unscored one counts 0). */
  readonly mustMeet: boolean;
}

/** The slotting of one city. */
export interface CitySlotting {
  /** Placed meetings: session index and 0-based slot within the session. */
  readonly placed: readonly { readonly pair: number; readonly session: number; readonly slot: number }[];
  /** Meetings that could not be placed, with the reason. */
  readonly unplaced: readonly { readonly pair: number; readonly reason: SlotReason }[];
}

/**
 * Colours one city's meetings into its slots.
 *
 * @param model - the planner model
 * @param city - the city's index
 * @param requests - the meetings allocated to the city, in a deterministic order
 * @returns placed and unplaced meetings
 * @example
 * const { placed } = slotCity(model, 0, requests);
 */
export function slotCity(model: PlanModel, city: number, requests: readonly SlotRequest[]): CitySlotting {
  const cityInfo = model.cities[city];
  if (cityInfo === undefined) return { placed: [], unplaced: requests.map((r) => ({ pair: r.pair, reason: { code: "unknown_city" } })) };
  // Colour t ↔ (session, slot), sessions in time order.
  const colourSession: number[] = [];
  const colourSlot: number[] = [];
  const capacity: number[] = [];
  const sessionColours = new Map<number, number[]>();
  for (const s of cityInfo.sessions) {
    const session = model.sessions[s];
    if (session === undefined) continue;
    const own: number[] = [];
    for (let k = 0; k < session.slots; k++) {
      own.push(colourSession.length);
      colourSession.push(s);
      colourSlot.push(k);
      capacity.push(session.tables);
    }
    sessionColours.set(s, own);
  }
  const K = colourSession.length;

  // Local vertices: companies first, then buyers, in first-seen order of the (sorted) requests.
  const local = new Map<string, number>();
  const isBuyer: boolean[] = [];
  const allowed: Uint8Array[] = [];
  const vertexOf = (kind: "c" | "b", index: number): number => {
    const key = kind + index;
    let v = local.get(key);
    if (v === undefined) {
      v = isBuyer.length;
      local.set(key, v);
      isBuyer.push(kind === "b");
      const mask = new Uint8Array(K);
      if (kind === "c") mask.fill(1);
      else {
        for (const s of model.buyers[index]?.sessionsByCity.get(city) ?? []) for (const t of sessionColours.get(s) ?? []) mask[t] = 1;
      }
      allowed.push(mask);
    }
    return v;
  };
  const ends = requests.map((r) => [vertexOf("c", r.company), vertexOf("b", r.buyer)] as const);
  const V = isBuyer.length;
  const at = new Int32Array(V * K).fill(-1);
  const colour = new Int32Array(requests.length).fill(-1);
  const count = new Int32Array(K);

  const other = (e: number, v: number): number => {
    const [c, b] = ends[e] as readonly [number, number];
    return v === c ? b : c;
  };
  const setColour = (e: number, t: number): void => {
    const [c, b] = ends[e] as readonly [number, number];
    colour[e] = t;
    at[c * K + t] = e;
    at[b * K + t] = e;
    count[t]!++;
  };
  const clearColour = (e: number): void => {
    const [c, b] = ends[e] as readonly [number, number];
    const t = colour[e]!;
    at[c * K + t] = -1;
    at[b * K + t] = -1;
    count[t]!--;
    colour[e] = -1;
  };
  /** The α/β alternating path from `v` starting with its α edge; undefined unless swapping it keeps every endpoint's colours allowed. */
  const swappablePath = (v: number, alpha: number, beta: number): number[] | undefined => {
    const path: number[] = [];
    let current = v;
    let wanted = alpha;
    for (;;) {
      const e = at[current * K + wanted]!;
      if (e < 0) break;
      path.push(e);
      current = other(e, current);
      wanted = wanted === alpha ? beta : alpha;
      if (path.length > requests.length) return undefined;
    }
    if (path.length === 0) return undefined;
    // The start gains β; the end gains the colour its last edge did not have.
    const endGains = wanted;
    if (!allowed[v]![beta] || !allowed[current]![endGains]) return undefined;
    return path;
  };
  const swap = (path: readonly number[], alpha: number, beta: number): void => {
    const previous = path.map((e) => colour[e]!);
    for (const e of path) clearColour(e);
    path.forEach((e, i) => setColour(e, previous[i] === alpha ? beta : alpha));
  };

  const unplaced: { pair: number; reason: SlotReason }[] = [];
  // The allocation ranks must-meets above everything else, so they get the first pick of colours.
  // Then buyers who attend fewer of the city's slots have fewer colours to choose from: colour their
  // meetings first (then by request order), as list colouring heuristics do.
  const allowedCount = allowed.map((mask) => mask.reduce((sum, bit) => sum + bit, 0));
  const mustFirst = (e: number): number => (requests[e]?.mustMeet === true ? 0 : 1);
  const order = requests
    .map((_, e) => e)
    .sort((x, y) => mustFirst(x) - mustFirst(y) || (allowedCount[ends[x]![1]] ?? 0) - (allowedCount[ends[y]![1]] ?? 0) || x - y);
  for (const e of order) {
    const request = requests[e] as SlotRequest;
    const [c, b] = ends[e] as readonly [number, number];
    const allowedB = allowed[b]!;
    let done = false;
    for (let t = 0; t < K && !done; t++) {
      if (allowedB[t] && at[c * K + t]! < 0 && at[b * K + t]! < 0) {
        setColour(e, t);
        done = true;
      }
    }
    if (done) continue;
    // α free at the company: free it at the buyer by swapping the buyer's α/β path (β free at the buyer).
    for (let alpha = 0; alpha < K && !done; alpha++) {
      if (!allowedB[alpha] || at[c * K + alpha]! >= 0) continue;
      for (let beta = 0; beta < K && !done; beta++) {
        if (beta === alpha || !allowedB[beta] || at[b * K + beta]! >= 0) continue;
        const path = swappablePath(b, alpha, beta);
        if (path === undefined) continue;
        swap(path, alpha, beta);
        setColour(e, alpha);
        done = true;
      }
    }
    if (done) continue;
    // α free at the buyer: free it at the company by swapping the company's α/β path (β free at the company).
    for (let alpha = 0; alpha < K && !done; alpha++) {
      if (!allowedB[alpha] || at[b * K + alpha]! >= 0) continue;
      for (let beta = 0; beta < K && !done; beta++) {
        if (beta === alpha || at[c * K + beta]! >= 0) continue;
        const path = swappablePath(c, alpha, beta);
        if (path === undefined) continue;
        swap(path, alpha, beta);
        setColour(e, alpha);
        done = true;
      }
    }
    if (!done) unplaced.push({ pair: request.pair, reason: { code: "no_common_slot" } });
  }

  /** Moves one meeting from colour α to β along an α-heavy path, if one can be swapped. */
  const moveOne = (alpha: number, beta: number): boolean => {
    for (let v = 0; v < V; v++) {
      if (at[v * K + alpha]! < 0 || at[v * K + beta]! >= 0) continue;
      const path = swappablePath(v, alpha, beta);
      if (path === undefined || path.length % 2 === 0) continue;
      swap(path, alpha, beta);
      return true;
    }
    return false;
  };
  const equalizeSessions = (): void => {
    for (const own of sessionColours.values()) {
      for (let guard = 0; guard < requests.length + 1; guard++) {
        let high = own[0] as number;
        let low = own[0] as number;
        for (const t of own) {
          if (count[t]! > count[high]!) high = t;
          if (count[t]! < count[low]!) low = t;
        }
        if (count[high]! - count[low]! <= 1 || !moveOne(high, low)) break;
      }
    }
  };
  equalizeSessions();
  for (let alpha = 0; alpha < K; alpha++) {
    while (count[alpha]! > capacity[alpha]!) {
      const targets = [...Array(K).keys()]
        .filter((t) => count[t]! < capacity[t]!)
        .sort((a, b) => count[a]! - count[b]! || a - b);
      let moved = false;
      for (const beta of targets) if ((moved = moveOne(alpha, beta))) break;
      if (moved) continue;
      // No legal move left: give up the weakest meeting in this slot rather than overfill it. A
      // must-meet goes last (the allocation paid its bonus for it), then the lowest score, then the
      // lowest pair index, so the choice does not depend on request order.
      let weakest = -1;
      for (let e = 0; e < requests.length; e++) {
        if (colour[e] !== alpha) continue;
        if (weakest < 0 || weaker(requests[e] as SlotRequest, requests[weakest] as SlotRequest)) weakest = e;
      }
      clearColour(weakest);
      unplaced.push({ pair: requests[weakest]?.pair ?? -1, reason: { code: "no_table_left" } });
    }
  }
  equalizeSessions();

  const placed: { pair: number; session: number; slot: number }[] = [];
  requests.forEach((request, e) => {
    const t = colour[e]!;
    if (t >= 0) placed.push({ pair: request.pair, session: colourSession[t] as number, slot: colourSlot[t] as number });
  });
  unplaced.sort((a, b) => a.pair - b.pair);
  return { placed, unplaced };
}
