/**
 * Seeded planner instances for tests and benchmarks, and the rule checks every agenda must pass.
 */
import type { Agenda, PairScore, PlanInput, Session } from "../../src/plan/index.js";
import { mulberry32 } from "../support/random.js";

export { mulberry32 };

/** A plan input with its scores given (the tests score pairs themselves). */
export type ScoredPlanInput = PlanInput & { readonly scores: readonly PairScore[] };

/** Fisher–Yates with a seeded generator. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface InstanceShape {
  companies: number;
  buyers: number;
  /** Sessions per city; each session is its own date. */
  cities: readonly { name: string; sessions: number; slots: number; tables: number }[];
  /** Scored buyers per company (all when ≥ buyers). */
  scoredPerCompany: number;
  onlineShare?: number;
  availabilityShare?: number;
  maxBudget?: number;
  maxCapacity?: number;
  mustMeets?: number;
  forbidden?: number;
  minScore?: number;
  fairness?: number;
  minPerCompany?: number;
  /** Scores in hundredths (exact in LP text). */
  roundScores?: boolean;
  /** Give each session a random table count from 1 to its city's `tables`. */
  varyTables?: boolean;
}

/**
 * Builds a random planner input from a seed.
 *
 * @param seed - the PRNG seed
 * @param shape - sizes and shares
 * @returns a valid `PlanInput`
 */
/** The benchmarks' mission at scale: 200 exporters, 2,000 buyers, Chicago and Detroit, 2 sessions × 8 slots × 40 tables each. */
export const MISSION_200_BY_2000: InstanceShape = {
  companies: 200,
  buyers: 2000,
  cities: [
    { name: "Chicago", sessions: 2, slots: 8, tables: 40 },
    { name: "Detroit", sessions: 2, slots: 8, tables: 40 },
  ],
  scoredPerCompany: 100,
  maxBudget: 16,
  maxCapacity: 3,
  onlineShare: 0.1,
  minScore: 0.2,
  roundScores: false,
};

