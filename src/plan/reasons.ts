/**
 * The planner's reasons as data: why a buyer attends a session in person, online or not at all, and
 * why a company, buyer or must-meet stayed unmatched or a meeting unplaced. Each reason is
 * `{ code, ...params }`; `planReasonText` renders any of them in English or Korean, and the agenda
 * keeps that text beside it (`message`) for readers.
 */
import { z } from "zod";
import type { Locale } from "../criteria/types.js";
import { parseWith } from "../schema/errors.js";
import { FiniteNumberSchema } from "../schema/common.js";

/** Why a buyer attends (or does not attend) a session the way it does. */
export type AttendanceReason =
  /** Both places known: the great-circle distance and the session's radius decide. */
  | { readonly code: "within_radius" | "outside_radius"; readonly city: string; readonly distanceKm: number; readonly radiusKm: number; readonly located: "coordinates" | "gazetteer" }
  /** A place is unknown, but buyer and session name the same city. */
  | { readonly code: "same_city"; readonly city: string }
  /** The buyer's place is unknown (no `location`; its city is not in the gazetteer or is ambiguous without `region`). */
  | { readonly code: "location_unknown"; readonly city: string }
  /** The venue's place is unknown (no `location`; its city is not in the gazetteer). */
  | { readonly code: "venue_unknown"; readonly city: string }
  /** The buyer named this session in `availability` and will come. */
  | { readonly code: "listed_session"; readonly city: string; readonly sessionId: string }
  /** The buyer's `availability` does not name this session. */
  | { readonly code: "not_in_availability"; readonly city: string; readonly sessionId: string };

/** Why a meeting could not be slotted. */
export type SlotReason = { readonly code: "no_common_slot" } | { readonly code: "no_table_left" } | { readonly code: "unknown_city" };

/** Why a company got fewer meetings than guaranteed, or none. */
export type CompanyReason =
  | { readonly code: "budget_zero" }
  | { readonly code: "no_candidates"; readonly minScore: number }
  | { readonly code: "budget_below_minimum"; readonly budget: number; readonly minimum: number }
  | { readonly code: "too_few_candidates"; readonly candidates: number; readonly minimum: number }
  | { readonly code: "company_crowded_out" }
  /** After a re-plan no free slot left a buyer it could meet. */
  | { readonly code: "no_slot_after_changes" };

/** Why a buyer got no meeting. */
export type BuyerReason =
  | { readonly code: "capacity_zero" }
  /** It attends no session; `cities` says why, city by city. */
  | { readonly code: "attends_no_session"; readonly cities: readonly AttendanceReason[] }
  | { readonly code: "no_company_scored" }
  | { readonly code: "below_min_score"; readonly minScore: number }
  | { readonly code: "buyer_crowded_out" }
  /** No exporter kept it among its best candidates for the buyer's sessions (the candidate cut). */
  | { readonly code: "not_among_candidates"; readonly limit: number }
  /** Scored against every exporter, no pair reached `minScore` or passed the hard rules. */
  | { readonly code: "no_pair_kept"; readonly minScore: number }
  /** After a re-plan no free slot with an eligible exporter was left. */
  | { readonly code: "no_slot_after_changes" }
  | SlotReason;

/** Why a must-meet request was not kept. */
export type MustMeetReason =
  | { readonly code: "company_budget_zero" }
  | { readonly code: "buyer_cannot_meet"; readonly because: BuyerReason }
  | { readonly code: "must_meets_conflict" }
  /** After a re-plan no slot and table were free for both sides without moving untouched meetings. */
  | { readonly code: "no_slot_after_changes" }
  | SlotReason;

/** Every reason the planner gives. */
export type PlanReason = AttendanceReason | CompanyReason | BuyerReason | MustMeetReason;

/** Every code of {@link PlanReason}. */
export type PlanReasonCode = PlanReason["code"];

const Num = FiniteNumberSchema;
const City = { city: z.string() };
const code = <C extends string>(value: C) => z.literal(value);

/** Every attendance reason, as a schema (what `planReasonText` accepts). */
export const AttendanceReasonSchema = z.discriminatedUnion("code", [
  z.looseObject({ code: z.enum(["within_radius", "outside_radius"]), ...City, distanceKm: Num, radiusKm: Num, located: z.enum(["coordinates", "gazetteer"]) }),
  z.looseObject({ code: code("same_city"), ...City }),
  z.looseObject({ code: code("location_unknown"), ...City }),
  z.looseObject({ code: code("venue_unknown"), ...City }),
  z.looseObject({ code: code("listed_session"), ...City, sessionId: z.string() }),
  z.looseObject({ code: code("not_in_availability"), ...City, sessionId: z.string() }),
]);

const SLOT_REASONS = [z.looseObject({ code: code("no_common_slot") }), z.looseObject({ code: code("no_table_left") }), z.looseObject({ code: code("unknown_city") })] as const;

