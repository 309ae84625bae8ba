/**
 * The input of `scheduleMeetings`: its zod schema, the cross-reference checks zod cannot express, the
 * infeasibilities visible before any search, and the compiled model (arrays of indices in id order).
 */
import { z } from "zod";
import { CountSchema, IdSchema } from "../schema/common.js";
import { BuyerMatchError, safeParseWith, type BuyerMatchIssue } from "../schema/errors.js";
import { SessionSchema, minutesOf, type Session } from "./input.js";
import { compareIds } from "./model.js";

/** A meeting to schedule, between any two participants. */
export const ScheduleMeetingSchema = z.object({
  id: IdSchema,
  participants: z.tuple([IdSchema, IdSchema]),
  /** The sessions it may take place in (any session when absent). */
  sessions: z.array(IdSchema).optional(),
  /** A fixed slot (0-based within the session). */
  slot: z.object({ sessionId: IdSchema, slot: CountSchema }).optional(),
  /** Meetings that must take place before this one (in an earlier slot). */
  after: z.array(IdSchema).optional(),
});

/** A slot in which a participant cannot meet. */
export const UnavailableSlotSchema = z.object({ participantId: IdSchema, sessionId: IdSchema, slot: CountSchema });

/** The whole input of `scheduleMeetings`. */
export const ScheduleInputSchema = z.object({
  sessions: z.array(SessionSchema),
  meetings: z.array(ScheduleMeetingSchema),
  unavailable: z.array(UnavailableSlotSchema).optional(),
  maxBreakSpread: CountSchema.optional(),
  timeLimitMs: z
    .number({ error: "must be a number of milliseconds" })
    .refine((value) => Number.isFinite(value) && value > 0, { message: "must be a finite number of milliseconds > 0", params: { code: "out_of_range" } })
    .optional(),
  seed: z
    .number({ error: "must be an integer" })
    .refine((value) => Number.isSafeInteger(value), { message: "must be a safe integer", params: { code: "out_of_range" } })
    .optional(),
});

/** A meeting as written by a user. */
export type ScheduleMeeting = z.input<typeof ScheduleMeetingSchema>;
/** An unavailable slot as written by a user. */
export type UnavailableSlot = z.input<typeof UnavailableSlotSchema>;

/** The input of `scheduleMeetings`. */
export interface ScheduleInput {
  /** The sessions (the planner's session shape); slots of one date run on from session to session. */
  readonly sessions: readonly Session[];
  readonly meetings: readonly ScheduleMeeting[];
  readonly unavailable?: readonly UnavailableSlot[];
  /** The fairness bound d: any two participants' breaks differ by at most d. None by default. */
  readonly maxBreakSpread?: number;
  /** Give up the search after this long and return the best schedule found (default 30,000 ms). */
  readonly timeLimitMs?: number;
  /** Seeds the solver's tie-breaking; the same seed gives the same schedule. Default 0. */
  readonly seed?: number;
}

/** Defaults of {@link ScheduleInput}. */
export const SCHEDULE_DEFAULTS = { timeLimitMs: 30_000, seed: 0 } as const;

/** The compiled problem: slots in time order, meetings and participants in id order. */
export interface ScheduleModel {
  /** Session ids, input order. */
  readonly sessionIds: readonly string[];
  /** Session index (input order) of each global slot. */
  readonly slotSession: readonly number[];
  /** Slot number within its session. */
  readonly slotNumber: readonly number[];
  /** Tables of each global slot. */
  readonly slotTables: readonly number[];
  /** Global slots grouped by date, each run in time order (breaks are counted within a run). */
  readonly days: readonly (readonly number[])[];
  readonly participantIds: readonly string[];
  readonly meetingIds: readonly string[];
  /** Input index of each meeting (for error paths). */
  readonly meetingInput: readonly number[];
  readonly ends: readonly (readonly [number, number])[];
  /** Allowed global slots of each meeting, ascending. */
  readonly allowed: readonly (readonly number[])[];
  /** Meetings that must come before each meeting. */
  readonly before: readonly (readonly number[])[];
  /** Each participant's meetings. */
  readonly meetingsOf: readonly (readonly number[])[];
  readonly maxBreakSpread: number | undefined;
  readonly timeLimitMs: number;
  readonly seed: number;
}

function fail(issues: BuyerMatchIssue[]): never {
  throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
}

