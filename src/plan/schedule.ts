/**
 * Any-to-any meeting scheduling with the fewest breaks (Bofill et al., JAIR 74, 2022): place every
 * meeting in a slot so nobody is in two meetings at once and no slot holds more meetings than tables,
 * keeping sessions, fixed slots, unavailable slots and precedences, and minimise the total number of
 * breaks (idle gaps between two meetings of one participant on one date), optionally with the fairness
 * bound d on the spread of breaks between participants.
 *
 * Method: a SAT encoding solved by the CDCL solver of `sat.ts`, with an ascending bound on the total:
 * first any schedule (an upper bound), then "at most K breaks" for K = 0, 1, …; each unsatisfiable K
 * raises the proven lower bound, and the first satisfiable K is the optimum. The solver keeps its learnt
 * clauses from query to query (the bounds are assumptions). See docs/plan.md for the encoding and the
 * comparison with the alternatives.
 */
import { issueError } from "../schema/errors.js";
import { SatSolver, neg, pos } from "./sat.js";
import { compileSchedule, type ScheduleInput, type ScheduleModel } from "./scheduleInput.js";

/** One placed meeting. */
export interface ScheduledMeeting {
  readonly meetingId: string;
  readonly sessionId: string;
  /** 0-based slot within the session. */
  readonly slot: number;
  /** 0-based table within the slot. */
  readonly table: number;
}

/** The result of {@link scheduleMeetings}. */
export interface Schedule {
  /** Every meeting once, in time order (session, slot), then table. */
  readonly meetings: readonly ScheduledMeeting[];
  /** Total breaks of all participants. */
  readonly breaks: number;
  /** Breaks of every participant that has a meeting. */
  readonly breaksByParticipant: ReadonlyMap<string, number>;
  /** A proven lower bound on the total breaks of any schedule that keeps every rule. */
  readonly lowerBound: number;
  /** True only when `lowerBound === breaks`: no schedule has fewer breaks. */
  readonly optimal: boolean;
}

/** A unary counter: `lits[k]` is true when at least k + 1 of its `size` inputs are. */
interface Unary {
  readonly lits: readonly number[];
  readonly size: number;
}

/**
 * Merges two unary counters (a totalizer node), keeping the first `width` outputs. "Up" clauses force an
 * output true when enough inputs are; with `exact`, "down" clauses also force it false when too few are.
 */
function merge(solver: SatSolver, a: Unary, b: Unary, width: number, exact: boolean): Unary {
  const size = a.size + b.size;
  const n = Math.min(size, width);
  const lits: number[] = [];
  for (let k = 0; k < n; k++) lits.push(pos(solver.newVar()));
  for (let i = 0; i <= a.lits.length; i++) {
    for (let j = 0; j <= b.lits.length; j++) {
      const k = i + j;
      if (k >= 1 && k <= n) {
        const clause = [lits[k - 1]!];
        if (i > 0) clause.push(a.lits[i - 1]! ^ 1);
        if (j > 0) clause.push(b.lits[j - 1]! ^ 1);
        solver.addClause(clause);
      }
      if (exact && k < n) {
        // At most i from a and at most j from b: at most i + j in all.
        if ((i === a.lits.length && a.lits.length < a.size) || (j === b.lits.length && b.lits.length < b.size)) continue;
        const clause = [lits[k]! ^ 1];
        if (i < a.lits.length) clause.push(a.lits[i]!);
        if (j < b.lits.length) clause.push(b.lits[j]!);
        solver.addClause(clause);
      }
    }
  }
  return { lits, size };
}

function totalize(solver: SatSolver, nodes: readonly Unary[], width: number, exact: boolean): Unary {
  if (nodes.length === 0) return { lits: [], size: 0 };
  let level = [...nodes];
  while (level.length > 1) {
    const next: Unary[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? level[i]! : merge(solver, level[i]!, right, width, exact));
    }
    level = next;
  }
  return level[0]!;
}

function atMostOne(solver: SatSolver, lits: readonly number[]): void {
  if (lits.length <= 5) {
    for (let i = 0; i < lits.length; i++) for (let j = i + 1; j < lits.length; j++) solver.addClause([lits[i]! ^ 1, lits[j]! ^ 1]);
    return;
  }
  // Sequential (ladder) encoding: s_i means "one of the first i + 1 is true".
  let previous = -1;
  for (let i = 0; i < lits.length; i++) {
    const x = lits[i]!;
    if (previous >= 0) solver.addClause([x ^ 1, previous ^ 1]);
    if (i < lits.length - 1) {
      const s = pos(solver.newVar());
      solver.addClause([x ^ 1, s]);
      if (previous >= 0) solver.addClause([previous ^ 1, s]);
      previous = s;
    }
  }
}

