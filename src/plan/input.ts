/**
 * The planner's input: its zod schema, the cross-reference checks zod cannot express, and the
 * documented defaults. Everything is validated here once; the rest of `plan/` trusts the result.
 */
import { z } from "zod";
import { BuyerSchema, type Buyer } from "../schema/buyer.js";
import { CountSchema, FiniteNumberSchema, IdSchema, LocationSchema, SubdivisionSchema } from "../schema/common.js";
import { CompanySchema, type Company } from "../schema/company.js";
import type { MatchOptions } from "../criteria/options.js";
import { BuyerMatchError, safeParseWith, type BuyerMatchIssue, type IssuePath } from "../schema/errors.js";
import { createBuyerCheck } from "../schema/fastBuyer.js";

/**
 * The planner's defaults. A company without `meetingBudget` may meet as often as the mission has slots;
 * a buyer without `meetingCapacity` takes one meeting (the cautious choice: a buyer who did not say
 * otherwise is not booked all day).
 */
export const PLAN_DEFAULTS = {
  /** Lowest score that may be scheduled. */
  minScore: 0,
  /** 0 = maximise the total score only. */
  fairness: 0,
  /** Guaranteed meetings per company, where feasible. */
  minPerCompany: 0,
  /** Budget of a company that gives none: unlimited (bounded by the mission's slots). */
  meetingBudget: Number.POSITIVE_INFINITY,
  /** Capacity of a buyer that gives none. */
  meetingCapacity: 1,
} as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Minutes since midnight of a validated "HH:MM".
 *
 * @param time - "HH:MM"
 * @returns minutes since midnight (0 for a malformed time, which validation has already rejected)
 * @example
 * minutesOf("09:30"); // 570
 */
export function minutesOf(time: string): number {
  const match = TIME.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : 0;
}

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const PositiveIntegerSchema = z
  .number({ error: "must be a whole number" })
  .refine((value) => Number.isInteger(value) && value >= 1, { message: "must be a whole number ≥ 1", params: { code: "out_of_range" } });

/** A meeting session: a block of equal slots at a number of tables, in one city on one date. */
export const SessionSchema = z
  .object({
    id: IdSchema,
    city: z.string().trim().min(1, "must be a non-empty city name"),
    date: z.string().refine(isCalendarDate, { message: "must be a date YYYY-MM-DD" }),
    start: z.string().regex(TIME, "must be a time HH:MM (00:00–23:59)"),
    slotMinutes: PositiveIntegerSchema,
    slots: PositiveIntegerSchema,
    tables: PositiveIntegerSchema,
    /** The venue's coordinates; without them the city (in `region`) is looked up in the US gazetteer. */
    location: LocationSchema.optional(),
    /** ISO 3166-2 subdivision of the city ("US-MI"): picks the right Detroit. */
    region: SubdivisionSchema.optional(),
    /** The venue's name or address, printed in calendars ("Huntington Place, Hall A"). */
    venue: z.string().trim().min(1, "must be a non-empty venue name").optional(),
    /** How far buyers travel to this session in person, in km (default `VENUE_DEFAULTS.radiusKm`, 80). */
    radiusKm: FiniteNumberSchema.refine((value) => value >= 0, { message: "must be ≥ 0", params: { code: "out_of_range" } }).optional(),
  })
  // The last slot must end by 23:59: a meeting ending at midnight would read "24:00", which is no
  // valid HH:MM clock time nor iCalendar time (the day ends at 235959).
  .refine((session) => minutesOf(session.start) + session.slots * session.slotMinutes < 24 * 60, {
    message: "its last slot must end by 23:59 (a session cannot run to or past midnight)",
    path: ["slots"],
    params: { code: "out_of_range" },
  });

/** A meeting session as written by a user. */
export type Session = z.input<typeof SessionSchema>;
/** A validated session. */
export type ParsedSession = z.output<typeof SessionSchema>;

/** A company–buyer pair by id. */
export const PairSchema = z.object({ companyId: IdSchema, buyerId: IdSchema });

/** A scored pair, as produced by the core's ranking (`Match` has these fields). */
export const PairScoreSchema = PairSchema.extend({ score: FiniteNumberSchema });
/** A scored pair as written by a user. */
export type PairScore = z.input<typeof PairScoreSchema>;

/** A pair that must be scheduled when feasible, requested by either side. */
export const MustMeetSchema = PairSchema.extend({ requestedBy: z.enum(["company", "buyer"]).optional() });
/** A must-meet request as written by a user. */
export type MustMeet = z.input<typeof MustMeetSchema>;

/** A company–buyer pair. */
export type PairRef = z.input<typeof PairSchema>;

