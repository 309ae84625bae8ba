/**
 * One meeting of the agenda from the model's indices: written once for the planner and the re-planner,
 * so both give a pair the same times, interpreter flag, languages and attendance.
 */
import type { Meeting } from "./agenda.js";
import { compareIds, type PlanModel } from "./model.js";
import { reasonText, type AttendanceReason } from "./reasons.js";

/** "HH:MM" of minutes since midnight. */
export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Primary language subtags in lower case ("en-US" → "en"), deduplicated and sorted. */
export function languageSet(languages: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const language of languages ?? []) {
    const primary = language.normalize("NFKC").trim().toLowerCase().split(/[-_]/)[0] ?? "";
    if (primary !== "") out.add(primary);
  }
  return [...out].sort(compareIds);
}

/** Where a meeting sits: company, buyer and session indices of the model, a 0-based slot, its table. */
export interface MeetingPlace {
  readonly company: number;
  readonly buyer: number;
  readonly session: number;
  readonly slot: number;
  readonly table: number;
  readonly score: number;
  readonly mustMeet: boolean;
  readonly requestedBy?: "company" | "buyer" | undefined;
}

/**
 * The agenda's meeting at a place.
 *
 * @example
 * const meeting = meetingOf(model, { company: 0, buyer: 3, session: 1, slot: 2, table: 1, score: 0.8, mustMeet: false });
 */
export function meetingOf(model: PlanModel, place: MeetingPlace): Meeting {
  const company = model.companies[place.company]!;
  const buyer = model.buyers[place.buyer]!;
  const session = model.sessions[place.session]!;
  const companyLanguages = languageSet(company.languages);
  const buyerLanguages = languageSet(buyer.languages);
  const languagesKnown = companyLanguages.length > 0 && buyerLanguages.length > 0;
  const sharedLanguages = companyLanguages.filter((language) => buyerLanguages.includes(language));
  const startMinutes = session.startMinutes + place.slot * session.slotMinutes;
  const attendance = buyer.attendance[place.session];
  const attendanceReason: AttendanceReason = attendance?.reason ?? { code: "same_city", city: session.cityName };
  return {
    companyId: company.id,
    buyerId: buyer.id,
    sessionId: session.id,
    city: model.cities[session.city]?.name ?? session.cityName,
    date: session.date,
    slot: place.slot + 1,
    start: clock(startMinutes),
    end: clock(startMinutes + session.slotMinutes),
    table: place.table,
    score: place.score,
    interpreter: languagesKnown && sharedLanguages.length === 0,
    sharedLanguages,
    languagesKnown,
    online: attendance?.mode === "online",
    attendance: { reason: attendanceReason, message: reasonText(attendanceReason) },
    mustMeet: place.mustMeet,
    ...(place.requestedBy === undefined ? {} : { requestedBy: place.requestedBy }),
  };
}
