/**
 * Seeded generator of B2B meeting-scheduling instances shaped like the Girona forums of Bofill et al.
 * (JAIR 2022): participants with skewed meeting counts, a morning and an afternoon session on one date,
 * a few forbidden slots, some meetings limited to one session, optionally fixed slots and precedences.
 * A schedule is planted first and every rule is drawn to agree with it, so instances are feasible
 * (fixed slots and precedences included). Also the independent checker used by the tests.
 */
import type { Schedule, ScheduleInput, ScheduleMeeting, UnavailableSlot } from "../../src/plan/index.js";
import { mulberry32 } from "../support/random.js";

/** The shape of a generated instance. */
export interface ScheduleShape {
  readonly participants: number;
  readonly meetings: number;
  /** Slots in the morning session; 0 afternoon slots means one session. */
  readonly morningSlots: number;
  readonly afternoonSlots: number;
  readonly tables: number;
  /** Share of participants with one forbidden slot. Default 0.3. */
  readonly forbiddenShare?: number;
  /** Share of meetings limited to the session they were planted in. Default 0.1. */
  readonly sessionShare?: number;
  /** Share of meetings fixed to their planted slot. Default 0. */
  readonly fixedShare?: number;
  /** Precedences drawn per meeting. Default 0. */
  readonly precedenceShare?: number;
  readonly maxBreakSpread?: number;
}

/**
 * A feasible instance of the given shape (fewer meetings when the planted schedule runs out of room).
 *
 * @param seed - the generator's seed
 * @param shape - sizes and shares
 * @returns the input of scheduleMeetings
 * @example
 * const input = generateSchedule(7, { participants: 60, meetings: 200, morningSlots: 12, afternoonSlots: 8, tables: 18 });
 */
export function generateSchedule(seed: number, shape: ScheduleShape): ScheduleInput {
  const random = mulberry32(seed);
  const slots = shape.morningSlots + shape.afternoonSlots;
  const ids = Array.from({ length: shape.participants }, (_, p) => `p${String(p + 1).padStart(2, "0")}`);
  // Skewed activity: a few participants ask for many meetings, as at real forums.
  const weight = ids.map(() => 0.2 + Math.pow(random(), 3) * 3);
  const busy = ids.map(() => new Uint8Array(slots));
  const perSlot = new Array<number>(slots).fill(0);
  const pairs = new Set<string>();
  const planted: { a: number; b: number; t: number }[] = [];
  const pick = (exclude: number, t: number): number => {
    let total = 0;
    for (let p = 0; p < ids.length; p++) if (p !== exclude && !busy[p]![t]) total += weight[p]!;
    let r = random() * total;
    for (let p = 0; p < ids.length; p++) {
      if (p === exclude || busy[p]![t]) continue;
      r -= weight[p]!;
      if (r <= 0) return p;
    }
    return -1;
  };
  for (let attempt = 0; planted.length < shape.meetings && attempt < shape.meetings * 40; attempt++) {
    const t = Math.floor(random() * slots);
    if (perSlot[t]! >= shape.tables) continue;
    const a = pick(-1, t);
    const b = a < 0 ? -1 : pick(a, t);
    if (b < 0) continue;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    busy[a]![t] = 1;
    busy[b]![t] = 1;
    perSlot[t]!++;
    planted.push({ a, b, t });
  }
  const where = (t: number): { sessionId: string; slot: number } =>
    t < shape.morningSlots ? { sessionId: "am", slot: t } : { sessionId: "pm", slot: t - shape.morningSlots };
  const meetings: ScheduleMeeting[] = planted.map(({ a, b, t }, m) => {
    const id = `m${String(m + 1).padStart(3, "0")}`;
    const limited = shape.afternoonSlots > 0 && random() < (shape.sessionShare ?? 0.1);
    const fixed = random() < (shape.fixedShare ?? 0);
    return {
      id,
      participants: [ids[a]!, ids[b]!] as [string, string],
      ...(limited ? { sessions: [where(t).sessionId] } : {}),
      ...(fixed ? { slot: where(t) } : {}),
    };
  });
  const precedenceShare = shape.precedenceShare ?? 0;
  if (precedenceShare > 0) {
    planted.forEach((meeting, m) => {
      if (random() >= precedenceShare) return;
      const earlier = planted.map((other, k) => ({ other, k })).filter(({ other }) => other.t < meeting.t);
      const chosen = earlier[Math.floor(random() * earlier.length)];
      if (chosen !== undefined) meetings[m] = { ...meetings[m]!, after: [meetings[chosen.k]!.id] };
    });
  }
  const unavailable: UnavailableSlot[] = [];
  ids.forEach((id, p) => {
    if (random() >= (shape.forbiddenShare ?? 0.3)) return;
    const idle = [...Array(slots).keys()].filter((t) => !busy[p]![t]);
    const t = idle[Math.floor(random() * idle.length)];
    if (t !== undefined) unavailable.push({ participantId: id, ...where(t) });
  });
  const sessions = [{ id: "am", city: "Girona", date: "2026-05-14", start: "09:00", slotMinutes: 15, slots: shape.morningSlots, tables: shape.tables }];
  if (shape.afternoonSlots > 0) sessions.push({ id: "pm", city: "Girona", date: "2026-05-14", start: "15:00", slotMinutes: 15, slots: shape.afternoonSlots, tables: shape.tables });
  return { sessions, meetings, unavailable, ...(shape.maxBreakSpread === undefined ? {} : { maxBreakSpread: shape.maxBreakSpread }) };
}

