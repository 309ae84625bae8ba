/**
 * The planner's slotting with the fewest breaks: edge colouring (`slot.ts`) gives a feasible timetable
 * fast; then the same meetings go through `scheduleMeetings`, which keeps every slotting rule (a buyer's
 * sessions, tables, nobody twice in a slot) and minimises the exporters' and buyers' idle gaps. The
 * scheduler's timetable is kept when it places every meeting with fewer breaks than the colouring (or places meetings the colouring could not);
 * otherwise the colouring stands. The allocation is never touched: only slots change.
 */
import { BuyerMatchError } from "../schema/errors.js";
import type { PlanModel } from "./model.js";
import { scheduleByWork } from "./schedule.js";
import { clock } from "./meeting.js";
import { slotCity, type CitySlotting, type SlotRequest } from "./slot.js";

/** Cities with more allocated meetings than this keep the colouring (the SAT model grows with meetings × slots × tables). */
export const SCHEDULE_MAX_MEETINGS = 320;
/** The scheduler's time limit per city inside the planner; the best schedule found by then is used. */
export const SCHEDULE_TIME_LIMIT_MS = 2_000;
/** How far one read of the search's clock advances it (about 256 conflicts' time on this machine). */
export const SCHEDULE_MS_PER_CLOCK_READ = 50;


/**
 * Breaks of each company and buyer in a set of placed meetings: per date, the date's sessions end to end
 * in time order, each run of idle slots between two of a participant's meetings is one break.
 *
 * @param model - the planner model
 * @param placed - meetings with pair, session index and 0-based slot
 * @returns breaks by company index and by buyer index (participants without breaks are absent)
 * @example
 * const { byCompany } = countPlanBreaks(model, placed);
 */
export function countPlanBreaks(
  model: PlanModel,
  placed: readonly { readonly pair: number; readonly session: number; readonly slot: number }[],
): { byCompany: Map<number, number>; byBuyer: Map<number, number>; total: number } {
  // A slot's position on its date: sessions of a date in time order, slots running on across them.
  const offset = new Map<number, number>();
  const byDate = new Map<string, number[]>();
  model.sessions.forEach((session, s) => byDate.set(session.date, [...(byDate.get(session.date) ?? []), s]));
  for (const sessions of byDate.values()) {
    sessions.sort((a, b) => model.sessions[a]!.startMinutes - model.sessions[b]!.startMinutes || a - b);
    let position = 0;
    for (const s of sessions) {
      offset.set(s, position);
      position += model.sessions[s]!.slots;
    }
  }
  const times = new Map<string, number[]>();
  const add = (key: string, value: number): void => {
    const list = times.get(key);
    if (list === undefined) times.set(key, [value]);
    else list.push(value);
  };
  for (const item of placed) {
    const pair = model.pairs[item.pair];
    const session = model.sessions[item.session];
    if (pair === undefined || session === undefined) continue;
    const position = (offset.get(item.session) ?? 0) + item.slot;
    add(`c${pair.company}\u0000${session.date}`, position);
    add(`b${pair.buyer}\u0000${session.date}`, position);
  }
  const byCompany = new Map<number, number>();
  const byBuyer = new Map<number, number>();
  let total = 0;
  for (const [key, list] of times) {
    list.sort((a, b) => a - b);
    let breaks = 0;
    for (let k = 1; k < list.length; k++) if (list[k]! - list[k - 1]! > 1) breaks++;
    if (breaks === 0) continue;
    total += breaks;
    const index = Number(key.slice(1, key.indexOf("\u0000")));
    const target = key.startsWith("c") ? byCompany : byBuyer;
    target.set(index, (target.get(index) ?? 0) + breaks);
  }
  return { byCompany, byBuyer, total };
}

/**
 * Slots one city's meetings with the fewest breaks (see the file comment).
 *
 * @param model - the planner model
 * @param city - the city's index
 * @param requests - the meetings allocated to the city, in a deterministic order
 * @returns placed and unplaced meetings
 * @example
 * const { placed, unplaced } = slotCityWithFewestBreaks(model, 0, requests);
 */
export function slotCityWithFewestBreaks(model: PlanModel, city: number, requests: readonly SlotRequest[]): CitySlotting {
  const coloured = slotCity(model, city, requests);
  const cityInfo = model.cities[city];
  if (cityInfo === undefined || requests.length === 0 || requests.length > SCHEDULE_MAX_MEETINGS) return coloured;
  const sessions = cityInfo.sessions.map((s) => {
    const session = model.sessions[s]!;
    return { id: session.id, city: session.cityName, date: session.date, start: clock(session.startMinutes), slotMinutes: session.slotMinutes, slots: session.slots, tables: session.tables };
  });
  const sessionIndex = new Map(cityInfo.sessions.map((s) => [model.sessions[s]!.id, s]));
  const meetings = requests.map((request) => {
    const buyerSessions = model.buyers[request.buyer]?.sessionsByCity.get(city) ?? [];
    const all = buyerSessions.length === cityInfo.sessions.length;
    return {
      id: String(request.pair),
      participants: [`c${request.company}`, `b${request.buyer}`] as [string, string],
      ...(all ? {} : { sessions: buyerSessions.map((s) => model.sessions[s]!.id) }),
    };
  });
  let schedule;
  try {
    // A budget of work, not of time: the agenda must not depend on the machine's load.
    schedule = scheduleByWork({ sessions, meetings, timeLimitMs: SCHEDULE_TIME_LIMIT_MS }, SCHEDULE_MS_PER_CLOCK_READ);
  } catch (error) {
    // Infeasible as a whole (the colouring gave some meeting up for a reason) or out of time: keep the colouring.
    if (error instanceof BuyerMatchError) return coloured;
    throw error;
  }
  const byPair = new Map(schedule.meetings.map((meeting) => [Number(meeting.meetingId), meeting]));
  const placed = requests.map((request) => {
    const meeting = byPair.get(request.pair)!;
    return { pair: request.pair, session: sessionIndex.get(meeting.sessionId)!, slot: meeting.slot };
  });
  // Ties keep the colouring, so a timetable that already has the fewest breaks does not move.
  if (coloured.unplaced.length === 0 && schedule.breaks >= countPlanBreaks(model, coloured.placed).total) return coloured;
  return { placed, unplaced: [] };
}