const BuyerReasonSchema = z.discriminatedUnion("code", [
  z.looseObject({ code: code("capacity_zero") }),
  z.looseObject({ code: code("attends_no_session"), cities: z.array(AttendanceReasonSchema) }),
  z.looseObject({ code: code("no_company_scored") }),
  z.looseObject({ code: code("below_min_score"), minScore: Num }),
  z.looseObject({ code: code("buyer_crowded_out") }),
  z.looseObject({ code: code("not_among_candidates"), limit: Num }),
  z.looseObject({ code: code("no_pair_kept"), minScore: Num }),
  z.looseObject({ code: code("no_slot_after_changes") }),
  ...SLOT_REASONS,
]);

/** Every planner reason, as a schema. */
export const PlanReasonSchema = z.union([
  AttendanceReasonSchema,
  BuyerReasonSchema,
  z.discriminatedUnion("code", [
    z.looseObject({ code: code("budget_zero") }),
    z.looseObject({ code: code("no_candidates"), minScore: Num }),
    z.looseObject({ code: code("budget_below_minimum"), budget: Num, minimum: Num }),
    z.looseObject({ code: code("too_few_candidates"), candidates: Num, minimum: Num }),
    z.looseObject({ code: code("company_crowded_out") }),
    z.looseObject({ code: code("company_budget_zero") }),
    z.looseObject({ code: code("buyer_cannot_meet"), because: BuyerReasonSchema }),
    z.looseObject({ code: code("must_meets_conflict") }),
  ]),
]);

const km = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const q = (text: string): string => JSON.stringify(text);

/**
 * Renders a planner reason in English or Korean. The one place the planner's reasons become words.
 *
 * @param reason - a reason from the agenda
 * @param locale - "en" (default) or "ko"
 * @returns the text
 * @example
 * planReasonText({ code: "within_radius", city: "Chicago", distanceKm: 35.9, radiusKm: 80, located: "coordinates" });
 * // "35.9 km from the Chicago venue, within the 80 km travel radius"
 * planReasonText({ code: "budget_zero" }, "ko"); // "미팅 예산이 0입니다"
 */
export function planReasonText(reason: PlanReason, locale: Locale = "en"): string {
  parseWith(z.tuple([PlanReasonSchema, z.enum(["en", "ko"])]), [reason, locale], []);
  return reasonText(reason, locale);
}

