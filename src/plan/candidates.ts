/**
 * Candidate pairs for the planner from the engine's top lists instead of every pair.
 *
 * Buyers are grouped by the sessions they can attend (their "attendance group"): two buyers of one
 * group meet under exactly the same slot, session-group and seat constraints. A group's sessions seat
 * at most `seats` meetings and the companies hold at most `Σ budgets`, so at most
 * `limit = min(seats, Σ budgets)` of its buyers meet anyone in any plan. Each company keeps its
 * `limit` best eligible buyers of each group. Exchange argument (docs/plan.md, "Candidate cut"): if an
 * optimal flow used a pair (c, b) with b outside c's list, then of the `limit` buyers in c's list of
 * b's group at most `limit − 1` have a meeting (b is one of the at most `limit` meeting buyers, and b
 * is not in the list), so one, b′, has none; moving the unit from b to b′ keeps every constraint (same
 * group, b′ has capacity ≥ 1 and a free pair arc) and does not lower the value (b′ scores at least as
 * well as b). Repeating removes every cut pair: the cut does not change the optimum. Fairness is the
 * one exception: its penalty is scaled by a company's mean candidate score, which the cut changes.
 */
import { MatcherCore, segmentOf, type Segment } from "../engine/matcher.js";
import { buildSegment, type MarketIndex } from "../engine/marketIndex.js";
import { contextFor } from "../score/reference.js";
import { MarketScorer, pairScore } from "../engine/scorer.js";
import { TopK } from "../engine/topK.js";
import { createScratch } from "../score/combine.js";
import { compileCompany } from "../market/market.js";
import { collectOptions } from "../score/prepare.js";
import { normalizeBuyer, normalizeCompany } from "../normalize/records.js";
import { throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import type { MatchOptions } from "../criteria/options.js";
import type { Match } from "../score/types.js";
import { parsePlanInput, type PairScore, type ParsedPlanInput, type PlanInput } from "./input.js";
import { buildModel, type PlanModel } from "./model.js";

/** One attendance group: buyers that can attend exactly these sessions. */
export interface CandidateGroup {
  /** The sessions the group's buyers can attend, in time order. */
  readonly sessionIds: readonly string[];
  /** Buyers in the group (capacity ≥ 1). */
  readonly buyers: number;
  /** Most of the group's buyers any plan can meet: min(seats of its sessions, sum of company budgets). */
  readonly limit: number;
}

/** The candidate pairs of a mission and what the cut left out. */
export interface CandidateSet {
  /** Scored pairs: each company's `limit` best eligible buyers per group, plus every must-meet's score. */
  readonly scores: readonly PairScore[];
  readonly groups: readonly CandidateGroup[];
  /** Company ids whose list was cut (the engine had more eligible buyers than the company keeps). */
  readonly cutCompanies: readonly string[];
  /** Buyer ids in some group that appear in no company's list and in no must-meet (left out by the cut, or never eligible). */
  readonly unlisted: ReadonlySet<string>;
  /** Buyer id → the group's limit, for the buyers the cut may have left out. */
  readonly limitOf: ReadonlyMap<string, number>;
  /** The validated input (without scores), so the planner need not validate it again. */
  readonly parsed: ParsedPlanInput;
  /** The model of the input without scores: the planner reuses its buyers (attendance) instead of computing them again. */
  readonly model: PlanModel;
  /** With `listsTop`: each company's best buyers in the whole market, explained (what `createMatcher(buyers).rank` returns). */
  readonly lists?: Map<string, Match[]>;
}

/**
 * Finds the planner's candidate pairs from the engine's top lists: for each company, the best eligible
 * buyers of each attendance group, as many as any plan could meet in that group's sessions. The
 * planner's optimum over these pairs equals its optimum over every pair (proof in docs/plan.md), except
 * with `fairness > 0`, whose penalties use the mean score of the kept candidates.
 *
 * @param input - the planner input without `scores`; `matchOptions` choose how pairs are scored (viewpoint `mutual` unless given)
 * @param listsTop - also rank each company's best `listsTop` buyers of the whole market with explanations (`matchOptions.minScore` applies), from the records normalised here once (the report's lists)
 * @returns the scored candidate pairs, the attendance groups and which companies' lists were cut
 * @throws BuyerMatchError listing every problem with the input, each with its path
 * @example
 * const { scores, groups } = planCandidates({ companies, buyers, sessions });
 * const agenda = planMeetings({ companies, buyers, sessions, scores });
 */
export function planCandidates(input: PlanInput, listsTop?: number): CandidateSet {
  const parsed = parsePlanInput({ ...input, scores: [] });
  const model = buildModel(parsed);
  // The records were validated by the plan's schema (the core's own Company and Buyer schemas), so
  // they are normalised here without a second validation pass over every buyer.
  const issues: BuyerMatchIssue[] = [];
  const resolved = collectOptions({ viewpoint: "mutual", ...(input.matchOptions as MatchOptions | undefined), top: undefined }, "mutual", issues, ["matchOptions"]);
  throwIfAny(issues);
  const options = resolved!;
  const prepared = {
    companies: parsed.companies.map((company, index) => normalizeCompany(company, options.sectors, ["companies", index], issues)),
    buyers: parsed.buyers.map((buyer, index) => normalizeBuyer(buyer, options.sectors, ["buyers", index], issues)),
  };
  throwIfAny(issues);
  const minScore = Math.max(parsed.minScore ?? 0, Number.isFinite(options.minScore) ? options.minScore : 0);

  const budgetSum = model.companies.reduce((sum, company) => sum + Math.min(company.statedBudget, model.totalSlots), 0);
  // Attendance groups, keyed by the sorted session indices the buyer can attend.
  const groupOfBuyer = new Map<string, string>();
  const groupSessions = new Map<string, number[]>();
  for (const buyer of model.buyers) {
    if (buyer.capacity < 1 || buyer.slotsByCity.size === 0) continue;
    const sessions = [...buyer.sessionsByCity.values()].flat().sort((a, b) => a - b);
    const key = sessions.join(",");
    groupOfBuyer.set(buyer.id, key);
    groupSessions.set(key, sessions);
  }
  const recordsOf = new Map<string, (typeof prepared.buyers)[number][]>();
  for (const record of prepared.buyers) {
    const key = groupOfBuyer.get(record.id);
    if (key === undefined) continue;
    const list = recordsOf.get(key) ?? [];
    list.push(record);
    recordsOf.set(key, list);
  }

  const forbidden = new Set((parsed.forbidden ?? []).map((pair) => `${pair.companyId}\u0000${pair.buyerId}`));
  const forbiddenPerCompany = new Map<string, number>();
  for (const pair of parsed.forbidden ?? []) forbiddenPerCompany.set(pair.companyId, (forbiddenPerCompany.get(pair.companyId) ?? 0) + 1);

  const scores: PairScore[] = [];
  const scored = new Set<string>();
  const listed = new Set<string>();
  const cut = new Set<string>();
  const groups: CandidateGroup[] = [];
  const limitOf = new Map<string, number>();
  // The whole market defines vocabulary and word weights, so scores are those of an unsplit matcher:
  // one market for every group (a group's index is compiled against it), and a company compiles once.
  const context = contextFor(options, prepared.buyers);
  const compiled = prepared.companies.map((company) => compileCompany(company, context.market));
  const indexOf = new Map<string, MarketIndex>();
  for (const key of [...recordsOf.keys()].sort()) {
    const records = recordsOf.get(key)!;
    const sessions = groupSessions.get(key)!;
    const seats = sessions.reduce((sum, s) => sum + (model.sessions[s]?.slots ?? 0) * (model.sessions[s]?.tables ?? 0), 0);
    const limit = Math.max(1, Math.min(seats, budgetSum));
    groups.push({ sessionIds: sessions.map((s) => model.sessions[s]?.id ?? ""), buyers: records.length, limit });
    const index = buildSegment(options, context, records);
    indexOf.set(key, index);
    // Scores only, straight from the engine's top-k heap: the planner needs no explanations.
    const scorer = new MarketScorer(index, options);
    for (const company of compiled) {
      const companyId = company.record.id;
      // A forbidden pair takes a place in the list but is no candidate: ask for that many more.
      const want = Math.min(limit + (forbiddenPerCompany.get(companyId) ?? 0), records.length);
      const heap = new TopK(want, index.idRank);
      scorer.prepare(company);
      scorer.rank(heap, minScore, true);
      const kept = heap.sorted();
      if (kept.length >= want && records.length > want) cut.add(companyId);
      for (const { item, score } of kept) {
        const buyerId = index.ids[item]!;
        const pairKey = `${companyId}\u0000${buyerId}`;
        if (forbidden.has(pairKey) || scored.has(pairKey) || !Number.isFinite(score)) continue;
        scored.add(pairKey);
        listed.add(buyerId);
        scores.push({ companyId, buyerId, score });
      }
    }
    if (records.length > limit) for (const record of records) limitOf.set(record.id, limit);
  }
  // A must-meet is kept below minScore, so it needs its own score even when no list holds it.
  const scratch = createScratch(options.criteria.length);
  for (const request of parsed.mustMeet ?? []) {
    const pairKey = `${request.companyId}\u0000${request.buyerId}`;
    const key = groupOfBuyer.get(request.buyerId);
    const index = key === undefined ? undefined : indexOf.get(key);
    // A requested buyer is a candidate whatever its rank: the cut's reason does not apply to it.
    if (key !== undefined) listed.add(request.buyerId);
    if (scored.has(pairKey) || index === undefined) continue;
    const position = index.positionOf.get(request.buyerId);
    const company = compiled.find((candidate) => candidate.record.id === request.companyId);
    if (position === undefined || company === undefined) continue;
    const score = pairScore(options, index.context, company, index.buyer(position), scratch);
    if (!Number.isFinite(score)) continue;
    scored.add(pairKey);
    scores.push({ companyId: request.companyId, buyerId: request.buyerId, score });
  }
  const unlisted = new Set<string>();
  for (const buyerId of groupOfBuyer.keys()) if (!listed.has(buyerId)) unlisted.add(buyerId);
  const result = { scores, groups, cutCompanies: [...cut].sort(), unlisted, limitOf, parsed, model };
  if (listsTop === undefined) return result;
  // A core over every buyer made of the groups' indexes (plus one of the buyers no group holds), all
  // compiled against the one market: the engine ranks each segment and merges their top lists, which
  // is exact (the top k of a union is the top k of the segments' top k), so the lists are those of
  // `createMatcher(buyers).rank`, without compiling the market a second time.
  const ungrouped = prepared.buyers.filter((record) => !groupOfBuyer.has(record.id));
  const segments: Segment[] = [...indexOf.values(), ...(ungrouped.length > 0 || indexOf.size === 0 ? [buildSegment(options, context, ungrouped)] : [])].map((index) => segmentOf(index, undefined));
  const whole = new MatcherCore(options, options, prepared.buyers, prepared.buyers, true, undefined, undefined, { context, segments, sharedMarket: false, stale: false });
  const lists = new Map<string, Match[]>();
  for (const company of compiled) lists.set(company.record.id, whole.rankCompiled(company, listsTop, options.minScore));
  return { ...result, lists };
}
