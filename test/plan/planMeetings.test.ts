import { describe, expect, it } from "vitest";
import { matchAll } from "../../src/index.js";
import { AGENDA_CSV_COLUMNS, agendaToCsv, agendaToICalendar, planMeetings, type PairScore, type PlanInput } from "../../src/plan/index.js";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { brokenRules } from "./instances.js";

/** A two-city mission in the shape of the design brief's example: Chicago two days, Detroit two days. */
const mission: PlanInput & { scores: PairScore[] } = {
  companies: [
    { id: "kr-brake", name: "Hanil Brake", country: "KR", languages: ["ko"], meetingBudget: 4 },
    { id: "kr-axle", name: "Daeho Axle", country: "KR", languages: ["ko", "en"], meetingBudget: 4 },
    { id: "kr-cnc", name: "Seoul CNC", country: "KR", languages: ["ko"], meetingBudget: 2 },
  ],
  buyers: [
    { id: "us-oem", name: "Motor City OEM", country: "US", city: "Detroit", languages: ["en"], meetingCapacity: 3 },
    { id: "us-tier1", name: "Lakeside Systems", country: "US", city: "Detroit", languages: ["en", "ko"], meetingCapacity: 2 },
    { id: "us-dist", name: "Windy City Supply", country: "US", city: "Chicago", languages: ["en"], meetingCapacity: 2 },
    { id: "us-tool", name: "Prairie Tooling", country: "US", city: "Chicago", meetingCapacity: 1 },
    { id: "us-remote", name: "Remote Parts", country: "US", online: true, languages: ["en"], meetingCapacity: 1 },
  ],
  sessions: [
    { id: "chi-1", city: "Chicago", date: "2026-05-11", start: "09:00", slotMinutes: 30, slots: 2, tables: 2 },
    { id: "chi-2", city: "Chicago", date: "2026-05-12", start: "13:00", slotMinutes: 45, slots: 2, tables: 1 },
    { id: "det-1", city: "Detroit", date: "2026-05-13", start: "09:00", slotMinutes: 30, slots: 2, tables: 2 },
  ],
  scores: [
    { companyId: "kr-brake", buyerId: "us-oem", score: 0.91 },
    { companyId: "kr-brake", buyerId: "us-tier1", score: 0.84 },
    { companyId: "kr-brake", buyerId: "us-dist", score: 0.4 },
    { companyId: "kr-axle", buyerId: "us-oem", score: 0.88 },
    { companyId: "kr-axle", buyerId: "us-tier1", score: 0.7 },
    { companyId: "kr-axle", buyerId: "us-remote", score: 0.66 },
    { companyId: "kr-cnc", buyerId: "us-tool", score: 0.8 },
    { companyId: "kr-cnc", buyerId: "us-dist", score: 0.2 },
    { companyId: "kr-cnc", buyerId: "us-oem", score: 0.35 },
  ],
  minScore: 0.3,
};

