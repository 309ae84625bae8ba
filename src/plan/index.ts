/**
 * `buyermatch/plan`: the meeting planner and its lower-level tools (1:1 assignment, stable matching).
 * Every public name is listed here.
 */
export type { Agenda, CityTotals, Meeting, UnkeptMustMeet, UnmatchedBuyer, UnmatchedCompany, UnplacedMeeting } from "./agenda.js";
export { assign } from "./assign.js";
export type { AssignOptions, Assignment, CostMatrix } from "./assign.js";
export { AGENDA_CSV_COLUMNS, agendaToCsv, agendaToICalendar } from "./export.js";
export type { ICalendarOptions } from "./export.js";
export { PLAN_DEFAULTS, PlanInputSchema, SessionSchema } from "./input.js";
export type { MustMeet, PairRef, PairScore, PlanInput, Session } from "./input.js";
export { planMeetings } from "./planMeetings.js";
export { stableMatch } from "./stableMatch.js";
export type { Capacities, Preferences, StableMatching } from "./stableMatch.js";
