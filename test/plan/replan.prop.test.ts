/**
 * `replan`: untouched meetings never move, and the refill is the best one for the freed capacity, as an
 * independent integer program solved by HiGHS says (written here from the raw input and the pinned
 * meetings; it shares no code with the planner).
 */
import { fc, test } from "@fast-check/vitest";
import { beforeAll, describe, expect, it } from "vitest";
import { BuyerMatchError } from "../../src/index.js";
import { planMeetings, replan, type Meeting, type PlanChange, type PlanInput } from "../../src/plan/index.js";
import { brokenRules, mulberry32, randomInstance, type ScoredPlanInput } from "./instances.js";
import { loadHighs, type Highs } from "./lp.js";

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const lower = (text: string): string => text.trim().toLowerCase();
const key = (companyId: string, buyerId: string): string => `${companyId}|${buyerId}`;

/**
 * The best refill value given pinned meetings: binary x[pair, session, slot] where both sides and a
 * table are free, each pair at most once, budgets and capacities net of the pinned meetings. Value:
 * score, plus a bonus larger than every score together for a must-meet.
 */
function bestRefill(input: ScoredPlanInput, pinned: readonly Meeting[], lost: ReadonlySet<string>): number {
  const minScore = input.minScore ?? 0;
  const forbidden = new Set((input.forbidden ?? []).map((p) => key(p.companyId, p.buyerId)));
  const must = new Set((input.mustMeet ?? []).map((p) => key(p.companyId, p.buyerId)));
  const bonus = 1 + input.scores.reduce((sum, s) => sum + Math.abs(s.score), 0);
  const totalSlots = input.sessions.reduce((sum, s) => sum + s.slots, 0);
  const pinnedPairs = new Set(pinned.map((m) => key(m.companyId, m.buyerId)));
  const busy = new Set(pinned.flatMap((m) => [`c|${m.companyId}|${m.sessionId}|${m.slot}`, `b|${m.buyerId}|${m.sessionId}|${m.slot}`]));
  const tablesUsed = new Map<string, number>();
  for (const m of pinned) tablesUsed.set(`${m.sessionId}|${m.slot}`, (tablesUsed.get(`${m.sessionId}|${m.slot}`) ?? 0) + 1);
  const countOf = (field: "companyId" | "buyerId", id: string): number => pinned.filter((m) => m[field] === id).length;
  const scoreOf = new Map(input.scores.map((s) => [key(s.companyId, s.buyerId), s.score]));
  const pairs = new Set([...scoreOf.keys(), ...must]);
  const variables: { name: string; company: string; buyer: string; cell: string; pair: string; value: number }[] = [];
  for (const pair of [...pairs].sort()) {
    const [companyId, buyerId] = pair.split("|") as [string, string];
    const score = scoreOf.get(pair) ?? 0;
    if (forbidden.has(pair) || pinnedPairs.has(pair) || (!must.has(pair) && !(score >= minScore))) continue;
    const buyer = input.buyers.find((b) => b.id === buyerId)!;
    for (const session of input.sessions) {
      if (!(buyer.online === true || lower(buyer.city ?? "") === lower(session.city))) continue;
      if (buyer.availability !== undefined && !buyer.availability.includes(session.id)) continue;
      for (let slot = 1; slot <= session.slots; slot++) {
        const cell = `${session.id}|${slot}`;
        if (lost.has(cell) || busy.has(`c|${companyId}|${cell}`) || busy.has(`b|${buyerId}|${cell}`)) continue;
        if (session.tables - (tablesUsed.get(cell) ?? 0) <= 0) continue;
        variables.push({ name: `x${variables.length}`, company: companyId, buyer: buyerId, cell, pair, value: score + (must.has(pair) ? bonus : 0) });
      }
    }
  }
  if (variables.length === 0) return 0;
  const rows: string[] = [];
  const group = (by: (v: (typeof variables)[number]) => string, limit: (k: string) => number): void => {
    const groups = new Map<string, string[]>();
    for (const v of variables) groups.set(by(v), [...(groups.get(by(v)) ?? []), v.name]);
    for (const [k, names] of groups) rows.push(` r${rows.length}: ${names.join(" + ")} <= ${limit(k)}`);
  };
  group((v) => v.pair, () => 1);
  group((v) => `${v.company}|${v.cell}`, () => 1);
  group((v) => `${v.buyer}|${v.cell}`, () => 1);
  group((v) => v.cell, (cell) => input.sessions.find((s) => s.id === cell.split("|")[0])!.tables - (tablesUsed.get(cell) ?? 0));
  group((v) => v.company, (c) => Math.max(0, Math.min(input.companies.find((x) => x.id === c)!.meetingBudget ?? Infinity, totalSlots) - countOf("companyId", c)));
  group((v) => v.buyer, (b) => Math.max(0, (input.buyers.find((x) => x.id === b)!.meetingCapacity ?? 1) - countOf("buyerId", b)));
  const text = ["Maximize", ` obj: ${variables.map((v) => `${v.value} ${v.name}`).join(" + ")}`, "Subject To", ...rows, "Binary", ...variables.map((v) => ` ${v.name}`), "End"].join("\n");
  const result = highs.solve(text, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 });
  if (result.Status !== "Optimal") throw new Error(`HiGHS: ${result.Status}`);
  return result.ObjectiveValue;
}

