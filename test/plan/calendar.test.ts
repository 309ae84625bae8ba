/**
 * Calendars, read back by an independent parser (ical.js): every event's UTC instant for a Chicago +
 * Detroit mission, re-issues that keep UIDs and raise SEQUENCE, per-participant calendars, escaping
 * and folding, and validation of the agenda and options.
 */
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { BuyerMatchError } from "../../src/index.js";
import { agendaCalendars, agendaToCsv, agendaToICalendar, planMeetings, type Agenda, type ICalendarOptions } from "../../src/plan/index.js";
import { matchAll } from "../../src/engine/matchAll.js";
import { buyers, companies, scores, sessions } from "./missions.js";

interface ParsedEvent {
  readonly uid: string;
  readonly sequence: number;
  readonly stamp: string;
  readonly summary: string;
  readonly location: string;
  readonly description: string;
  readonly tzid: string | null;
  /** The start as ical.js computes it from the calendar's own VTIMEZONE blocks. */
  readonly startUtc: string;
  readonly endUtc: string;
}

// RFC 5545 §3.8.8.2: an X- property's default value type is TEXT; ical.js must be told, or it leaves
// X-WR-CALNAME's escapes in place.
(ICAL.design.icalendar.property as Record<string, { defaultType: string }>)["x-wr-calname"] = { defaultType: "text" };

/** Parses a calendar with ical.js, using only the VTIMEZONE blocks inside it. */
function parseCalendar(ics: string): { name: string | null; zones: string[]; events: ParsedEvent[] } {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const zones = calendar.getAllSubcomponents("vtimezone").map((zone) => {
    const timezone = new ICAL.Timezone(zone);
    ICAL.TimezoneService.register(timezone);
    return timezone.tzid;
  });
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const tzid = component.getFirstProperty("dtstart")?.getParameter("tzid");
    return {
      uid: event.uid,
      sequence: event.sequence,
      stamp: String(component.getFirstPropertyValue("dtstamp")),
      summary: event.summary,
      location: event.location,
      description: event.description,
      tzid: typeof tzid === "string" ? tzid : null,
      startUtc: event.startDate.toJSDate().toISOString(),
      endUtc: event.endDate.toJSDate().toISOString(),
    };
  });
  const name = calendar.getFirstPropertyValue("x-wr-calname");
  return { name: typeof name === "string" ? name : null, zones, events };
}

/** Hours behind UTC, from the published US rules (not from the code under test): DST from 8 March to 1 November 2026. */
function hoursBehindUtc(city: string, date: string): number {
  const summer = date >= "2026-03-08" && date < "2026-11-01";
  const eastern = city === "Detroit";
  return (eastern ? 5 : 6) - (summer ? 1 : 0);
}

function expectedUtc(city: string, date: string, time: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, day, hours + hoursBehindUtc(city, date), minutes)).toISOString();
}