describe("planMeetings on a small mission", () => {
  const agenda = planMeetings(mission);

  it("keeps every rule", () => {
    expect(brokenRules(mission, agenda)).toEqual([]);
  });

  it("schedules the maximum-score set of meetings", () => {
    // Detroit has 2 slots × 2 tables: the OEM (capacity 3) can only meet twice (one per slot), so the
    // best Detroit set is brake–oem .91, axle–oem .88, brake–tier1 .84, axle–tier1 .70 (4 tables-slots).
    // Chicago: cnc–tool .80, brake–dist .40, and the online buyer with axle .66. cnc–dist .20 is below
    // minScore and cnc–oem .35 loses to better Detroit pairs.
    const pairs = agenda.meetings.map((m) => `${m.companyId}>${m.buyerId}`).sort();
    expect(pairs).toEqual(["kr-axle>us-oem", "kr-axle>us-remote", "kr-axle>us-tier1", "kr-brake>us-dist", "kr-brake>us-oem", "kr-brake>us-tier1", "kr-cnc>us-tool"]);
    expect(agenda.totals.totalScore).toBeCloseTo(0.91 + 0.88 + 0.84 + 0.7 + 0.8 + 0.4 + 0.66, 12);
    expect(agenda.totals.optimal).toBe(true);
  });

  it("flags interpreters only when both sides list languages and share none", () => {
    const find = (c: string, b: string) => agenda.meetings.find((m) => m.companyId === c && m.buyerId === b);
    expect(find("kr-brake", "us-oem")).toMatchObject({ interpreter: true, languagesKnown: true, sharedLanguages: [] });
    expect(find("kr-brake", "us-tier1")).toMatchObject({ interpreter: false, sharedLanguages: ["ko"] });
    // Prairie Tooling lists no languages: unknown, not an interpreter.
    expect(find("kr-cnc", "us-tool")).toMatchObject({ interpreter: false, languagesKnown: false });
    expect(find("kr-axle", "us-remote")?.online).toBe(true);
  });

  it("gives times from the session start and slot length", () => {
    for (const meeting of agenda.meetings.filter((m) => m.sessionId === "chi-2")) {
      expect(meeting.start).toBe(meeting.slot === 1 ? "13:00" : "13:45");
      expect(meeting.end).toBe(meeting.slot === 1 ? "13:45" : "14:30");
    }
  });

  it("lists timetables for everyone and explains who stayed unmatched", () => {
    expect([...agenda.byCompany.keys()]).toEqual(["kr-axle", "kr-brake", "kr-cnc"]);
    expect([...agenda.byBuyer.keys()]).toEqual(["us-dist", "us-oem", "us-remote", "us-tier1", "us-tool"]);
    expect(agenda.unmatched.buyers).toEqual([]);
    expect(agenda.unmatched.unplaced).toEqual([]);
    expect(agenda.totals.byCity.map((c) => [c.city, c.meetings, c.capacity])).toEqual([
      ["Chicago", 3, 6],
      ["Detroit", 4, 4],
    ]);
  });

  it("reports companies below the guaranteed minimum", () => {
    const plan = planMeetings({ ...mission, minPerCompany: 3 });
    // Detroit seats 4 meetings, and five Detroit pairs would serve the minimums; every choice leaves one
    // company a unit short, and score decides it is Seoul CNC (its Detroit pair scores only .35).
    const cnc = plan.unmatched.companies.find((c) => c.companyId === "kr-cnc");
    expect(cnc).toEqual({ companyId: "kr-cnc", meetings: 1, minimum: 3, reason: { code: "budget_below_minimum", budget: 2, minimum: 3 }, message: "meeting budget 2 is below the minimum 3" });
    expect(plan.unmatched.companies.map((c) => c.companyId)).toEqual(["kr-cnc"]);
    expect(plan.byCompany.get("kr-brake")).toHaveLength(3);
    expect(plan.byCompany.get("kr-axle")).toHaveLength(3);
  });

  it("fairness moves a good buyer to the company with fewer meetings", () => {
    // One slot each; c1 could take both buyers; with fairness c2 gets one even at a slightly lower score.
    const base: PlanInput = {
      companies: [
        { id: "c1", name: "C1", country: "KR" },
        { id: "c2", name: "C2", country: "KR" },
      ],
      buyers: [
        { id: "b1", name: "B1", country: "US", city: "Chicago" },
        { id: "b2", name: "B2", country: "US", city: "Chicago" },
      ],
      sessions: [{ id: "s", city: "Chicago", date: "2026-05-11", start: "09:00", slotMinutes: 30, slots: 2, tables: 2 }],
      scores: [
        { companyId: "c1", buyerId: "b1", score: 0.9 },
        { companyId: "c1", buyerId: "b2", score: 0.9 },
        { companyId: "c2", buyerId: "b2", score: 0.6 },
      ],
    };
    const count = (plan: ReturnType<typeof planMeetings>, id: string) => plan.byCompany.get(id)?.length;
    expect(count(planMeetings(base), "c2")).toBe(0);
    expect(count(planMeetings({ ...base, fairness: 1 }), "c2")).toBe(1);
  });
});

describe("seating", () => {
  it("keeps each exporter at one table for the whole session when tables allow", () => {
    const plan = planMeetings({
      // Unequal budgets leave gaps, so numbering tables slot by slot would move exporters around.
      companies: [
        { id: "c1", name: "c1", country: "KR", meetingBudget: 4 },
        { id: "c2", name: "c2", country: "KR", meetingBudget: 1 },
        { id: "c3", name: "c3", country: "KR", meetingBudget: 3 },
      ],
      buyers: ["b1", "b2", "b3", "b4"].map((id) => ({ id, name: id, country: "US", city: "Chicago", meetingCapacity: 3 })),
      sessions: [{ id: "s", city: "Chicago", date: "2026-05-11", start: "09:00", slotMinutes: 20, slots: 4, tables: 3 }],
      scores: ["c1", "c2", "c3"].flatMap((companyId, i) => ["b1", "b2", "b3", "b4"].map((buyerId, j) => ({ companyId, buyerId, score: 0.5 + ((i + j) % 4) / 10 }))),
    });
    expect(plan.totals.meetings).toBe(8);
    for (const own of plan.byCompany.values()) expect(new Set(own.map((m) => m.table)).size).toBe(1);
    expect(new Set([...plan.byCompany.values()].map((own) => own[0]?.table)).size).toBe(3);
  });
});