/** A seeded generator in [0, 1) (mulberry32), for the solver's initial tie-breaking only. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Encoding {
  readonly solver: SatSolver;
  /** x[m][k]: meeting m takes its k-th allowed slot. */
  readonly x: readonly (readonly number[])[];
  /** Each participant's break counter (exact, up to its meetings − 1). */
  readonly counters: readonly Unary[];
}

function encode(model: ScheduleModel): Encoding {
  const solver = new SatSolver();
  const random = seeded(model.seed);
  const jitter = (): number => (model.seed === 0 ? 0 : random() * 1e-6);
  const T = model.slotTables.length;
  const x = model.allowed.map((slots) => slots.map(() => pos(solver.newVar(jitter()))));
  const xAt = model.allowed.map((slots, m) => {
    const byT = new Map<number, number>();
    slots.forEach((t, k) => byT.set(t, x[m]![k]!));
    return byT;
  });
  // Every meeting exactly once.
  for (const lits of x) {
    solver.addClause(lits);
    atMostOne(solver, lits);
  }
  // Tables per slot.
  for (let t = 0; t < T; t++) {
    const here: number[] = [];
    xAt.forEach((byT) => {
      const lit = byT.get(t);
      if (lit !== undefined) here.push(lit);
    });
    const tables = model.slotTables[t]!;
    if (here.length <= tables) continue;
    const count = totalize(solver, here.map((lit) => ({ lits: [lit], size: 1 })), tables + 1, false);
    solver.addClause([count.lits[tables]! ^ 1]);
  }
  // Precedences: m in slot t needs each earlier meeting in a slot before t.
  model.before.forEach((list, m) => {
    for (const p of list) {
      model.allowed[m]!.forEach((t, k) => {
        const clause = [x[m]![k]! ^ 1];
        model.allowed[p]!.forEach((u, j) => {
          if (u < t) clause.push(x[p]![j]!);
        });
        solver.addClause(clause);
      });
    }
  });
  // Participants: busy[t] ↔ one of its meetings is in t (at most one), then breaks per date.
  const counters: Unary[] = [];
  model.meetingsOf.forEach((list) => {
    const busy = new Array<number>(T).fill(-1);
    for (let t = 0; t < T; t++) {
      const lits: number[] = [];
      for (const m of list) {
        const lit = xAt[m]!.get(t);
        if (lit !== undefined) lits.push(lit);
      }
      if (lits.length === 0) continue;
      atMostOne(solver, lits);
      if (lits.length === 1) busy[t] = lits[0]!;
      else {
        const b = pos(solver.newVar());
        for (const lit of lits) solver.addClause([lit ^ 1, b]);
        solver.addClause([b ^ 1, ...lits]);
        busy[t] = b;
      }
    }
    const breakLits: number[] = [];
    for (const day of model.days) {
      // later[i] ↔ busy in some slot after day[i].
      const later = new Array<number>(day.length).fill(-1);
      for (let i = day.length - 2; i >= 0; i--) {
        const next = busy[day[i + 1]!]!;
        const rest = later[i + 1]!;
        if (next < 0 && rest < 0) continue;
        if (rest < 0) later[i] = next;
        else if (next < 0) later[i] = rest;
        else {
          const v = pos(solver.newVar());
          solver.addClause([next ^ 1, v]);
          solver.addClause([rest ^ 1, v]);
          solver.addClause([v ^ 1, next, rest]);
          later[i] = v;
        }
      }
      // A break starts at day[i] when busy just before, idle now, and busy again later.
      for (let i = 1; i < day.length; i++) {
        const previous = busy[day[i - 1]!]!;
        const now = busy[day[i]!]!;
        const again = later[i]!;
        if (previous < 0 || again < 0) continue;
        const b = pos(solver.newVar());
        solver.addClause([b ^ 1, previous]);
        solver.addClause([b ^ 1, again]);
        if (now >= 0) solver.addClause([b ^ 1, now ^ 1]);
        solver.addClause(now >= 0 ? [b, previous ^ 1, now, again ^ 1] : [b, previous ^ 1, again ^ 1]);
        breakLits.push(b);
      }
    }
    const width = Math.max(1, list.length);
    counters.push(totalize(solver, breakLits.map((lit) => ({ lits: [lit], size: 1 })), width, true));
  });
  return { solver, x, counters };
}

/**
 * Counts each participant's breaks in a placement (Definition 2.3): per date, the runs of idle slots
 * between two of its meetings.
 *
 * @param model - the compiled problem
 * @param slotOf - the global slot of each meeting
 * @returns breaks per participant (participant index order)
 */
