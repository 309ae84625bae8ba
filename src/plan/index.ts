/**
 * `buyermatch/plan`: the meeting planner and its lower-level tools (1:1 assignment, stable matching,
 * min-cost flow). Every public name is listed here.
 */
export type { Agenda, BuyerAttendance, CityTotals, Meeting, UnkeptMustMeet, UnmatchedBuyer, UnmatchedCompany, UnplacedMeeting } from "./agenda.js";
export { fairnessPenalty } from "./allocate.js";
export { assign } from "./assign.js";
export type { AssignOptions, Assignment, CostMatrix } from "./assign.js";
export { AGENDA_CSV_COLUMNS, agendaToCsv } from "./export.js";
export { agendaCalendars, agendaToICalendar } from "./calendar.js";
export type { ICalendarOptions, NamedParty, ParticipantCalendar } from "./calendar.js";
export { MustMeetSchema, PLAN_DEFAULTS, PairSchema, PairScoreSchema, PlanInputSchema, SessionSchema, parsePlanInput } from "./input.js";
export type { MustMeet, PairRef, PairScore, ParsedPlanInput, ParsedSession, PlanInput, Session } from "./input.js";
export { FLOW_COST_EPSILON, FlowNetwork, solveMinCostFlow } from "./minCostFlow.js";
export type { MinCostFlowOptions, MinCostFlowResult } from "./minCostFlow.js";
export { planMeetings } from "./planMeetings.js";
export { attendanceText, planReasonText } from "./reasons.js";
export type { AttendanceReason, BuyerReason, CompanyReason, MustMeetReason, PlanReason, PlanReasonCode, SlotReason } from "./reasons.js";
export { VENUE_DEFAULTS, attendanceOf, groupAttendance, resolveVenues } from "./venue.js";
export type { AttendanceMode, SessionAttendance, SessionVenue } from "./venue.js";
export { distanceKm, findPlace, nearestPlace } from "./gazetteer.js";
export type { Place, PlaceMatch } from "./gazetteer.js";
export { stableMatch } from "./stableMatch.js";
export type { Capacities, Preferences, StableMatching } from "./stableMatch.js";
