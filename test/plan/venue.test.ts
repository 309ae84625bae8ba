/**
 * Venues and travel: a Chicago + Detroit mission whose buyers are real S&P 500 headquarters around
 * both cities (test/fixtures/plan/venue-buyers.csv). Suburban buyers meet in person when within the
 * session's radius, and the agenda says why each buyer is in person, online or absent.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { planMeetings, planReasonText, VENUE_DEFAULTS, type PlanReason } from "../../src/plan/index.js";
import { distanceKm, findPlace, nearestPlace } from "../../src/plan/gazetteer.js";
import { attendanceText } from "../../src/plan/reasons.js";
import { attendanceOf, resolveVenues } from "../../src/plan/venue.js";
import { parsePlanInput } from "../../src/plan/input.js";
import { buyers, companies, scores, sessions } from "./missions.js";

/** Buyer → [Chicago mode and reason, Detroit mode and reason]. Distances from the fixture's coordinates. */
const EXPECTED: Record<string, readonly [string, string]> = {
  abt: ["in_person within_radius", "absent outside_radius"], // North Chicago, 51.7 km
  all: ["in_person within_radius", "absent outside_radius"], // Northbrook, 32.6 km
  adm: ["in_person within_radius", "absent outside_radius"], // Chicago itself, 0 km
  bax: ["in_person within_radius", "absent outside_radius"], // Deerfield, 37.4 km
  cdw: ["in_person within_radius", "absent outside_radius"], // Vernon Hills, 48.0 km
  cf: ["in_person within_radius", "absent outside_radius"], // Deerfield
  itw: ["in_person within_radius", "absent outside_radius"], // Glenview, 27.0 km
  ulta: ["in_person within_radius", "absent outside_radius"], // Bolingbrook, 44.2 km
  zbra: ["in_person within_radius", "absent outside_radius"], // Lincolnshire, 41.5 km
  ni: ["in_person within_radius", "absent outside_radius"], // Merrillville, Indiana: another state, 48.7 km
  sna: ["absent outside_radius", "absent outside_radius"], // Kenosha, Wisconsin: 81.9 km, just beyond 80
  de: ["absent outside_radius", "absent outside_radius"], // Moline, 243 km
  f: ["absent outside_radius", "in_person within_radius"], // Dearborn, 9.5 km from Detroit
  gm: ["absent outside_radius", "in_person within_radius"], // Detroit itself
  mas: ["absent outside_radius", "in_person within_radius"], // Livonia, 25.1 km
  dpz: ["absent outside_radius", "in_person within_radius"], // Ann Arbor, 60.0 km
  well: ["absent outside_radius", "absent outside_radius"], // Toledo, Ohio: 88.0 km
  cms: ["absent outside_radius", "absent outside_radius"], // Jackson, 109.6 km
  syk: ["online outside_radius", "online outside_radius"], // Kalamazoo, beyond both radii, meets online
  bwa: ["absent outside_radius", "in_person within_radius"], // Auburn Hills from the gazetteer
  ally: ["absent location_unknown", "in_person same_city"], // not placed; same city name as Detroit
};