function countBreaks(model: ScheduleModel, slotOf: readonly number[]): number[] {
  const dayOf = new Array<number>(model.slotTables.length).fill(0);
  const position = new Array<number>(model.slotTables.length).fill(0);
  model.days.forEach((day, d) => day.forEach((t, i) => ((dayOf[t] = d), (position[t] = i))));
  return model.meetingsOf.map((list) => {
    const slots = list.map((m) => slotOf[m]!).sort((a, b) => a - b);
    let breaks = 0;
    for (let k = 1; k < slots.length; k++) {
      const a = slots[k - 1]!;
      const b = slots[k]!;
      if (dayOf[a] === dayOf[b] && position[b]! - position[a]! > 1) breaks++;
    }
    return breaks;
  });
}

/** Reads the placement out of the solver's model. */
function placement(model: ScheduleModel, encoding: Encoding): number[] {
  return encoding.x.map((lits, m) => {
    const k = lits.findIndex((lit) => encoding.solver.modelValue(lit >> 1));
    return model.allowed[m]![k]!;
  });
}

/**
 * Seats the meetings of each slot at tables 0, 1, …: a participant keeps the table it first sat at
 * whenever it is free (the participant with the smaller id hosts), so people move as little as possible.
 */
function seat(model: ScheduleModel, slotOf: readonly number[]): number[] {
  const table = new Array<number>(slotOf.length).fill(0);
  const home = new Map<number, number>();
  const bySlot = new Map<number, number[]>();
  slotOf.forEach((t, m) => bySlot.set(t, [...(bySlot.get(t) ?? []), m]));
  for (const t of [...bySlot.keys()].sort((a, b) => a - b)) {
    const used = new Set<number>();
    const waiting: number[] = [];
    for (const m of bySlot.get(t)!) {
      const [a, b] = model.ends[m]!;
      const preferred = [home.get(a), home.get(b)].find((h) => h !== undefined && !used.has(h));
      if (preferred === undefined) waiting.push(m);
      else {
        used.add(preferred);
        table[m] = preferred;
      }
    }
    let next = 0;
    for (const m of waiting) {
      while (used.has(next)) next++;
      used.add(next);
      table[m] = next;
      const [a, b] = model.ends[m]!;
      if (!home.has(a)) home.set(a, next);
      else if (!home.has(b)) home.set(b, next);
    }
  }
  return table;
}

/** The share of the time left that one ascending (lower-bound) query may take before the search turns to descending. */
const ASCENT_SHARE = 0.1;
/** A clock for the deadline; `performance` exists in browsers, Node, Deno and Bun. */
const now = (): number => globalThis.performance.now();

/**
 * Schedules meetings between any two participants into the sessions' slots with the fewest breaks.
 *
 * Rules: every meeting takes exactly one slot; nobody is in two meetings in one slot; a slot holds at
 * most its session's tables; a meeting keeps to its `sessions` and its fixed `slot`, avoids its
 * participants' `unavailable` slots and comes after every meeting in its `after`. A participant's
 * breaks are the runs of idle slots between two of its meetings on one date, the date's sessions laid
 * end to end (a lunch between sessions is no slot and no break). With `maxBreakSpread` d, any two
 * participants' breaks differ by at most d. The total is minimised and proven optimal by SAT
 * (`optimal`); at the time limit the best schedule found is returned with its proven `lowerBound`.
 *
 * @param input - sessions, meetings, and optionally unavailable slots, maxBreakSpread, timeLimitMs, seed ({@link ScheduleInput})
 * @returns the {@link Schedule}: placed meetings with session, slot and table; breaks in total and per participant; lower bound; optimal
 * @throws BuyerMatchError for invalid input, for input that cannot be scheduled (code `infeasible`,
 *   saying why, with the path), and when the time limit passes before any schedule or proof (`time_limit`)
 * @example
 * const schedule = scheduleMeetings({
 *   sessions: [{ id: "am", city: "Girona", date: "2026-05-14", start: "09:00", slotMinutes: 20, slots: 4, tables: 2 }],
 *   meetings: [
 *     { id: "m1", participants: ["acme", "birch"] },
 *     { id: "m2", participants: ["acme", "cedar"] },
 *     { id: "m3", participants: ["cedar", "dune"], after: ["m1"] },
 *   ],
 * });
 * schedule.breaks; // 0 — e.g. m1, m2, m3 in slots 0, 1, 2: acme and cedar each meet in adjacent slots
 */