/** {@link planReasonText} for reasons the planner made itself (already valid). */
export function reasonText(reason: PlanReason, locale: Locale = "en"): string {
  const ko = locale === "ko";
  switch (reason.code) {
    case "within_radius":
      return ko
        ? `${reason.city} 행사장에서 ${km(reason.distanceKm)} km, 이동 반경 ${km(reason.radiusKm)} km 이내`
        : `${km(reason.distanceKm)} km from the ${reason.city} venue, within the ${km(reason.radiusKm)} km travel radius`;
    case "outside_radius":
      return ko
        ? `${reason.city} 행사장에서 ${km(reason.distanceKm)} km, 이동 반경 ${km(reason.radiusKm)} km 밖`
        : `${km(reason.distanceKm)} km from the ${reason.city} venue, beyond the ${km(reason.radiusKm)} km travel radius`;
    case "same_city":
      return ko ? `${reason.city}에 있음 (위치 정보가 없어 도시 이름으로 판단)` : `in ${reason.city} (same city name; no coordinates to measure the distance)`;
    case "location_unknown":
      return ko
        ? `바이어의 위치를 알 수 없음 (좌표가 없고 도시가 지명 사전에 없거나 주(region) 없이 여러 곳에 있음) — ${reason.city}와 같은 도시도 아님`
        : `the buyer's location is unknown (no coordinates; its city is not in the gazetteer, or is in several states and no region is given), and it is not in ${reason.city}`;
    case "venue_unknown":
      return ko ? `${reason.city} 행사장의 위치를 알 수 없음 (좌표가 없고 지명 사전에도 없음)` : `the ${reason.city} venue's location is unknown (no coordinates, not in the gazetteer)`;
    case "listed_session":
      return ko ? `참가 가능 세션(availability)에 ${q(reason.sessionId)}를 적어 직접 참석` : `named session ${q(reason.sessionId)} in its availability, so it comes in person`;
    case "not_in_availability":
      return ko ? `참가 가능 세션(availability)에 ${q(reason.sessionId)}가 없음` : `its availability does not name session ${q(reason.sessionId)}`;
    case "no_common_slot":
      return ko ? "바이어가 참석하는 세션에 양쪽 모두 비어 있는 시간대가 없음" : "no slot free for both sides in the sessions the buyer attends";
    case "no_table_left":
      return ko ? "양쪽이 참석할 수 있는 어느 시간대에도 남은 테이블이 없음" : "no table left in any slot both sides can attend";
    case "unknown_city":
      return ko ? "알 수 없는 도시" : "unknown city";
    case "budget_zero":
      return ko ? "미팅 예산이 0입니다" : "meeting budget is 0";
    case "no_candidates":
      return ko
        ? `바이어가 참석하는 도시에서 최소 점수 ${reason.minScore} 이상인 바이어가 없음`
        : `no buyer scores at or above minScore ${reason.minScore} in a city the buyer attends`;
    case "budget_below_minimum":
      return ko ? `미팅 예산 ${reason.budget}이(가) 최소 보장 ${reason.minimum}보다 적음` : `meeting budget ${reason.budget} is below the minimum ${reason.minimum}`;
    case "too_few_candidates":
      return ko ? `최소 보장 ${reason.minimum}건에 대해 가능한 바이어가 ${reason.candidates}곳뿐` : `only ${reason.candidates} eligible buyer(s) for a minimum of ${reason.minimum}`;
    case "company_crowded_out":
      return ko
        ? "가능한 바이어의 미팅 수, 시간대, 테이블이 필수 미팅, 최소 보장 또는 더 높은 점수의 미팅에 배정됨"
        : "its eligible buyers' capacity, slots or tables went to must-meets, guaranteed minimums or higher-value meetings";
    case "capacity_zero":
      return ko ? "미팅 가능 수가 0입니다" : "meeting capacity is 0";
    case "attends_no_session": {
      const parts = reason.cities.map((city) => reasonText(city, locale));
      return ko ? `참석하는 세션이 없음: ${parts.join("; ")}` : `attends no session: ${parts.join("; ")}`;
    }
    case "no_company_scored":
      return ko ? "이 바이어와 점수가 매겨진 기업이 없음" : "no company was scored against this buyer";
    case "below_min_score":
      return ko ? `최소 점수 ${reason.minScore} 이상인 기업이 없음 (또는 금지된 쌍)` : `no company scores at or above minScore ${reason.minScore} (or the pairs are forbidden)`;
    case "buyer_crowded_out":
      return ko ? "후보 기업의 예산, 시간대, 테이블이 더 높은 점수의 미팅에 배정됨" : "its candidate companies' budgets, slots or tables went to higher-value meetings";
    case "company_budget_zero":
      return ko ? "기업의 미팅 예산이 0입니다" : "the company's meeting budget is 0";
    case "buyer_cannot_meet":
      return ko ? `바이어가 미팅할 수 없음: ${reasonText(reason.because, locale)}` : `the buyer cannot meet: ${reasonText(reason.because, locale)}`;
    case "not_among_candidates":
      return ko
        ? `어느 수출기업의 상위 ${reason.limit}개 후보에도 들지 못함 (이 세션들에는 ${reason.limit}명보다 많은 바이어를 배정할 수 없으므로 그 아래 바이어는 계획을 개선할 수 없음)`
        : `not among the ${reason.limit} best candidates of any exporter for its sessions (no plan can seat more than ${reason.limit} of their buyers, so buyers below every exporter's ${reason.limit} best cannot improve it)`;
    case "no_pair_kept":
      return ko
        ? `최소 점수 ${reason.minScore} 이상인 수출기업이 없거나 모든 쌍이 필수 조건으로 제외됨 (buyermatch explain으로 확인)`
        : `no exporter scores at or above the minimum score ${reason.minScore}, or a hard rule excludes every pair (buyermatch explain shows which)`;
    case "no_slot_after_changes":
      return ko ? "변경 후 양쪽이 함께 비어 있는 시간대와 테이블이 남지 않음" : "no free slot and table with an eligible counterpart was left after the changes";
    case "must_meets_conflict":
      return ko ? "다른 필수 미팅이 양쪽이 공유하는 미팅 수, 시간대, 테이블을 사용함" : "other must-meets used the capacity, slots or tables both sides share";
  }
}

/**
 * Renders how a buyer attends a session: the mode, then the reason.
 *
 * @param mode - "in_person", "online" or "absent"
 * @param reason - the attendance reason
 * @param locale - "en" (default) or "ko"
 * @returns the text
 * @example
 * attendanceText("online", { code: "outside_radius", city: "Detroit", distanceKm: 383.4, radiusKm: 80, located: "gazetteer" });
 * // "online: 383.4 km from the Detroit venue, beyond the 80 km travel radius"
 */
export function attendanceText(mode: "in_person" | "online" | "absent", reason: AttendanceReason, locale: Locale = "en"): string {
  const ko = locale === "ko";
  const word = mode === "in_person" ? (ko ? "직접 참석" : "in person") : mode === "online" ? (ko ? "온라인" : "online") : ko ? "불참" : "absent";
  return `${word}: ${reasonText(reason, locale)}`;
}
