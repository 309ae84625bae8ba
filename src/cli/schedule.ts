/**
 * `buyermatch schedule <meetings> <sessions>`: any-to-any meetings into slots with the fewest breaks
 * (`scheduleMeetings`), written as the planner's agenda formats (table, CSV, JSON, ICS).
 *
 * Meetings file (CSV with a header, or a JSON array of `scheduleMeetings` meetings): `participant1`,
 * `participant2` (required); `id` (default `m<row>`); `sessions` (`;`-separated session ids the meeting
 * may take); `session` + `slot` (a fixed slot, 1-based as in the agenda); `after` (`;`-separated ids of
 * meetings that must come first).
 */
import { SessionSchema } from "../plan/input.js";
import { resolveVenues } from "../plan/venue.js";
import { parseWith } from "../schema/errors.js";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { BuyerMatchError, type BuyerMatchIssue } from "../index.js";
import { loadSessions } from "../io/index.js";
import { agendaToCsv, agendaToICalendar, scheduleMeetings, type Agenda, type Meeting, type Schedule, type ScheduleMeeting, type Session } from "../plan/index.js";
import type { Settings } from "./args.js";
import { table } from "./text.js";

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const list = (cell: string | undefined): string[] => (cell ?? "").split(";").map((part) => part.trim()).filter((part) => part !== "");

/**
 * Reads a meetings file: CSV rows (columns above) or a JSON array. Row problems are collected with
 * their row number as the path.
 *
 * @param text - the file's text
 * @param json - whether it is JSON
 * @returns the meetings
 * @throws BuyerMatchError listing every bad row
 * @example
 * readMeetings("participant1,participant2,after\nacme,birch,\nbirch,cedar,m1\n", false);
 * // [{ id: "m1", participants: ["acme", "birch"] }, { id: "m2", participants: ["birch", "cedar"], after: ["m1"] }]
 */
