/**
 * Re-planning: apply changes to a mission whose agenda is already out, keep every meeting the changes do
 * not touch at its slot and table, and refill the freed capacity optimally for what remains.
 */
import { z } from "zod";
import { BuyerSchema, type Buyer } from "../schema/buyer.js";
import { CompanySchema, type Company } from "../schema/company.js";
import { IdSchema } from "../schema/common.js";
import { BuyerMatchError, safeParseWith, type BuyerMatchIssue } from "../schema/errors.js";
import { reasonText, type AttendanceReason, type BuyerReason, type CompanyReason, type MustMeetReason } from "./reasons.js";
import type { Agenda, CityTotals, Meeting, UnkeptMustMeet, UnmatchedBuyer, UnmatchedCompany } from "./agenda.js";
import { planCandidates } from "./candidates.js";
import { parsePlanInput, type MustMeet, type PairRef, type PlanInput } from "./input.js";
import { buildModel, compareIds, type PlanModel } from "./model.js";
import { groupAttendance } from "./venue.js";
import { meetingOf } from "./meeting.js";
import { countPlanBreaks } from "./slotBreaks.js";

/** One change to a planned mission. */
export type PlanChange =
  | { readonly kind: "withdraw-company"; readonly companyId: string }
  | { readonly kind: "withdraw-buyer"; readonly buyerId: string }
  | { readonly kind: "add-company"; readonly company: Company }
  | { readonly kind: "add-buyer"; readonly buyer: Buyer }
  | { readonly kind: "lose-session"; readonly sessionId: string }
  /** `slot` is 1-based, as in {@link Meeting.slot}. */
  | { readonly kind: "lose-slot"; readonly sessionId: string; readonly slot: number }
  | { readonly kind: "forbid"; readonly companyId: string; readonly buyerId: string }
  | { readonly kind: "require"; readonly companyId: string; readonly buyerId: string; readonly requestedBy?: "company" | "buyer" };

/** What `replan` is given besides the agenda: the mission as it was planned, and what changed. */
export interface ReplanChanges {
  /** The planner input the agenda was made from (scores optional, as for `planMeetings`). */
  readonly input: PlanInput;
  readonly changes: readonly PlanChange[];
}

/** A meeting of the previous agenda that the changes cancelled. */
export interface CancelledMeeting {
  readonly meeting: Meeting;
  readonly reason: string;
}

/** A pair that met in the previous agenda and meets again at another slot or table. */
export interface MovedMeeting {
  readonly from: Meeting;
  readonly to: Meeting;
}

/** The new agenda and exactly what changed against the previous one. */
export interface ReplanResult {
  readonly agenda: Agenda;
  /** Meetings of the previous agenda at the same session, slot and table. */
  readonly kept: readonly Meeting[];
  /** Pairs of the previous agenda placed again elsewhere (cancelled where they were). */
  readonly moved: readonly MovedMeeting[];
  /** Meetings of the previous agenda that no longer take place, each with its reason. */
  readonly cancelled: readonly CancelledMeeting[];
  /** Meetings new to this agenda (pairs that did not meet before). */
  readonly added: readonly Meeting[];
  /** True when the refill was proven optimal for the freed capacity (exhaustive search finished). */
  readonly refillOptimal: boolean;
}

const PairChange = { companyId: IdSchema, buyerId: IdSchema };
/** One change, validated. */
export const PlanChangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("withdraw-company"), companyId: IdSchema }),
  z.object({ kind: z.literal("withdraw-buyer"), buyerId: IdSchema }),
  z.object({ kind: z.literal("add-company"), company: CompanySchema }),
  z.object({ kind: z.literal("add-buyer"), buyer: BuyerSchema }),
  z.object({ kind: z.literal("lose-session"), sessionId: IdSchema }),
  z.object({ kind: z.literal("lose-slot"), sessionId: IdSchema, slot: z.number().int("must be a whole number").min(1, "must be ≥ 1") }),
  z.object({ kind: z.literal("forbid"), ...PairChange }),
  z.object({ kind: z.literal("require"), ...PairChange, requestedBy: z.enum(["company", "buyer"]).optional() }),
]);

