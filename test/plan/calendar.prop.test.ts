/**
 * Property: whatever the dates (two years, both DST changes) and zones (US, half-hour and southern
 * hemisphere zones), ical.js reading a calendar's own VTIMEZONE blocks puts every event at the instant
 * the wall-clock time has in that zone. The expected instant is found with Intl directly, not with the
 * code under test. Times are kept between 06:00 and 21:59, away from the night-time gaps and overlaps
 * of DST changes, where a wall-clock time names no instant or two.
 */
import { fc, test } from "@fast-check/vitest";
import ICAL from "ical.js";
import { describe, expect } from "vitest";
import { agendaCalendars, agendaToICalendar } from "../../src/plan/index.js";

const ZONES = [
  "America/Chicago",
  "America/Detroit",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Indiana/Indianapolis",
  "America/New_York",
  "Asia/Seoul",
  "Asia/Kolkata",
  "Europe/London",
  "Australia/Sydney",
] as const;

/** The zone's UTC offset in minutes at an instant, read from Intl's formatted parts. */
function offsetAt(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  return (Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - instant) / 60_000;
}

/** The instant of a wall-clock time in a zone (outside DST gaps and overlaps). */
function instantOf(zone: string, date: string, time: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const wall = Date.UTC(year, month - 1, day, hours, minutes);
  const guess = wall - offsetAt(zone, wall) * 60_000;
  return new Date(wall - offsetAt(zone, guess) * 60_000).toISOString();
}

const pad = (value: number): string => String(value).padStart(2, "0");

const meetingArbitrary = fc.record({
  zone: fc.integer({ min: 0, max: ZONES.length - 1 }),
  day: fc.integer({ min: 0, max: 729 }),
  minute: fc.integer({ min: 6 * 60, max: 21 * 60 + 29 }),
});

describe("calendar instants", () => {
  test.prop([fc.array(meetingArbitrary, { minLength: 1, maxLength: 12 })], { seed: 42, numRuns: 60 })(
    "every event is read back at the instant its wall-clock time has in its city's zone",
    (drawn) => {
      const meetings = drawn.map((entry, index) => {
        const date = new Date(Date.UTC(2026, 0, 1) + entry.day * 86_400_000).toISOString().slice(0, 10);
        const start = `${pad(Math.floor(entry.minute / 60))}:${pad(entry.minute % 60)}`;
        const end = `${pad(Math.floor((entry.minute + 30) / 60))}:${pad((entry.minute + 30) % 60)}`;
        return {
          companyId: `c${index}`,
          buyerId: `b${index}`,
          sessionId: `s${index}`,
          city: `City ${entry.zone}`,
          date,
          slot: 1,
          start,
          end,
          table: 1,
          score: 0.5,
          interpreter: false,
          sharedLanguages: [],
          languagesKnown: false,
          online: false,
          mustMeet: false,
        };
      });
      const venues = drawn.map((entry, index) => ({ sessionId: `s${index}`, city: `City ${entry.zone}`, timeZone: ZONES[entry.zone]! }));
      const agenda = { meetings, venues };
      for (const ics of [agendaToICalendar(agenda, { now: new Date(0) }), ...agendaCalendars(agenda, { now: new Date(0) }, "buyer").map((calendar) => calendar.ics)]) {
        ICAL.TimezoneService.reset();
        const calendar = new ICAL.Component(ICAL.parse(ics));
        const zones = calendar.getAllSubcomponents("vtimezone").map((zone) => {
          const timezone = new ICAL.Timezone(zone);
          ICAL.TimezoneService.register(timezone);
          return timezone.tzid;
        });
        for (const component of calendar.getAllSubcomponents("vevent")) {
          const event = new ICAL.Event(component);
          const meeting = meetings.find((candidate) => event.uid.startsWith(`${candidate.companyId}.${candidate.buyerId}@`))!;
          const zone = ZONES[drawn[meetings.indexOf(meeting)]!.zone]!;
          expect(zones).toContain(zone);
          expect(event.startDate.toJSDate().toISOString()).toBe(instantOf(zone, meeting.date, meeting.start));
          expect(event.endDate.toJSDate().toISOString()).toBe(instantOf(zone, meeting.date, meeting.end));
        }
      }
      ICAL.TimezoneService.reset();
    },
  );
});