export function readMeetings(text: string, json: boolean): ScheduleMeeting[] {
  if (json) return JSON.parse(text) as ScheduleMeeting[];
  const rows = parse(text, { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase().replace(/[_\s]/g, "")), skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const issues: BuyerMatchIssue[] = [];
  const meetings = rows.map((row, index): ScheduleMeeting => {
    const get = (name: string): string | undefined => (Object.prototype.hasOwnProperty.call(row, name) && row[name] !== "" ? row[name] : undefined);
    const a = get("participant1") ?? "";
    const b = get("participant2") ?? "";
    if (a === "" || b === "") issues.push({ code: "invalid_row", path: ["meetings", index + 2], message: `row ${index + 2}: participant1 and participant2 are required` });
    const session = get("session");
    const slotCell = get("slot");
    const slot = slotCell === undefined ? undefined : Number(slotCell);
    if (slotCell !== undefined && (!Number.isInteger(slot) || slot! < 1 || session === undefined)) {
      issues.push({ code: "invalid_row", path: ["meetings", index + 2, "slot"], message: `row ${index + 2}: slot must be a whole number ≥ 1 with a session` });
    }
    const sessions = list(get("sessions"));
    const after = list(get("after"));
    return {
      id: get("id") ?? `m${index + 1}`,
      participants: [a, b],
      ...(sessions.length > 0 ? { sessions } : session !== undefined && slotCell === undefined ? { sessions: [session] } : {}),
      ...(session !== undefined && slot !== undefined && Number.isInteger(slot) && slot >= 1 ? { slot: { sessionId: session, slot: slot - 1 } } : {}),
      ...(after.length > 0 ? { after } : {}),
    };
  });
  if (issues.length > 0) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  return meetings;
}

/** The schedule as the planner's agenda, so the agenda's CSV and iCalendar writers apply (participant 1 in the company column). */
function asAgenda(schedule: Schedule, sessions: readonly Session[], meetings: readonly ScheduleMeeting[]): Agenda {
  const byId = new Map(meetings.map((meeting) => [meeting.id.trim(), meeting]));
  const sessionOf = new Map(sessions.map((session) => [session.id.trim(), session]));
  const placed: Meeting[] = schedule.meetings.map((item) => {
    const meeting = byId.get(item.meetingId)!;
    const session = sessionOf.get(item.sessionId)!;
    const [hours, minutes] = session.start.split(":").map(Number) as [number, number];
    const start = hours * 60 + minutes + item.slot * session.slotMinutes;
    return {
      companyId: meeting.participants[0].trim(),
      buyerId: meeting.participants[1].trim(),
      sessionId: item.sessionId,
      city: session.city,
      date: session.date,
      slot: item.slot + 1,
      start: clock(start),
      end: clock(start + session.slotMinutes),
      table: item.table + 1,
      score: 0,
      interpreter: false,
      sharedLanguages: [],
      languagesKnown: false,
      online: false,
      // Any-to-any meetings are held at the session's venue; the planner's travel rules do not apply.
      attendance: { reason: { code: "same_city", city: session.city }, message: `in ${session.city}` },
      mustMeet: false,
    };
  });
  const cities = [...new Set(sessions.map((session) => session.city))];
  return {
    meetings: placed,
    byCompany: new Map(),
    byBuyer: new Map(),
    unmatched: { companies: [], buyers: [], mustMeets: [], unplaced: [] },
    totals: {
      meetings: placed.length,
      totalScore: 0,
      meanScore: 0,
      interpreterMeetings: 0,
      byCity: cities.map((city) => ({ city, meetings: placed.filter((m) => m.city === city).length, totalScore: 0, capacity: sessions.filter((s) => s.city === city).reduce((sum, s) => sum + s.slots * s.tables, 0) })),
      breaks: schedule.breaks,
      breaksByCompany: new Map(),
      breaksByBuyer: new Map(),
      optimal: schedule.optimal,
    },
    // Where each session is held (and its time zone, from the gazetteer), for the calendar.
    venues: resolveVenues(sessions.map((session) => parseWith(SessionSchema, session))),
    attendance: new Map(),
  };
}

/**
 * Runs `schedule`: loads both files, schedules, and renders in the chosen format.
 *
 * @param settings - the parsed command line (files: meetings, sessions)
 * @returns the output text
 * @throws BuyerMatchError for bad or unschedulable input
 * @example
 * const text = await scheduleOutput(settings); // settings.files = ["meetings.csv", "sessions.csv"]
 */
export async function scheduleOutput(settings: Settings): Promise<string> {
  const [meetingsFile, sessionsFile] = settings.files as [string, string];
  const meetings = readMeetings(readFileSync(meetingsFile, "utf8"), /\.json$/i.test(meetingsFile));
  const loaded = await loadSessions(sessionsFile, { strict: true });
  const sessions = loaded.records;
  const schedule = scheduleMeetings({
    sessions,
    meetings,
    ...(settings.maxBreakSpread === undefined ? {} : { maxBreakSpread: settings.maxBreakSpread }),
    ...(settings.timeLimitMs === undefined ? {} : { timeLimitMs: settings.timeLimitMs }),
  });
  const agenda = asAgenda(schedule, sessions, meetings);
  if (settings.format === "csv") return agendaToCsv(agenda);
  if (settings.format === "ics") return agendaToICalendar(agenda, settings.timezone === undefined ? {} : { timezone: settings.timezone });
  const breaks = [...schedule.breaksByParticipant].map(([participantId, count]) => ({ participantId, breaks: count }));
  if (settings.format === "json") {
    return JSON.stringify({ meetings: schedule.meetings, breaks: schedule.breaks, breaksByParticipant: breaks, lowerBound: schedule.lowerBound, optimal: schedule.optimal }, null, 2) + "\n";
  }
  const rows = agenda.meetings.map((m) => [m.date, `${m.start}–${m.end}`, m.sessionId, String(m.table), m.companyId, m.buyerId]);
  const out = [
    table(["date", "time", "session", "table", "participant 1", "participant 2"], rows, [3]),
    `${schedule.meetings.length} meetings, ${schedule.breaks} breaks (lower bound ${schedule.lowerBound}${schedule.optimal ? ", optimal" : ""})`,
  ];
  for (const { participantId, breaks: count } of breaks) if (count > 0) out.push(`  ${participantId}: ${count} ${count === 1 ? "break" : "breaks"}`);
  return out.join("\n") + "\n";
}