/** The mission after the changes, written independently of `replan` (for the oracle and the rule checks). */
function changed(input: ScoredPlanInput, changes: readonly PlanChange[]): { mission: ScoredPlanInput; lost: Set<string> } {
  let { companies, buyers, sessions, forbidden = [], mustMeet = [] } = input;
  const lost = new Set<string>();
  for (const change of changes) {
    if (change.kind === "withdraw-buyer") buyers = buyers.filter((b) => b.id !== change.buyerId);
    if (change.kind === "withdraw-company") companies = companies.filter((c) => c.id !== change.companyId);
    if (change.kind === "add-buyer") buyers = [...buyers, change.buyer];
    if (change.kind === "lose-session") {
      sessions = sessions.filter((s) => s.id !== change.sessionId);
      buyers = buyers.map((b) => (b.availability === undefined ? b : { ...b, availability: b.availability.filter((id) => id !== change.sessionId) }));
    }
    if (change.kind === "lose-slot") lost.add(`${change.sessionId}|${change.slot}`);
    if (change.kind === "forbid") {
      forbidden = [...forbidden, { companyId: change.companyId, buyerId: change.buyerId }];
      mustMeet = mustMeet.filter((p) => key(p.companyId, p.buyerId) !== key(change.companyId, change.buyerId));
    }
    if (change.kind === "require") {
      mustMeet = [...mustMeet, { companyId: change.companyId, buyerId: change.buyerId }];
      forbidden = forbidden.filter((p) => key(p.companyId, p.buyerId) !== key(change.companyId, change.buyerId));
    }
  }
  const companyIds = new Set(companies.map((c) => c.id));
  const buyerIds = new Set(buyers.map((b) => b.id));
  const present = (p: { companyId: string; buyerId: string }): boolean => companyIds.has(p.companyId) && buyerIds.has(p.buyerId);
  return { mission: { ...input, companies, buyers, sessions, forbidden: forbidden.filter(present), mustMeet: mustMeet.filter(present), scores: input.scores.filter(present) }, lost };
}