/** The whole planner input. */
export const PlanInputSchema = z.object({
  companies: z.array(CompanySchema),
  buyers: z.array(BuyerSchema),
  sessions: z.array(SessionSchema),
  scores: z.array(PairScoreSchema),
  matchOptions: z.unknown().optional(),
  minScore: FiniteNumberSchema.optional(),
  forbidden: z.array(PairSchema).optional(),
  mustMeet: z.array(MustMeetSchema).optional(),
  fairness: FiniteNumberSchema.refine((value) => value >= 0, { message: "must be ≥ 0", params: { code: "out_of_range" } }).optional(),
  minPerCompany: CountSchema.optional(),
  defaults: z
    .object({
      meetingBudget: CountSchema.optional(),
      meetingCapacity: CountSchema.optional(),
    })
    .optional(),
});

/**
 * The input of `planMeetings`.
 *
 * `scores` lists the candidate pairs (from `rankBuyers`/`matchAll` or any other source); a pair that is
 * not listed is never scheduled unless it is a must-meet. `defaults` fills in a company's
 * `meetingBudget` or a buyer's `meetingCapacity` when absent (see {@link PLAN_DEFAULTS}).
 */
export interface PlanInput {
  readonly companies: readonly Company[];
  readonly buyers: readonly Buyer[];
  readonly sessions: readonly Session[];
  /**
   * The candidate pairs and their scores. When absent, the core scores pairs in the `mutual` viewpoint
   * (override with `matchOptions`) and keeps each company's best buyers per attendance group, as many
   * as any plan can meet there (`planCandidates`; the optimum is the same as over every pair).
   */
  readonly scores?: readonly PairScore[];
  /** Options for the core scorer when `scores` is absent (viewpoint `mutual` unless given). */
  readonly matchOptions?: MatchOptions;
  /** Pairs scoring below this are never scheduled (must-meets excepted). Default 0. */
  readonly minScore?: number;
  readonly forbidden?: readonly PairRef[];
  readonly mustMeet?: readonly MustMeet[];
  /** 0 = pure maximum total score; larger values make a company's k-th meeting worth less. Default 0. */
  readonly fairness?: number;
  /** Meetings guaranteed to every company where feasible. Default 0. */
  readonly minPerCompany?: number;
  readonly defaults?: { readonly meetingBudget?: number; readonly meetingCapacity?: number };
}

/** The validated input. */
export type ParsedPlanInput = z.output<typeof PlanInputSchema>;

/**
 * The key that decides whether two city names are one city: NFKC, trimmed, spaces collapsed, lower case.
 *
 * @param city - a city name as written
 * @returns its key
 * @example
 * cityKey("  Chicago ") === cityKey("chicago"); // true
 */
export function cityKey(city: string): string {
  return city.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

function idOf(value: unknown, field: string): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const id: unknown = (value as Record<string, unknown>)[field];
  return typeof id === "string" && id.trim() !== "" ? id.trim() : undefined;
}

function arrayAt(input: unknown, field: string): readonly unknown[] {
  if (input === null || typeof input !== "object") return [];
  const value: unknown = (input as Record<string, unknown>)[field];
  return Array.isArray(value) ? value : [];
}

/**
 * Cross-reference checks on the raw input, run even when the schema fails so that one error lists
 * every problem: duplicate ids, unknown ids in scores, forbidden pairs, must-meets and availability,
 * a pair both forbidden and required, sessions of one date in two cities or overlapping in time.
 */
