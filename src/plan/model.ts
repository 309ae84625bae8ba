/**
 * The planner's compiled model: plain arrays indexed by position in id order, so the allocation and the
 * slotting never touch the caller's objects and never depend on the caller's order.
 */
import { PLAN_DEFAULTS, cityKey, minutesOf, type ParsedPlanInput } from "./input.js";
import { attendanceOf, resolveVenues, type SessionAttendance, type SessionVenue } from "./venue.js";

export interface ModelCompany {
  readonly id: string;
  /** Effective budget: the stated budget, bounded by the mission's slots and the company's candidates. */
  readonly budget: number;
  readonly statedBudget: number;
  readonly languages: readonly string[] | undefined;
}

export interface ModelBuyer {
  readonly id: string;
  readonly capacity: number;
  readonly city: number | undefined;
  readonly cityName: string | undefined;
  readonly online: boolean;
  readonly languages: readonly string[] | undefined;
  /** City index → sessions the buyer can attend there (session indices, in time order). */
  readonly sessionsByCity: ReadonlyMap<number, readonly number[]>;
  /** City index → slots the buyer can attend there. */
  readonly slotsByCity: ReadonlyMap<number, number>;
  /** How the buyer attends each session (by session index): in person, online or not, and why. */
  readonly attendance: readonly SessionAttendance[];
}

export interface ModelSession {
  readonly id: string;
  readonly city: number;
  readonly cityName: string;
  readonly date: string;
  readonly startMinutes: number;
  readonly slotMinutes: number;
  readonly slots: number;
  readonly tables: number;
}

export interface ModelCity {
  readonly key: string;
  readonly name: string;
  /** Sessions in time order. */
  readonly sessions: readonly number[];
  readonly slots: number;
  readonly tableCapacity: number;
}

export interface ModelPair {
  readonly company: number;
  readonly buyer: number;
  readonly score: number;
  readonly mustMeet: boolean;
  readonly requestedBy: "company" | "buyer" | undefined;
}

export interface PlanModel {
  readonly companies: readonly ModelCompany[];
  readonly buyers: readonly ModelBuyer[];
  readonly sessions: readonly ModelSession[];
  readonly cities: readonly ModelCity[];
  /** Where each session is held (by session index). */
  readonly venues: readonly SessionVenue[];
  /** Schedulable pairs (eligible by score or requested, not forbidden, with a city in common), by company then buyer. */
  readonly pairs: readonly ModelPair[];
  /** Every must-meet request, eligible or not, by company then buyer. */
  readonly mustMeets: readonly { readonly company: number; readonly buyer: number; readonly requestedBy: "company" | "buyer" | undefined; readonly score: number | undefined }[];
  /** Scores of every listed pair, keyed by {@link pairKey}. */
  readonly scoreOf: ReadonlyMap<number, number>;
  readonly forbidden: ReadonlySet<number>;
  readonly minScore: number;
  readonly fairness: number;
  readonly minPerCompany: number;
  readonly totalSlots: number;
}

/**
 * Compares ids with plain `<` on strings, as the whole library breaks ties.
 *
 * @param a - an id
 * @param b - another id
 * @returns -1, 0 or 1
 * @example
 * ["b", "a"].sort(compareIds); // ["a", "b"]
 */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The numeric key of a (company, buyer) pair of indices.
 *
 * @param company - company index
 * @param buyer - buyer index
 * @param buyerCount - number of buyers
 * @returns a key unique to the pair
 * @example
 * pairKey(2, 5, 10); // 25
 */
export function pairKey(company: number, buyer: number, buyerCount: number): number {
  return company * buyerCount + buyer;
}

/**
 * Compiles validated input into the model.
 *
 * @param input - the output of `parsePlanInput`
 * @param reuse - a model built from the same companies, buyers, sessions and defaults (only scores and pairs differ): its buyers, sessions and venues are reused, not computed again
 * @returns the model
 * @example
 * const model = buildModel(parsePlanInput(raw));
 */