/**
 * Validates the input once (shapes, references, sessions that overlap on a date) and compiles it;
 * then reports every infeasibility that needs no search: a meeting with no slot left, a participant with
 * more meetings than slots it can use, more meetings than seats, two fixed meetings of one participant
 * in one slot, a precedence cycle, a fixed slot that breaks a precedence.
 *
 * @param input - the raw input
 * @returns the model
 * @throws BuyerMatchError listing every problem with its path
 * @example
 * const model = compileSchedule({ sessions, meetings });
 */
export function compileSchedule(input: unknown): ScheduleModel {
  const parsed = safeParseWith(ScheduleInputSchema, input);
  if (!parsed.success) {
    fail([...parsed.issues]);
  }
  const data = parsed.data;
  const issues: BuyerMatchIssue[] = [];

  const sessionIndex = new Map<string, number>();
  data.sessions.forEach((session, index) => {
    if (sessionIndex.has(session.id)) issues.push({ code: "duplicate_id", path: ["sessions", index, "id"], message: `${JSON.stringify(session.id)} appears more than once` });
    else sessionIndex.set(session.id, index);
  });
  const order = data.sessions
    .map((session, index) => ({ session, index, from: minutesOf(session.start) }))
    .sort((a, b) => compareIds(a.session.date, b.session.date) || a.from - b.from || compareIds(a.session.id, b.session.id));
  for (let k = 1; k < order.length; k++) {
    const previous = order[k - 1]!;
    const current = order[k]!;
    if (previous.session.date === current.session.date && current.from < previous.from + previous.session.slots * previous.session.slotMinutes) {
      issues.push({ code: "invalid_input", path: ["sessions", current.index, "start"], message: `overlaps sessions[${previous.index}] on ${current.session.date}: nobody can sit in two sessions at once` });
    }
  }
  const slotSession: number[] = [];
  const slotNumber: number[] = [];
  const slotTables: number[] = [];
  const firstSlot = new Map<number, number>();
  const days: number[][] = [];
  let lastDate: string | undefined;
  for (const { session, index } of order) {
    if (session.date !== lastDate) days.push([]);
    lastDate = session.date;
    firstSlot.set(index, slotSession.length);
    for (let k = 0; k < session.slots; k++) {
      days[days.length - 1]!.push(slotSession.length);
      slotSession.push(index);
      slotNumber.push(k);
      slotTables.push(session.tables);
    }
  }
  const T = slotSession.length;
  const globalSlot = (sessionId: string, slot: number, path: (string | number)[]): number | undefined => {
    const s = sessionIndex.get(sessionId);
    if (s === undefined) {
      issues.push({ code: "unknown_reference", path: [...path, "sessionId"], message: `${JSON.stringify(sessionId)} is not a session id` });
      return undefined;
    }
    const slots = data.sessions[s]!.slots;
    if (slot >= slots) {
      issues.push({ code: "out_of_range", path: [...path, "slot"], message: `session ${JSON.stringify(sessionId)} has slots 0–${slots - 1}` });
      return undefined;
    }
    return firstSlot.get(s)! + slot;
  };

  const participantIds = [...new Set(data.meetings.flatMap((meeting) => meeting.participants))].sort(compareIds);
  const participantIndex = new Map(participantIds.map((id, index) => [id, index]));
  const blocked = participantIds.map(() => new Uint8Array(T));
  (data.unavailable ?? []).forEach((entry, index) => {
    const t = globalSlot(entry.sessionId, entry.slot, ["unavailable", index]);
    const p = participantIndex.get(entry.participantId);
    // A participant with no meeting cannot be double-booked; its unavailability is simply moot.
    if (t !== undefined && p !== undefined) blocked[p]![t] = 1;
  });

  const inputOrder = data.meetings.map((_, index) => index).sort((a, b) => compareIds(data.meetings[a]!.id, data.meetings[b]!.id) || a - b);
  const meetingIndex = new Map<string, number>();
  const meetingInput: number[] = [];
  for (const index of inputOrder) {
    const id = data.meetings[index]!.id;
    if (meetingIndex.has(id)) issues.push({ code: "duplicate_id", path: ["meetings", index, "id"], message: `${JSON.stringify(id)} appears more than once` });
    else {
      meetingIndex.set(id, meetingInput.length);
      meetingInput.push(index);
    }
  }
  const ends: [number, number][] = [];
  const allowed: number[][] = [];
  const before: number[][] = [];
  const fixedSlot: (number | undefined)[] = [];
  const meetingsOf: number[][] = participantIds.map(() => []);
  meetingInput.forEach((index, m) => {
    const meeting = data.meetings[index]!;
    const path = ["meetings", index];
    const a = participantIndex.get(meeting.participants[0])!;
    const b = participantIndex.get(meeting.participants[1])!;
    if (a === b) issues.push({ code: "invalid_input", path: [...path, "participants", 1], message: "a meeting needs two different participants" });
    ends.push([Math.min(a, b), Math.max(a, b)]);
    meetingsOf[a]!.push(m);
    if (b !== a) meetingsOf[b]!.push(m);
    const inSessions = new Uint8Array(T).fill(meeting.sessions === undefined ? 1 : 0);
    meeting.sessions?.forEach((sessionId, k) => {
      const s = sessionIndex.get(sessionId);
      if (s === undefined) issues.push({ code: "unknown_reference", path: [...path, "sessions", k], message: `${JSON.stringify(sessionId)} is not a session id` });
      else for (let j = 0; j < data.sessions[s]!.slots; j++) inSessions[firstSlot.get(s)! + j] = 1;
    });
    let fixed: number | undefined;
    if (meeting.slot !== undefined) {
      fixed = globalSlot(meeting.slot.sessionId, meeting.slot.slot, [...path, "slot"]);
      if (fixed !== undefined && !inSessions[fixed]) {
        issues.push({ code: "infeasible", path: [...path, "slot"], message: "the fixed slot is outside the sessions this meeting may take place in" });
        fixed = undefined;
      } else if (fixed !== undefined && (blocked[a]![fixed] || blocked[b]![fixed])) {
        const who = blocked[a]![fixed] ? meeting.participants[0] : meeting.participants[1];
        issues.push({ code: "infeasible", path: [...path, "slot"], message: `participant ${JSON.stringify(who)} is unavailable in the fixed slot` });
        fixed = undefined;
      }
    }
    fixedSlot.push(fixed);
    const slots: number[] = [];
    for (let t = 0; t < T; t++) if (inSessions[t] && !blocked[a]![t] && !blocked[b]![t] && (fixed === undefined || t === fixed)) slots.push(t);
    if (slots.length === 0 && meeting.slot === undefined) {
      issues.push({ code: "infeasible", path, message: "no slot is left: its sessions' slots are all unavailable to one of its participants" });
    }
    allowed.push(slots);
  });
  meetingInput.forEach((index, m) => {
    const list: number[] = [];
    data.meetings[index]!.after?.forEach((id, k) => {
      const other = meetingIndex.get(id);
      if (other === undefined) issues.push({ code: "unknown_reference", path: ["meetings", index, "after", k], message: `${JSON.stringify(id)} is not a meeting id` });
      else if (other === m) issues.push({ code: "infeasible", path: ["meetings", index, "after", k], message: "a meeting cannot come after itself" });
      else if (!list.includes(other)) list.push(other);
    });
    before.push(list.sort((x, y) => x - y));
  });
  if (issues.length > 0) fail(issues);
  const ids = meetingIds(meetingIndex);

  // Precedence: a cycle, then fixed slots and earliest/latest slots along the chains.
  const state = new Uint8Array(meetingInput.length);
  const stack: { m: number; k: number }[] = [];
  for (let start = 0; start < meetingInput.length && issues.length === 0; start++) {
    if (state[start]) continue;
    stack.push({ m: start, k: 0 });
    state[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = before[top.m]![top.k++];
      if (next === undefined) {
        state[top.m] = 2;
        stack.pop();
      } else if (state[next] === 1) {
        const k = data.meetings[meetingInput[top.m]!]!.after!.indexOf(ids[next]!);
        issues.push({ code: "infeasible", path: ["meetings", meetingInput[top.m]!, "after", k], message: "the precedences form a cycle, so no order satisfies them" });
        break;
      } else if (state[next] === 0) {
        state[next] = 1;
        stack.push({ m: next, k: 0 });
      }
    }
  }
  if (issues.length > 0) fail(issues);
  meetingInput.forEach((index, m) => {
    const fixed = fixedSlot[m];
    if (fixed === undefined) return;
    before[m]!.forEach((other) => {
      const otherFixed = fixedSlot[other];
      if (otherFixed !== undefined && otherFixed >= fixed) {
        const k = data.meetings[index]!.after!.indexOf(data.meetings[meetingInput[other]!]!.id);
        issues.push({ code: "infeasible", path: ["meetings", index, "after", k], message: `fixed in a slot no later than ${JSON.stringify(data.meetings[meetingInput[other]!]!.id)}, which must come before it` });
      }
    });
  });
  // Earliest and latest slots by the precedence chains (longest path in the DAG): trims `allowed`.
  const topo = topologicalOrder(before);
  const earliest = new Array<number>(meetingInput.length).fill(0);
  for (const m of topo) {
    let low = 0;
    for (const p of before[m]!) low = Math.max(low, earliest[p]! + 1);
    const first = allowed[m]!.find((t) => t >= low);
    earliest[m] = first ?? T;
  }
  const successors: number[][] = meetingInput.map(() => []);
  before.forEach((list, m) => list.forEach((p) => successors[p]!.push(m)));
  const latest = new Array<number>(meetingInput.length).fill(T - 1);
  for (const m of [...topo].reverse()) {
    let high = T - 1;
    for (const s of successors[m]!) high = Math.min(high, latest[s]! - 1);
    const candidates = allowed[m]!.filter((t) => t <= high);
    latest[m] = candidates.length > 0 ? candidates[candidates.length - 1]! : -1;
  }
  allowed.forEach((slots, m) => {
    const trimmed = slots.filter((t) => t >= earliest[m]! && t <= latest[m]!);
    if (trimmed.length === 0 && slots.length > 0 && issues.length === 0) {
      issues.push({ code: "infeasible", path: ["meetings", meetingInput[m]!, "after"], message: "no slot is left once the meetings that must come before and after it are placed" });
    }
    allowed[m] = trimmed;
  });

  // Counting arguments: a participant's meetings need that many distinct slots; all meetings need seats.
  meetingsOf.forEach((list, p) => {
    const usable = new Set(list.flatMap((m) => allowed[m]!));
    if (usable.size < list.length) {
      const m = list[0]!;
      const side = data.meetings[meetingInput[m]!]!.participants[0] === participantIds[p] ? 0 : 1;
      issues.push({ code: "infeasible", path: ["meetings", meetingInput[m]!, "participants", side], message: `participant ${JSON.stringify(participantIds[p])} has ${list.length} meetings but only ${usable.size} slot(s) it can meet in` });
    }
    const fixedSeen = new Map<number, number>();
    for (const m of list) {
      const t = fixedSlot[m];
      if (t === undefined) continue;
      const clash = fixedSeen.get(t);
      if (clash !== undefined) issues.push({ code: "infeasible", path: ["meetings", meetingInput[m]!, "slot"], message: `participant ${JSON.stringify(participantIds[p])} is also fixed in this slot by ${JSON.stringify(data.meetings[meetingInput[clash]!]!.id)}` });
      else fixedSeen.set(t, m);
    }
  });
  const seats = slotTables.reduce((sum, tables) => sum + tables, 0);
  if (meetingInput.length > seats) issues.push({ code: "infeasible", path: ["meetings"], message: `${meetingInput.length} meetings but only ${seats} seats (slots × tables)` });
  const fixedPerSlot = new Array<number>(T).fill(0);
  fixedSlot.forEach((t, m) => {
    if (t === undefined) return;
    if (++fixedPerSlot[t]! === slotTables[t]! + 1) {
      issues.push({ code: "infeasible", path: ["meetings", meetingInput[m]!, "slot"], message: `more meetings are fixed in this slot than it has tables (${slotTables[t]})` });
    }
  });
  if (issues.length > 0) fail(issues);

  return {
    sessionIds: data.sessions.map((session) => session.id),
    slotSession,
    slotNumber,
    slotTables,
    days,
    participantIds,
    meetingIds: ids,
    meetingInput,
    ends,
    allowed,
    before,
    meetingsOf,
    maxBreakSpread: data.maxBreakSpread,
    timeLimitMs: data.timeLimitMs ?? SCHEDULE_DEFAULTS.timeLimitMs,
    seed: data.seed ?? SCHEDULE_DEFAULTS.seed,
  };
}

function meetingIds(index: ReadonlyMap<string, number>): string[] {
  const ids: string[] = [];
  for (const [id, m] of index) ids[m] = id;
  return ids;
}

/** Meetings in an order where every meeting follows those that must come before it (input is acyclic). */
function topologicalOrder(before: readonly (readonly number[])[]): number[] {
  const order: number[] = [];
  const done = new Uint8Array(before.length);
  const visit = (start: number): void => {
    const stack: { m: number; k: number }[] = [{ m: start, k: 0 }];
    done[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = before[top.m]![top.k++];
      if (next === undefined) {
        order.push(top.m);
        stack.pop();
      } else if (!done[next]) {
        done[next] = 1;
        stack.push({ m: next, k: 0 });
      }
    }
  };
  for (let m = 0; m < before.length; m++) if (!done[m]) visit(m);
  return order;
}
