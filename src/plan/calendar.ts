/**
 * Agenda calendars (RFC 5545), written by `ical-generator` — this file is its only adapter.
 *
 * Each meeting is one event whose UID names the pair (a pair meets at most once per mission), so a
 * re-issued plan updates an event that moved instead of adding a second one; `sequence` and `now`
 * (DTSTAMP) come from the caller, which keeps this code free of the clock. Times carry the TZID of
 * their city — from the options, else from the gazetteer (the agenda's venues) — and every zone used
 * gets a VTIMEZONE, computed from the runtime's own time-zone data (Intl, via `@date-fns/tz`) for the
 * years of the meetings: nothing is downloaded.
 */
import { TZDate } from "@date-fns/tz";
import { tzScan } from "@date-fns/tz/tzScan";
import { tzOffset } from "@date-fns/tz/tzOffset";
import ical, { escape as icalEscape } from "ical-generator";
import { z } from "zod";
import type { Locale } from "../criteria/types.js";
import { explainMatch } from "../score/explain.js";
import type { Match } from "../score/types.js";
import { IdSchema } from "../schema/common.js";
import { BuyerMatchError, describeValue, safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { ExportAgendaSchema, type ExportAgenda, type ExportMeeting } from "./agendaSchema.js";
import { cityKey } from "./input.js";
import { reasonText, type AttendanceReason } from "./reasons.js";

/** A participant's id and display name. */
export interface NamedParty {
  readonly id: string;
  readonly name: string;
}

/** Options of {@link agendaToICalendar} and {@link agendaCalendars}. */
export interface ICalendarOptions {
  /**
   * IANA time zones: one for the whole mission ("America/Chicago"), or one per city
   * (`new Map([["Chicago", "America/Chicago"], ["Detroit", "America/Detroit"]])`, or the same as a
   * plain object). City keys match as the planner matches cities (case, spacing, Unicode form
   * ignored); a key that names no city of the agenda is an error. A city not listed takes the zone
   * of its venue in the gazetteer (`agenda.venues`); a city with neither is written in floating time.
   */
  readonly timezone?: string | ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Calendar name (NAME and X-WR-CALNAME). */
  readonly calendarName?: string;
  /** DTSTAMP: when this calendar is issued. Default: midnight UTC of the first meeting's date (reproducible). */
  readonly now?: Date | string;
  /** SEQUENCE of every event: raise it each time a changed plan is re-issued. Default 0. */
  readonly sequence?: number;
  /** Names for titles and descriptions (`Company` and `Buyer` objects fit); a missing name shows the id. */
  readonly companies?: readonly NamedParty[];
  readonly buyers?: readonly NamedParty[];
  /** Matches of the plan's pairs (from `rankBuyers`/`matchAll`): their explanation goes into the description. */
  readonly matches?: readonly Match[];
  /** The language of titles and descriptions. Default "en". */
  readonly locale?: Locale;
  /** Keeps UIDs of different missions apart (`pair@mission`). Default "buyermatch". */
  readonly mission?: string;
}

/** A calendar of one participant, from {@link agendaCalendars}. */
export interface ParticipantCalendar {
  readonly participant: "company" | "buyer";
  readonly id: string;
  readonly name: string;
  /** A file name safe on every file system and unique within the result: `company-kr-hanil.ics`. */
  readonly fileName: string;
  readonly meetings: number;
  readonly ics: string;
}

const PartySchema = z.object({ id: IdSchema, name: z.string() }).loose();
const ZoneMapSchema = z.union([z.map(z.string(), z.string()), z.record(z.string(), z.string())]);

const OptionsSchema = z
  .object({
    timezone: z.union([z.string(), ZoneMapSchema]).optional(),
    calendarName: z.string().optional(),
    now: z
      .union([
        z.date().refine((date) => Number.isFinite(date.getTime()), { message: "must be a valid date" }),
        z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time such as 2026-05-01T12:00:00Z" }),
      ])
      .optional(),
    sequence: z.number().int("must be a whole number").min(0, "must be ≥ 0").max(2 ** 31 - 1, "must be below 2³¹").optional(),
    companies: z.array(PartySchema).optional(),
    buyers: z.array(PartySchema).optional(),
    matches: z.array(z.object({ companyId: z.string(), buyerId: z.string(), score: z.number(), breakdown: z.object({}).loose() }).loose()).optional(),
    locale: z.enum(["en", "ko"]).optional(),
    mission: z.string().trim().min(1, "must be a non-empty string").optional(),
  })
  .loose();

type Parsed = { agenda: ExportAgenda; options: z.output<typeof OptionsSchema> };

/** Validates the agenda and the options together, so one error lists every problem. */
function parseArguments(agenda: unknown, options: unknown): Parsed {
  const agendaResult = safeParseWith(ExportAgendaSchema, agenda, ["agenda"]);
  const optionsResult = safeParseWith(OptionsSchema, options ?? {}, ["options"]);
  const issues: BuyerMatchIssue[] = [];
  if (!agendaResult.success) issues.push(...agendaResult.issues);
  if (!optionsResult.success) issues.push(...optionsResult.issues);
  if (!agendaResult.success || !optionsResult.success) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  return { agenda: agendaResult.data, options: optionsResult.data };
}

function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** City key → IANA zone: from the options (checked), else from the agenda's venues. */
function zonesByCity(agenda: ExportAgenda, timezone: Parsed["options"]["timezone"]): Map<string, string> {
  const cities = new Set([...agenda.meetings.map((meeting) => cityKey(meeting.city)), ...(agenda.venues ?? []).map((venue) => cityKey(venue.city))]);
  const zones = new Map<string, string>();
  const issues: BuyerMatchIssue[] = [];
  const bad = (path: (string | number)[], zone: string): void => {
    issues.push({ code: "invalid_input", path, message: `${JSON.stringify(zone)} is not an IANA time zone such as "America/Chicago"` });
  };
  if (typeof timezone === "string") {
    if (!isTimeZone(timezone)) bad(["options", "timezone"], timezone);
    else for (const city of cities) zones.set(city, timezone);
  } else if (timezone !== undefined) {
    const entries = timezone instanceof Map ? [...timezone.entries()] : Object.entries(timezone);
    for (const [city, zone] of entries) {
      const path = ["options", "timezone", city];
      const key = cityKey(city);
      if (!isTimeZone(zone)) bad(path, zone);
      // A zone that applies to no city would silently leave that city's times floating.
      if (!cities.has(key)) issues.push({ code: "unknown_reference", path, message: `${JSON.stringify(city)} is not a city of this agenda` });
      else if (zones.has(key) && zones.get(key) !== zone) issues.push({ code: "invalid_input", path, message: `${JSON.stringify(city)} names the same city as another key with a different time zone` });
      else if (isTimeZone(zone)) zones.set(key, zone);
    }
  }
  throwIfAny(issues);
  for (const venue of agenda.venues ?? []) {
    const key = cityKey(venue.city);
    if (!zones.has(key) && venue.timeZone !== undefined && isTimeZone(venue.timeZone)) zones.set(key, venue.timeZone);
  }
  return zones;
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, "0");

function offsetText(minutes: number): string {
  return `${minutes < 0 ? "-" : "+"}${pad(Math.trunc(Math.abs(minutes) / 60))}${pad(Math.abs(minutes) % 60)}`;
}

/** "YYYYMMDDTHHMMSS" of a UTC instant shifted by `offset` minutes (the local time of that instant). */
function localStamp(instant: number, offset: number): string {
  const date = new Date(instant + offset * 60_000);
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`;
}

/**
 * A VTIMEZONE for `zone` covering the years `from`–`to`: one observance in force on 1 January of
 * `from`, then one per transition the runtime's time-zone data knows (explicit DTSTARTs, no RRULE,
 * so the block is exact for those years whatever the rules were).
 */
function vtimezone(zone: string, from: number, to: number): string {
  // Midnight of 1 January, local time (the zone's offset then is a fixed point of this step for every real zone).
  const first = tzOffset(zone, new Date(Date.UTC(from, 0, 1)));
  const start = Date.UTC(from, 0, 1) - first * 60_000;
  const end = Date.UTC(to + 1, 0, 1);
  const changes = tzScan(zone, { start: new Date(start), end: new Date(end) });
  const offsets = [first, ...changes.map((change) => change.offset)];
  const standard = Math.min(...offsets);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`];
  const observance = (instant: number, fromOffset: number, toOffset: number): void => {
    const kind = toOffset > standard ? "DAYLIGHT" : "STANDARD";
    lines.push(`BEGIN:${kind}`, `DTSTART:${localStamp(instant, fromOffset)}`, `TZOFFSETFROM:${offsetText(fromOffset)}`, `TZOFFSETTO:${offsetText(toOffset)}`, `END:${kind}`);
  };
  observance(start, first, first);
  let previous = first;
  for (const change of changes) {
    observance(change.date.getTime(), previous, change.offset);
    previous = change.offset;
  }
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}