export function buildModel(input: ParsedPlanInput, reuse?: PlanModel): PlanModel {
  const minScore = input.minScore ?? PLAN_DEFAULTS.minScore;
  const sessionsSorted = [...input.sessions].sort(
    (a, b) => compareIds(a.date, b.date) || minutesOf(a.start) - minutesOf(b.start) || compareIds(a.id, b.id),
  );
  const cityKeys = [...new Set(sessionsSorted.map((session) => cityKey(session.city)))].sort(compareIds);
  const cityIndex = new Map(cityKeys.map((key, index) => [key, index]));
  const sessions: ModelSession[] = sessionsSorted.map((session) => {
    const city = cityIndex.get(cityKey(session.city)) as number;
    return {
      id: session.id,
      city,
      cityName: session.city,
      date: session.date,
      startMinutes: minutesOf(session.start),
      slotMinutes: session.slotMinutes,
      slots: session.slots,
      tables: session.tables,
    };
  });
  const cities: ModelCity[] = cityKeys.map((key, index) => {
    const own = sessions.flatMap((session, s) => (session.city === index ? [s] : []));
    return {
      key,
      // The display name is the spelling of the city's first session.
      name: sessions[own[0] as number]?.cityName ?? key,
      sessions: own,
      slots: own.reduce((sum, s) => sum + (sessions[s]?.slots ?? 0), 0),
      tableCapacity: own.reduce((sum, s) => sum + (sessions[s]?.slots ?? 0) * (sessions[s]?.tables ?? 0), 0),
    };
  });
  const totalSlots = sessions.reduce((sum, session) => sum + session.slots, 0);
  const venues = resolveVenues(sessionsSorted);

  const companiesSorted = [...input.companies].sort((a, b) => compareIds(a.id, b.id));
  const companyIndex = new Map(companiesSorted.map((company, index) => [company.id, index]));
  const buyers = reuse?.buyers ?? modelBuyers(input, sessions, cityIndex, venues);
  const buyerIndex = new Map(buyers.map((buyer, index) => [buyer.id, index]));

  const buyerCount = buyers.length;
  const key = (company: number, buyer: number): number => pairKey(company, buyer, buyerCount);
  const forbidden = new Set<number>();
  for (const pair of input.forbidden ?? []) {
    forbidden.add(key(companyIndex.get(pair.companyId) as number, buyerIndex.get(pair.buyerId) as number));
  }
  const scoreOf = new Map<number, number>();
  const scored: [number, number, number][] = [];
  for (const entry of input.scores) {
    const company = companyIndex.get(entry.companyId) as number;
    const buyer = buyerIndex.get(entry.buyerId) as number;
    scoreOf.set(key(company, buyer), entry.score);
    scored.push([company, buyer, entry.score]);
  }
  const requested = new Map<number, "company" | "buyer" | undefined>();
  const mustMeets: { company: number; buyer: number; requestedBy: "company" | "buyer" | undefined; score: number | undefined }[] = [];
  for (const entry of input.mustMeet ?? []) {
    const company = companyIndex.get(entry.companyId) as number;
    const buyer = buyerIndex.get(entry.buyerId) as number;
    requested.set(key(company, buyer), entry.requestedBy);
    mustMeets.push({ company, buyer, requestedBy: entry.requestedBy, score: scoreOf.get(key(company, buyer)) });
  }
  mustMeets.sort((a, b) => a.company - b.company || a.buyer - b.buyer);

  const pairs: ModelPair[] = [];
  const addPair = (company: number, buyer: number, score: number): void => {
    const pair = key(company, buyer);
    if (forbidden.has(pair)) return;
    const mustMeet = requested.has(pair);
    if (!mustMeet && !(score >= minScore)) return;
    if ((buyers[buyer]?.slotsByCity.size ?? 0) === 0) return;
    pairs.push({ company, buyer, score, mustMeet, requestedBy: requested.get(pair) });
  };
  for (const [company, buyer, score] of scored) addPair(company, buyer, score);
  for (const request of mustMeets) {
    if (!scoreOf.has(key(request.company, request.buyer))) addPair(request.company, request.buyer, 0);
  }
  pairs.sort((a, b) => a.company - b.company || a.buyer - b.buyer);

  const candidates = new Array<number>(companiesSorted.length).fill(0);
  for (const pair of pairs) candidates[pair.company] = (candidates[pair.company] ?? 0) + 1;
  const companies: ModelCompany[] = companiesSorted.map((company, index) => {
    const statedBudget = company.meetingBudget ?? input.defaults?.meetingBudget ?? PLAN_DEFAULTS.meetingBudget;
    return {
      id: company.id,
      budget: Math.min(statedBudget, totalSlots, candidates[index] ?? 0),
      statedBudget,
      languages: company.languages,
    };
  });

  return {
    companies,
    buyers,
    sessions,
    cities,
    venues,
    pairs,
    mustMeets,
    scoreOf,
    forbidden,
    minScore,
    fairness: input.fairness ?? PLAN_DEFAULTS.fairness,
    minPerCompany: input.minPerCompany ?? PLAN_DEFAULTS.minPerCompany,
    totalSlots,
  };
}

/**
 * The buyers of the model, in id order. Buyers that attend the same sessions in the same way share one
 * `sessionsByCity` and one `slotsByCity` (100,000 buyers fall into a handful of patterns).
 */
function modelBuyers(input: ParsedPlanInput, sessions: readonly ModelSession[], cityIndex: ReadonlyMap<string, number>, venues: readonly SessionVenue[]): ModelBuyer[] {
  const patterns = new Map<string, { sessionsByCity: Map<number, number[]>; slotsByCity: Map<number, number> }>();
  return [...input.buyers].sort((a, b) => compareIds(a.id, b.id)).map((buyer) => {
    const online = buyer.online === true;
    const home = buyer.city === undefined ? undefined : cityIndex.get(cityKey(buyer.city));
    // In person within a session's travel radius, online elsewhere if the buyer meets online, or as
    // its availability list says (see venue.ts).
    const attendance = attendanceOf(buyer, venues);
    let key = "";
    for (let s = 0; s < sessions.length; s++) key += attendance[s]?.mode === "in_person" || attendance[s]?.mode === "online" ? "1" : "0";
    let pattern = patterns.get(key);
    if (pattern === undefined) {
      const sessionsByCity = new Map<number, number[]>();
      const slotsByCity = new Map<number, number>();
      sessions.forEach((session, s) => {
        if (key[s] !== "1") return;
        sessionsByCity.set(session.city, [...(sessionsByCity.get(session.city) ?? []), s]);
        slotsByCity.set(session.city, (slotsByCity.get(session.city) ?? 0) + session.slots);
      });
      pattern = { sessionsByCity, slotsByCity };
      patterns.set(key, pattern);
    }
    return {
      id: buyer.id,
      capacity: buyer.meetingCapacity ?? input.defaults?.meetingCapacity ?? PLAN_DEFAULTS.meetingCapacity,
      city: home,
      cityName: buyer.city,
      online,
      languages: buyer.languages,
      sessionsByCity: pattern.sessionsByCity,
      slotsByCity: pattern.slotsByCity,
      attendance,
    };
  });
}
