/**
 * Any-to-any meeting scheduling with the fewest breaks (Bofill et al., JAIR 74, 2022): place every
 * meeting in a slot so nobody is in two meetings at once and no slot holds more meetings than tables,
 * keeping sessions, fixed slots, unavailable slots and precedences, and minimise the total number of
 * breaks (idle gaps between two meetings of one participant on one date), optionally with the fairness
 * bound d on the spread of breaks between participants.
 *
 * Method: a greedy timetable improved by local search (`scheduleSearch.ts`) gives the first upper
 * bound and the solver's first values (a timetable without a break is optimal and returned at once,
 * before any encoding); a SAT encoding solved by the CDCL solver of `sat.ts` then raises
 * the lower bound by unsatisfiable cores (OLL, disjoint cores first) until a model is found, which is
 * optimal; if time runs short it descends from the best schedule instead. The solver keeps its learnt
 * clauses from query to query (bounds are assumptions). See docs/plan.md for the encoding and the
 * comparison with the alternatives.
 */
import { issueError } from "../schema/errors.js";
import { SatSolver, pos } from "./sat.js";
import { compileSchedule, type ScheduleInput, type ScheduleModel } from "./scheduleInput.js";
import { improveTimetable } from "./scheduleSearch.js";

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

/** Local search effort: moves per meeting, and at most this many in all. */
const LOCAL_SEARCH_STEPS_PER_MEETING = 5_000;
const LOCAL_SEARCH_MAX_STEPS = 2_000_000;
/** Local search stops early at this share of the time limit, leaving the rest to the exact search. */
const LOCAL_SEARCH_SHARE = 0.3;

/** The initial activity of placement variables, so they are branched on before auxiliary ones. */
const PLACEMENT_ACTIVITY = 1;

/** Adds the redundant "busy in exactly n slots" counter per participant (docs/plan.md measures it). */
const BUSY_CARDINALITY = true;

interface Encoding {
  readonly solver: SatSolver;
  /** x[m][k]: meeting m takes its k-th allowed slot. */
  readonly x: readonly (readonly number[])[];
  /** Each participant's break counter (exact, up to its meetings − 1). */
  readonly counters: readonly Unary[];
  /** Every break indicator (true = a break starts there), all participants. */
  readonly breakLits: readonly number[];
}