/** The part of a previous agenda `replan` reads (the JSON `plan --format json` writes has it). */
export const PreviousAgendaSchema = z.object({
  meetings: z.array(
    z.looseObject({
      companyId: IdSchema,
      buyerId: IdSchema,
      sessionId: IdSchema,
      slot: z.number().int("must be a whole number").min(1, "must be ≥ 1"),
      table: z.number().int("must be a whole number").min(1, "must be ≥ 1"),
    }),
  ),
});

/** Search nodes before the refill gives up proving optimality and keeps the best refill found. */
const SEARCH_LIMIT = 200_000;

const pairId = (companyId: string, buyerId: string): string => `${companyId}\u0000${buyerId}`;

/** Applies the changes to the input; unknown ids are issues at `["changes", i, field]`. */
function applyChanges(input: PlanInput, changes: readonly z.output<typeof PlanChangeSchema>[], issues: BuyerMatchIssue[]): { mission: PlanInput; lostSlots: Set<string>; withdrawn: Map<string, string> } {
  let companies = [...input.companies];
  let buyers = [...input.buyers];
  let sessions = [...input.sessions];
  let forbidden: PairRef[] = [...(input.forbidden ?? [])];
  let mustMeet: MustMeet[] = [...(input.mustMeet ?? [])];
  const lostSlots = new Set<string>();
  const withdrawn = new Map<string, string>();
  const hasCompany = (id: string): boolean => companies.some((company) => company.id === id);
  const hasBuyer = (id: string): boolean => buyers.some((buyer) => buyer.id === id);
  const unknown = (index: number, field: string, what: string, id: string): void => {
    issues.push({ code: "unknown_reference", path: ["changes", "changes", index, field], message: `${JSON.stringify(id)} is not a ${what} of the mission` });
  };
  changes.forEach((change, index) => {
    switch (change.kind) {
      case "withdraw-company":
        if (!hasCompany(change.companyId)) return unknown(index, "companyId", "company", change.companyId);
        companies = companies.filter((company) => company.id !== change.companyId);
        withdrawn.set(`c:${change.companyId}`, "the exporter withdrew");
        return;
      case "withdraw-buyer":
        if (!hasBuyer(change.buyerId)) return unknown(index, "buyerId", "buyer", change.buyerId);
        buyers = buyers.filter((buyer) => buyer.id !== change.buyerId);
        withdrawn.set(`b:${change.buyerId}`, "the buyer withdrew");
        return;
      case "add-company":
        companies.push(change.company as Company);
        return;
      case "add-buyer":
        buyers.push(change.buyer as Buyer);
        return;
      case "lose-session":
        if (!sessions.some((session) => session.id === change.sessionId)) return unknown(index, "sessionId", "session", change.sessionId);
        sessions = sessions.filter((session) => session.id !== change.sessionId);
        buyers = buyers.map((buyer) => (buyer.availability?.includes(change.sessionId) === true ? { ...buyer, availability: buyer.availability.filter((id) => id !== change.sessionId) } : buyer));
        return;
      case "lose-slot": {
        const session = sessions.find((candidate) => candidate.id === change.sessionId);
        if (session === undefined) return unknown(index, "sessionId", "session", change.sessionId);
        if (change.slot > session.slots) issues.push({ code: "out_of_range", path: ["changes", "changes", index, "slot"], message: `session ${JSON.stringify(change.sessionId)} has ${session.slots} slots` });
        lostSlots.add(`${change.sessionId}\u0000${change.slot}`);
        return;
      }
      case "forbid":
      case "require": {
        if (!hasCompany(change.companyId)) unknown(index, "companyId", "company", change.companyId);
        if (!hasBuyer(change.buyerId)) unknown(index, "buyerId", "buyer", change.buyerId);
        const same = (pair: PairRef): boolean => pair.companyId === change.companyId && pair.buyerId === change.buyerId;
        forbidden = forbidden.filter((pair) => !same(pair));
        mustMeet = mustMeet.filter((pair) => !same(pair));
        if (change.kind === "forbid") forbidden.push({ companyId: change.companyId, buyerId: change.buyerId });
        else mustMeet.push({ companyId: change.companyId, buyerId: change.buyerId, ...(change.requestedBy === undefined ? {} : { requestedBy: change.requestedBy }) });
        return;
      }
    }
  });
  const companyIds = new Set(companies.map((company) => company.id));
  const buyerIds = new Set(buyers.map((buyer) => buyer.id));
  const present = (pair: PairRef): boolean => companyIds.has(pair.companyId) && buyerIds.has(pair.buyerId);
  const mission: PlanInput = {
    ...input,
    companies,
    buyers,
    sessions,
    forbidden: forbidden.filter(present),
    mustMeet: mustMeet.filter(present),
    ...(input.scores === undefined ? {} : { scores: input.scores.filter(present) }),
  };
  return { mission, lostSlots, withdrawn };
}