describe("a Chicago + Detroit mission with suburban buyers", () => {
  const agenda = planMeetings({ companies, buyers, sessions, scores });

  it("makes each buyer's attendance when it is asked for, and the map reads like a Map in buyer id order", () => {
    const ids = buyers.map((buyer) => buyer.id).sort();
    expect(agenda.attendance.size).toBe(ids.length);
    expect([...agenda.attendance.keys()]).toEqual(ids);
    const walked = [...agenda.attendance];
    expect(walked.map(([id]) => id)).toEqual(ids);
    const viaForEach: [string, unknown][] = [];
    agenda.attendance.forEach((entries, id, map) => {
      expect(map).toBe(agenda.attendance);
      viaForEach.push([id, entries]);
    });
    expect(viaForEach).toEqual(walked);
    expect([...agenda.attendance.values()]).toEqual(walked.map(([, entries]) => entries));
    for (const [id, entries] of walked) {
      expect(agenda.attendance.has(id)).toBe(true);
      expect(agenda.attendance.get(id)).toEqual(entries);
    }
    for (const missing of ["", "zzz", "ALL", "all "]) {
      expect(agenda.attendance.has(missing)).toBe(false);
      expect(agenda.attendance.get(missing)).toBeUndefined();
    }
    expect([...new Map(agenda.attendance)]).toEqual(walked);
  });

  it("gives unmatched buyers with the same reason one shared reason and message", () => {
    const many = planMeetings({ companies, buyers: buyers.map((buyer) => ({ ...buyer, meetingCapacity: 0 })), sessions, scores });
    const reasons = new Set(many.unmatched.buyers.map((entry) => entry.reason));
    expect(many.unmatched.buyers).toHaveLength(buyers.length);
    expect(reasons.size).toBe(1);
    expect(many.unmatched.buyers[0]).toEqual({ buyerId: [...buyers.map((buyer) => buyer.id)].sort()[0], reason: { code: "capacity_zero" }, message: planReasonText({ code: "capacity_zero" }) });
  });

  it("says for every buyer how it attends each city, and why", () => {
    const seen = Object.fromEntries(buyers.map((buyer) => [buyer.id, agenda.attendance.get(buyer.id)?.map((entry) => `${entry.mode} ${entry.reason.code}`)]));
    expect(seen).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([id, modes]) => [id, [...modes]])));
  });

  it("records distances and radii in the reasons, and words them", () => {
    const ford = agenda.attendance.get("f")!;
    expect(ford[1]).toEqual({
      city: "Detroit",
      sessionIds: ["det-1"],
      mode: "in_person",
      reason: { code: "within_radius", city: "Detroit", distanceKm: 9.5, radiusKm: 80, located: "coordinates" },
      message: "in person: 9.5 km from the Detroit venue, within the 80 km travel radius",
    });
    expect(agenda.attendance.get("sna")![0]!.message).toBe("absent: 81.9 km from the Chicago venue, beyond the 80 km travel radius");
    expect(agenda.attendance.get("bwa")![1]!.reason).toMatchObject({ code: "within_radius", located: "gazetteer" });
    expect(attendanceText("online", agenda.attendance.get("syk")![1]!.reason, "ko")).toBe("온라인: Detroit 행사장에서 204.5 km, 이동 반경 80 km 밖");
  });

  it("meets suburban buyers in person, only the online buyer online, and nobody where it is absent", () => {
    expect(agenda.meetings.length).toBeGreaterThan(20);
    for (const meeting of agenda.meetings) {
      const [chicago, detroit] = EXPECTED[meeting.buyerId]!;
      const expected = meeting.city === "Chicago" ? chicago : detroit;
      expect(expected.startsWith("absent"), `${meeting.buyerId} in ${meeting.city}`).toBe(false);
      expect(meeting.online).toBe(expected.startsWith("online"));
      expect(meeting.attendance.reason.code).toBe(expected.split(" ")[1]);
      expect(meeting.attendance.message).toBe(planReasonText(meeting.attendance.reason));
    }
    const suburban = agenda.meetings.filter((meeting) => ["all", "bax", "cf", "f", "mas", "bwa"].includes(meeting.buyerId));
    expect(suburban.length).toBeGreaterThan(0);
    expect(suburban.every((meeting) => !meeting.online)).toBe(true);
    expect(agenda.meetings.filter((meeting) => meeting.online).every((meeting) => meeting.buyerId === "syk")).toBe(true);
  });

  it("lists buyers that attend nothing with every city's reason", () => {
    const toledo = agenda.unmatched.buyers.find((buyer) => buyer.buyerId === "well");
    expect(toledo?.reason).toEqual({
      code: "attends_no_session",
      cities: [
        { code: "outside_radius", city: "Chicago", distanceKm: 339, radiusKm: 80, located: "coordinates" },
        { code: "outside_radius", city: "Detroit", distanceKm: 88, radiusKm: 80, located: "coordinates" },
      ],
    });
    expect(toledo?.message).toBe("attends no session: 339 km from the Chicago venue, beyond the 80 km travel radius; 88 km from the Detroit venue, beyond the 80 km travel radius");
  });

  it("keeps the venues in the agenda, with the time zone of each city", () => {
    expect(agenda.venues).toEqual([
      { sessionId: "chi-1", city: "Chicago", venue: "McCormick Place", subdivision: "US-IL", lat: 41.886, lon: -87.618, located: "gazetteer", alternatives: 0, timeZone: "America/Chicago", radiusKm: 80 },
      { sessionId: "det-1", city: "Detroit", venue: "Huntington Place", subdivision: "US-MI", lat: 42.347429, lon: -83.060398, located: "coordinates", alternatives: 0, timeZone: "America/Detroit", radiusKm: 80 },
    ]);
  });

  it("takes a wider radius from the session: Kenosha at 81.9 km comes in person at 90 km", () => {
    const wider = planMeetings({ companies, buyers, sessions: sessions.map((session) => (session.id === "chi-1" ? { ...session, radiusKm: 90 } : session)), scores });
    expect(wider.attendance.get("sna")![0]).toMatchObject({ mode: "in_person", reason: { code: "within_radius", distanceKm: 81.9, radiusKm: 90 } });
  });
});