function crossCheck(input: unknown): BuyerMatchIssue[] {
  const issues: BuyerMatchIssue[] = [];
  const collect = (field: string): Set<string> => {
    const ids = new Set<string>();
    arrayAt(input, field).forEach((item, index) => {
      const id = idOf(item, "id");
      if (id === undefined) return;
      if (ids.has(id)) issues.push({ code: "duplicate_id", path: [field, index, "id"], message: `${JSON.stringify(id)} appears more than once` });
      ids.add(id);
    });
    return ids;
  };
  const companyIds = collect("companies");
  const buyerIds = collect("buyers");
  const sessionIds = collect("sessions");

  const checkPair = (item: unknown, path: IssuePath): string | undefined => {
    const companyId = idOf(item, "companyId");
    const buyerId = idOf(item, "buyerId");
    if (companyId !== undefined && !companyIds.has(companyId)) issues.push({ code: "unknown_reference", path: [...path, "companyId"], message: `${JSON.stringify(companyId)} is not a company id` });
    if (buyerId !== undefined && !buyerIds.has(buyerId)) issues.push({ code: "unknown_reference", path: [...path, "buyerId"], message: `${JSON.stringify(buyerId)} is not a buyer id` });
    return companyId === undefined || buyerId === undefined ? undefined : `${companyId}\u0000${buyerId}`;
  };
  const scored = new Set<string>();
  arrayAt(input, "scores").forEach((item, index) => {
    const key = checkPair(item, ["scores", index]);
    if (key === undefined) return;
    if (scored.has(key)) issues.push({ code: "invalid_input", path: ["scores", index], message: "this company–buyer pair is scored more than once" });
    scored.add(key);
  });
  const forbidden = new Set<string>();
  arrayAt(input, "forbidden").forEach((item, index) => {
    const key = checkPair(item, ["forbidden", index]);
    if (key !== undefined) forbidden.add(key);
  });
  const required = new Set<string>();
  arrayAt(input, "mustMeet").forEach((item, index) => {
    const key = checkPair(item, ["mustMeet", index]);
    if (key === undefined) return;
    if (forbidden.has(key)) issues.push({ code: "invalid_input", path: ["mustMeet", index], message: "this pair is also forbidden" });
    if (required.has(key)) issues.push({ code: "invalid_input", path: ["mustMeet", index], message: "this pair is requested more than once" });
    required.add(key);
  });
  arrayAt(input, "buyers").forEach((buyer, index) => {
    arrayAt(buyer, "availability").forEach((sessionId, k) => {
      if (typeof sessionId === "string" && sessionId.trim() !== "" && !sessionIds.has(sessionId.trim())) {
        issues.push({ code: "unknown_reference", path: ["buyers", index, "availability", k], message: `${JSON.stringify(sessionId)} is not a session id` });
      }
    });
  });

  // The delegation is in one city per day, and nobody can sit in two overlapping sessions.
  const byDate = new Map<string, { index: number; city: string; from: number; to: number }[]>();
  arrayAt(input, "sessions").forEach((raw, index) => {
    const parsed = safeParseWith(SessionSchema, raw);
    if (!parsed.success) return;
    const session = parsed.data;
    const from = minutesOf(session.start);
    const entry = { index, city: cityKey(session.city), from, to: from + session.slots * session.slotMinutes };
    const sameDay = byDate.get(session.date) ?? [];
    for (const other of sameDay) {
      if (other.city !== entry.city) {
        issues.push({ code: "invalid_input", path: ["sessions", index, "city"], message: `the delegation is in one city per day, but sessions[${other.index}] on ${session.date} is in another city` });
      } else if (entry.from < other.to && other.from < entry.to) {
        issues.push({ code: "invalid_input", path: ["sessions", index, "start"], message: `overlaps sessions[${other.index}] on ${session.date}` });
      }
    }
    sameDay.push(entry);
    byDate.set(session.date, sameDay);
  });
  return issues;
}

/** The planner's schema with the buyers left to the fast check (same key order: `extend` keeps a key's place). */
const PlanInputWithoutBuyersSchema = PlanInputSchema.extend({ buyers: z.array(z.unknown()) });

/**
 * The parsed input when every buyer passes the fast buyer check (`createBuyerCheck`, held to
 * `BuyerSchema` by test/schema/fastBuyer.test.ts) and the rest passes the schema and the cross-checks:
 * the same value `PlanInputSchema` gives, without zod's general machinery over thousands of buyers.
 * Undefined when anything fails, and the caller parses the whole input with zod, which reports every
 * problem with its path: validation stays whole, only its cost changes.
 */
function parseWithFastBuyers(input: unknown): ParsedPlanInput | undefined {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return undefined;
  try {
    const raw: unknown = (input as Record<string, unknown>)["buyers"];
    if (!Array.isArray(raw)) return undefined;
    const check = createBuyerCheck();
    const buyers: ParsedPlanInput["buyers"] = [];
    for (let index = 0; index < raw.length; index += 1) {
      const parsed = check(raw[index]);
      if (parsed === undefined) return undefined;
      buyers.push(parsed);
    }
    const rest = safeParseWith(PlanInputWithoutBuyersSchema, input);
    if (!rest.success || crossCheck(input).length > 0) return undefined;
    return { ...rest.data, buyers };
  } catch {
    // A hostile value (a getter that throws): the whole parse decides, and reports.
    return undefined;
  }
}

/**
 * Validates the planner input once: the schema (types, ranges, formats) and every cross-reference.
 *
 * @param input - the raw planner input
 * @returns the parsed input
 * @throws BuyerMatchError listing every problem with its path
 * @example
 * const parsed = parsePlanInput({ companies, buyers, sessions, scores });
 */
export function parsePlanInput(input: unknown): ParsedPlanInput {
  const fast = parseWithFastBuyers(input);
  if (fast !== undefined) return fast;
  const result = safeParseWith(PlanInputSchema, input);
  const issues = result.success ? [] : [...result.issues];
  issues.push(...crossCheck(input));
  if (issues.length > 0 || !result.success) {
    if (issues.length === 0) issues.push({ code: "invalid_input", path: [], message: "invalid planner input" });
    throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
  }
  return result.data;
}