/** A random instance, its plan, and a few random changes to it (a new buyer's scores are in the input from the start). */
function scenario(seed: number, changeCount: number): { input: ScoredPlanInput; before: ScoredPlanInput; changes: PlanChange[] } {
  const random = mulberry32(seed ^ 0x5bd1e995);
  const pick = <T,>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const full = randomInstance(seed, {
    companies: 2 + Math.floor(random() * 3),
    buyers: 3 + Math.floor(random() * 5),
    cities: [
      { name: "Chicago", sessions: 1 + Math.floor(random() * 2), slots: 1 + Math.floor(random() * 3), tables: 1 + Math.floor(random() * 2) },
      { name: "Detroit", sessions: 1, slots: 1 + Math.floor(random() * 3), tables: 1 + Math.floor(random() * 2) },
    ],
    scoredPerCompany: 6,
    maxBudget: 4,
    maxCapacity: 3,
    onlineShare: 0.2,
    availabilityShare: 0.2,
    mustMeets: 1,
    forbidden: 1,
    minScore: 0.1,
  });
  // The last buyer joins later: the first plan is made without it.
  const newcomer = full.buyers[full.buyers.length - 1]!;
  const before: ScoredPlanInput = { ...full, buyers: full.buyers.slice(0, -1), scores: full.scores.filter((s) => s.buyerId !== newcomer.id), forbidden: (full.forbidden ?? []).filter((p) => p.buyerId !== newcomer.id), mustMeet: (full.mustMeet ?? []).filter((p) => p.buyerId !== newcomer.id) };
  const agenda = planMeetings(before);
  const changes: PlanChange[] = [];
  const kinds = ["withdraw-buyer", "withdraw-company", "add-buyer", "lose-session", "lose-slot", "forbid", "require"] as const;
  const used = new Set<string>();
  for (let i = 0; i < changeCount; i++) {
    const kind = pick(kinds)!;
    const meeting = pick(agenda.meetings);
    if (kind === "withdraw-buyer" && meeting !== undefined && !used.has(`b${meeting.buyerId}`)) {
      used.add(`b${meeting.buyerId}`);
      changes.push({ kind, buyerId: meeting.buyerId });
    } else if (kind === "withdraw-company" && meeting !== undefined && !used.has(`c${meeting.companyId}`) && before.companies.length - [...used].filter((u) => u.startsWith("c")).length > 1) {
      used.add(`c${meeting.companyId}`);
      changes.push({ kind, companyId: meeting.companyId });
    } else if (kind === "add-buyer" && !used.has("add")) {
      used.add("add");
      changes.push({ kind, buyer: newcomer });
    } else if (kind === "lose-session" && meeting !== undefined && !used.has(`s${meeting.sessionId}`) && before.sessions.length - [...used].filter((u) => u.startsWith("s")).length > 1) {
      used.add(`s${meeting.sessionId}`);
      changes.push({ kind, sessionId: meeting.sessionId });
    } else if (kind === "lose-slot" && meeting !== undefined) {
      changes.push({ kind, sessionId: meeting.sessionId, slot: meeting.slot });
    } else if (kind === "forbid" && meeting !== undefined) {
      changes.push({ kind, companyId: meeting.companyId, buyerId: meeting.buyerId });
    } else if (kind === "require") {
      const pair = pick(before.scores);
      if (pair !== undefined) changes.push({ kind, companyId: pair.companyId, buyerId: pair.buyerId });
    }
  }
  // Changes refer to parties by id; a withdrawn party's later changes would be unknown references.
  const gone = new Set(changes.flatMap((c) => (c.kind === "withdraw-buyer" ? [c.buyerId] : c.kind === "withdraw-company" ? [c.companyId] : [])));
  const lostSessions = new Set(changes.flatMap((c) => (c.kind === "lose-session" ? [c.sessionId] : [])));
  const valid = changes.filter((c) => !(("companyId" in c && c.kind !== "withdraw-company" && gone.has(c.companyId)) || ("buyerId" in c && c.kind !== "withdraw-buyer" && gone.has(c.buyerId)) || (c.kind === "lose-slot" && lostSessions.has(c.sessionId))));
  return { input: { ...full, buyers: before.buyers, forbidden: before.forbidden ?? [], mustMeet: before.mustMeet ?? [] }, before, changes: valid };
}

describe("replan", () => {
  test.prop([fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 3 })], { seed: 1515, numRuns: 80 })(
    "no untouched meeting moves, every previous meeting is kept, moved or cancelled, the new agenda keeps every rule, and the refill is optimal against HiGHS",
    (seed, changeCount) => {
      const { input, before, changes } = scenario(seed, changeCount);
      const previous = planMeetings(before);
      const result = replan(previous, { input, changes });
      const { mission, lost } = changed(input, changes);

      // Untouched: both sides still here, session and slot still held, pair not forbidden.
      const gone = new Set(changes.flatMap((c) => (c.kind === "withdraw-buyer" ? [`b${c.buyerId}`] : c.kind === "withdraw-company" ? [`c${c.companyId}`] : c.kind === "lose-session" ? [`s${c.sessionId}`] : [])));
      // Forbidden in the end: a pair forbidden and then required again is not touched.
      for (const pair of mission.forbidden ?? []) gone.add(`p${key(pair.companyId, pair.buyerId)}`);
      const keptKeys = new Set(result.kept.map((m) => `${m.sessionId}|${m.slot}|${m.table}|${m.companyId}|${m.buyerId}`));
      for (const meeting of previous.meetings) {
        const touched = gone.has(`b${meeting.buyerId}`) || gone.has(`c${meeting.companyId}`) || gone.has(`s${meeting.sessionId}`) || gone.has(`p${key(meeting.companyId, meeting.buyerId)}`) || lost.has(`${meeting.sessionId}|${meeting.slot}`);
        const here = keptKeys.has(`${meeting.sessionId}|${meeting.slot}|${meeting.table}|${meeting.companyId}|${meeting.buyerId}`);
        expect(here, `untouched ${JSON.stringify(meeting)}`).toBe(!touched);
      }
      expect(result.kept.length + result.moved.length + result.cancelled.length).toBe(previous.meetings.length);
      expect(result.agenda.meetings.length).toBe(result.kept.length + result.moved.length + result.added.length);

      expect(brokenRules(mission, result.agenda)).toEqual([]);
      for (const meeting of result.agenda.meetings) expect(lost.has(`${meeting.sessionId}|${meeting.slot}`)).toBe(false);

      expect(result.refillOptimal).toBe(true);
      const must = new Set((mission.mustMeet ?? []).map((p) => key(p.companyId, p.buyerId)));
      const bonus = 1 + mission.scores.reduce((sum, s) => sum + Math.abs(s.score), 0);
      const refill = [...result.added, ...result.moved.map((m) => m.to)].reduce((sum, m) => sum + m.score + (must.has(key(m.companyId, m.buyerId)) ? bonus : 0), 0);
      expect(refill).toBeCloseTo(bestRefill(mission, result.kept, lost), 6);
    },
  );
});

