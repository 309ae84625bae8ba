/**
 * `buyermatch/plan`: the meeting planner and its lower-level tools (1:1 assignment, stable matching).
 * Every public name is listed here.
 */
export type { Agenda, BuyerAttendance, CityTotals, Meeting, UnkeptMustMeet, UnmatchedBuyer, UnmatchedCompany, UnplacedMeeting } from "./agenda.js";
export { assign } from "./assign.js";
export type { AssignOptions, Assignment, CostMatrix } from "./assign.js";
export { AGENDA_CSV_COLUMNS, agendaToCsv } from "./export.js";
export { agendaCalendars, agendaToICalendar } from "./calendar.js";
export type { ICalendarOptions, NamedParty, ParticipantCalendar } from "./calendar.js";
export { MustMeetSchema, PLAN_DEFAULTS, PairSchema, PairScoreSchema, PlanInputSchema, SessionSchema } from "./input.js";
export type { MustMeet, PairRef, PairScore, PlanInput, Session } from "./input.js";
export { planMeetings } from "./planMeetings.js";
export { planReasonText } from "./reasons.js";
export type { AttendanceReason, BuyerReason, CompanyReason, MustMeetReason, PlanReason, PlanReasonCode, SlotReason } from "./reasons.js";
export { VENUE_DEFAULTS } from "./venue.js";
export type { AttendanceMode, SessionAttendance, SessionVenue } from "./venue.js";
export { agendaDays, agendaGrid } from "./pictures.js";
export type { AgendaGridOptions } from "./pictures.js";
export { replan } from "./replan.js";
export type { CancelledMeeting, MovedMeeting, PlanChange, ReplanChanges, ReplanResult } from "./replan.js";
export { stableMatch } from "./stableMatch.js";
export type { Capacities, Preferences, StableMatching } from "./stableMatch.js";
export { scheduleMeetings } from "./schedule.js";
export type { Schedule, ScheduledMeeting } from "./schedule.js";
export { SCHEDULE_DEFAULTS, ScheduleInputSchema, ScheduleMeetingSchema, UnavailableSlotSchema } from "./scheduleInput.js";
export type { ScheduleInput, ScheduleMeeting, UnavailableSlot } from "./scheduleInput.js";