export function scheduleMeetings(input: ScheduleInput): Schedule {
  const model = compileSchedule(input);
  const deadline = now() + model.timeLimitMs;
  const encoding = encode(model);
  const { solver, counters } = encoding;
  const participants = model.participantIds.length;
  const spread = model.maxBreakSpread;

  let best: { slotOf: number[]; breaks: number[]; total: number } | undefined;
  const keep = (): number => {
    const slotOf = placement(model, encoding);
    const breaks = countBreaks(model, slotOf);
    const total = breaks.reduce((sum, b) => sum + b, 0);
    if (best === undefined || total < best.total) best = { slotOf, breaks, total };
    return total;
  };

  // With a spread bound, the fewest breaks of any participant is some L; each L is its own problem
  // ("every participant has between L and L + d breaks"), and L ≥ 1 costs at least L per participant.
  const maxLow = spread === undefined || participants === 0 ? 0 : Math.min(...counters.map((counter) => counter.lits.length));
  const fairness = (low: number): number[] | undefined => {
    if (spread === undefined) return [];
    const assumptions: number[] = [];
    for (const counter of counters) {
      if (low >= 1) {
        const lit = counter.lits[low - 1];
        if (lit === undefined) return undefined;
        assumptions.push(lit);
      }
      const high = counter.lits[low + spread];
      if (high !== undefined) assumptions.push(high ^ 1);
    }
    return assumptions;
  };

  let total: Unary | undefined;
  const totalAtLeast = (k: number): number => {
    // The bound "at most k" needs output k; widen the counter when it is too narrow (rarely: optima are small).
    if (total === undefined || total.lits.length <= k) {
      const width = Math.max(k + 1, 2 * (total?.lits.length ?? 4));
      total = totalize(solver, counters, width, false);
    }
    return total.lits[k]!;
  };

  let lowerBound = Number.POSITIVE_INFINITY;
  let timedOut = false;
  for (let low = 0; low <= maxLow; low++) {
    if (best !== undefined && low * participants >= best.total) {
      lowerBound = Math.min(lowerBound, low * participants);
      break;
    }
    const assumptions = fairness(low);
    if (assumptions === undefined) continue;
    const answer = solver.solve(assumptions, deadline, now);
    if (answer === "unknown") {
      timedOut = true;
      lowerBound = Math.min(lowerBound, low * participants);
      break;
    }
    if (answer === "unsat") continue;
    let upper = keep();
    let bound = low * participants;
    // Ascend while the proofs come quickly (a raised lower bound is worth reporting even at a time-out),
    // then descend from the best schedule: each satisfiable query is a better schedule, and the first
    // unsatisfiable one proves the optimum.
    let ascending = true;
    while (bound < upper) {
      const k = ascending ? bound : upper - 1;
      const stop = ascending ? Math.min(deadline, now() + ASCENT_SHARE * Math.max(0, deadline - now())) : deadline;
      const answerK = solver.solve([...assumptions, totalAtLeast(k) ^ 1], stop, now);
      if (answerK === "unknown") {
        if (ascending && now() < deadline) {
          ascending = false;
          continue;
        }
        timedOut = true;
        break;
      }
      if (answerK === "unsat") bound = k + 1;
      else upper = Math.min(upper, keep());
    }
    lowerBound = Math.min(lowerBound, bound);
    if (timedOut) {
      if (low < maxLow) lowerBound = Math.min(lowerBound, (low + 1) * participants);
      break;
    }
  }

  if (best === undefined) {
    if (timedOut) {
      throw issueError("time_limit", ["timeLimitMs"], `no schedule was found and none was proven impossible within ${model.timeLimitMs} ms`);
    }
    throw issueError(
      "infeasible",
      ["meetings"],
      spread === undefined
        ? "the search proved that no schedule keeps every rule (one meeting per participant per slot, tables, sessions, fixed and unavailable slots, precedences)"
        : `the search proved that no schedule keeps every rule with maxBreakSpread ${spread}`,
    );
  }
  const found = best;
  lowerBound = Math.min(lowerBound, found.total);
  const tables = seat(model, found.slotOf);
  const meetings = found.slotOf
    .map((t, m) => ({ m, t }))
    .sort((a, b) => a.t - b.t || tables[a.m]! - tables[b.m]!)
    .map(({ m, t }) => ({
      meetingId: model.meetingIds[m]!,
      sessionId: model.sessionIds[model.slotSession[t]!]!,
      slot: model.slotNumber[t]!,
      table: tables[m]!,
    }));
  return {
    meetings,
    breaks: found.total,
    breaksByParticipant: new Map(model.participantIds.map((id, p) => [id, found.breaks[p]!])),
    lowerBound,
    optimal: lowerBound === found.total,
  };
}
