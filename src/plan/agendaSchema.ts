/**
 * The agenda as the exports read it, validated once at their boundary: an agenda from `planMeetings`
 * passes; one read back from JSON passes too (maps are not needed), and anything else is a
 * BuyerMatchError with the path of every problem, never a TypeError.
 */
import { z } from "zod";
import { FiniteNumberSchema, IdSchema } from "../schema/common.js";
import { AttendanceReasonSchema } from "./reasons.js";

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WholeSchema = z.number().int("must be a whole number").min(1, "must be ≥ 1");

/** One meeting as the exports need it. */
export const ExportMeetingSchema = z.object({
  companyId: IdSchema,
  buyerId: IdSchema,
  sessionId: IdSchema,
  city: z.string().min(1, "must be a non-empty city name"),
  date: z.string().regex(DATE, "must be a date YYYY-MM-DD"),
  slot: WholeSchema,
  start: z.string().regex(TIME, "must be a time HH:MM"),
  end: z.string().regex(TIME, "must be a time HH:MM"),
  table: WholeSchema,
  score: FiniteNumberSchema,
  interpreter: z.boolean(),
  sharedLanguages: z.array(z.string()),
  languagesKnown: z.boolean(),
  online: z.boolean(),
  mustMeet: z.boolean(),
  requestedBy: z.enum(["company", "buyer"]).optional(),
  attendance: z.object({ reason: AttendanceReasonSchema, message: z.string() }).optional(),
});

/** A session's venue as the exports need it. */
export const ExportVenueSchema = z.object({
  sessionId: IdSchema,
  city: z.string(),
  venue: z.string().optional(),
  timeZone: z.string().optional(),
});

/** The agenda as the exports need it: its meetings, and the venues when the plan resolved them. */
export const ExportAgendaSchema = z.object({
  meetings: z.array(ExportMeetingSchema),
  venues: z.array(ExportVenueSchema).optional(),
});

/** A validated agenda for export. */
export type ExportAgenda = z.output<typeof ExportAgendaSchema>;
/** A validated meeting for export. */
export type ExportMeeting = z.output<typeof ExportMeetingSchema>;