describe("replan on a Chicago day", () => {
  const input: PlanInput = {
    companies: [
      { id: "jinju-01-hanil-brake", name: "Hanil Brake", country: "KR", languages: ["ko", "en"], meetingBudget: 2 },
      { id: "jinju-02-woojin-ict", name: "Woojin ICT", country: "KR", languages: ["ko"], meetingBudget: 2 },
    ],
    buyers: [
      { id: "cdw", name: "CDW", country: "US", city: "Chicago", languages: ["en"], meetingCapacity: 2 },
      { id: "motorola", name: "Motorola Solutions", country: "US", city: "Chicago", languages: ["en"], meetingCapacity: 2 },
      { id: "ulta", name: "Ulta Beauty", country: "US", city: "Chicago", languages: ["en"], meetingCapacity: 2 },
    ],
    sessions: [{ id: "chi-1", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 30, slots: 3, tables: 2 }],
    scores: [
      { companyId: "jinju-01-hanil-brake", buyerId: "cdw", score: 0.71 },
      { companyId: "jinju-01-hanil-brake", buyerId: "motorola", score: 0.64 },
      { companyId: "jinju-01-hanil-brake", buyerId: "ulta", score: 0.3 },
      { companyId: "jinju-02-woojin-ict", buyerId: "cdw", score: 0.82 },
      { companyId: "jinju-02-woojin-ict", buyerId: "motorola", score: 0.77 },
      { companyId: "jinju-02-woojin-ict", buyerId: "ulta", score: 0.2 },
    ],
  };
  const agenda = planMeetings(input);

  it("keeps the others at their slot and table when a buyer cancels, and says what was cancelled and added", () => {
    const result = replan(JSON.parse(JSON.stringify({ meetings: agenda.meetings })), { input, changes: [{ kind: "withdraw-buyer", buyerId: "motorola" }] });
    const untouched = agenda.meetings.filter((m) => m.buyerId !== "motorola");
    expect(result.kept.map((m) => [m.companyId, m.buyerId, m.slot, m.table])).toEqual(untouched.map((m) => [m.companyId, m.buyerId, m.slot, m.table]));
    expect(result.cancelled.map((c) => [c.meeting.buyerId, c.reason])).toEqual(agenda.meetings.filter((m) => m.buyerId === "motorola").map(() => ["motorola", "the buyer withdrew"]));
    // Ulta was left out for Motorola; with Motorola gone its freed slots go to Ulta.
    expect(result.added.every((m) => m.buyerId === "ulta")).toBe(true);
    expect(result.added.length).toBeGreaterThan(0);
  });

  it("moves a meeting whose slot is lost to a free slot, and lists it as moved", () => {
    const first = agenda.meetings.find((m) => m.slot === 1)!;
    const result = replan(agenda, { input, changes: [{ kind: "lose-slot", sessionId: "chi-1", slot: 1 }] });
    expect(result.agenda.meetings.some((m) => m.slot === 1)).toBe(false);
    expect(result.kept.every((m) => m.slot !== 1)).toBe(true);
    expect(result.moved.length + result.cancelled.length).toBe(agenda.meetings.filter((m) => m.slot === 1).length);
    for (const { from, to } of result.moved) expect([from.companyId, from.buyerId]).toEqual([to.companyId, to.buyerId]);
    expect(first.slot).toBe(1);
  });

  it("reports every bad change with its path, at once", () => {
    let error: unknown;
    try {
      replan(agenda, { input, changes: [{ kind: "withdraw-buyer", buyerId: "sears" }, { kind: "lose-slot", sessionId: "chi-1", slot: 0 } as PlanChange, { kind: "teleport" } as unknown as PlanChange] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BuyerMatchError);
    const paths = (error as BuyerMatchError).issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["changes.changes.1.slot", "changes.changes.2.kind"]));
    expect(() => replan({ meetings: [{ companyId: "x" }] }, { input, changes: [] })).toThrow(BuyerMatchError);
  });
});