describe("availability within a city", () => {
  it("never gives a company more meetings with day-one-only buyers than day one has slots", () => {
    const plan = planMeetings({
      companies: [{ id: "c", name: "C", country: "KR" }],
      buyers: ["b1", "b2", "b3"].map((id) => ({ id, name: id, country: "US", city: "Chicago", availability: ["day1"] })),
      sessions: [
        { id: "day1", city: "Chicago", date: "2026-05-11", start: "09:00", slotMinutes: 30, slots: 2, tables: 5 },
        { id: "day2", city: "Chicago", date: "2026-05-12", start: "09:00", slotMinutes: 30, slots: 2, tables: 5 },
      ],
      scores: [
        { companyId: "c", buyerId: "b1", score: 0.9 },
        { companyId: "c", buyerId: "b2", score: 0.8 },
        { companyId: "c", buyerId: "b3", score: 0.7 },
      ],
    });
    // Four Chicago slots, but the three buyers only come on day one (two slots): the best two meet.
    expect(plan.meetings.map((m) => [m.buyerId, m.sessionId])).toEqual([
      ["b1", "day1"],
      ["b2", "day1"],
    ]);
    expect(plan.unmatched.unplaced).toEqual([]);
    expect(plan.totals.optimal).toBe(true);
  });
});

describe("must-meets in slotting", () => {
  // Availability groups {A,B} and {B,C} cross, so the allocation's bound for {B,C} is the whole city
  // (3 seats) while B and C hold 2: slotting must give one meeting up.
  const session = (id: string, date: string) => ({ id, city: "Chicago", date, start: "09:00", slotMinutes: 30, slots: 1, tables: 1 });
  const buyer = (id: string, availability: string[]) => ({ id, name: id, country: "US", city: "Chicago", availability });
  const crossing: PlanInput = {
    companies: ["c1", "c2", "c3"].map((id) => ({ id, name: id, country: "KR" })),
    buyers: [buyer("x", ["A", "B"]), buyer("y", ["B", "C"]), buyer("z", ["B", "C"]), buyer("v", ["B", "C"])],
    sessions: [session("A", "2026-05-11"), session("B", "2026-05-12"), session("C", "2026-05-13")],
    scores: [
      { companyId: "c1", buyerId: "y", score: 0.9 },
      { companyId: "c2", buyerId: "z", score: 0.8 },
    ],
    mustMeet: [{ companyId: "c3", buyerId: "v" }],
  };

  it("gives up an ordinary meeting, never an unscored must-meet, when a slot is overfull", () => {
    const agenda = planMeetings(crossing);
    // Best timetable: the must-meet c3–v and the better ordinary pair c1–y, in sessions B and C.
    expect(agenda.meetings.map((m) => `${m.companyId}-${m.buyerId}`).sort()).toEqual(["c1-y", "c3-v"]);
    expect(agenda.unmatched.mustMeets).toEqual([]);
    expect(agenda.unmatched.unplaced).toEqual([{ companyId: "c2", buyerId: "z", city: "Chicago", reason: { code: "no_table_left" }, message: "no table left in any slot both sides can attend" }]);
    expect(agenda.totals.optimal).toBe(false);
    expect(brokenRules({ ...crossing, scores: crossing.scores ?? [] }, agenda)).toEqual([]);
  });

  it("reports the slotting's reason for a must-meet it could not place, not other must-meets", () => {
    // All three pairs requested: only two fit in B and C, so one must-meet is unplaced by slotting.
    const mustMeet = [
      { companyId: "c1", buyerId: "y" },
      { companyId: "c2", buyerId: "z" },
      { companyId: "c3", buyerId: "v" },
    ];
    const agenda = planMeetings({ ...crossing, mustMeet });
    expect(agenda.meetings).toHaveLength(2);
    expect(agenda.meetings.every((m) => m.mustMeet)).toBe(true);
    // c3–v is unscored (counts 0), so it is the one given up among equals in priority.
    expect(agenda.unmatched.mustMeets).toEqual([{ companyId: "c3", buyerId: "v", reason: { code: "no_table_left" }, message: "no table left in any slot both sides can attend" }]);
  });
});

