/**
 * The candidate cut (`planCandidates`): each company keeps, per attendance group, only as many buyers as
 * any plan can meet there. These tests hold it to its claim: the planner's optimum over the kept pairs
 * equals its optimum over every pair the core scores (docs/plan.md, "Candidate cut").
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createMatcher, matchAll, type Buyer } from "../../src/index.js";
import { planMeetings, type PlanInput, type Session } from "../../src/plan/index.js";
import { planCandidates } from "../../src/plan/candidates.js";
import { planWithLists } from "../../src/plan/planMeetings.js";
import { allocate } from "../../src/plan/allocate.js";
import { parsePlanInput } from "../../src/plan/input.js";
import { buildModel } from "../../src/plan/model.js";
import { generateMarket } from "../../bench/market-generator.js";
import { mulberry32 } from "../support/random.js";

/** Every pair the core scores in the mutual viewpoint (what the planner used before the cut). */
function everyPair(input: PlanInput): { companyId: string; buyerId: string; score: number }[] {
  const { byCompany } = matchAll(input.companies, input.buyers, { viewpoint: "mutual" });
  return [...byCompany.values()].flat().map(({ companyId, buyerId, score }) => ({ companyId, buyerId, score }));
}

/** The allocation's lexicographic value: must-meets kept, then total score (the flow relaxation's optimum). */
function allocationValue(input: PlanInput, scores: readonly { companyId: string; buyerId: string; score: number }[]): { must: number; score: number; meetings: number } {
  const model = buildModel(parsePlanInput({ ...input, scores }));
  const meetings = allocate(model, new Map());
  let score = 0;
  let must = 0;
  for (const meeting of meetings) {
    const pair = model.pairs[meeting.pair]!;
    score += pair.score;
    if (pair.mustMeet) must++;
  }
  return { must, score, meetings: meetings.length };
}

/** A small generated market (real HS codes and sectors) around Chicago and Detroit with tight sessions, so lists are cut. */
function mission(seed: number, shape: { companies: number; buyers: number; slots: number; tables: number; online: number; availability: number; mustMeets: number; forbidden: number }): PlanInput {
  const random = mulberry32(seed);
  const market = generateMarket({ companies: shape.companies, buyers: shape.buyers, seed });
  const sessions: Session[] = [
    { id: "chi-1", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 30, slots: shape.slots, tables: shape.tables },
    { id: "chi-2", city: "Chicago", date: "2027-05-11", start: "09:00", slotMinutes: 30, slots: shape.slots, tables: shape.tables },
    { id: "det-1", city: "Detroit", date: "2027-05-12", start: "09:00", slotMinutes: 30, slots: shape.slots, tables: shape.tables },
  ];
  const buyers: Buyer[] = market.buyers.map((buyer) => {
    const roll = random();
    const city = roll < 0.45 ? "Chicago" : roll < 0.9 ? "Detroit" : "Toronto";
    const out: Buyer = { ...buyer, city, meetingCapacity: 1 + Math.floor(random() * 3) };
    if (random() < shape.online) out.online = true;
    if (random() < shape.availability) out.availability = city === "Chicago" ? ["chi-1"] : ["det-1"];
    return out;
  });
  const companies = market.companies.map((company) => ({ ...company, meetingBudget: 1 + Math.floor(random() * 6) }));
  const pairs = (count: number) =>
    Array.from({ length: count }, () => ({ companyId: companies[Math.floor(random() * companies.length)]!.id, buyerId: buyers[Math.floor(random() * buyers.length)]!.id }));
  const mustMeet = [...new Map(pairs(shape.mustMeets).map((pair) => [`${pair.companyId}|${pair.buyerId}`, pair])).values()];
  const required = new Set(mustMeet.map((pair) => `${pair.companyId}|${pair.buyerId}`));
  const forbidden = [...new Map(pairs(shape.forbidden).map((pair) => [`${pair.companyId}|${pair.buyerId}`, pair])).values()].filter((pair) => !required.has(`${pair.companyId}|${pair.buyerId}`));
  return { companies, buyers, sessions, mustMeet, forbidden };
}

const shapes = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  companies: fc.integer({ min: 1, max: 6 }),
  buyers: fc.integer({ min: 20, max: 120 }),
  slots: fc.integer({ min: 1, max: 3 }),
  tables: fc.integer({ min: 1, max: 3 }),
  online: fc.constantFrom(0, 0.2),
  availability: fc.constantFrom(0, 0.3),
  mustMeets: fc.integer({ min: 0, max: 3 }),
  forbidden: fc.integer({ min: 0, max: 6 }),
});