describe("the gazetteer", () => {
  it("finds a city in its state, with the county's time zone where a state has several", () => {
    expect(findPlace("Dearborn", "US-MI")?.place).toEqual({ city: "Dearborn", subdivision: "US-MI", lat: 42.305, lon: -83.16, timeZone: "America/Detroit" });
    expect(findPlace("Gary", "US-IN")?.place.timeZone).toBe("America/Chicago"); // Lake County, Indiana: Central
    expect(findPlace("Indianapolis", "US-IN")?.place.timeZone).toBe("America/Indiana/Indianapolis");
    expect(findPlace("El Paso", "US-TX")?.place.timeZone).toBe("America/Denver");
    expect(findPlace("Knoxville", "US-TN")?.place.timeZone).toBe("America/New_York"); // East Tennessee
    expect(findPlace("Nashville", "US-TN")?.place.timeZone).toBe("America/Chicago");
    expect(findPlace("Phoenix", "US-AZ")?.place.timeZone).toBe("America/Phoenix");
    expect(findPlace("  dearborn ", "us-mi")?.place.city).toBe("Dearborn");
    expect(findPlace("Dearborn", "US-CA")).toBeUndefined();
    expect(findPlace("Atlantis")).toBeUndefined();
  });

  it("resolves a name in several states to the densest place and says how many others there are", () => {
    expect(findPlace("Detroit")).toMatchObject({ place: { subdivision: "US-MI" }, alternatives: 4 });
    expect(findPlace("Chicago")).toMatchObject({ place: { subdivision: "US-IL" }, alternatives: 0 });
  });

  it("finds the namesake at a venue's coordinates, and gives a venue there its zone", () => {
    expect(nearestPlace("Portland", { lat: 43.66, lon: -70.26 })).toMatchObject({ subdivision: "US-ME", timeZone: "America/New_York" });
    expect(nearestPlace("Portland", { lat: 45.52, lon: -122.68 })).toMatchObject({ subdivision: "US-OR", timeZone: "America/Los_Angeles" });
    expect(nearestPlace("Portland", { lat: 0, lon: 0 })).toBeUndefined();
    const [venue] = resolveVenues([parsePlanInput({ companies: [], buyers: [], scores: [], sessions: [{ id: "p", city: "Portland", location: { lat: 43.66, lon: -70.26 }, date: "2026-05-14", start: "09:00", slotMinutes: 30, slots: 2, tables: 1 }] }).sessions[0]!]);
    expect(venue).toMatchObject({ located: "coordinates", subdivision: "US-ME", timeZone: "America/New_York" });
  });

  it("measures great-circle distances", () => {
    expect(distanceKm({ lat: 41.886, lon: -87.618 }, { lat: 41.886, lon: -87.618 })).toBe(0);
    // Chicago to Detroit by air is about 380 km.
    expect(distanceKm({ lat: 41.885847, lon: -87.618123 }, { lat: 42.347429, lon: -83.060398 })).toBeCloseTo(379.4, 1);
  });

  it("places a session city without a state at its densest namesake, and says so", () => {
    const [venue] = resolveVenues([parsePlanInput({ companies: [], buyers: [], scores: [], sessions: [{ id: "d", city: "Detroit", date: "2026-05-14", start: "09:00", slotMinutes: 30, slots: 2, tables: 1 }] }).sessions[0]!]);
    expect(venue).toMatchObject({ located: "gazetteer", subdivision: "US-MI", alternatives: 4, timeZone: "America/Detroit", radiusKm: VENUE_DEFAULTS.radiusKm });
  });
});

