/**
 * The agenda as CSV (RFC 4180), byte-for-byte reproducible. Calendars are in `calendar.ts`.
 */
import { parseWith } from "../schema/errors.js";
import type { Agenda } from "./agenda.js";
import { ExportAgendaSchema, type ExportMeeting } from "./agendaSchema.js";

/** The CSV columns, in order. */
export const AGENDA_CSV_COLUMNS = [
  "date",
  "start",
  "end",
  "city",
  "session_id",
  "slot",
  "table",
  "company_id",
  "buyer_id",
  "score",
  "interpreter",
  "shared_languages",
  "languages_known",
  "online",
  "must_meet",
  "requested_by",
  "attendance",
] as const;

/** One CSV field: a leading `'` before text a spreadsheet would run as a formula (=, +, -, @, tab, CR), then RFC 4180 quoting. */
function csvField(text: string): string {
  const value = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvRow(meeting: ExportMeeting): string[] {
  return [
    meeting.date,
    meeting.start,
    meeting.end,
    meeting.city,
    meeting.sessionId,
    String(meeting.slot),
    String(meeting.table),
    meeting.companyId,
    meeting.buyerId,
    String(meeting.score),
    String(meeting.interpreter),
    meeting.sharedLanguages.join(" "),
    String(meeting.languagesKnown),
    String(meeting.online),
    String(meeting.mustMeet),
    meeting.requestedBy ?? "",
    meeting.attendance?.reason.code ?? "",
  ];
}

/**
 * Writes the agenda's meetings as CSV: a header row, one row per meeting in agenda order, CRLF line
 * ends, fields quoted when they hold a comma, quote or line break (RFC 4180).
 *
 * @param agenda - an {@link Agenda} from `planMeetings` (or its JSON)
 * @returns the CSV text
 * @throws BuyerMatchError when `agenda` is not an agenda (every problem, with its path under `agenda`)
 * @example
 * const csv = agendaToCsv(planMeetings(input));
 * // "date,start,end,city,session_id,...\r\n2026-05-12,09:00,09:30,Chicago,chi-1,..."
 */
export function agendaToCsv(agenda: unknown): string {
  const { meetings } = parseWith(ExportAgendaSchema, agenda, ["agenda"]);
  const lines = [AGENDA_CSV_COLUMNS.join(",")];
  for (const meeting of meetings) lines.push(csvRow(meeting).map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}
