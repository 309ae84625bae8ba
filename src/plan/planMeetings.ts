/**
 * The meeting planner: validate once, allocate by min-cost flow, slot each city by edge colouring,
 * and assemble the agenda with its explanations.
 */
import { describeValue, issueError } from "../schema/errors.js";
import type { Agenda, CityTotals, Meeting, UnkeptMustMeet, UnmatchedBuyer, UnmatchedCompany, UnplacedMeeting } from "./agenda.js";
import { allocate, type AllocatedMeeting } from "./allocate.js";
import { planCandidates, type CandidateSet } from "./candidates.js";
import { parsePlanInput, type PlanInput } from "./input.js";
import { buildModel, compareIds, pairKey, type ModelBuyer, type PlanModel } from "./model.js";
import type { SlotRequest } from "./slot.js";
import { countPlanBreaks, slotCityWithFewestBreaks } from "./slotBreaks.js";
import { reasonText, type AttendanceReason, type BuyerReason, type CompanyReason, type MustMeetReason, type SlotReason } from "./reasons.js";
import { groupAttendance } from "./venue.js";
import { meetingOf } from "./meeting.js";
import type { Match } from "../score/types.js";


/** Rounds that pin only the online buyers breaking a rule, before all are pinned at once. */
const PINNING_ROUNDS = 3;

/**
 * Runs the allocation. The flow gives a buyer who can meet in several cities (an online buyer, or one
 * available in sessions of more than one city) a capacity in each city, a relaxation of "its
 * capacity over the whole mission and each company once". When the relaxed optimum keeps both rules it
 * is optimal. Otherwise the online buyers that break a rule are pinned to one city (where the relaxed
 * plan gave them the most value) and the flow is solved again, for a few rounds; if rules still break,
 * every online buyer left is pinned (by value, else by the slots it attends) for a last solve, which
 * cannot break them. So the allocation costs at most PINNING_ROUNDS + 1 solves.
 */
function allocateWithOnlineBuyers(model: PlanModel): { meetings: AllocatedMeeting[]; pinnedAny: boolean } {
  const pinned = new Map<number, number>();
  const bestCity = (ranking: ReadonlyMap<number, number>): number | undefined =>
    [...ranking.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]?.[0];
  for (let round = 0; ; round++) {
    const meetings = allocate(model, pinned);
    const value = new Map<number, Map<number, number>>();
    const seenPairs = new Map<number, Set<number>>();
    const violators = new Set<number>();
    for (const meeting of meetings) {
      const pair = model.pairs[meeting.pair];
      // Only a buyer who can meet in more than one city (online, or available in sessions of several) can break the rules.
      if (pair === undefined || (model.buyers[pair.buyer]?.slotsByCity.size ?? 0) <= 1 || pinned.has(pair.buyer)) continue;
      const cities = value.get(pair.buyer) ?? new Map<number, number>();
      cities.set(meeting.city, (cities.get(meeting.city) ?? 0) + 1 + pair.score);
      value.set(pair.buyer, cities);
      const pairs = seenPairs.get(pair.buyer) ?? new Set<number>();
      if (pairs.has(meeting.pair) || pairs.size + 1 > (model.buyers[pair.buyer]?.capacity ?? 0)) violators.add(pair.buyer);
      pairs.add(meeting.pair);
      seenPairs.set(pair.buyer, pairs);
    }
    if (violators.size === 0) return { meetings, pinnedAny: pinned.size > 0 };
    for (const buyer of [...violators].sort((a, b) => a - b)) {
      const city = bestCity(value.get(buyer) ?? new Map());
      if (city !== undefined) pinned.set(buyer, city);
    }
    if (round + 1 >= PINNING_ROUNDS) {
      model.buyers.forEach((buyer, b) => {
        if (buyer.slotsByCity.size <= 1 || pinned.has(b)) return;
        const city = bestCity(value.get(b) ?? buyer.slotsByCity);
        if (city !== undefined) pinned.set(b, city);
      });
      return { meetings: allocate(model, pinned), pinnedAny: true };
    }
  }
}

/**
 * Numbers the tables of each session so that exporters stay seated and buyers rotate: with no more
 * exporters than tables each has its own table; otherwise an exporter keeps the first table it got
 * whenever that table is free, else takes the lowest free one.
 * Slots are walked in order and meetings in company order, so seating is reproducible.
 */