/** A free place of the refill: one slot of one session, with the tables still free in it. */
interface Cell {
  readonly session: number;
  /** 0-based slot. */
  readonly slot: number;
  /** Global time index (slots of all sessions in time order), for "nobody is in two places". */
  readonly time: number;
  free: number;
}

interface RefillPair {
  readonly pair: number;
  readonly company: number;
  readonly buyer: number;
  readonly value: number;
  readonly cells: readonly number[];
}

/**
 * The best refill by branch and bound over the candidate pairs (best value first): place the pair in one
 * of its cells, or leave it out. The bound is the value so far plus, for each company, its best
 * remaining values up to its remaining budget. Exhaustive unless the node limit is reached.
 */
function searchRefill(pairs: readonly RefillPair[], cells: Cell[], budget: number[], capacity: number[], busyCompany: Set<number>[], busyBuyer: Set<number>[]): { chosen: { pair: number; cell: number }[]; complete: boolean } {
  let best: { pair: number; cell: number }[] = [];
  let bestValue = 0;
  let nodes = 0;
  const current: { pair: number; cell: number }[] = [];
  const byCompany = new Map<number, number[]>();
  pairs.forEach((pair, index) => {
    const list = byCompany.get(pair.company);
    if (list === undefined) byCompany.set(pair.company, [index]);
    else list.push(index);
  });
  const bound = (from: number): number => {
    let total = 0;
    for (const [company, list] of byCompany) {
      let left = budget[company] ?? 0;
      for (const index of list) {
        if (left <= 0) break;
        if (index < from) continue;
        const pair = pairs[index]!;
        if ((capacity[pair.buyer] ?? 0) <= 0) continue;
        total += pair.value;
        left--;
      }
    }
    return total;
  };
  const visit = (index: number, value: number): void => {
    nodes++;
    if (value > bestValue + 1e-12) {
      bestValue = value;
      best = [...current];
    }
    if (index >= pairs.length || nodes > SEARCH_LIMIT) return;
    if (value + bound(index) <= bestValue + 1e-12) return;
    const pair = pairs[index]!;
    if ((budget[pair.company] ?? 0) > 0 && (capacity[pair.buyer] ?? 0) > 0) {
      for (const c of pair.cells) {
        const cell = cells[c]!;
        if (cell.free <= 0 || busyCompany[pair.company]!.has(cell.time) || busyBuyer[pair.buyer]!.has(cell.time)) continue;
        cell.free--;
        budget[pair.company]!--;
        capacity[pair.buyer]!--;
        busyCompany[pair.company]!.add(cell.time);
        busyBuyer[pair.buyer]!.add(cell.time);
        current.push({ pair: pair.pair, cell: c });
        visit(index + 1, value + pair.value);
        current.pop();
        busyBuyer[pair.buyer]!.delete(cell.time);
        busyCompany[pair.company]!.delete(cell.time);
        capacity[pair.buyer]!++;
        budget[pair.company]!++;
        cell.free++;
      }
    }
    visit(index + 1, value);
  };
  visit(0, 0);
  return { chosen: best, complete: nodes <= SEARCH_LIMIT };
}

