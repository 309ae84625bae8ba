/**
 * Agenda exports: CSV (RFC 4180) and iCalendar (RFC 5545, written by the `ics` package: this file is
 * its only adapter). Both are byte-for-byte reproducible: no clock, no random ids.
 */
import { createEvents, type EventAttributes } from "ics";
import { issueError, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import type { Agenda, Meeting } from "./agenda.js";
import { cityKey } from "./input.js";

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
] as const;

/** One CSV field: a leading `'` before text a spreadsheet would run as a formula (=, +, -, @, tab, CR), then RFC 4180 quoting. */
function csvField(text: string): string {
  const value = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvRow(meeting: Meeting): string[] {
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
  ];
}

/**
 * Writes the agenda's meetings as CSV: a header row, one row per meeting in agenda order, CRLF line
 * ends, fields quoted when they hold a comma, quote or line break (RFC 4180).
 *
 * @param agenda - a plan from `planMeetings`
 * @returns the CSV text
 * @example
 * const csv = agendaToCsv(planMeetings(input));
 * // "date,start,end,city,session_id,...\r\n2026-05-12,09:00,09:30,Chicago,chi-1,..."
 */
export function agendaToCsv(agenda: Agenda): string {
  const lines = [AGENDA_CSV_COLUMNS.join(",")];
  for (const meeting of agenda.meetings) lines.push(csvRow(meeting).map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** Options of {@link agendaToICalendar}. */
export interface ICalendarOptions {
  /**
   * The IANA time zone of the session times: one for the whole mission ("America/Chicago"), or one per
   * city (`{ Chicago: "America/Chicago", Detroit: "America/Detroit" }`). City keys match the way the
   * planner matches cities (case, spacing and Unicode form do not matter: "chicago" is "Chicago"); a
   * key that names no city of the agenda is an error. Omitted (or a city not listed) = floating local time.
   */
  readonly timezone?: string | Readonly<Record<string, string>>;
  /** Calendar name (X-WR-CALNAME). */
  readonly calendarName?: string;
  /** DTSTAMP in UTC, "YYYYMMDDTHHMMSSZ"; default: midnight UTC of the first meeting's date, so output is reproducible. */
  readonly timestamp?: string;
}

function compact(date: string, time: string): string {
  return `${date.replace(/-/g, "")}T${time.replace(":", "")}00`;
}

/**
 * Writes the agenda as an iCalendar file, one event per meeting (UID `session.slot.table@buyermatch`).
 * Times are the sessions' local times: floating by default, or tagged with `TZID` when `timezone` is
 * given (calendar clients resolve IANA names).
 *
 * @param agenda - a plan from `planMeetings`
 * @param options - `timezone`, `calendarName`, `timestamp`
 * @returns the .ics text
 * @throws BuyerMatchError when a `timezone` is not an IANA time zone or names a city the agenda does not
 *   have (code "unknown_reference"; every such problem is listed), or `timestamp` is malformed
 * @example
 * const ics = agendaToICalendar(agenda, { timezone: "America/Chicago", calendarName: "Mission to Chicago" });
 */
export function agendaToICalendar(agenda: Agenda, options: ICalendarOptions = {}): string {
  // Zones by city key, so "chicago" in the options finds the agenda's "Chicago" as the planner would.
  const zoneOf = new Map<string, string>();
  const single = typeof options.timezone === "string" ? options.timezone : undefined;
  const zones: [string, string][] = single !== undefined ? [] : Object.entries(options.timezone ?? {});
  const cities = new Set([...agenda.totals.byCity.map((entry) => cityKey(entry.city)), ...agenda.meetings.map((meeting) => cityKey(meeting.city))]);
  const issues: BuyerMatchIssue[] = [];
  for (const [city, zone] of single === undefined ? zones : [["", single] as [string, string]]) {
    let valid = typeof zone === "string" && /^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone);
    try {
      if (valid) new Intl.DateTimeFormat("en-US", { timeZone: zone });
    } catch {
      valid = false;
    }
    const path = single === undefined ? ["options", "timezone", city] : ["options", "timezone"];
    if (!valid) issues.push({ code: "invalid_input", path, message: `${JSON.stringify(zone)} is not an IANA time zone such as "America/Chicago"` });
    if (single !== undefined) continue;
    const key = cityKey(city);
    // A zone that applies to no city would silently leave that city's times floating.
    if (!cities.has(key)) issues.push({ code: "unknown_reference", path, message: `${JSON.stringify(city)} is not a city of this agenda` });
    else if (zoneOf.has(key) && zoneOf.get(key) !== zone) issues.push({ code: "invalid_input", path, message: `${JSON.stringify(city)} names the same city as another key with a different time zone` });
    else if (valid) zoneOf.set(key, zone);
  }
  throwIfAny(issues);
  const first = agenda.meetings[0];
  const timestamp = options.timestamp ?? (first === undefined ? "19700101T000000Z" : `${first.date.replace(/-/g, "")}T000000Z`);
  if (!/^\d{8}T\d{6}Z$/.test(timestamp)) throw issueError("invalid_input", ["options", "timestamp"], "must be a UTC time written YYYYMMDDTHHMMSSZ");

  const events = agenda.meetings.map((meeting) => {
    const lines = [
      `Company: ${meeting.companyId}`,
      `Buyer: ${meeting.buyerId}`,
      `Session ${meeting.sessionId}, slot ${meeting.slot}, table ${meeting.table}`,
      `Score: ${meeting.score}`,
      meeting.interpreter ? "Interpreter needed" : meeting.languagesKnown ? `Shared language: ${meeting.sharedLanguages.join(", ")}` : "Languages unknown",
    ];
    if (meeting.online) lines.push("Buyer joins online");
    const event = {
      start: compact(meeting.date, meeting.start),
      end: compact(meeting.date, meeting.end),
      startInputType: "local",
      startOutputType: "local",
      endInputType: "local",
      endOutputType: "local",
      title: `${meeting.companyId} × ${meeting.buyerId}`,
      description: lines.join("\n"),
      location: `${meeting.city}, table ${meeting.table}`,
      uid: `${encodeURIComponent(meeting.sessionId)}.${meeting.slot}.${meeting.table}@buyermatch`,
      // `ics` accepts a preformatted DTSTAMP; without one it reads the clock.
      timestamp,
      categories: meeting.interpreter ? ["meeting", "interpreter"] : ["meeting"],
    } as EventAttributes;
    return event;
  });
  const header = { productId: "buyermatch", ...(options.calendarName === undefined ? {} : { calName: options.calendarName }) };
  const { error, value } = createEvents(events, header);
  if (error !== null || value === null) throw issueError("invalid_input", ["agenda"], `could not write iCalendar: ${error?.message ?? "unknown error"}`);
  if (single === undefined && zoneOf.size === 0) return value;
  // `ics` writes local times without TZID; tag each event with its city's zone (events keep meeting order).
  const blocks = value.split("BEGIN:VEVENT\r\n");
  return blocks
    .map((block, index) => {
      const meeting = agenda.meetings[index - 1];
      const zone = meeting === undefined ? undefined : (single ?? zoneOf.get(cityKey(meeting.city)));
      return zone === undefined ? block : block.replace(/^(DTSTART|DTEND):(\d{8}T\d{6})\r$/gm, `$1;TZID=${zone}:$2\r`);
    })
    .join("BEGIN:VEVENT\r\n");
}