describe("planCandidates: the cut keeps the optimum", () => {
  test.prop([shapes], { seed: 15, numRuns: 40 })(
    "the allocation over the kept pairs is worth exactly what it is worth over every pair (must-meets kept, then score)",
    ({ seed, ...shape }) => {
      const input = mission(seed, shape);
      const candidates = planCandidates(input);
      const full = allocationValue(input, everyPair(input));
      const cut = allocationValue(input, candidates.scores);
      expect(cut.must).toBe(full.must);
      expect(cut.score).toBeCloseTo(full.score, 9);
    },
  );

  test.prop([shapes.map((shape) => ({ ...shape, online: 0, availability: 0 }))], { seed: 16, numRuns: 25 })(
    "without online buyers or availability limits the plan from the cut is optimal and scores what the uncut plan scores",
    ({ seed, ...shape }) => {
      const input = mission(seed, shape);
      const fromCut = planMeetings(input);
      const fromEvery = planMeetings({ ...input, scores: everyPair(input) });
      expect(fromCut.totals.optimal).toBe(fromEvery.totals.optimal);
      expect(fromCut.totals.meetings).toBe(fromEvery.totals.meetings);
      expect(fromCut.totals.totalScore).toBeCloseTo(fromEvery.totals.totalScore, 9);
    },
  );

  it("keeps per company and group no more buyers than the group's seats, and says which lists it cut", () => {
    const input = mission(2026, { companies: 4, buyers: 300, slots: 2, tables: 2, online: 0, availability: 0, mustMeets: 0, forbidden: 0 });
    const candidates = planCandidates(input);
    // Chicago: 2 sessions × 2 slots × 2 tables = 8 seats; Detroit: 4 seats.
    expect(candidates.groups.map((group) => [group.sessionIds.join("+"), group.limit])).toEqual([
      ["chi-1+chi-2", 8],
      ["det-1", 4],
    ]);
    for (const company of input.companies) expect(candidates.scores.filter((pair) => pair.companyId === company.id).length).toBeLessThanOrEqual(12);
    expect(candidates.cutCompanies.length).toBeGreaterThan(0);
    const agenda = planMeetings(input);
    const cutReason = agenda.unmatched.buyers.find((buyer) => candidates.unlisted.has(buyer.buyerId));
    expect(cutReason?.reason).toEqual({ code: "not_among_candidates", limit: expect.toSatisfy((limit: number) => limit === 8 || limit === 4) });
    expect(cutReason?.message).toMatch(/^not among the (8|4) best candidates of any exporter/);
  });

  it("keeps every must-meet's own score, even when no top list holds the pair", () => {
    const input = mission(99, { companies: 3, buyers: 200, slots: 1, tables: 1, online: 0, availability: 0, mustMeets: 0, forbidden: 0 });
    const candidates = planCandidates(input);
    const listed = new Set(candidates.scores.map((pair) => `${pair.companyId}|${pair.buyerId}`));
    const every = everyPair(input);
    const outside = every.find((pair) => !listed.has(`${pair.companyId}|${pair.buyerId}`) && input.buyers.find((buyer) => buyer.id === pair.buyerId)?.city !== "Toronto")!;
    const withRequest = planCandidates({ ...input, mustMeet: [{ companyId: outside.companyId, buyerId: outside.buyerId }] });
    expect(withRequest.scores.find((pair) => pair.companyId === outside.companyId && pair.buyerId === outside.buyerId)?.score).toBeCloseTo(outside.score, 12);
  });

  it("says the plan is not proven optimal when fairness meets a cut list", () => {
    const input = mission(2026, { companies: 4, buyers: 300, slots: 2, tables: 2, online: 0, availability: 0, mustMeets: 0, forbidden: 0 });
    const agenda = planMeetings({ ...input, fairness: 0.5 });
    expect(agenda.totals.optimal).toBe(false);
    expect(agenda.totals.optimalReason).toMatch(/fairness/);
  });
});

describe("planWithLists: the report's lists from the planner's own records", () => {
  test.prop([shapes, fc.integer({ min: 1, max: 8 }), fc.constantFrom(undefined, 0.3)], { seed: 17, numRuns: 20 })(
    "each company's list is exactly what createMatcher over every buyer ranks, and the agenda is planMeetings' own",
    (shape, top, minScore) => {
      const input: PlanInput = { ...mission(shape.seed, shape), matchOptions: { viewpoint: "mutual", ...(minScore === undefined ? {} : { minScore }) } };
      const { agenda, lists } = planWithLists(input, top);
      const matcher = createMatcher(input.buyers, { viewpoint: "mutual", ...(minScore === undefined ? {} : { minScore }), top });
      expect([...lists!.keys()]).toEqual(input.companies.map((company) => company.id));
      for (const company of input.companies) expect(lists!.get(company.id)).toEqual(matcher.rank(company));
      expect(agenda).toEqual(planMeetings(input));
    },
  );
});