/**
 * Every rule a schedule breaks, as readable lines (empty when it keeps them all), and the breaks
 * recounted from scratch: per date, sessions end to end in time order, a break is a run of idle slots
 * between two meetings of one participant.
 *
 * @param input - the instance
 * @param schedule - the schedule to check
 * @returns the broken rules and the recounted breaks per participant
 * @example
 * expect(checkSchedule(input, scheduleMeetings(input)).broken).toEqual([]);
 */
export function checkSchedule(input: ScheduleInput, schedule: Schedule): { broken: string[]; breaks: Map<string, number> } {
  const broken: string[] = [];
  const sessions = [...input.sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const offset = new Map<string, number>();
  let time = 0;
  for (const session of sessions) {
    offset.set(session.id, time);
    time += session.slots;
  }
  const dateOf = new Map(sessions.map((session) => [session.id, session.date]));
  const global = (sessionId: string, slot: number): number => (offset.get(sessionId) ?? Number.NaN) + slot;
  const placed = new Map<string, { sessionId: string; slot: number; table: number }>();
  for (const m of schedule.meetings) {
    if (placed.has(m.meetingId)) broken.push(`${m.meetingId} placed twice`);
    placed.set(m.meetingId, m);
    const session = input.sessions.find((s) => s.id === m.sessionId);
    if (session === undefined || m.slot < 0 || m.slot >= session.slots) broken.push(`${m.meetingId} in a slot that does not exist`);
    else if (m.table < 0 || m.table >= session.tables) broken.push(`${m.meetingId} at table ${m.table} of ${session.tables}`);
  }
  const seatTaken = new Set<string>();
  for (const m of schedule.meetings) {
    const key = `${m.sessionId}/${m.slot}/${m.table}`;
    if (seatTaken.has(key)) broken.push(`table ${key} used twice`);
    seatTaken.add(key);
  }
  const busy = new Map<string, number[]>();
  for (const meeting of input.meetings) {
    const at = placed.get(meeting.id);
    if (at === undefined) {
      broken.push(`${meeting.id} not placed`);
      continue;
    }
    if (meeting.sessions !== undefined && !meeting.sessions.includes(at.sessionId)) broken.push(`${meeting.id} outside its sessions`);
    if (meeting.slot !== undefined && (meeting.slot.sessionId !== at.sessionId || meeting.slot.slot !== at.slot)) broken.push(`${meeting.id} not in its fixed slot`);
    for (const before of meeting.after ?? []) {
      const other = placed.get(before);
      if (other !== undefined && global(other.sessionId, other.slot) >= global(at.sessionId, at.slot)) broken.push(`${meeting.id} not after ${before}`);
    }
    for (const p of meeting.participants) {
      if ((input.unavailable ?? []).some((u) => u.participantId === p && u.sessionId === at.sessionId && u.slot === at.slot)) broken.push(`${p} unavailable for ${meeting.id}`);
      const list = busy.get(p) ?? [];
      const t = global(at.sessionId, at.slot);
      if (list.includes(t)) broken.push(`${p} twice in slot ${t}`);
      list.push(t);
      busy.set(p, list);
    }
  }
  const sessionOfGlobal = (t: number): string => sessions.find((s) => t >= offset.get(s.id)! && t < offset.get(s.id)! + s.slots)!.id;
  const breaks = new Map<string, number>();
  for (const [p, list] of busy) {
    const sorted = [...list].sort((a, b) => a - b);
    let count = 0;
    for (let k = 1; k < sorted.length; k++) {
      const a = sorted[k - 1]!;
      const b = sorted[k]!;
      if (b - a > 1 && dateOf.get(sessionOfGlobal(a)) === dateOf.get(sessionOfGlobal(b))) count++;
    }
    breaks.set(p, count);
  }
  return { broken, breaks };
}
