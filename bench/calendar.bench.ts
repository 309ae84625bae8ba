/**
 * Calendar export: the Chicago + Detroit fixture mission (test/plan/missions.ts) with a normal name and
 * with a 50,000-character name (the `ics` package folded lines in quadratic time: 6–9 s for that
 * name), and the mission calendar of the 200 × 2,000 plan benchmark's agenda. Measured in one run, so
 * the ratios between them are what to compare.
 */
import { bench, describe } from "vitest";
import { agendaCalendars, agendaToICalendar, planMeetings } from "../src/plan/index.js";
import { MISSION_200_BY_2000, randomInstance } from "../test/plan/instances.js";
import { buyers, companies, scores, sessions } from "../test/plan/missions.js";

const agenda = planMeetings({ companies, buyers, sessions, scores });
const large = planMeetings(
  randomInstance(2026, MISSION_200_BY_2000),
);
const now = new Date("2026-04-20T08:15:00Z");
const longName = "x".repeat(50_000);
let sink = 0;
const options = {
  iterations: 10,
  warmupIterations: 2,
  teardown: (): void => {
    if (sink <= 0) throw new Error("nothing was written");
  },
};

describe(`agendaToICalendar: ${agenda.meetings.length}-meeting fixture mission; ${large.meetings.length}-meeting plan`, () => {
  bench("fixture mission", () => void (sink += agendaToICalendar(agenda, { companies, buyers, now }).length), options);
  bench("fixture mission, 50,000-character calendar name", () => void (sink += agendaToICalendar(agenda, { companies, buyers, now, calendarName: longName }).length), options);
  bench("fixture mission, one calendar per participant", () => void (sink += agendaCalendars(agenda, { companies, buyers, now }).length), options);
  bench(`${large.meetings.length}-meeting plan`, () => void (sink += agendaToICalendar(large, { now }).length), { ...options, iterations: 3, warmupIterations: 1 });
});
