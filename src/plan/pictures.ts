/**
 * The agenda of one day as a self-contained HTML grid (inline styles, no scripts): a row per slot of
 * every session that day in the city, a column per table, each meeting with both names, its score and
 * its flags. The mission report draws its agenda with it; a notebook shows it with `Deno.jupyter.html`.
 */
import { z } from "zod";
import { parseWith } from "../schema/errors.js";
import { ExportAgendaSchema } from "./agendaSchema.js";
import type { Locale } from "../criteria/types.js";
import { escapeHtml } from "../score/pictures.js";
import type { Agenda, Meeting } from "./agenda.js";

const WORDS: Readonly<Record<Locale, { slot: string; table: string; interpreter: string; online: string; none: string }>> = {
  en: { slot: "Slot", table: "Table", interpreter: "interpreter", online: "online", none: "No meetings on this day." },
  ko: { slot: "시간대", table: "테이블", interpreter: "통역", online: "온라인", none: "이 날에는 상담이 없습니다." },
};

/** Options of {@link agendaGrid}. */
export interface AgendaGridOptions {
  /** Id → display name, for companies and buyers (default: the ids). */
  readonly names?: ReadonlyMap<string, string>;
  readonly locale?: Locale;
}

/**
 * The days of an agenda, as the `{ date, city }` pairs {@link agendaGrid} draws, in time order.
 *
 * @param agenda - a planned agenda
 * @returns each date with its city, once
 * @example
 * agendaDays(agenda); // [{ date: "2027-05-10", city: "Chicago" }, { date: "2027-05-12", city: "Detroit" }]
 */
export function agendaDays(agenda: Pick<Agenda, "meetings">): { date: string; city: string }[] {
  parseWith(ExportAgendaSchema, agenda, ["agenda"]);
  return daysOf(agenda);
}

/** {@link agendaDays} for an agenda this run's planner made (already valid): no validation. */
export function daysOf(agenda: Pick<Agenda, "meetings">): { date: string; city: string }[] {
  const days = new Map<string, { date: string; city: string }>();
  for (const meeting of agenda.meetings) days.set(`${meeting.date}\u0000${meeting.city}`, { date: meeting.date, city: meeting.city });
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.city < b.city ? -1 : a.city > b.city ? 1 : 0));
}

const GridArguments = z.tuple([
  ExportAgendaSchema,
  z.object({ date: z.string(), city: z.string().optional() }, { error: "must be a day { date, city? } (see agendaDays)" }),
  z.object({ locale: z.enum(["en", "ko"]).optional(), names: z.map(z.string(), z.string()).optional() }, { error: "must be an object ({ locale?, names? })" }).loose(),
]);

/**
 * One day of the agenda as an HTML grid: slots down, tables across.
 *
 * @param agenda - a planned agenda
 * @param day - the date (and city) to draw; see {@link agendaDays}
 * @param options - names and locale
 * @returns a `<div class="day">` element as text, self-contained
 * @example
 * Deno.jupyter.html`${agendaGrid(agenda, agendaDays(agenda)[0], { names })}`;
 */
export function agendaGrid(agenda: Pick<Agenda, "meetings">, day: { readonly date: string; readonly city?: string }, options: AgendaGridOptions = {}): string {
  parseWith(GridArguments, [agenda, day, options], []);
  return drawAgendaGrid(agenda, day, options);
}

/** {@link agendaGrid} for an agenda this run's planner made (already valid): no validation. */
export function drawAgendaGrid(agenda: Pick<Agenda, "meetings">, day: { readonly date: string; readonly city?: string }, options: AgendaGridOptions = {}): string {
  const words = WORDS[options.locale ?? "en"];
  const names = options.names ?? new Map<string, string>();
  const meetings: Meeting[] = agenda.meetings.filter((meeting) => meeting.date === day.date && (day.city === undefined || meeting.city === day.city));
  const title = `<h3 style="margin:12px 0 6px">${escapeHtml(day.city ?? meetings[0]?.city ?? "")} — ${escapeHtml(day.date)}</h3>`;
  if (meetings.length === 0) return `<div class="day">${title}<p>${escapeHtml(words.none)}</p></div>`;
  const tables = Math.max(...meetings.map((meeting) => meeting.table));
  const slots = new Map<string, { start: string; end: string; sessionId: string; slot: number }>();
  for (const meeting of meetings) slots.set(`${meeting.sessionId}\u0000${meeting.slot}`, { start: meeting.start, end: meeting.end, sessionId: meeting.sessionId, slot: meeting.slot });
  // Meetings by session, slot and table (a session seats one meeting per table and slot).
  const at = new Map<string, Meeting>();
  for (const meeting of meetings) if (!at.has(`${meeting.sessionId}\u0000${meeting.slot}\u0000${meeting.table}`)) at.set(`${meeting.sessionId}\u0000${meeting.slot}\u0000${meeting.table}`, meeting);
  const ordered = [...slots.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
  const border = "border:1px solid #ccc;padding:3px 4px;vertical-align:top";
  const head = Array.from({ length: tables }, (_, index) => `<th scope="col" style="${border};background:#f0f4f8">${escapeHtml(words.table)} ${index + 1}</th>`).join("");
  const rows = ordered.map((slot) => {
    const cells = Array.from({ length: tables }, (_, index) => {
      const meeting = at.get(`${slot.sessionId}\u0000${slot.slot}\u0000${index + 1}`);
      if (meeting === undefined) return `<td class="free" style="${border};background:#f6f6f6"></td>`;
      const flags = [meeting.interpreter ? words.interpreter : "", meeting.online ? words.online : ""].filter((flag) => flag !== "");
      return `<td class="meeting" style="${border}"><span class="who" style="display:block;font-weight:600">${escapeHtml(names.get(meeting.companyId) ?? meeting.companyId)}</span><span class="with" style="display:block">${escapeHtml(names.get(meeting.buyerId) ?? meeting.buyerId)}</span><span class="score" style="display:block;color:#555">${meeting.score.toFixed(2)}${flags.length > 0 ? ` · ${escapeHtml(flags.join(", "))}` : ""}</span></td>`;
    });
    return `<tr><th scope="row" style="${border};white-space:nowrap">${escapeHtml(`${slot.start}–${slot.end}`)}</th>${cells.join("")}</tr>`;
  });
  return `<div class="day">${title}<table class="grid" style="border-collapse:collapse;width:100%;table-layout:fixed;font-size:11px;font-family:system-ui,sans-serif"><thead><tr><th style="${border};width:84px">${escapeHtml(words.slot)}</th>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}
