/**
 * Local search for timetables with few breaks, to give the exact search a good schedule to start from:
 * simulated annealing over moves of one meeting to another slot, or swaps of two meetings' slots, each
 * kept feasible (both sides free, a table left, sessions, fixed and unavailable slots through the
 * allowed slots, precedences). The cost is the total breaks plus a heavy penalty for every break beyond
 * the fairness bound. Seeded: the same model, start and seed give the same result.
 */
import type { ScheduleModel } from "./scheduleInput.js";

/** The annealing temperature at the first move, falling linearly (tuned on generated forums: 0.3 beat 0.8 and 2). */
const START_TEMPERATURE = 0.3;

/** Cost weight of one break over the spread bound, against one break. */
const SPREAD_PENALTY = 20;

/**
 * Improves a complete placement.
 *
 * @param model - the compiled problem
 * @param start - the global slot of every meeting (a feasible timetable)
 * @param steps - moves to try
 * @param seed - the seed of the move choice
 * @param stop - asked every few thousand moves whether to stop early (the caller's deadline)
 * @returns the best placement met, and whether it keeps the spread bound
 * @example
 * const { slotOf } = improveTimetable(model, greedySlots, 200_000, 0);
 */
export function improveTimetable(model: ScheduleModel, start: readonly number[], steps: number, seed: number, stop: () => boolean = () => false): { slotOf: number[]; fair: boolean } {
  const M = start.length;
  const T = model.slotTables.length;
  const P = model.participantIds.length;
  const slotOf = [...start];
  const dayOf = new Array<number>(T).fill(0);
  const position = new Array<number>(T).fill(0);
  model.days.forEach((day, d) => day.forEach((t, i) => ((dayOf[t] = d), (position[t] = i))));
  const busy = model.participantIds.map(() => new Int32Array(T).fill(-1));
  const load = new Array<number>(T).fill(0);
  slotOf.forEach((t, m) => {
    const [a, b] = model.ends[m]!;
    busy[a]![t] = m;
    busy[b]![t] = m;
    load[t]!++;
  });
  const successors: number[][] = model.before.map(() => []);
  model.before.forEach((list, m) => list.forEach((p) => successors[p]!.push(m)));
  const breaksOf = (p: number): number => {
    let count = 0;
    let last = -1;
    const own = busy[p]!;
    for (let t = 0; t < T; t++) {
      if (own[t]! < 0) continue;
      if (last >= 0 && dayOf[last] === dayOf[t] && position[t]! - position[last]! > 1) count++;
      last = t;
    }
    return count;
  };
  const breaks = Array.from({ length: P }, (_, p) => breaksOf(p));
  const spread = model.maxBreakSpread;
  const cost = (): number => {
    let total = 0;
    let low = Number.POSITIVE_INFINITY;
    for (const b of breaks) {
      total += b;
      if (b < low) low = b;
    }
    if (spread === undefined) return total;
    let excess = 0;
    for (const b of breaks) excess += Math.max(0, b - low - spread);
    return total + SPREAD_PENALTY * excess;
  };
  const fitsOrder = (m: number, t: number): boolean => {
    for (const p of model.before[m]!) if (slotOf[p]! >= t) return false;
    for (const s of successors[m]!) if (slotOf[s]! <= t) return false;
    return true;
  };
  const place = (m: number, t: number): void => {
    const [a, b] = model.ends[m]!;
    const from = slotOf[m]!;
    busy[a]![from] = -1;
    busy[b]![from] = -1;
    load[from]!--;
    busy[a]![t] = m;
    busy[b]![t] = m;
    load[t]!++;
    slotOf[m] = t;
  };

  let state = (seed >>> 0) ^ 0x9e3779b9;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let r = state;
    r = Math.imul(r ^ (r >>> 15), r | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  let current = cost();
  let best = current;
  let bestSlots = [...slotOf];
  const movable = [...Array(M).keys()].filter((m) => model.allowed[m]!.length > 1);
  if (movable.length === 0) return { slotOf: bestSlots, fair: current === breaks.reduce((x, y) => x + y, 0) };
  for (let step = 0; step < steps && best > 0; step++) {
    if ((step & 8191) === 0 && step > 0 && stop()) break;
    const temperature = START_TEMPERATURE * (1 - step / steps) + 0.02;
    const m = movable[Math.floor(random() * movable.length)]!;
    const allowed = model.allowed[m]!;
    const t = allowed[Math.floor(random() * allowed.length)]!;
    const from = slotOf[m]!;
    if (t === from || !fitsOrder(m, t)) continue;
    const [a, b] = model.ends[m]!;
    const blockA = busy[a]![t]!;
    const blockB = busy[b]![t]!;
    // A move when both are free there and a table is left; else a swap with the one meeting in the way.
    let other = -1;
    if (blockA >= 0 || blockB >= 0) {
      if (blockA >= 0 && blockB >= 0 && blockA !== blockB) continue;
      other = blockA >= 0 ? blockA : blockB;
      const [c, d] = model.ends[other]!;
      if (!model.allowed[other]!.includes(from) || !fitsOrder(other, from)) continue;
      // The other meeting's participants must be free at `from` (apart from m itself).
      if ((busy[c]![from]! >= 0 && busy[c]![from] !== m) || (busy[d]![from]! >= 0 && busy[d]![from] !== m)) continue;
    } else if (load[t]! >= model.slotTables[t]!) continue;
    const touched = new Set<number>([a, b]);
    if (other >= 0) {
      const [c, d] = model.ends[other]!;
      touched.add(c);
      touched.add(d);
      // Swap: move `other` out of t first, then m in, then `other` into from.
      const [oc, od] = model.ends[other]!;
      busy[oc]![t] = -1;
      busy[od]![t] = -1;
      load[t]!--;
      place(m, t);
      busy[oc]![from] = other;
      busy[od]![from] = other;
      load[from]!++;
      slotOf[other] = from;
    } else place(m, t);
    const saved = [...touched].map((p) => [p, breaks[p]!] as const);
    for (const p of touched) breaks[p] = breaksOf(p);
    const next = cost();
    if (next <= current || random() < Math.exp((current - next) / temperature)) {
      current = next;
      if (current < best) {
        best = current;
        bestSlots = [...slotOf];
      }
      continue;
    }
    // Undo.
    if (other >= 0) {
      const [oc, od] = model.ends[other]!;
      busy[oc]![from] = -1;
      busy[od]![from] = -1;
      load[from]!--;
      place(m, from);
      busy[oc]![t] = other;
      busy[od]![t] = other;
      load[t]!++;
      slotOf[other] = t;
    } else place(m, from);
    for (const [p, value] of saved) breaks[p] = value;
  }
  // Recompute fairness of the best placement.
  const finalBusy = model.participantIds.map(() => [] as number[]);
  bestSlots.forEach((t, m) => {
    const [a, b] = model.ends[m]!;
    finalBusy[a]!.push(t);
    finalBusy[b]!.push(t);
  });
  const finalBreaks = finalBusy.map((list) => {
    list.sort((x, y) => x - y);
    let count = 0;
    for (let k = 1; k < list.length; k++) if (dayOf[list[k]!] === dayOf[list[k - 1]!] && position[list[k]!]! - position[list[k - 1]!]! > 1) count++;
    return count;
  });
  const fair = spread === undefined || finalBreaks.length === 0 || Math.max(...finalBreaks) - Math.min(...finalBreaks) <= spread;
  return { slotOf: bestSlots, fair };
}