function assignTables(model: PlanModel, placed: readonly { pair: number; session: number; slot: number }[]): Map<number, number> {
  const tableOf = new Map<number, number>();
  const bySession = new Map<number, { pair: number; session: number; slot: number }[]>();
  for (const item of placed) bySession.set(item.session, [...(bySession.get(item.session) ?? []), item]);
  for (const items of bySession.values()) {
    items.sort((a, b) => a.slot - b.slot || a.pair - b.pair);
    const home = new Map<number, number>();
    // When every exporter of the session can have a table of its own, give it one (in id order).
    const companies = [...new Set(items.map((item) => model.pairs[item.pair]?.company ?? -1))].sort((a, b) => a - b);
    const tables = model.sessions[items[0]?.session ?? -1]?.tables ?? 0;
    if (companies.length <= tables) companies.forEach((company, index) => home.set(company, index + 1));
    for (let start = 0; start < items.length; ) {
      let end = start;
      while (end < items.length && items[end]?.slot === items[start]?.slot) end++;
      const slotItems = items.slice(start, end);
      const used = new Set<number>();
      const waiting: { pair: number }[] = [];
      for (const item of slotItems) {
        const company = model.pairs[item.pair]?.company ?? -1;
        const table = home.get(company);
        if (table !== undefined && !used.has(table)) {
          used.add(table);
          tableOf.set(item.pair, table);
        } else waiting.push(item);
      }
      let next = 1;
      for (const item of waiting) {
        while (used.has(next)) next++;
        used.add(next);
        tableOf.set(item.pair, next);
        const company = model.pairs[item.pair]?.company ?? -1;
        if (!home.has(company)) home.set(company, next);
      }
      start = end;
    }
  }
  return tableOf;
}

function buyerReason(model: PlanModel, b: number, buyer: ModelBuyer, pairCount: number): BuyerReason {
  if (buyer.capacity === 0) return { code: "capacity_zero" };
  if (buyer.slotsByCity.size === 0) {
    // One reason per city: the first session's (a city's sessions usually share their venue).
    const cities = new Map<number, AttendanceReason>();
    model.sessions.forEach((session, s) => {
      const reason = buyer.attendance[s]?.reason;
      if (reason !== undefined && !cities.has(session.city)) cities.set(session.city, reason);
    });
    return { code: "attends_no_session", cities: [...cities.values()] };
  }
  if (pairCount === 0) {
    const anyScored = model.companies.some((_, c) => model.scoreOf.has(pairKey(c, b, model.buyers.length)));
    return anyScored ? { code: "below_min_score", minScore: model.minScore } : { code: "no_company_scored" };
  }
  return { code: "buyer_crowded_out" };
}

/**
 * One reason object and one message per distinct reason: most of 100,000 unmatched buyers share a
 * handful of reasons, so they share the objects instead of each holding its own copy and text. A reason
 * with distances (a buyer beyond each venue's radius) is kept as it is.
 */
function sharedReasons<R extends BuyerReason | SlotReason>(): (reason: R) => { reason: R; message: string } {
  const seen = new Map<string, { reason: R; message: string }>();
  return (reason) => {
    // Distances make each such reason one of a kind: no key worth keeping.
    if (reason.code === "attends_no_session" && reason.cities.some((city) => "distanceKm" in city)) return { reason, message: reasonText(reason) };
    const key = JSON.stringify(reason);
    let entry = seen.get(key);
    if (entry === undefined) {
      entry = { reason, message: reasonText(reason) };
      seen.set(key, entry);
    }
    return entry;
  };
}

/**
 * The model, from the given scores or, without them, from the engine's top lists (`planCandidates`:
 * each company's best buyers per attendance group, as many as any plan can meet there). The plan's own
 * input is validated first, so its problems are reported together and before any scoring.
 */
function compile(input: PlanInput, listsTop?: number): { model: PlanModel; candidates?: CandidateSet } {
  if (input.scores !== undefined) return { model: buildModel(parsePlanInput(input)) };
  const candidates = planCandidates(input, listsTop);
  // The scores come from validated records, one per pair, finite: no second validation of every buyer.
  return { model: buildModel({ ...candidates.parsed, scores: candidates.scores.map(({ companyId, buyerId, score }) => ({ companyId, buyerId, score })) }, candidates.model), candidates };
}