const WORDS = {
  en: {
    online: "online",
    table: "table",
    session: (id: string, slot: number) => `session ${id}, slot ${slot}`,
    score: (score: string) => `Score ${score}`,
    interpreter: "Interpreter needed: the two sides share no language",
    shared: (languages: string) => `Shared language: ${languages}`,
    unknownLanguages: "Languages unknown (a side lists none)",
    inPerson: "Buyer attends in person",
    joinsOnline: "Buyer joins online",
    mustMeet: (by: string | undefined) => (by === undefined ? "Must-meet" : `Must-meet, requested by the ${by}`),
    why: "Why this match:",
  },
  ko: {
    online: "온라인",
    table: "테이블",
    session: (id: string, slot: number) => `세션 ${id}, ${slot}번째 시간대`,
    score: (score: string) => `점수 ${score}`,
    interpreter: "통역 필요: 양측의 공통 언어 없음",
    shared: (languages: string) => `공통 언어: ${languages}`,
    unknownLanguages: "언어 정보 없음 (한쪽이 언어를 적지 않음)",
    inPerson: "바이어 직접 참석",
    joinsOnline: "바이어 온라인 참석",
    mustMeet: (by: string | undefined) => (by === undefined ? "필수 미팅" : `필수 미팅 (${by === "company" ? "기업" : "바이어"} 요청)`),
    why: "매칭 이유:",
  },
} as const;