/**
 * Re-plans a mission after changes: a company or buyer withdraws or joins, a session or a slot is lost,
 * a pair is forbidden or required. Every meeting the changes do not touch stays at its session, slot and
 * table; the freed capacity is refilled with the best meetings for what remains (must-meets first, then
 * the total score), placed only where both sides and a table are free. A required pair that no free
 * place can hold is reported in `agenda.unmatched.mustMeets`: untouched meetings are never moved for it.
 *
 * @param agenda - the previous agenda (an `Agenda`, or the JSON `plan --format json` wrote)
 * @param changes - the input the agenda was planned from, and the list of changes
 * @returns the new agenda and exactly which meetings were kept, moved, cancelled or added
 * @throws BuyerMatchError listing every problem with the agenda or the changes, each with its path
 * @example
 * const { agenda: next, cancelled, added } = replan(agenda, {
 *   input: { companies, buyers, sessions, scores },
 *   changes: [{ kind: "withdraw-buyer", buyerId: "us-07" }],
 * });
 */
export function replan(agenda: unknown, changes: ReplanChanges): ReplanResult {
  const issues: BuyerMatchIssue[] = [];
  const previous = safeParseWith(PreviousAgendaSchema, agenda, ["agenda"]);
  if (!previous.success) issues.push(...previous.issues);
  // The mission's lists are checked for shape here; their records are validated with the plan input below.
  const MissionShape = z.looseObject({ companies: z.array(z.unknown()), buyers: z.array(z.unknown()), sessions: z.array(z.unknown()) });
  const wrapper = safeParseWith(z.object({ input: MissionShape, changes: z.array(PlanChangeSchema) }), changes, ["changes"]);
  if (!wrapper.success) issues.push(...wrapper.issues);
  if (!previous.success || !wrapper.success) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  const { mission, lostSlots, withdrawn } = applyChanges(changes.input, wrapper.data.changes, issues);
  if (issues.length > 0) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);

  const scores = mission.scores ?? planCandidates(mission).scores;
  let parsed;
  try {
    parsed = parsePlanInput({ ...mission, scores });
  } catch (error) {
    if (error instanceof BuyerMatchError) throw new BuyerMatchError(error.issues.map((issue) => ({ ...issue, path: ["changes", "input", ...issue.path] })) as unknown as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
    throw error;
  }
  const model = buildModel(parsed);
  return refill(model, previous.data.meetings, lostSlots, withdrawn);
}