describe("venue input", () => {
  it("rejects a negative radius, a bad region and bad coordinates, each at its path", () => {
    const session = { id: "s", city: "Chicago", date: "2026-05-12", start: "09:00", slotMinutes: 30, slots: 2, tables: 1 };
    let error: unknown;
    try {
      parsePlanInput({ companies: [], buyers: [], scores: [], sessions: [{ ...session, radiusKm: -1, region: "Illinois", location: { lat: 95, lon: 0 } }] });
    } catch (caught) {
      error = caught;
    }
    const paths = (error as { issues: { path: (string | number)[] }[] }).issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["sessions.0.radiusKm", "sessions.0.region", "sessions.0.location.lat"]));
  });
});

describe("planner reasons", () => {
  const attendance: PlanReason[] = [
    { code: "within_radius", city: "Chicago", distanceKm: 35.9, radiusKm: 80, located: "coordinates" },
    { code: "outside_radius", city: "Chicago", distanceKm: 412, radiusKm: 80, located: "gazetteer" },
    { code: "same_city", city: "Detroit" },
    { code: "location_unknown", city: "Chicago" },
    { code: "venue_unknown", city: "Peoria" },
    { code: "listed_session", city: "Chicago", sessionId: "chi-1" },
    { code: "not_in_availability", city: "Chicago", sessionId: "chi-2" },
  ];
  const every: PlanReason[] = [
    ...attendance,
    { code: "no_common_slot" },
    { code: "no_table_left" },
    { code: "unknown_city" },
    { code: "budget_zero" },
    { code: "no_candidates", minScore: 0.4 },
    { code: "budget_below_minimum", budget: 2, minimum: 3 },
    { code: "too_few_candidates", candidates: 1, minimum: 3 },
    { code: "company_crowded_out" },
    { code: "capacity_zero" },
    { code: "attends_no_session", cities: [attendance[1] as never] },
    { code: "no_company_scored" },
    { code: "below_min_score", minScore: 0.4 },
    { code: "buyer_crowded_out" },
    { code: "company_budget_zero" },
    { code: "buyer_cannot_meet", because: { code: "capacity_zero" } },
    { code: "must_meets_conflict" },
  ];

  it("renders every code in English and in Korean, with its parameters", () => {
    const english = new Set<string>();
    for (const reason of every) {
      const en = planReasonText(reason, "en");
      const ko = planReasonText(reason, "ko");
      expect(en).not.toMatch(/undefined|NaN|\[object/);
      expect(ko).not.toMatch(/undefined|NaN|\[object/);
      expect(ko).toMatch(/[\uac00-\ud7a3]/);
      expect(en).not.toMatch(/[\uac00-\ud7a3]/);
      for (const value of Object.values(reason)) if (typeof value === "number") expect(en).toContain(String(value));
      english.add(en);
    }
    expect(english.size).toBe(every.length);
  });
});

describe("attendance rules", () => {
  const venue = resolveVenues([parsePlanInput({ companies: [], buyers: [], scores: [], sessions: [sessions[0]!] }).sessions[0]!]);
  const point = fc.record({ lat: fc.double({ min: 40, max: 44, noNaN: true }), lon: fc.double({ min: -90, max: -85, noNaN: true }) });

  test.prop([point, fc.boolean()], { seed: 42, numRuns: 300 })("a buyer within the radius is in person, beyond it online if it meets online, else absent", (location, online) => {
    const [attendance] = attendanceOf({ id: "b", name: "B", country: "US", location, ...(online ? { online } : {}) }, venue);
    const distance = distanceKm(location, { lat: 41.886, lon: -87.618 });
    const expected = Math.round(distance * 10) / 10 <= 80 ? "in_person" : online ? "online" : "absent";
    expect(attendance?.mode).toBe(expected);
  });
});