interface Context {
  readonly options: Parsed["options"];
  readonly locale: Locale;
  readonly zones: ReadonlyMap<string, string>;
  readonly venues: ReadonlyMap<string, { readonly city: string; readonly venue?: string | undefined }>;
  readonly companyNames: ReadonlyMap<string, string>;
  readonly buyerNames: ReadonlyMap<string, string>;
  readonly matches: ReadonlyMap<string, Match>;
  readonly stamp: Date;
  readonly sequence: number;
  readonly mission: string;
  readonly years: readonly [number, number];
  /** Wall-clock times already built, by zone, date and time. */
  readonly clock: Map<string, TZDate>;
}

function context(agenda: ExportAgenda, options: Parsed["options"]): Context {
  const locale = options.locale ?? "en";
  const first = agenda.meetings[0];
  const stamp = options.now === undefined ? new Date(first === undefined ? 0 : `${first.date}T00:00:00Z`) : new Date(options.now);
  const years = agenda.meetings.map((meeting) => Number(meeting.date.slice(0, 4)));
  const names = (parties: readonly { id: string; name: string }[] | undefined): Map<string, string> => new Map((parties ?? []).map((party) => [party.id.trim(), party.name.trim()]));
  const matches = new Map<string, Match>();
  for (const match of options.matches ?? []) matches.set(`${match.companyId}\u0000${match.buyerId}`, match as unknown as Match);
  return {
    options,
    locale,
    zones: zonesByCity(agenda, options.timezone),
    venues: new Map((agenda.venues ?? []).map((venue) => [venue.sessionId, venue])),
    companyNames: names(options.companies),
    buyerNames: names(options.buyers),
    matches,
    stamp,
    sequence: options.sequence ?? 0,
    mission: options.mission ?? "buyermatch",
    years: [years.reduce((a, b) => Math.min(a, b), 9999), years.reduce((a, b) => Math.max(a, b), 0)],
    clock: new Map(),
  };
}

/** The UID of a pair's meeting: the same in every calendar and every re-issue of the plan. */
function uidOf(meeting: ExportMeeting, mission: string): string {
  return `${encodeURIComponent(meeting.companyId)}.${encodeURIComponent(meeting.buyerId)}@${encodeURIComponent(mission)}`;
}

/** A wall-clock time in a zone; cached, since a mission's meetings share a few dozen slot times and TZDate costs ~0.1 ms. */
function wallClock(ctx: Context, zone: string, date: string, time: string): TZDate {
  const key = `${zone} ${date} ${time}`;
  let value = ctx.clock.get(key);
  if (value === undefined) {
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    value = new TZDate(year, month - 1, day, hours, minutes, 0, zone);
    ctx.clock.set(key, value);
  }
  return value;
}