export function randomInstance(seed: number, shape: InstanceShape): ScoredPlanInput {
  const random = mulberry32(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const sessions: Session[] = [];
  let day = 1;
  for (const city of shape.cities) {
    for (let s = 0; s < city.sessions; s++) {
      sessions.push({
        id: `${city.name.toLowerCase()}-${s + 1}`,
        city: city.name,
        date: `2026-05-${String(day++).padStart(2, "0")}`,
        start: "09:00",
        slotMinutes: 30,
        slots: city.slots,
        tables: shape.varyTables === true ? 1 + pick(city.tables) : city.tables,
      });
    }
  }
  const languages = [["en"], ["ko"], ["ko", "en"], []];
  const companies = Array.from({ length: shape.companies }, (_, i) => ({
    id: `c${String(i).padStart(3, "0")}`,
    name: `Company ${i}`,
    country: "KR",
    languages: languages[pick(languages.length)] as string[],
    ...(shape.maxBudget === undefined ? {} : { meetingBudget: pick(shape.maxBudget + 1) }),
  }));
  const buyers = Array.from({ length: shape.buyers }, (_, i) => {
    const online = random() < (shape.onlineShare ?? 0);
    const city = shape.cities[pick(shape.cities.length)]?.name as string;
    const own = sessions.filter((session) => online || session.city === city);
    const restricted = random() < (shape.availabilityShare ?? 0);
    const availability = restricted ? own.filter(() => random() < 0.6).map((session) => session.id) : undefined;
    return {
      id: `b${String(i).padStart(4, "0")}`,
      name: `Buyer ${i}`,
      country: "US",
      city,
      online,
      languages: languages[pick(languages.length)] as string[],
      ...(shape.maxCapacity === undefined ? {} : { meetingCapacity: pick(shape.maxCapacity + 1) }),
      ...(availability === undefined ? {} : { availability }),
    };
  });
  const scores: { companyId: string; buyerId: string; score: number }[] = [];
  for (const company of companies) {
    const chosen = shape.scoredPerCompany >= buyers.length ? buyers : shuffled(buyers, random).slice(0, shape.scoredPerCompany);
    for (const buyer of chosen) {
      const raw = random();
      scores.push({ companyId: company.id, buyerId: buyer.id, score: shape.roundScores === false ? raw : Math.round(raw * 100) / 100 });
    }
  }
  const pairs = scores.map((entry) => ({ companyId: entry.companyId, buyerId: entry.buyerId }));
  const forbidden = shuffled(pairs, random).slice(0, shape.forbidden ?? 0);
  const forbiddenKeys = new Set(forbidden.map((pair) => `${pair.companyId}|${pair.buyerId}`));
  const mustMeet = shuffled(pairs, random)
    .filter((pair) => !forbiddenKeys.has(`${pair.companyId}|${pair.buyerId}`))
    .slice(0, shape.mustMeets ?? 0)
    .map((pair, i) => ({ ...pair, requestedBy: i % 2 === 0 ? ("company" as const) : ("buyer" as const) }));
  return {
    companies,
    buyers,
    sessions,
    scores,
    forbidden,
    mustMeet,
    ...(shape.minScore === undefined ? {} : { minScore: shape.minScore }),
    ...(shape.fairness === undefined ? {} : { fairness: shape.fairness }),
    ...(shape.minPerCompany === undefined ? {} : { minPerCompany: shape.minPerCompany }),
  };
}

/** Every rule an agenda must keep, as a list of broken rules (empty = all kept). */
export function brokenRules(input: ScoredPlanInput, agenda: Agenda): string[] {
  const broken: string[] = [];
  const sessions = new Map(input.sessions.map((session) => [session.id, session]));
  const companies = new Map(input.companies.map((company) => [company.id, company]));
  const buyers = new Map(input.buyers.map((buyer) => [buyer.id, buyer]));
  const scores = new Map(input.scores.map((entry) => [`${entry.companyId}|${entry.buyerId}`, entry.score]));
  const forbidden = new Set((input.forbidden ?? []).map((pair) => `${pair.companyId}|${pair.buyerId}`));
  const must = new Set((input.mustMeet ?? []).map((pair) => `${pair.companyId}|${pair.buyerId}`));
  const minScore = input.minScore ?? 0;
  const seen = new Set<string>();
  const perCompany = new Map<string, number>();
  const perBuyer = new Map<string, number>();
  for (const meeting of agenda.meetings) {
    const session = sessions.get(meeting.sessionId);
    const company = companies.get(meeting.companyId);
    const buyer = buyers.get(meeting.buyerId);
    if (session === undefined || company === undefined || buyer === undefined) {
      broken.push(`unknown id in ${JSON.stringify(meeting)}`);
      continue;
    }
    const pair = `${meeting.companyId}|${meeting.buyerId}`;
    for (const key of [`c|${meeting.companyId}|${meeting.sessionId}|${meeting.slot}`, `b|${meeting.buyerId}|${meeting.sessionId}|${meeting.slot}`, `t|${meeting.sessionId}|${meeting.slot}|${meeting.table}`, `p|${pair}`]) {
      if (seen.has(key)) broken.push(`double booking ${key}`);
      seen.add(key);
    }
    if (meeting.slot < 1 || meeting.slot > session.slots) broken.push(`slot out of range ${pair}`);
    if (meeting.table < 1 || meeting.table > session.tables) broken.push(`table out of range ${pair}`);
    if (meeting.city !== session.city && meeting.city.toLowerCase() !== session.city.toLowerCase()) broken.push(`city mismatch ${pair}`);
    if (!buyer.online && buyer.city?.toLowerCase() !== session.city.toLowerCase()) broken.push(`buyer outside its city ${pair}`);
    if (buyer.availability !== undefined && !buyer.availability.includes(session.id)) broken.push(`buyer unavailable ${pair}`);
    if (forbidden.has(pair)) broken.push(`forbidden pair ${pair}`);
    const score = scores.get(pair);
    if (!must.has(pair) && (score === undefined || score < minScore)) broken.push(`below minScore or unscored ${pair}`);
    if (score !== undefined && meeting.score !== score) broken.push(`wrong score ${pair}`);
    const [h, m] = session.start.split(":").map(Number) as [number, number];
    const start = h * 60 + m + (meeting.slot - 1) * session.slotMinutes;
    const clock = (t: number): string => `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
    if (meeting.start !== clock(start) || meeting.end !== clock(start + session.slotMinutes)) broken.push(`wrong times ${pair}`);
    perCompany.set(meeting.companyId, (perCompany.get(meeting.companyId) ?? 0) + 1);
    perBuyer.set(meeting.buyerId, (perBuyer.get(meeting.buyerId) ?? 0) + 1);
  }
  for (const [id, count] of perCompany) {
    const budget = companies.get(id)?.meetingBudget ?? input.defaults?.meetingBudget ?? Number.POSITIVE_INFINITY;
    if (count > budget) broken.push(`company ${id} over budget`);
  }
  for (const [id, count] of perBuyer) {
    const capacity = buyers.get(id)?.meetingCapacity ?? input.defaults?.meetingCapacity ?? 1;
    if (count > capacity) broken.push(`buyer ${id} over capacity`);
  }
  // One city per date.
  const cityOfDate = new Map<string, string>();
  for (const meeting of agenda.meetings) {
    const city = cityOfDate.get(meeting.date);
    if (city !== undefined && city !== meeting.city) broken.push(`two cities on ${meeting.date}`);
    cityOfDate.set(meeting.date, meeting.city);
  }
  return broken;
}

/** A byte-comparable rendering of an agenda (Maps in their insertion order). */
export function serializeAgenda(agenda: Agenda): string {
  return JSON.stringify(agenda, (_key, value: unknown) => (value instanceof Map ? [...value.entries()] : value));
}