/**
 * What the candidate cut means for the agenda: a buyer no list holds is unmatched because of the cut
 * (not "unscored"), and with fairness the optimum is over the kept candidates only.
 */
function withCandidateNotes(agenda: Agenda, model: PlanModel, candidates: CandidateSet | undefined): Agenda {
  if (candidates === undefined) return agenda;
  const shared = sharedReasons<BuyerReason>();
  const buyers = agenda.unmatched.buyers.map((entry) => {
    const limit = candidates.limitOf.get(entry.buyerId);
    if (!candidates.unlisted.has(entry.buyerId)) return entry;
    // Scored by the engine against every exporter, and no pair was kept.
    return { buyerId: entry.buyerId, ...shared(limit === undefined ? { code: "no_pair_kept", minScore: model.minScore } : { code: "not_among_candidates", limit }) };
  });
  const cutWithFairness = model.fairness > 0 && candidates.cutCompanies.length > 0;
  return {
    ...agenda,
    unmatched: { ...agenda.unmatched, buyers },
    totals: {
      ...agenda.totals,
      ...(cutWithFairness
        ? { optimal: false, optimalReason: "fairness penalties were scaled by the mean score of each exporter's kept candidates (its best buyers per attendance group), not of every eligible pair" }
        : {}),
    },
  };
}

/**
 * Plans a mission's 1:1 meetings: the maximum-score set of meetings within every capacity (optionally
 * spread fairly across companies), placed into slots and tables with nobody double-booked.
 *
 * Rules: a buyer meets in the sessions it lists in `availability` (in any city), else in its own city's
 * sessions (online buyers in any); a company holds at most `meetingBudget` meetings and a buyer `meetingCapacity`
 * over the mission; everyone meets at most once per slot; a session seats at most `tables` meetings per
 * slot; a pair is scheduled at most once, never below `minScore` and never when forbidden. Must-meet
 * pairs are kept whenever feasible (even below `minScore`), then `minPerCompany` meetings per company,
 * then the total score is maximised. With `fairness > 0` a company's k-th meeting loses
 * `mean candidate score × (1 − 1/(1 + fairness·(k−1)))` of its value, so good buyers spread across
 * exporters.
 *
 * Without `scores`, candidates come from the engine's top lists (`planCandidates`), never from every pair.
 *
 * @param input - companies, buyers, sessions, scores (or, without them, the core's mutual scores of the engine's top lists) and the options of {@link PlanInput}
 * @returns the {@link Agenda}: meetings, timetables, what stayed unmatched and why, totals
 * @throws BuyerMatchError listing every problem with the input, each with its path
 * @example
 * const agenda = planMeetings({
 *   companies: [{ id: "kr-01", name: "Hanil Brake", country: "KR", languages: ["ko"], meetingBudget: 6 }],
 *   buyers: [{ id: "us-07", name: "Lakeside Axle", country: "US", city: "Detroit", languages: ["en"], meetingCapacity: 2 }],
 *   sessions: [{ id: "det-1", city: "Detroit", date: "2026-05-14", start: "09:00", slotMinutes: 30, slots: 8, tables: 6 }],
 *   scores: [{ companyId: "kr-01", buyerId: "us-07", score: 0.82 }],
 * });
 * agenda.meetings[0]; // { companyId: "kr-01", buyerId: "us-07", start: "09:00", interpreter: true, ... }
 */
export function planMeetings(input: PlanInput): Agenda {
  return planWithLists(input).agenda;
}

/**
 * {@link planMeetings}, and (without `scores`, with `listsTop`) each company's best `listsTop` buyers of
 * the whole market, explained, from the records the planner validated and normalised: what
 * `createMatcher(buyers, matchOptions).rank(company)` returns, without validating and normalising
 * every buyer a second time (the CLI's report shows both).
 *
 * @param input - as for {@link planMeetings}
 * @param listsTop - how many buyers each list keeps (`matchOptions.minScore` applies); undefined for no lists
 * @returns the agenda, and the lists when asked for and the input has no `scores`
 * @throws BuyerMatchError listing every problem with the input, each with its path
 * @example
 * const { agenda, lists } = planWithLists({ companies, buyers, sessions }, 5);
 */
