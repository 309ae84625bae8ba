/**
 * `buyermatch/plan`: the meeting planner and its lower-level tools (1:1 assignment, stable matching,
 * min-cost flow). Every public name is listed here.
 */
export type { Agenda, CityTotals, Meeting, UnkeptMustMeet, UnmatchedBuyer, UnmatchedCompany, UnplacedMeeting } from "./agenda.js";
export { fairnessPenalty } from "./allocate.js";
export { assign } from "./assign.js";
export type { AssignOptions, Assignment, CostMatrix } from "./assign.js";
export { AGENDA_CSV_COLUMNS, agendaToCsv, agendaToICalendar } from "./export.js";
export type { ICalendarOptions } from "./export.js";
export { MustMeetSchema, PLAN_DEFAULTS, PairSchema, PairScoreSchema, PlanInputSchema, SessionSchema, parsePlanInput } from "./input.js";
export type { MustMeet, PairRef, PairScore, ParsedPlanInput, PlanInput, Session } from "./input.js";
export { FLOW_COST_EPSILON, FlowNetwork, solveMinCostFlow } from "./minCostFlow.js";
export type { MinCostFlowOptions, MinCostFlowResult } from "./minCostFlow.js";
export { planMeetings } from "./planMeetings.js";
export { stableMatch } from "./stableMatch.js";
export type { Capacities, Preferences, StableMatching } from "./stableMatch.js";
export { scheduleMeetings } from "./schedule.js";
export type { Schedule, ScheduledMeeting } from "./schedule.js";
export { SCHEDULE_DEFAULTS, ScheduleInputSchema, ScheduleMeetingSchema, UnavailableSlotSchema } from "./scheduleInput.js";
export type { ScheduleInput, ScheduleMeeting, UnavailableSlot } from "./scheduleInput.js";