describe("planMeetings bad input", () => {
  it("lists every problem at once, each with its path", () => {
    const bad = {
      ...mission,
      sessions: [{ ...mission.sessions[0], slots: 0 }, ...mission.sessions.slice(1)],
      buyers: [{ ...mission.buyers[0], meetingCapacity: -1 }, ...mission.buyers.slice(1)],
      scores: [{ companyId: "kr-brake", buyerId: "us-oem", score: Number.NaN }, ...mission.scores.slice(1)],
      mustMeet: [{ companyId: "kr-nobody", buyerId: "us-oem" }],
    } as PlanInput;
    try {
      planMeetings(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      const issues = (error as BuyerMatchError).issues.map((issue) => [issue.code, issue.path]);
      expect(issues).toEqual(
        expect.arrayContaining([
          ["out_of_range", ["sessions", 0, "slots"]],
          ["out_of_range", ["buyers", 0, "meetingCapacity"]],
          ["out_of_range", ["scores", 0, "score"]], // NaN
          ["unknown_reference", ["mustMeet", 0, "companyId"]],
        ]),
      );
      expect(issues).toHaveLength(4);
    }
  });

  it("rejects two cities on one date, overlapping sessions, unknown availability and duplicate ids", () => {
    const bad: PlanInput = {
      ...mission,
      companies: [...mission.companies, { id: "kr-cnc", name: "Again", country: "KR" }],
      buyers: [{ ...mission.buyers[0]!, availability: ["nowhere"] }, ...mission.buyers.slice(1)],
      sessions: [
        ...mission.sessions,
        { id: "det-x", city: "Detroit", date: "2026-05-11", start: "15:00", slotMinutes: 30, slots: 2, tables: 1 },
        { id: "chi-x", city: "chicago", date: "2026-05-11", start: "09:30", slotMinutes: 30, slots: 2, tables: 1 },
      ],
      forbidden: [{ companyId: "kr-brake", buyerId: "us-oem" }],
      mustMeet: [{ companyId: "kr-brake", buyerId: "us-oem" }],
    };
    try {
      planMeetings(bad);
      expect.unreachable();
    } catch (error) {
      const issues = (error as BuyerMatchError).issues.map((issue) => [issue.code, issue.path]);
      expect(issues).toEqual([
        ["duplicate_id", ["companies", 3, "id"]],
        ["invalid_input", ["mustMeet", 0]],
        ["unknown_reference", ["buyers", 0, "availability", 0]],
        ["invalid_input", ["sessions", 3, "city"]],
        ["invalid_input", ["sessions", 4, "start"]],
        ["invalid_input", ["sessions", 4, "city"]],
      ]);
    }
  });

  it("rejects malformed times, dates and a session running past midnight", () => {
    const sessions = [
      { id: "a", city: "Chicago", date: "2026-02-30", start: "09:00", slotMinutes: 30, slots: 2, tables: 1 },
      { id: "b", city: "Chicago", date: "2026-05-02", start: "9am", slotMinutes: 30, slots: 2, tables: 1 },
      { id: "c", city: "Chicago", date: "2026-05-03", start: "23:00", slotMinutes: 45, slots: 2, tables: 1 },
    ];
    try {
      planMeetings({ ...mission, sessions });
      expect.unreachable();
    } catch (error) {
      expect((error as BuyerMatchError).issues.map((issue) => issue.path)).toEqual(
        expect.arrayContaining([
          ["sessions", 0, "date"],
          ["sessions", 1, "start"],
          ["sessions", 2, "slots"],
        ]),
      );
    }
  });

  it("rejects a session whose last meeting would end at 24:00, and accepts one ending at 23:59", () => {
    const late = { id: "late", city: "Chicago", date: "2026-05-11", start: "23:00", slotMinutes: 30, slots: 2, tables: 1 };
    try {
      planMeetings({ ...mission, sessions: [late] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      expect((error as BuyerMatchError).issues.map((issue) => [issue.code, issue.path, issue.message])).toEqual([
        ["out_of_range", ["sessions", 0, "slots"], "its last slot must end by 23:59 (a session cannot run to or past midnight)"],
      ]);
    }
    const agenda = planMeetings({
      companies: [{ id: "c", name: "C", country: "KR" }],
      buyers: [{ id: "b", name: "B", country: "US", city: "Chicago", meetingCapacity: 1 }],
      sessions: [{ ...late, start: "23:29", slots: 1 }],
      scores: [{ companyId: "c", buyerId: "b", score: 0.5 }],
    });
    expect(agenda.meetings.map((m) => [m.start, m.end])).toEqual([["23:29", "23:59"]]);
    expect(agendaToICalendar(agenda)).toMatch(/^DTEND[^:\r]*:20260511T235900\r$/m);
  });

  it("treats __proto__ as an ordinary id", () => {
    const plan = planMeetings({
      companies: [{ id: "__proto__", name: "Proto", country: "KR" }],
      buyers: [{ id: "constructor", name: "Ctor", country: "US", city: "Chicago" }],
      sessions: [mission.sessions[0]!],
      scores: [{ companyId: "__proto__", buyerId: "constructor", score: 0.5 }],
    });
    expect(plan.meetings.map((m) => [m.companyId, m.buyerId])).toEqual([["__proto__", "constructor"]]);
  });
});

describe("agenda exports", () => {
  const agenda = planMeetings(mission);

  it("writes RFC 4180 CSV with quoting", () => {
    const csv = agendaToCsv(planMeetings({ ...mission, sessions: mission.sessions.map((s) => ({ ...s, city: s.city === "Chicago" ? 'Chicago, "IL"' : s.city })), buyers: mission.buyers.map((b) => (b.city === "Chicago" ? { ...b, city: 'Chicago, "IL"' } : b)) }));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(AGENDA_CSV_COLUMNS.join(","));
    expect(lines.at(-1)).toBe("");
    expect(lines.some((line) => line.includes('"Chicago, ""IL"""'))).toBe(true);
    expect(lines).toHaveLength(agenda.meetings.length + 2);
  });

  it("writes one iCalendar event per meeting, reproducibly, with per-city time zones", () => {
    const ics = agendaToICalendar(agenda, { timezone: { Chicago: "America/Chicago", Detroit: "America/Detroit" }, calendarName: "Mission" });
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(agenda.meetings.length);
    expect(ics).toContain("DTSTART;TZID=America/Chicago:20260511T090000");
    expect(ics).toContain("DTSTART;TZID=America/Detroit:20260513T090000");
    // The UID names the pair, so a re-issued plan updates the pair's event wherever it moved.
    expect(ics).toContain(`UID:${agenda.meetings[0]!.companyId}.${agenda.meetings[0]!.buyerId}@buyermatch`);
    expect(ics).toContain("DTSTAMP:20260511T000000Z");
    expect(agendaToICalendar(agenda, { timezone: { Chicago: "America/Chicago", Detroit: "America/Detroit" }, calendarName: "Mission" })).toBe(ics);
    // Without the option, each city's zone comes from the gazetteer.
    expect(agendaToICalendar(agenda)).toContain("DTSTART;TZID=America/Chicago:20260511T090000");
  });

  it("finds a city's time zone whatever the key's case, spacing or Unicode form", () => {
    const ics = agendaToICalendar(agenda, { timezone: { "Ｃｈｉｃａｇｏ": "America/Chicago", "  DETROIT ": "America/Detroit" } });
    const starts = ics.split("BEGIN:VEVENT").slice(1).map((event) => /^DTSTART[^\r]*/m.exec(event)?.[0] ?? "");
    expect(starts).toHaveLength(agenda.meetings.length);
    // Every event is tagged: no time is left floating because the key was spelled differently.
    expect(starts.every((line) => line.startsWith("DTSTART;TZID=America/"))).toBe(true);
    expect(ics).toContain("DTSTART;TZID=America/Chicago:20260511T090000");
    expect(ics).toContain("DTSTART;TZID=America/Detroit:20260513T090000");
    expect(ics).toBe(agendaToICalendar(agenda, { timezone: { Chicago: "America/Chicago", Detroit: "America/Detroit" } }));
  });

  it("reports every time zone key that names no city of the agenda, with the bad zones", () => {
    try {
      agendaToICalendar(agenda, { timezone: { Chicgo: "America/Chicago", Detroit: "Mars/Olympus", Toledo: "America/Detroit" } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BuyerMatchError);
      expect((error as BuyerMatchError).issues.map((issue) => [issue.code, issue.path])).toEqual([
        ["unknown_reference", ["options", "timezone", "Chicgo"]],
        ["invalid_input", ["options", "timezone", "Detroit"]],
        ["unknown_reference", ["options", "timezone", "Toledo"]],
      ]);
    }
  });

  it("rejects an unknown time zone", () => {
    expect(() => agendaToICalendar(agenda, { timezone: "Mars/Olympus" })).toThrow(BuyerMatchError);
  });
});

describe("scores from the core", () => {
  it("scores every eligible pair in the mutual viewpoint when no scores are given", () => {
    const companies = [
      { id: "brake", name: "Hanil Brake", country: "KR", tier: "tier2" as const, languages: ["ko"], meetingBudget: 2, products: [{ name: "brake pads", hs: "870830" }] },
    ];
    const buyers = [
      { id: "zf", name: "ZF", country: "US", city: "Detroit", tier: "tier1" as const, languages: ["en"], meetingCapacity: 1, needs: [{ name: "brake components", hs: "8708" }] },
      { id: "local", name: "Local Only", country: "US", city: "Detroit", languages: ["en"], meetingCapacity: 1, sourcingCountries: ["US"], needs: [{ name: "brake pads" }] },
    ];
    const sessions = [{ id: "det", city: "Detroit", date: "2027-05-12", start: "09:00", slotMinutes: 45, slots: 4, tables: 2 }];
    const agenda = planMeetings({ companies, buyers, sessions });
    // The sourcing-restricted buyer is ineligible, so only ZF is met; its score is the core's mutual score.
    expect(agenda.meetings.map((meeting) => meeting.buyerId)).toEqual(["zf"]);
    const expected = matchAll(companies, buyers).byCompany.get("brake")!.find((match) => match.buyerId === "zf")!.score;
    expect(agenda.meetings[0]!.score).toBe(expected);
    expect(agenda.meetings[0]!.interpreter).toBe(true);
  });
});

describe("availability across cities", () => {
  it("lets a suburban buyer meet in the sessions it lists, and keeps its capacity over the mission", () => {
    const companies = [
      { id: "a", name: "A", country: "KR", languages: ["ko"], meetingBudget: 4 },
      { id: "b", name: "B", country: "KR", languages: ["ko"], meetingBudget: 4 },
    ];
    const sessions = [
      { id: "chi", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 45, slots: 2, tables: 2 },
      { id: "det", city: "Detroit", date: "2027-05-12", start: "09:00", slotMinutes: 45, slots: 2, tables: 2 },
    ];
    const buyers = [
      // Auburn Hills holds no session, but the buyer will come to both cities: at most 1 meeting over the mission.
      { id: "suburb", name: "Suburb", country: "US", city: "Auburn Hills", availability: ["chi", "det"], meetingCapacity: 1, languages: ["en"] },
      { id: "nowhere", name: "Nowhere", country: "US", city: "Peoria", meetingCapacity: 1, languages: ["en"] },
    ];
    const scores = [
      { companyId: "a", buyerId: "suburb", score: 0.9 },
      { companyId: "b", buyerId: "suburb", score: 0.8 },
      { companyId: "a", buyerId: "nowhere", score: 0.9 },
    ];
    const agenda = planMeetings({ companies, buyers, sessions, scores });
    expect(agenda.meetings.map((meeting) => `${meeting.companyId}-${meeting.buyerId}`)).toEqual(["a-suburb"]);
    // Peoria is in Arizona and Illinois: without a region the buyer is not placed, and it is not in either city.
    expect(agenda.unmatched.buyers).toEqual([
      {
        buyerId: "nowhere",
        reason: { code: "attends_no_session", cities: [{ code: "location_unknown", city: "Chicago" }, { code: "location_unknown", city: "Detroit" }] },
        message: expect.stringMatching(/^attends no session: the buyer's location is unknown .* and it is not in Chicago; .* and it is not in Detroit$/),
      },
    ]);
    // Auburn Hills (Michigan) is within Detroit's 80 km radius; it travels to Chicago because it listed that session.
    expect(agenda.attendance.get("suburb")?.map((entry) => [entry.city, entry.mode, entry.reason.code])).toEqual([
      ["Chicago", "in_person", "listed_session"],
      ["Detroit", "in_person", "within_radius"],
    ]);
  });
});