export function planWithLists(input: PlanInput, listsTop?: number): { agenda: Agenda; lists?: Map<string, Match[]> } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw issueError("invalid_input", [], `the planner input must be an object ({ companies, buyers, sessions, ... }), not ${describeValue(input)}`);
  const { model, candidates } = compile(input, listsTop);
  const { meetings: allocated, pinnedAny } = allocateWithOnlineBuyers(model);

  const byCity = new Map<number, SlotRequest[]>();
  for (const meeting of allocated) {
    const pair = model.pairs[meeting.pair];
    if (pair === undefined) continue;
    const list = byCity.get(meeting.city) ?? [];
    list.push({ pair: meeting.pair, company: pair.company, buyer: pair.buyer, score: pair.score, mustMeet: pair.mustMeet });
    byCity.set(meeting.city, list);
  }
  const meetings: Meeting[] = [];
  const unslotted = new Map<number, SlotReason>();
  const unplacedMeetings: UnplacedMeeting[] = [];
  const allPlaced: { pair: number; session: number; slot: number }[] = [];
  for (const [city, requests] of [...byCity.entries()].sort((a, b) => a[0] - b[0])) {
    const { placed, unplaced } = slotCityWithFewestBreaks(model, city, requests);
    allPlaced.push(...placed);
    for (const item of unplaced) {
      unslotted.set(item.pair, item.reason);
      const pair = model.pairs[item.pair];
      const companyId = pair === undefined ? undefined : model.companies[pair.company]?.id;
      const buyerId = pair === undefined ? undefined : model.buyers[pair.buyer]?.id;
      if (companyId !== undefined && buyerId !== undefined) unplacedMeetings.push({ companyId, buyerId, city: model.cities[city]?.name ?? "", reason: item.reason, message: reasonText(item.reason) });
    }
    const tableOf = assignTables(model, placed);
    for (const item of placed) {
      const pair = model.pairs[item.pair];
      const session = model.sessions[item.session];
      const company = pair === undefined ? undefined : model.companies[pair.company];
      const buyer = pair === undefined ? undefined : model.buyers[pair.buyer];
      if (pair === undefined || session === undefined || company === undefined || buyer === undefined) continue;
      const meeting = meetingOf(model, { company: pair.company, buyer: pair.buyer, session: item.session, slot: item.slot, table: tableOf.get(item.pair) ?? 1, score: pair.score, mustMeet: pair.mustMeet, requestedBy: pair.requestedBy });
      meetings.push(meeting);
    }
  }
  const sessionOrder = new Map(model.sessions.map((session, index) => [session.id, index]));
  meetings.sort(
    (a, b) =>
      (sessionOrder.get(a.sessionId) ?? 0) - (sessionOrder.get(b.sessionId) ?? 0) ||
      a.slot - b.slot ||
      a.table - b.table,
  );

  const byCompany = new Map<string, Meeting[]>(model.companies.map((company) => [company.id, []]));
  const byBuyer = new Map<string, Meeting[]>(model.buyers.map((buyer) => [buyer.id, []]));
  for (const meeting of meetings) {
    byCompany.get(meeting.companyId)?.push(meeting);
    byBuyer.get(meeting.buyerId)?.push(meeting);
  }

  const pairsPerCompany = new Array<number>(model.companies.length).fill(0);
  const pairsPerBuyer = new Array<number>(model.buyers.length).fill(0);
  for (const pair of model.pairs) {
    pairsPerCompany[pair.company]!++;
    pairsPerBuyer[pair.buyer]!++;
  }
  const unmatchedCompanies: UnmatchedCompany[] = [];
  model.companies.forEach((company, c) => {
    const count = byCompany.get(company.id)?.length ?? 0;
    const minimum = model.minPerCompany;
    if (count > 0 && count >= minimum) return;
    const candidates = pairsPerCompany[c] ?? 0;
    let reason: CompanyReason;
    if (company.statedBudget === 0) reason = { code: "budget_zero" };
    else if (candidates === 0) reason = { code: "no_candidates", minScore: model.minScore };
    else if (minimum > 0 && company.statedBudget < minimum) reason = { code: "budget_below_minimum", budget: company.statedBudget, minimum };
    else if (minimum > 0 && candidates < minimum) reason = { code: "too_few_candidates", candidates, minimum };
    else reason = { code: "company_crowded_out" };
    unmatchedCompanies.push({ companyId: company.id, meetings: count, minimum, reason, message: reasonText(reason) });
  });
  const unmatchedBuyers: UnmatchedBuyer[] = [];
  const shared = sharedReasons<BuyerReason | SlotReason>();
  const unslottedReason = new Map<number, SlotReason>();
  for (const [pair, why] of unslotted) {
    const buyer = model.pairs[pair]?.buyer;
    if (buyer !== undefined) unslottedReason.set(buyer, why);
  }
  model.buyers.forEach((buyer, b) => {
    if ((byBuyer.get(buyer.id)?.length ?? 0) > 0) return;
    const { reason, message } = shared(unslottedReason.get(b) ?? buyerReason(model, b, buyer, pairsPerBuyer[b] ?? 0));
    unmatchedBuyers.push({ buyerId: buyer.id, reason, message });
  });
  const kept = new Set(meetings.map((meeting) => `${meeting.companyId}\u0000${meeting.buyerId}`));
  const unkept: UnkeptMustMeet[] = [];
  const pairIndex = new Map(model.pairs.map((pair, index) => [pairKey(pair.company, pair.buyer, model.buyers.length), index]));
  for (const request of model.mustMeets) {
    const company = model.companies[request.company];
    const buyer = model.buyers[request.buyer];
    if (company === undefined || buyer === undefined || kept.has(`${company.id}\u0000${buyer.id}`)) continue;
    // Allocated but not slotted: the slotting's reason is the true one, not a conflict between must-meets.
    const slottingReason = unslotted.get(pairIndex.get(pairKey(request.company, request.buyer, model.buyers.length)) ?? -1);
    let reason: MustMeetReason;
    if (company.statedBudget === 0) reason = { code: "company_budget_zero" };
    else if (buyer.capacity === 0 || buyer.slotsByCity.size === 0) reason = { code: "buyer_cannot_meet", because: buyerReason(model, request.buyer, buyer, 0) };
    else if (slottingReason !== undefined) reason = slottingReason;
    else reason = { code: "must_meets_conflict" };
    unkept.push({ companyId: company.id, buyerId: buyer.id, reason, message: reasonText(reason) });
  }

  let totalScore = 0;
  let interpreterMeetings = 0;
  const cityTotals = model.cities.map((city) => ({ city: city.name, meetings: 0, totalScore: 0, capacity: city.tableCapacity }));
  const cityOfName = new Map(model.cities.map((city, index) => [city.name, index]));
  for (const meeting of meetings) {
    totalScore += meeting.score;
    if (meeting.interpreter) interpreterMeetings++;
    const entry = cityTotals[cityOfName.get(meeting.city) ?? -1];
    if (entry !== undefined) {
      entry.meetings++;
      entry.totalScore += meeting.score;
    }
  }
  const byCityTotals: CityTotals[] = cityTotals;
  const breaks = countPlanBreaks(model, allPlaced);
  const agenda = withCandidateNotes({
    meetings,
    byCompany,
    byBuyer,
    venues: model.venues,
    attendance: groupAttendance(model.buyers, model.venues),
    unmatched: { companies: unmatchedCompanies, buyers: unmatchedBuyers, mustMeets: unkept, unplaced: unplacedMeetings },
    totals: {
      meetings: meetings.length,
      totalScore,
      meanScore: meetings.length === 0 ? 0 : totalScore / meetings.length,
      interpreterMeetings,
      byCity: byCityTotals,
      breaks: breaks.total,
      breaksByCompany: new Map(model.companies.map((company, c) => [company.id, breaks.byCompany.get(c) ?? 0])),
      breaksByBuyer: new Map(model.buyers.map((buyer, b) => [buyer.id, breaks.byBuyer.get(b) ?? 0])),
      optimal: !pinnedAny && unslotted.size === 0,
    },
  }, model, candidates);
  return candidates?.lists === undefined ? { agenda } : { agenda, lists: candidates.lists };
}