function refill(model: PlanModel, previous: z.output<typeof PreviousAgendaSchema>["meetings"], lostSlots: ReadonlySet<string>, withdrawn: ReadonlyMap<string, string>): ReplanResult {
  const companyIndex = new Map(model.companies.map((company, index) => [company.id, index]));
  const buyerIndex = new Map(model.buyers.map((buyer, index) => [buyer.id, index]));
  const sessionIndex = new Map(model.sessions.map((session, index) => [session.id, index]));
  const timeOf: number[][] = [];
  let time = 0;
  for (const session of model.sessions) timeOf.push(Array.from({ length: session.slots }, () => time++));
  const pairIndex = new Map(model.pairs.map((pair, index) => [`${pair.company},${pair.buyer}`, index]));

  const busyCompany = model.companies.map(() => new Set<number>());
  const busyBuyer = model.buyers.map(() => new Set<number>());
  const tablesTaken = new Map<string, Set<number>>();
  const budget = model.companies.map((company) => Math.min(company.statedBudget, model.totalSlots));
  const capacity = model.buyers.map((buyer) => buyer.capacity);
  const met = new Set<string>();
  const keptPlaces: { meeting: Meeting; company: number; buyer: number; session: number; slot: number; table: number; score: number }[] = [];
  const cancelled: CancelledMeeting[] = [];

  const ordered = [...previous].sort(
    (a, b) => compareIds(a.sessionId, b.sessionId) || a.slot - b.slot || a.table - b.table || compareIds(a.companyId, b.companyId) || compareIds(a.buyerId, b.buyerId),
  );
  for (const raw of ordered) {
    const meeting = raw as unknown as Meeting;
    const c = companyIndex.get(raw.companyId);
    const b = buyerIndex.get(raw.buyerId);
    const s = sessionIndex.get(raw.sessionId);
    const session = s === undefined ? undefined : model.sessions[s];
    const t = session === undefined ? undefined : timeOf[s!]![raw.slot - 1];
    let reason: string | undefined;
    if (c === undefined) reason = withdrawn.get(`c:${raw.companyId}`) ?? "the exporter is no longer in the mission";
    else if (b === undefined) reason = withdrawn.get(`b:${raw.buyerId}`) ?? "the buyer is no longer in the mission";
    else if (session === undefined) reason = "the session was lost";
    else if (lostSlots.has(`${raw.sessionId}\u0000${raw.slot}`)) reason = "the slot was lost";
    else if (t === undefined || raw.table > session.tables) reason = "the session no longer has this slot or table";
    else if (model.forbidden.has(c * model.buyers.length + b)) reason = "the pair is now forbidden";
    else if (!(model.buyers[b]!.sessionsByCity.get(session.city) ?? []).includes(s!)) reason = "the buyer no longer attends this session";
    else if (met.has(`${c},${b}`)) reason = "the pair already meets at another slot";
    else if (busyCompany[c]!.has(t) || busyBuyer[b]!.has(t) || tablesTaken.get(`${s},${raw.slot}`)?.has(raw.table) === true) reason = "another kept meeting holds this slot or table";
    else if (budget[c]! <= 0) reason = "the exporter's meeting budget is used up";
    else if (capacity[b]! <= 0) reason = "the buyer's meeting capacity is used up";
    if (reason !== undefined) {
      cancelled.push({ meeting, reason });
      continue;
    }
    busyCompany[c!]!.add(t!);
    busyBuyer[b!]!.add(t!);
    const taken = tablesTaken.get(`${s},${raw.slot}`) ?? new Set<number>();
    taken.add(raw.table);
    tablesTaken.set(`${s},${raw.slot}`, taken);
    budget[c!]!--;
    capacity[b!]!--;
    met.add(`${c},${b}`);
    const pair = pairIndex.get(`${c},${b}`);
    const score = pair === undefined ? (typeof meeting.score === "number" ? meeting.score : 0) : model.pairs[pair]!.score;
    keptPlaces.push({ meeting, company: c!, buyer: b!, session: s!, slot: raw.slot - 1, table: raw.table, score });
  }

  // Free places, in time order.
  const cells: Cell[] = [];
  const cellOf = new Map<string, number>();
  model.sessions.forEach((session, s) => {
    for (let slot = 0; slot < session.slots; slot++) {
      if (lostSlots.has(`${session.id}\u0000${slot + 1}`)) continue;
      const free = session.tables - (tablesTaken.get(`${s},${slot + 1}`)?.size ?? 0);
      if (free <= 0) continue;
      cellOf.set(`${s},${slot}`, cells.length);
      cells.push({ session: s, slot, time: timeOf[s]![slot]!, free });
    }
  });
  const mustBonus = 1 + model.pairs.reduce((sum, pair) => sum + Math.abs(pair.score), 0);
  const candidates: RefillPair[] = [];
  model.pairs.forEach((pair, index) => {
    if (met.has(`${pair.company},${pair.buyer}`) || budget[pair.company]! <= 0 || capacity[pair.buyer]! <= 0) return;
    const buyer = model.buyers[pair.buyer]!;
    const own: number[] = [];
    for (const sessions of buyer.sessionsByCity.values()) {
      for (const s of sessions) {
        for (let slot = 0; slot < (model.sessions[s]?.slots ?? 0); slot++) {
          const cell = cellOf.get(`${s},${slot}`);
          // A place where either side already sits in a kept meeting can never hold this pair.
          if (cell !== undefined && !busyCompany[pair.company]!.has(cells[cell]!.time) && !busyBuyer[pair.buyer]!.has(cells[cell]!.time)) own.push(cell);
        }
      }
    }
    own.sort((x, y) => x - y);
    if (own.length === 0) return;
    candidates.push({ pair: index, company: pair.company, buyer: pair.buyer, value: pair.score + (pair.mustMeet ? mustBonus : 0), cells: own });
  });
  candidates.sort((a, b) => b.value - a.value || a.pair - b.pair);
  const { chosen, complete } = searchRefill(candidates, cells, [...budget], [...capacity], busyCompany.map((set) => new Set(set)), busyBuyer.map((set) => new Set(set)));

  // Tables: an exporter keeps a table it already holds in the session when it is free, else the lowest free one.
  const homeTable = new Map<string, number>();
  for (const place of keptPlaces) if (!homeTable.has(`${place.session},${place.company}`)) homeTable.set(`${place.session},${place.company}`, place.table);
  const placedNew: { company: number; buyer: number; session: number; slot: number; table: number; score: number; pair: number }[] = [];
  for (const { pair: p, cell: c } of [...chosen].sort((x, y) => x.cell - y.cell || x.pair - y.pair)) {
    const cell = cells[c]!;
    const pair = model.pairs[p]!;
    const taken = tablesTaken.get(`${cell.session},${cell.slot + 1}`) ?? new Set<number>();
    const home = homeTable.get(`${cell.session},${pair.company}`);
    let table = home !== undefined && !taken.has(home) ? home : 1;
    if (home === undefined || taken.has(home)) while (taken.has(table)) table++;
    taken.add(table);
    tablesTaken.set(`${cell.session},${cell.slot + 1}`, taken);
    if (home === undefined) homeTable.set(`${cell.session},${pair.company}`, table);
    placedNew.push({ company: pair.company, buyer: pair.buyer, session: cell.session, slot: cell.slot, table, score: pair.score, pair: p });
  }

  const build = (place: { company: number; buyer: number; session: number; slot: number; table: number; score: number }): Meeting => {
    const pair = model.pairs[pairIndex.get(`${place.company},${place.buyer}`) ?? -1];
    return meetingOf(model, { ...place, mustMeet: pair?.mustMeet ?? false, requestedBy: pair?.requestedBy });
  };
  const kept = keptPlaces.map(build);
  const fresh = placedNew.map(build);
  const cancelledPairs = new Map(cancelled.map((entry) => [pairId(entry.meeting.companyId, entry.meeting.buyerId), entry.meeting]));
  const moved: MovedMeeting[] = [];
  const added: Meeting[] = [];
  for (const meeting of fresh) {
    const from = cancelledPairs.get(pairId(meeting.companyId, meeting.buyerId));
    if (from === undefined) added.push(meeting);
    else moved.push({ from, to: meeting });
  }
  const movedPairs = new Set(moved.map((entry) => pairId(entry.to.companyId, entry.to.buyerId)));
  const agenda = assemble(model, [...kept, ...fresh], complete);
  return {
    agenda,
    kept,
    moved,
    cancelled: cancelled.filter((entry) => !movedPairs.has(pairId(entry.meeting.companyId, entry.meeting.buyerId))),
    added,
    refillOptimal: complete,
  };
}