function eventOf(meeting: ExportMeeting, ctx: Context) {
  const words = WORDS[ctx.locale];
  const companyName = ctx.companyNames.get(meeting.companyId) ?? meeting.companyId;
  const buyerName = ctx.buyerNames.get(meeting.buyerId) ?? meeting.buyerId;
  const venue = ctx.venues.get(meeting.sessionId)?.venue;
  const place = [meeting.online ? words.online : undefined, venue, meeting.city, `${words.table} ${meeting.table}`].filter((part) => part !== undefined);
  const description = [
    `${companyName} (${meeting.companyId}) × ${buyerName} (${meeting.buyerId})`,
    `${place.join(" · ")} — ${words.session(meeting.sessionId, meeting.slot)}`,
    words.score(meeting.score.toFixed(2)),
    meeting.interpreter
      ? words.interpreter
      : meeting.languagesKnown
        ? words.shared(meeting.sharedLanguages.join(", "))
        : words.unknownLanguages,
  ];
  const attendance = meeting.attendance?.reason as AttendanceReason | undefined;
  const mode = meeting.online ? words.joinsOnline : words.inPerson;
  description.push(attendance === undefined ? mode : `${mode}: ${reasonText(attendance, ctx.locale)}`);
  if (meeting.mustMeet) description.push(words.mustMeet(meeting.requestedBy));
  const match = ctx.matches.get(`${meeting.companyId}\u0000${meeting.buyerId}`);
  if (match !== undefined) {
    const names = new Map([
      [meeting.companyId, companyName],
      [meeting.buyerId, buyerName],
    ]);
    description.push("", words.why, ...explainMatch(match, { locale: ctx.locale, names }));
  }
  const zone = ctx.zones.get(cityKey(meeting.city));
  const at = (time: string): string | TZDate => (zone === undefined ? `${meeting.date}T${time}:00Z` : wallClock(ctx, zone, meeting.date, time));
  const categories = ["meeting", ...(meeting.interpreter ? ["interpreter"] : []), ...(meeting.online ? ["online"] : []), ...(meeting.mustMeet ? ["must-meet"] : [])];
  return {
    id: uidOf(meeting, ctx.mission),
    sequence: ctx.sequence,
    stamp: ctx.stamp,
    start: at(meeting.start),
    end: at(meeting.end),
    ...(zone === undefined ? { floating: true } : { timezone: zone }),
    summary: `${companyName} × ${buyerName}${meeting.online ? ` (${words.online})` : ""}`,
    location: place.join(", "),
    description: description.join("\n"),
    categories: categories.map((name) => ({ name })),
  };
}

/**
 * Folds a content line to at most 75 octets per line (RFC 5545 §3.1), never inside a UTF-8 sequence.
 * Linear, and a no-op for the short ASCII lines that make up most of a calendar.
 */
function foldLine(line: string): string {
  if (line.length <= 75 && !/[^\x00-\x7f]/.test(line)) return line;
  const parts: string[] = [];
  let start = 0;
  let width = 0;
  // The first line holds 75 octets; each continuation holds 74 after its leading space.
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const code = line.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < line.length;
    const octets = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (width + octets > limit) {
      parts.push(line.slice(start, i));
      start = i;
      width = 0;
      limit = 74;
    }
    width += octets;
    i += pair ? 2 : 1;
  }
  parts.push(line.slice(start));
  return parts.join("\r\n ");
}

function write(meetings: readonly ExportMeeting[], ctx: Context, name: string | undefined): string {
  // ical-generator writes each event (properties, escaping, dates); the calendar around the events is
  // written here, because its own calendar writer folds lines at ~4 µs per character (2.5 s for 1,280
  // meetings) and leaves NAME and X-WR-CALNAME unescaped.
  const calendar = ical();
  const zones: string[] = [];
  const events = meetings.map((meeting) => {
    const event = eventOf(meeting, ctx);
    if ("timezone" in event && event.timezone !== undefined && !zones.includes(event.timezone)) zones.push(event.timezone);
    return calendar.createEvent(event).toString();
  });
  const [from, to] = ctx.years;
  const head = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:-//buyermatch//plan//${ctx.locale.toUpperCase()}`, "METHOD:PUBLISH"];
  if (name !== undefined) head.push(`NAME:${icalEscape(name, false)}`, `X-WR-CALNAME:${icalEscape(name, false)}`);
  for (const zone of zones) head.push(vtimezone(zone, from, to));
  const text = `${head.join("\r\n")}\r\n${events.join("")}END:VCALENDAR\r\n`;
  return text.split("\r\n").map(foldLine).join("\r\n");
}