const agenda = planMeetings({ companies, buyers, sessions, scores });
const NOW = new Date("2026-04-20T08:15:00Z");
const options: ICalendarOptions = { companies, buyers, now: NOW, sequence: 0, calendarName: "Korea auto parts mission, Chicago + Detroit" };

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe("the mission calendar, read back by ical.js", () => {
  const ics = agendaToICalendar(agenda, options);
  const parsed = parseCalendar(ics);

  it("has one event per meeting and a VTIMEZONE for every zone it uses", () => {
    expect(parsed.events).toHaveLength(agenda.meetings.length);
    const used = [...new Set(parsed.events.map((event) => event.tzid))].sort();
    expect(used).toEqual(["America/Chicago", "America/Detroit"]);
    expect(parsed.zones.sort()).toEqual(used);
  });

  it("puts every event at its true UTC instant: Detroit meetings in America/Detroit, not an hour out", () => {
    expect(agenda.meetings.some((meeting) => meeting.city === "Detroit")).toBe(true);
    agenda.meetings.forEach((meeting, index) => {
      const event = parsed.events[index]!;
      expect(event.tzid).toBe(meeting.city === "Detroit" ? "America/Detroit" : "America/Chicago");
      expect(event.startUtc, `${meeting.city} ${meeting.date} ${meeting.start}`).toBe(expectedUtc(meeting.city, meeting.date, meeting.start));
      expect(event.endUtc).toBe(expectedUtc(meeting.city, meeting.date, meeting.end));
    });
    // 09:00 in Detroit on 14 May is 13:00 UTC; 09:00 in Chicago on 12 May is 14:00 UTC.
    expect(parsed.events.map((event) => event.startUtc)).toContain("2026-05-14T13:00:00.000Z");
    expect(parsed.events.map((event) => event.startUtc)).toContain("2026-05-12T14:00:00.000Z");
  });

  it("titles events with both names, places them at city, venue and table, and explains them", () => {
    const names = new Map([...companies, ...buyers].map((party) => [party.id, party.name]));
    agenda.meetings.forEach((meeting, index) => {
      const event = parsed.events[index]!;
      expect(event.summary).toBe(`${names.get(meeting.companyId)} × ${names.get(meeting.buyerId)}${meeting.online ? " (online)" : ""}`);
      const venue = meeting.city === "Chicago" ? "McCormick Place" : "Huntington Place";
      expect(event.location).toBe([...(meeting.online ? ["online"] : []), venue, meeting.city, `table ${meeting.table}`].join(", "));
      expect(event.description).toContain(`Score ${meeting.score.toFixed(2)}`);
      expect(event.description).toContain(meeting.interpreter ? "Interpreter needed" : "Shared language: en");
      expect(event.description).toContain(meeting.online ? "Buyer joins online: " : "Buyer attends in person: ");
    });
    // No score with more than 3 decimals anywhere (the agenda holds full precision).
    expect(ics).not.toMatch(/\d\.\d{4,}/);
  });

  it("puts the match explanation into the description when the matches are given", () => {
    const { byCompany } = matchAll(companies, buyers, { viewpoint: "mutual" });
    const matches = [...byCompany.values()].flat();
    const explained = parseCalendar(agendaToICalendar(agenda, { ...options, matches }));
    const first = explained.events[0]!;
    expect(first.description).toMatch(/Why this match:\n.+ → .+: score \d\.\d{3} \(/);
  });

  it("stamps events with the caller's time and sequence, and is byte-identical for the same inputs", () => {
    expect(parsed.events.every((event) => event.sequence === 0 && event.stamp === "2026-04-20T08:15:00Z")).toBe(true);
    expect(agendaToICalendar(agenda, options)).toBe(ics);
  });

  it("does not depend on the time zone of the process that writes it", () => {
    const saved = process.env["TZ"];
    try {
      process.env["TZ"] = "Asia/Seoul";
      const seoul = agendaToICalendar(agenda, options);
      process.env["TZ"] = "Pacific/Honolulu";
      expect(agendaToICalendar(agenda, options)).toBe(seoul);
      expect(seoul).toBe(ics);
    } finally {
      if (saved === undefined) delete process.env["TZ"];
      else process.env["TZ"] = saved;
    }
  });

  it("takes zones per city from the options, overriding the gazetteer", () => {
    const zones = new Map([
      ["chicago", "America/Chicago"],
      ["DETROIT", "America/Toronto"],
    ]);
    const toronto = parseCalendar(agendaToICalendar(agenda, { ...options, timezone: zones }));
    expect(new Set(toronto.events.map((event) => event.tzid))).toEqual(new Set(["America/Chicago", "America/Toronto"]));
    expect(toronto.zones.sort()).toEqual(["America/Chicago", "America/Toronto"]);
  });
});

describe("time zone transitions", () => {
  it("gives each side of a DST change its own offset (Chicago 6 and 9 March 2026, Detroit 31 October and 2 November)", () => {
    const mission = planMeetings({
      companies,
      buyers,
      scores,
      sessions: [
        { id: "chi-a", city: "Chicago", region: "US-IL", date: "2026-03-06", start: "09:00", slotMinutes: 30, slots: 2, tables: 2 },
        { id: "chi-b", city: "Chicago", region: "US-IL", date: "2026-03-09", start: "09:00", slotMinutes: 30, slots: 2, tables: 2 },
        { id: "det-a", city: "Detroit", region: "US-MI", date: "2026-10-31", start: "09:00", slotMinutes: 30, slots: 2, tables: 2 },
        { id: "det-b", city: "Detroit", region: "US-MI", date: "2026-11-02", start: "09:00", slotMinutes: 30, slots: 2, tables: 2 },
      ],
    });
    const parsed = parseCalendar(agendaToICalendar(mission, options));
    const sessionsSeen = new Set(mission.meetings.map((meeting) => meeting.sessionId));
    expect(sessionsSeen).toEqual(new Set(["chi-a", "chi-b", "det-a", "det-b"]));
    mission.meetings.forEach((meeting, index) => {
      expect(parsed.events[index]!.startUtc).toBe(expectedUtc(meeting.city, meeting.date, meeting.start));
    });
  });

  it("writes floating times when no zone is known for a city", () => {
    const nowhere = planMeetings({
      companies: [{ id: "c", name: "C", country: "KR" }],
      buyers: [{ id: "b", name: "B", country: "KR", city: "Changwon" }],
      sessions: [{ id: "s", city: "Changwon", date: "2026-05-12", start: "09:00", slotMinutes: 30, slots: 1, tables: 1 }],
      scores: [{ companyId: "c", buyerId: "b", score: 0.5 }],
    });
    const ics = agendaToICalendar(nowhere, { now: NOW });
    expect(ics).toContain("DTSTART:20260512T090000\r\n");
    expect(ics).not.toContain("VTIMEZONE");
  });
});

describe("re-issuing a changed plan", () => {
  it("keeps each pair's UID, raises SEQUENCE and DTSTAMP, and moves the events that moved", () => {
    const first = parseCalendar(agendaToICalendar(agenda, options));
    // Ford withdraws the day before; the plan is made again without it.
    const changed = planMeetings({ companies, buyers: buyers.filter((buyer) => buyer.id !== "f"), sessions, scores: scores.filter((score) => score.buyerId !== "f") });
    const second = parseCalendar(agendaToICalendar(changed, { ...options, now: new Date("2026-05-13T18:00:00Z"), sequence: 1 }));
    const before = new Map(first.events.map((event) => [event.uid, event]));
    const kept = second.events.filter((event) => before.has(event.uid));
    expect(kept.length).toBeGreaterThan(0);
    for (const event of second.events) {
      expect(event.sequence).toBe(1);
      expect(event.stamp).toBe("2026-05-13T18:00:00Z");
    }
    // A UID names the pair: the same pair in both plans has the same UID, whatever its slot.
    const pairOf = (plan: Agenda, index: number): string => `${plan.meetings[index]!.companyId}/${plan.meetings[index]!.buyerId}`;
    const uidByPair = new Map(first.events.map((event, index) => [pairOf(agenda, index), event.uid]));
    second.events.forEach((event, index) => {
      const pair = pairOf(changed, index);
      if (uidByPair.has(pair)) expect(event.uid).toBe(uidByPair.get(pair));
    });
    expect(new Set(second.events.map((event) => event.uid)).size).toBe(second.events.length);
    expect(second.events.some((event) => event.uid.startsWith("kr-") && event.uid.includes(".f@"))).toBe(false);
  });
});

describe("calendars per participant", () => {
  const calendars = agendaCalendars(agenda, options);
  const mission = parseCalendar(agendaToICalendar(agenda, options));

  it("writes one calendar per exporter and per buyer with meetings, each parsed on its own", () => {
    const companiesWithMeetings = new Set(agenda.meetings.map((meeting) => meeting.companyId));
    const buyersWithMeetings = new Set(agenda.meetings.map((meeting) => meeting.buyerId));
    expect(calendars.filter((calendar) => calendar.participant === "company").map((calendar) => calendar.id)).toEqual([...companiesWithMeetings].sort());
    expect(calendars.filter((calendar) => calendar.participant === "buyer").map((calendar) => calendar.id)).toEqual([...buyersWithMeetings].sort());
    const seen = new Map<string, number>();
    for (const calendar of calendars) {
      const parsed = parseCalendar(calendar.ics);
      expect(parsed.events).toHaveLength(calendar.meetings);
      expect(parsed.name).toBe(`${options.calendarName} — ${calendar.name}`);
      const own = agenda.meetings.filter((meeting) => (calendar.participant === "company" ? meeting.companyId : meeting.buyerId) === calendar.id);
      own.forEach((meeting, index) => {
        expect(parsed.events[index]!.startUtc).toBe(expectedUtc(meeting.city, meeting.date, meeting.start));
      });
      // Only the zones this participant's meetings use.
      expect(parsed.zones.sort()).toEqual([...new Set(parsed.events.map((event) => event.tzid))].sort());
      for (const event of parsed.events) seen.set(event.uid, (seen.get(event.uid) ?? 0) + 1);
    }
    // Every meeting is in exactly one exporter's and one buyer's calendar, with the mission calendar's UID.
    expect([...seen.keys()].sort()).toEqual(mission.events.map((event) => event.uid).sort());
    expect([...seen.values()].every((count) => count === 2)).toBe(true);
  });

  it("names files safely and uniquely", () => {
    expect(calendars.map((calendar) => calendar.fileName)).toContain("company-kr-hanil.ics");
    expect(calendars.map((calendar) => calendar.fileName)).toContain("buyer-f.ics");
    const odd = planMeetings({
      companies: [
        { id: "../x", name: "Dots", country: "KR" },
        { id: "._x", name: "Dots again", country: "KR" },
      ],
      buyers: [{ id: "b", name: "B", country: "US", city: "Chicago", meetingCapacity: 2 }],
      sessions: [sessions[0]!],
      scores: [
        { companyId: "../x", buyerId: "b", score: 0.5 },
        { companyId: "._x", buyerId: "b", score: 0.5 },
      ],
    });
    const names = agendaCalendars(odd, { now: NOW }, "company").map((calendar) => calendar.fileName);
    // "../x" and "._x" both become "x": no leading dot, no path separator, and a suffix keeps them apart.
    expect(names).toEqual(["company-x.ics", "company-x-2.ics"]);
  });
});

describe("text in calendars", () => {
  const nasty = ["@SUM(1+1)*cmd|' /C calc'!A0", '=HYPERLINK("http://x","click")', "Comma, semicolon; backslash \\ and\nnew line", "한일 브레이크 주식회사 — 창원"];

  it("escapes names with commas, semicolons, backslashes and line breaks so they read back unchanged", () => {
    const named = {
      ...options,
      companies: companies.map((company, index) => ({ ...company, name: nasty[index % nasty.length]! })),
      buyers: buyers.map((buyer, index) => ({ ...buyer, name: nasty[(index + 1) % nasty.length]! })),
      calendarName: nasty.join(" | "),
    };
    const ics = agendaToICalendar(agenda, named);
    const parsed = parseCalendar(ics);
    expect(parsed.name).toBe(nasty.join(" | "));
    const companyName = new Map(named.companies.map((company) => [company.id, company.name]));
    const buyerName = new Map(named.buyers.map((buyer) => [buyer.id, buyer.name]));
    agenda.meetings.forEach((meeting, index) => {
      expect(parsed.events[index]!.summary).toBe(`${companyName.get(meeting.companyId)} × ${buyerName.get(meeting.buyerId)}${meeting.online ? " (online)" : ""}`);
    });
    // Nothing breaks out of its property: every line is a property, a continuation or a BEGIN/END.
    for (const line of ics.split("\r\n").filter((text) => text !== "")) expect(line).toMatch(/^([A-Z-]+[;:]| )/);
  });

  it("folds every line to at most 75 octets, Korean included, and reads a 50,000-character name back", () => {
    const long = "x".repeat(50_000);
    const ics = agendaToICalendar(agenda, { ...options, calendarName: long, locale: "ko" });
    for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(parseCalendar(ics).name).toBe(long);
    expect(ics).toContain("통역 필요");
  });
});

describe("validation of the agenda and the options", () => {
  const issuesOf = (run: () => unknown): [string, string][] => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      return (error as BuyerMatchError).issues.map((issue) => [issue.code, issue.path.join(".")]);
    }
    return [];
  };

  it("rejects a missing agenda with its path, for CSV and iCalendar alike", () => {
    expect(issuesOf(() => agendaToCsv(undefined))).toEqual([["invalid_input", "agenda"]]);
    expect(issuesOf(() => agendaToICalendar(undefined))).toEqual([["invalid_input", "agenda"]]);
    expect(issuesOf(() => agendaCalendars(null))).toEqual([["invalid_input", "agenda"]]);
  });

  it("lists every problem of the agenda and the options at once", () => {
    const broken = { meetings: [{ ...agenda.meetings[0]!, date: "2026-13-01", score: Number.NaN }] };
    const issues = issuesOf(() => agendaToICalendar(broken, { sequence: -1, now: "yesterday", locale: "fr", timezone: 5 } as unknown as ICalendarOptions));
    expect(issues.map(([, path]) => path)).toEqual(
      expect.arrayContaining(["agenda.meetings.0.date", "agenda.meetings.0.score", "options.sequence", "options.now", "options.locale", "options.timezone"]),
    );
  });

  it("reports zone keys that name no city, and zones that do not exist", () => {
    expect(issuesOf(() => agendaToICalendar(agenda, { timezone: new Map([["Toledo", "America/Detroit"], ["Chicago", "Mars/Olympus"]]) }))).toEqual([
      ["unknown_reference", "options.timezone.Toledo"],
      ["invalid_input", "options.timezone.Chicago"],
    ]);
  });

  it("accepts an agenda read back from JSON", () => {
    const json = JSON.parse(JSON.stringify({ meetings: agenda.meetings, venues: agenda.venues })) as unknown;
    expect(agendaToICalendar(json, options)).toBe(agendaToICalendar(agenda, options));
  });
});