/** The agenda around a set of placed meetings: timetables, what stayed unmatched, totals. */
function assemble(model: PlanModel, placed: readonly Meeting[], optimal: boolean): Agenda {
  const sessionOrder = new Map(model.sessions.map((session, index) => [session.id, index]));
  const meetings = [...placed].sort((a, b) => (sessionOrder.get(a.sessionId) ?? 0) - (sessionOrder.get(b.sessionId) ?? 0) || a.slot - b.slot || a.table - b.table);
  const byCompany = new Map<string, Meeting[]>(model.companies.map((company) => [company.id, []]));
  const byBuyer = new Map<string, Meeting[]>(model.buyers.map((buyer) => [buyer.id, []]));
  for (const meeting of meetings) {
    byCompany.get(meeting.companyId)?.push(meeting);
    byBuyer.get(meeting.buyerId)?.push(meeting);
  }
  const companies: UnmatchedCompany[] = [];
  for (const company of model.companies) {
    const count = byCompany.get(company.id)?.length ?? 0;
    if (count > 0 && count >= model.minPerCompany) continue;
    const reason: CompanyReason = company.statedBudget === 0 ? { code: "budget_zero" } : { code: "no_slot_after_changes" };
    companies.push({ companyId: company.id, meetings: count, minimum: model.minPerCompany, reason, message: reasonText(reason) });
  }
  const buyers: UnmatchedBuyer[] = [];
  for (const buyer of model.buyers) {
    if ((byBuyer.get(buyer.id)?.length ?? 0) > 0) continue;
    const reason: BuyerReason = buyer.capacity === 0 ? { code: "capacity_zero" } : buyer.slotsByCity.size === 0 ? { code: "attends_no_session", cities: [] } : { code: "no_slot_after_changes" };
    buyers.push({ buyerId: buyer.id, reason, message: reasonText(reason) });
  }
  const held = new Set(meetings.map((meeting) => pairId(meeting.companyId, meeting.buyerId)));
  const mustMeets: UnkeptMustMeet[] = [];
  for (const request of model.mustMeets) {
    const companyId = model.companies[request.company]!.id;
    const buyerId = model.buyers[request.buyer]!.id;
    if (!held.has(pairId(companyId, buyerId))) {
      const reason: MustMeetReason = { code: "no_slot_after_changes" };
      mustMeets.push({ companyId, buyerId, reason, message: reasonText(reason) });
    }
  }
  let totalScore = 0;
  let interpreterMeetings = 0;
  const byCity: CityTotals[] = model.cities.map((city) => {
    const own = meetings.filter((meeting) => meeting.city === city.name);
    return { city: city.name, meetings: own.length, totalScore: own.reduce((sum, meeting) => sum + meeting.score, 0), capacity: city.tableCapacity };
  });
  for (const meeting of meetings) {
    totalScore += meeting.score;
    if (meeting.interpreter) interpreterMeetings++;
  }
  // The same break count as planMeetings' (kept meetings keep their slots, so a re-plan may add breaks).
  const pairOf = new Map(model.pairs.map((pair, index) => [`${pair.company},${pair.buyer}`, index]));
  const companyOf = new Map(model.companies.map((company, index) => [company.id, index]));
  const buyerOf = new Map(model.buyers.map((buyer, index) => [buyer.id, index]));
  const placedCells = meetings.flatMap((meeting) => {
    const pair = pairOf.get(`${companyOf.get(meeting.companyId)},${buyerOf.get(meeting.buyerId)}`);
    const session = sessionOrder.get(meeting.sessionId);
    return pair === undefined || session === undefined ? [] : [{ pair, session, slot: meeting.slot - 1 }];
  });
  const breaks = countPlanBreaks(model, placedCells);
  return {
    meetings,
    byCompany,
    byBuyer,
    unmatched: { companies, buyers, mustMeets, unplaced: [] },
    totals: {
      meetings: meetings.length,
      totalScore,
      meanScore: meetings.length === 0 ? 0 : totalScore / meetings.length,
      interpreterMeetings,
      byCity,
      breaks: breaks.total,
      breaksByCompany: new Map(model.companies.map((company, c) => [company.id, breaks.byCompany.get(c) ?? 0])),
      breaksByBuyer: new Map(model.buyers.map((buyer, b) => [buyer.id, breaks.byBuyer.get(b) ?? 0])),
      optimal,
    },
    venues: model.venues,
    attendance: groupAttendance(model.buyers, model.venues),
  };
}