/**
 * Writes the agenda as one iCalendar file, one event per meeting (see {@link ICalendarOptions}).
 * Titles carry both names, the location the city, venue and table, the description the score
 * (2 decimals), the interpreter flag, how the buyer attends and, given `matches`, why the pair matched.
 *
 * @param agenda - a plan from `planMeetings` (or its JSON: `meetings` and `venues`)
 * @param options - time zones, names, matches, `now` and `sequence` for re-issues, `calendarName`, `locale`, `mission`
 * @returns the .ics text
 * @throws BuyerMatchError listing every problem with the agenda and the options, each with its path
 *   (a zone that is not IANA, a zone key that names no city, a malformed `now`, ...)
 * @example
 * const ics = agendaToICalendar(agenda, {
 *   timezone: new Map([["Chicago", "America/Chicago"], ["Detroit", "America/Detroit"]]),
 *   companies, buyers, now: new Date(), sequence: 2, calendarName: "Mission to Chicago and Detroit",
 * });
 */
export function agendaToICalendar(agenda: unknown, options?: ICalendarOptions): string {
  const parsed = parseArguments(agenda, options);
  const ctx = context(parsed.agenda, parsed.options);
  return write(parsed.agenda.meetings, ctx, parsed.options.calendarName);
}

function fileSafe(id: string): string {
  const safe = id.normalize("NFKC").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").slice(0, 80);
  return safe === "" ? "_" : safe;
}

/**
 * One calendar per exporter and one per buyer (each with its own meetings only, same UIDs as the
 * mission calendar), for `buyermatch plan --per participant --out DIR`.
 *
 * @param agenda - a plan from `planMeetings`
 * @param options - as for {@link agendaToICalendar}; `calendarName` is followed by the participant's name
 * @param per - "participant" (both sides, default), "company" or "buyer"
 * @returns the calendars, companies then buyers, each in id order; participants without meetings are left out
 * @throws BuyerMatchError as {@link agendaToICalendar}
 * @example
 * for (const calendar of agendaCalendars(agenda, { companies, buyers, now: new Date() })) {
 *   writeFileSync(join("calendars", calendar.fileName), calendar.ics);
 * }
 */
export function agendaCalendars(agenda: unknown, options?: ICalendarOptions, per: "participant" | "company" | "buyer" = "participant"): ParticipantCalendar[] {
  const parsed = parseArguments(agenda, options);
  if (!["participant", "company", "buyer"].includes(per)) {
    throw new BuyerMatchError([{ code: "invalid_input", path: ["per"], message: `must be "participant", "company" or "buyer", not ${describeValue(per)}` }]);
  }
  const ctx = context(parsed.agenda, parsed.options);
  const out: ParticipantCalendar[] = [];
  const used = new Set<string>();
  const sides: ("company" | "buyer")[] = per === "participant" ? ["company", "buyer"] : [per];
  for (const side of sides) {
    const groups = new Map<string, ExportMeeting[]>();
    for (const meeting of parsed.agenda.meetings) {
      const id = side === "company" ? meeting.companyId : meeting.buyerId;
      groups.set(id, [...(groups.get(id) ?? []), meeting]);
    }
    for (const id of [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const meetings = groups.get(id)!;
      const name = (side === "company" ? ctx.companyNames : ctx.buyerNames).get(id) ?? id;
      let fileName = `${side}-${fileSafe(id)}.ics`;
      for (let n = 2; used.has(fileName.toLowerCase()); n++) fileName = `${side}-${fileSafe(id)}-${n}.ics`;
      used.add(fileName.toLowerCase());
      const title = parsed.options.calendarName === undefined ? name : `${parsed.options.calendarName} — ${name}`;
      out.push({ participant: side, id, name, fileName, meetings: meetings.length, ics: write(meetings, ctx, title) });
    }
  }
  return out;
}