function encode(model: ScheduleModel): Encoding {
  const solver = new SatSolver();
  const random = seeded(model.seed);
  const jitter = (): number => (model.seed === 0 ? 0 : random() * 1e-6);
  const T = model.slotTables.length;
  // Branch on placements first, trying a meeting in a slot before ruling slots out: the search then
  // builds schedules, and the other variables follow by propagation.
  const x = model.allowed.map((slots) =>
    slots.map(() => {
      const v = solver.newVar(PLACEMENT_ACTIVITY + jitter());
      solver.setPhase(v, true);
      return pos(v);
    }),
  );
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
  const allBreaks: number[] = [];
  const busyOf: number[][] = [];
  model.meetingsOf.forEach((list) => {
    const busy = new Array<number>(T).fill(-1);
    busyOf.push(busy);
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
    // Redundant: the participant is busy in exactly as many slots as it has meetings. Implied by the
    // rest, but unit propagation cannot count: with it, a participant with a meeting in every usable
    // slot is busy everywhere at once, and one with n meetings is idle in the rest once n are busy.
    if (BUSY_CARDINALITY) {
      const used = busy.filter((lit) => lit >= 0);
      if (list.length > 0 && used.length > 1) {
        const count = totalize(solver, used.map((lit) => ({ lits: [lit], size: 1 })), list.length + 1, true);
        solver.addClause([count.lits[list.length - 1]!]);
        if (list.length < count.lits.length) solver.addClause([count.lits[list.length]! ^ 1]);
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
    const counter = totalize(solver, breakLits.map((lit) => ({ lits: [lit], size: 1 })), width, true);
    counters.push(counter);
    const anyBreak = counter.lits[0];
    // Redundant "window" clauses: a participant whose meetings all fall on one date and who has no
    // break sits in one block of exactly as many consecutive slots as it has meetings. So where its day
    // starts (busy now, idle before), the next n − 1 slots are busy unless some break is taken. Unit
    // propagation cannot count this on its own; it makes "no break" assumptions bite at once.
    const daysUsed = new Set<number>();
    model.days.forEach((day, d) => {
      if (day.some((t) => busy[t]! >= 0)) daysUsed.add(d);
    });
    if (daysUsed.size === 1 && list.length >= 2) {
      const day = model.days[[...daysUsed][0]!]!;
      for (let i = 0; i < day.length; i++) {
        const here = busy[day[i]!]!;
        if (here < 0) continue;
        const before = i > 0 ? busy[day[i - 1]!]! : -1;
        for (let j = 1; j < list.length; j++) {
          const clause = [here ^ 1, ...(anyBreak === undefined ? [] : [anyBreak])];
          if (before >= 0) clause.push(before);
          const ahead = i + j < day.length ? busy[day[i + j]!]! : -1;
          if (ahead >= 0) clause.push(ahead);
          solver.addClause(clause);
          if (ahead < 0) break;
        }
        const after = i + 1 < day.length ? busy[day[i + 1]!]! : -1;
        for (let j = 1; j < list.length; j++) {
          const clause = [here ^ 1, ...(anyBreak === undefined ? [] : [anyBreak])];
          if (after >= 0) clause.push(after);
          const behind = i - j >= 0 ? busy[day[i - j]!]! : -1;
          if (behind >= 0) clause.push(behind);
          solver.addClause(clause);
          if (behind < 0) break;
        }
      }
    }
    allBreaks.push(...breakLits);
  });
  // Tables per slot: every meeting seats two busy participants, so "at most `tables` meetings" is "at
  // most 2 × tables busy participants" — a counter over the participants (tens) instead of the
  // meetings (hundreds) that could take the slot. Only slots that could overflow get one.
  for (let t = 0; t < T; t++) {
    const tables = model.slotTables[t]!;
    let candidates = 0;
    for (const byT of xAt) if (byT.has(t)) candidates++;
    if (candidates <= tables) continue;
    const here = busyOf.map((busy) => busy[t]!).filter((lit) => lit >= 0);
    if (here.length <= 2 * tables) continue;
    const count = totalize(solver, here.map((lit) => ({ lits: [lit], size: 1 })), 2 * tables + 1, false);
    solver.addClause([count.lits[2 * tables]! ^ 1]);
  }
  return { solver, x, counters, breakLits: allBreaks };
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

/**
 * A greedy timetable to start the search from: meetings in precedence order, the most constrained first
 * among those ready, each in the allowed slot (after its predecessors, with a table and both sides free)
 * that sits next to most of its participants' meetings so far, else the earliest. It may fail to place a
 * meeting (then that meeting has no hint); the solver decides everything, the hint only orders its tries.
 */
function greedy(model: ScheduleModel): (number | undefined)[] {
  const T = model.slotTables.length;
  const M = model.allowed.length;
  const slotOf: (number | undefined)[] = new Array<number | undefined>(M).fill(undefined);
  const busy = model.participantIds.map(() => new Uint8Array(T));
  const load = new Array<number>(T).fill(0);
  const previousInDay = new Array<number>(T).fill(-1);
  const nextInDay = new Array<number>(T).fill(-1);
  for (const day of model.days) {
    for (let i = 0; i < day.length; i++) {
      if (i > 0) previousInDay[day[i]!] = day[i - 1]!;
      if (i + 1 < day.length) nextInDay[day[i]!] = day[i + 1]!;
    }
  }
  const waiting = model.before.map((list) => list.length);
  const successors: number[][] = model.before.map(() => []);
  model.before.forEach((list, m) => list.forEach((p) => successors[p]!.push(m)));
  const degree = model.meetingsOf.map((list) => list.length);
  const priority = (m: number): number => model.allowed[m]!.length * 1000 - degree[model.ends[m]![0]]! - degree[model.ends[m]![1]]!;
  const ready = [...Array(M).keys()].filter((m) => waiting[m] === 0);
  const earliest = new Array<number>(M).fill(0);
  while (ready.length > 0) {
    ready.sort((x, y) => priority(x) - priority(y) || x - y);
    const m = ready.shift()!;
    const [a, b] = model.ends[m]!;
    let bestSlot: number | undefined;
    let bestScore = -1;
    for (const t of model.allowed[m]!) {
      if (t < earliest[m]! || busy[a]![t] || busy[b]![t] || load[t]! >= model.slotTables[t]!) continue;
      const near = (p: number): number => (previousInDay[t]! >= 0 && busy[p]![previousInDay[t]!] ? 1 : 0) + (nextInDay[t]! >= 0 && busy[p]![nextInDay[t]!] ? 1 : 0);
      const score = near(a) + near(b);
      if (score > bestScore) {
        bestScore = score;
        bestSlot = t;
      }
    }
    if (bestSlot !== undefined) {
      slotOf[m] = bestSlot;
      busy[a]![bestSlot] = 1;
      busy[b]![bestSlot] = 1;
      load[bestSlot]!++;
    }
    for (const s of successors[m]!) {
      earliest[s] = Math.max(earliest[s]!, (slotOf[m] ?? 0) + 1);
      if (--waiting[s]! === 0) ready.push(s);
    }
  }
  return slotOf;
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

/** The share of the time left that the core-guided lower bound may take before the search turns to descending. */
const CORE_SHARE = 0.7;

/** Core trimming: re-solves under a core's own assumptions, each within this many milliseconds. */
const CORE_TRIM_ROUNDS = 3;
const CORE_TRIM_MS = 500;

/** How the lower bound is raised: by unsatisfiable cores (OLL), or by "at most K" queries for K = 0, 1, … (docs/plan.md compares them). */
const LOWER_BOUND_METHOD: "cores" | "ascending" = "cores";

/** Once a core is found, a core query stalls (and the descent takes over) after this many conflicts, or this many times the cores' conflicts so far if more. */
const CORE_STALL_MIN_CONFLICTS = 15_000;
const CORE_STALL_FACTOR = 2;

/** Ascending bound: "at most K breaks" for K = from, from + 1, … until one is satisfiable (the optimum) or time runs out. */
function ascend(
  solver: SatSolver,
  hard: readonly number[],
  atLeast: (k: number) => number,
  from: number,
  upper: number,
  deadline: number,
): { bound: number; answer: "sat" | "unsat" | "unknown" } {
  for (let k = from; k < upper; k++) {
    const answer = solver.solve([...hard, atLeast(k) ^ 1], deadline, now);
    if (answer !== "unsat") return { bound: k, answer };
  }
  return { bound: upper, answer: "unsat" };
}

/**
 * Core-guided lower bound (the OLL algorithm for unit weights): solve assuming every soft literal (no
 * break) holds; an unsatisfiable core of soft assumptions means at least one of them fails, so the bound
 * rises by one and the core's failures are counted by a totalizer whose "at most one" becomes a new soft
 * assumption (then "at most two" when that fails in a later core, and so on).
 */
function cores(solver: SatSolver, hard: readonly number[], breakLits: readonly number[], deadline: number): { bound: number; answer: "sat" | "unsat" | "unknown" } {
  interface Soft {
    /** The literal assumed true. */
    readonly lit: number;
    /** For a counter's soft: its outputs and the index k of "at least k + 1 failures" whose negation is assumed. */
    readonly counter?: { readonly outputs: readonly number[]; readonly k: number };
  }
  let softs: Soft[] = breakLits.map((b) => ({ lit: b ^ 1 }));
  let bound = 0;
  // Cores found since the last relaxation: their softs sit out of the assumptions, so the next cores
  // are disjoint from them (cheaper queries, one break each); all are relaxed when none is left.
  const pending: Soft[][] = [];
  const relax = (hit: readonly Soft[]): void => {
    const failures: Unary[] = [];
    for (const soft of hit) {
      failures.push({ lits: [soft.lit ^ 1], size: 1 });
      const counter = soft.counter;
      if (counter !== undefined && counter.k + 1 < counter.outputs.length) {
        softs.push({ lit: counter.outputs[counter.k + 1]! ^ 1, counter: { outputs: counter.outputs, k: counter.k + 1 } });
      }
    }
    if (failures.length > 1) {
      const sum = totalize(solver, failures, failures.length, false);
      softs.push({ lit: sum.lits[1]! ^ 1, counter: { outputs: sum.lits, k: 1 } });
    }
  };
  const started = solver.conflicts;
  for (;;) {
    // A query that takes far longer than every earlier one is a stall: the descent takes over. Not
    // before the first core: "no break at all" is one question, which the descent would ask last.
    const budget = bound === 0 ? Number.POSITIVE_INFINITY : Math.max(CORE_STALL_MIN_CONFLICTS, CORE_STALL_FACTOR * (solver.conflicts - started));
    const answer = solver.solve([...hard, ...softs.map((soft) => soft.lit)], deadline, now, budget);
    if (answer === "unknown") return { bound, answer };
    if (answer === "sat") {
      if (pending.length === 0) return { bound, answer };
      for (const hit of pending.splice(0)) relax(hit);
      continue;
    }
    let inCore = new Set(solver.core);
    // Trim the core: solving again under only its own assumptions often returns a smaller core.
    for (let round = 0; round < CORE_TRIM_ROUNDS; round++) {
      const inside = softs.filter((soft) => inCore.has(soft.lit));
      if (inside.length <= 1) break;
      const again = solver.solve([...hard, ...inside.map((soft) => soft.lit)], Math.min(deadline, now() + CORE_TRIM_MS), now);
      if (again !== "unsat" || solver.core.length >= inCore.size) break;
      inCore = new Set(solver.core);
    }
    const hit = softs.filter((soft) => inCore.has(soft.lit));
    if (hit.length === 0) {
      // Unsatisfiable without the softs set aside: relax them first, or the hard part itself is.
      if (pending.length === 0) return { bound, answer: "unsat" };
      for (const core of pending.splice(0)) relax(core);
      continue;
    }
    bound++;
    softs = softs.filter((soft) => !inCore.has(soft.lit));
    pending.push(hit);
  }
}

/** A clock for the deadline; `performance` exists in browsers, Node, Deno and Bun. */
const wallClock = (): number => globalThis.performance.now();
/** The clock the search reads (swapped only by {@link scheduleByWork}, for the length of one call). */
let now: () => number = wallClock;

/**
 * {@link scheduleMeetings} with a clock that counts work instead of time: every read of the clock
 * (once per 256 solver conflicts, once per 8,192 local-search steps) advances it by `msPerRead`, so
 * the result depends only on the input and `timeLimitMs`, never on how busy the machine is. The
 * planner slots with it, so a mission's agenda is the same on every run.
 *
 * @example
 * const schedule = scheduleByWork({ sessions, meetings, timeLimitMs: 2_000 }, 50);
 */
export function scheduleByWork(input: ScheduleInput, msPerRead: number): Schedule {
  let ticks = 0;
  const previous = now;
  now = () => (ticks += msPerRead);
  try {
    return scheduleMeetings(input);
  } finally {
    now = previous;
  }
}

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
  // A good schedule first: greedy improved by local search. When it has no break at all it is optimal
  // (and fair: every participant has 0), and the SAT encoding — most of the time on large days — is
  // never built.
  const start = greedy(model);
  type Improved = ReturnType<typeof improveTimetable> & { readonly breaks: number[] };
  let improved: Improved | undefined;
  const polish = (from: readonly number[]): Improved => {
    const stopAt = now() + LOCAL_SEARCH_SHARE * Math.max(0, deadline - now());
    const steps = Math.min(LOCAL_SEARCH_MAX_STEPS, LOCAL_SEARCH_STEPS_PER_MEETING * model.allowed.length);
    const timetable = improveTimetable(model, from as number[], steps, model.seed, () => now() > stopAt);
    return { ...timetable, breaks: countBreaks(model, timetable.slotOf) };
  };
  if (start.every((t) => t !== undefined)) {
    improved = polish(start as number[]);
    if (improved.breaks.every((b) => b === 0)) return scheduleOf(model, { ...improved, total: 0 }, 0);
  }
  const encoding = encode(model);
  const { solver, counters } = encoding;
  const hint = (slotOf: readonly (number | undefined)[]): void =>
    slotOf.forEach((t, m) => {
      if (t !== undefined) model.allowed[m]!.forEach((u, k) => solver.setPhase(encoding.x[m]![k]! >> 1, u === t));
    });
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

  // Without a complete greedy schedule, any schedule the solver finds, improved by local search. The
  // improved placements become the solver's first tries, and when they keep the spread bound, the
  // upper bound.
  if (improved === undefined) {
    hint(start);
    if (solver.solve([], deadline, now) === "sat") {
      placement(model, encoding).forEach((t, m) => (start[m] = t));
      improved = polish(start as number[]);
    }
  }
  if (improved !== undefined) {
    hint(improved.slotOf);
    if (improved.fair) best = { slotOf: improved.slotOf, breaks: improved.breaks, total: improved.breaks.reduce((sum, b) => sum + b, 0) };
  }

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
    let upper = Math.min(keep(), best?.total ?? Number.POSITIVE_INFINITY);
    // Lower bound first, by cores (OLL): assume no break anywhere; each unsatisfiable core of those
    // assumptions proves one more break and is relaxed by a counter over it. The first satisfiable
    // answer is an optimal schedule. If the cores run out of time, descend from the best schedule.
    const lowerDeadline = now() + CORE_SHARE * Math.max(0, deadline - now());
    const lower =
      LOWER_BOUND_METHOD === "cores"
        ? cores(solver, assumptions, encoding.breakLits, lowerDeadline)
        : ascend(solver, assumptions, totalAtLeast, low * participants, upper, lowerDeadline);
    let bound = Math.max(low * participants, lower.bound);
    if (lower.answer === "sat") upper = Math.min(upper, keep());
    while (bound < upper) {
      const answerK = solver.solve([...assumptions, totalAtLeast(upper - 1) ^ 1], deadline, now);
      if (answerK === "unknown") {
        timedOut = true;
        break;
      }
      if (answerK === "unsat") bound = upper;
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
  return scheduleOf(model, best, Math.min(lowerBound, best.total));
}

/** The schedule of a placement: tables seated, meetings in time order, with breaks and the bound. */
function scheduleOf(model: ScheduleModel, found: { readonly slotOf: readonly number[]; readonly breaks: readonly number[]; readonly total: number }, lowerBound: number): Schedule {
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
