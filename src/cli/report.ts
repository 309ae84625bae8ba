/**
 * The mission report: one self-contained HTML page (inline CSS and SVG, no scripts, no network).
 * A heat map of exporters × shortlisted buyers, the agenda as a grid per city and day, then one
 * printed page per exporter with its top buyers and each criterion's contribution drawn as a bar.
 */
import { CRITERION_IDS, explainMatch, type Buyer, type Company, type CriterionId, type Locale, type Match } from "../index.js";
import type { Agenda, Meeting } from "../plan/index.js";
import { wordsFor } from "./text.js";

/** What the report shows. */
export interface ReportInput {
  readonly companies: readonly Company[];
  readonly buyers: readonly Buyer[];
  /** Company id → its ranked buyers (uncut: the heat map reads scores beyond each exporter's top). */
  readonly lists: ReadonlyMap<string, readonly Match[]>;
  readonly agenda?: Agenda;
  /** Buyers shown per exporter (default 5). */
  readonly top?: number;
  readonly locale?: Locale;
  readonly title?: string;
}

/** Criterion colours, distinguishable in print and for common colour-vision deficiencies (Okabe–Ito). */
const COLOURS: Readonly<Record<CriterionId, string>> = {
  product: "#0072B2",
  sector: "#E69F00",
  tier: "#009E73",
  region: "#CC79A7",
  readiness: "#56B4E9",
  certification: "#D55E00",
};

const LABELS: Readonly<Record<Locale, Record<string, string>>> = {
  en: {
    title: "Trade mission report",
    heatmap: "Scores: exporters × shortlisted buyers",
    agenda: "Meeting agenda",
    exporters: "Exporters",
    topBuyers: "Top buyers",
    meetings: "Meetings",
    noAgenda: "No sessions were given, so there is no agenda.",
    noMeetings: "No meetings scheduled.",
    products: "Products",
    slot: "Slot",
    legend: "Bar length is the score; each colour is one criterion's contribution.",
    notEligible: "not eligible or below the cut",
    summary: "{companies} exporters · {buyers} buyers",
    interpreter: "interpreter",
    online: "online",
  },
  ko: {
    title: "무역사절단 보고서",
    heatmap: "점수: 수출기업 × 주요 바이어",
    agenda: "상담 일정",
    exporters: "수출기업",
    topBuyers: "추천 바이어",
    meetings: "상담",
    noAgenda: "세션 정보가 없어 일정표가 없습니다.",
    noMeetings: "배정된 상담이 없습니다.",
    products: "품목",
    slot: "시간대",
    legend: "막대 길이는 점수, 색은 기준별 기여도입니다.",
    notEligible: "대상 아님 또는 기준 미달",
    summary: "수출기업 {companies}개 · 바이어 {buyers}개",
    interpreter: "통역",
    online: "온라인",
  },
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character]!);
}

/** A score in [0, 1] as a background colour from pale to deep blue; text stays readable on both. */
function heatColour(score: number): string {
  const lightness = Math.round(96 - score * 56);
  return `hsl(210, 70%, ${lightness}%)`;
}

const BAR_WIDTH = 320;
const BAR_HEIGHT = 16;

/** One match's contributions as a stacked SVG bar (length = score). */
function contributionBar(match: Match, locale: Locale): string {
  const words = wordsFor(locale);
  let x = 0;
  const segments: string[] = [];
  for (const id of CRITERION_IDS) {
    const part = match.breakdown[id];
    if (part === undefined || part.contribution <= 0) continue;
    const width = part.contribution * BAR_WIDTH;
    segments.push(
      `<rect class="segment" data-criterion="${id}" x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="${BAR_HEIGHT}" fill="${COLOURS[id]}"><title>${escapeHtml(`${words.criteria[id]}: +${part.contribution.toFixed(3)} (${(part.weight * 100).toFixed(0)}% × ${part.score.toFixed(2)})`)}</title></rect>`,
    );
    x += width;
  }
  const label = CRITERION_IDS.filter((id) => (match.breakdown[id]?.contribution ?? 0) > 0)
    .map((id) => `${words.criteria[id]} ${match.breakdown[id]!.contribution.toFixed(2)}`)
    .join(", ");
  return `<svg class="bar" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" viewBox="0 0 ${BAR_WIDTH} ${BAR_HEIGHT}" role="img" aria-label="${escapeHtml(label)}"><rect x="0" y="0" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="#eee"/>${segments.join("")}</svg>`;
}

function legend(locale: Locale): string {
  const words = wordsFor(locale);
  const items = CRITERION_IDS.map((id) => `<span class="key"><span class="swatch" style="background:${COLOURS[id]}"></span>${escapeHtml(words.criteria[id])}</span>`).join(" ");
  return `<p class="legend">${items}<br>${escapeHtml(LABELS[locale]["legend"]!)}</p>`;
}

/** Buyers that make some exporter's top list, most often shortlisted first, then by best score, then id. */
function shortlistedBuyers(input: ReportInput, top: number): string[] {
  const stats = new Map<string, { count: number; best: number }>();
  for (const company of input.companies) {
    for (const match of (input.lists.get(company.id) ?? []).slice(0, top)) {
      const entry = stats.get(match.buyerId) ?? { count: 0, best: 0 };
      stats.set(match.buyerId, { count: entry.count + 1, best: Math.max(entry.best, match.score) });
    }
  }
  return [...stats.entries()]
    .sort((a, b) => b[1].count - a[1].count || b[1].best - a[1].best || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([id]) => id);
}

/** Heat-map columns beyond this are left out: a wider map no longer fits a printed page. */
const MAX_HEATMAP_BUYERS = 30;

function heatmap(input: ReportInput, top: number, buyerNames: ReadonlyMap<string, string>, locale: Locale): string {
  const labels = LABELS[locale];
  const buyers = shortlistedBuyers(input, top).slice(0, MAX_HEATMAP_BUYERS);
  if (buyers.length === 0) return "";
  const scoreOf = new Map<string, number>();
  for (const [companyId, matches] of input.lists) for (const match of matches) scoreOf.set(`${companyId}\u0000${match.buyerId}`, match.score);
  const head = buyers.map((id) => `<th class="buyer-head" scope="col"><span>${escapeHtml(buyerNames.get(id) ?? id)}</span></th>`).join("");
  const rows = input.companies
    .map((company) => {
      const cells = buyers
        .map((buyerId) => {
          const score = scoreOf.get(`${company.id}\u0000${buyerId}`);
          if (score === undefined) return `<td class="cell empty" title="${escapeHtml(labels["notEligible"]!)}">·</td>`;
          return `<td class="cell" data-score="${score.toFixed(3)}" style="background:${heatColour(score)};color:${score > 0.55 ? "#fff" : "#111"}" title="${escapeHtml(`${company.name} × ${buyerNames.get(buyerId) ?? buyerId}: ${score.toFixed(3)}`)}">${Math.round(score * 100)}</td>`;
        })
        .join("");
      return `<tr><th scope="row"><a href="#${escapeHtml(anchor(company.id))}">${escapeHtml(company.name)}</a></th>${cells}</tr>`;
    })
    .join("\n");
  return `<section class="heatmap-section"><h2>${escapeHtml(labels["heatmap"]!)}</h2><div class="scroll"><table class="heatmap"><thead><tr><th></th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div></section>`;
}

function anchor(companyId: string): string {
  return `exporter-${encodeURIComponent(companyId)}`;
}

function agendaGrid(agenda: Agenda | undefined, companyNames: ReadonlyMap<string, string>, buyerNames: ReadonlyMap<string, string>, locale: Locale): string {
  const labels = LABELS[locale];
  const words = wordsFor(locale);
  if (agenda === undefined) return `<section class="agenda"><h2>${escapeHtml(labels["agenda"]!)}</h2><p>${escapeHtml(labels["noAgenda"]!)}</p></section>`;
  // One grid per city and day; a day with several sessions (morning, afternoon) gets one row per slot of each.
  const days = new Map<string, Meeting[]>();
  for (const meeting of agenda.meetings) {
    const key = `${meeting.date}\u0000${meeting.city}`;
    days.set(key, [...(days.get(key) ?? []), meeting]);
  }
  const grids = [...days.entries()].map(([key, meetings]) => {
    const [date, city] = key.split("\u0000") as [string, string];
    const tables = Math.max(...meetings.map((meeting) => meeting.table));
    const slotKeys = new Map<string, { start: string; end: string; sessionId: string; slot: number }>();
    for (const meeting of meetings) slotKeys.set(`${meeting.sessionId}\u0000${meeting.slot}`, { start: meeting.start, end: meeting.end, sessionId: meeting.sessionId, slot: meeting.slot });
    const slots = [...slotKeys.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
    const head = Array.from({ length: tables }, (_, index) => `<th scope="col">${escapeHtml(words.table)} ${index + 1}</th>`).join("");
    const rows = slots.map((slot) => {
      const inSlot = meetings.filter((meeting) => meeting.sessionId === slot.sessionId && meeting.slot === slot.slot);
      const first = slot;
      const cells = Array.from({ length: tables }, (_, index) => {
        const meeting = inSlot.find((candidate) => candidate.table === index + 1);
        if (meeting === undefined) return `<td class="free"></td>`;
        const flags = [meeting.interpreter ? labels["interpreter"]! : "", meeting.online ? labels["online"]! : ""].filter((flag) => flag !== "");
        return `<td class="meeting"><span class="who">${escapeHtml(companyNames.get(meeting.companyId) ?? meeting.companyId)}</span><span class="with">${escapeHtml(buyerNames.get(meeting.buyerId) ?? meeting.buyerId)}</span><span class="score">${meeting.score.toFixed(2)}${flags.length > 0 ? ` · ${escapeHtml(flags.join(", "))}` : ""}</span></td>`;
      }).join("");
      return `<tr><th scope="row">${escapeHtml(`${first.start}–${first.end}`)}</th>${cells}</tr>`;
    });
    return `<div class="day"><h3>${escapeHtml(city)} — ${escapeHtml(date)}</h3><table class="grid"><thead><tr><th>${escapeHtml(labels["slot"]!)}</th>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
  });
  const totals = words.meetings(agenda.totals.meetings, agenda.totals.totalScore.toFixed(2));
  return `<section class="agenda"><h2>${escapeHtml(labels["agenda"]!)}</h2><p>${escapeHtml(totals)}</p>${grids.length > 0 ? grids.join("\n") : `<p>${escapeHtml(labels["noMeetings"]!)}</p>`}</section>`;
}

function exporterPage(company: Company, input: ReportInput, top: number, names: ReadonlyMap<string, string>, locale: Locale): string {
  const labels = LABELS[locale];
  const words = wordsFor(locale);
  const matches = (input.lists.get(company.id) ?? []).slice(0, top);
  const products = (company.products ?? []).map((product) => `${product.name}${product.hs === undefined ? "" : ` (HS ${product.hs})`}`).join("; ");
  const rows = matches
    .map((match) => {
      const detail = explainMatch(match, { locale, names }).slice(1);
      return `<tr class="match"><td class="rank">${match.rank}</td><td class="buyer">${escapeHtml(names.get(match.buyerId) ?? match.buyerId)}<div class="why">${detail.map((line) => `<div>${escapeHtml(line.trim())}</div>`).join("")}</div></td><td class="score">${match.score.toFixed(3)}</td><td>${contributionBar(match, locale)}</td></tr>`;
    })
    .join("\n");
  const meetings = input.agenda?.byCompany.get(company.id) ?? [];
  const meetingList =
    input.agenda === undefined
      ? ""
      : `<h3>${escapeHtml(labels["meetings"]!)}</h3>${
          meetings.length === 0
            ? `<p>${escapeHtml(labels["noMeetings"]!)}</p>`
            : `<ul class="meetings">${meetings.map((meeting) => `<li>${escapeHtml(`${meeting.date} ${meeting.start}–${meeting.end}, ${meeting.city}, ${words.table} ${meeting.table}: ${names.get(meeting.buyerId) ?? meeting.buyerId} (${meeting.score.toFixed(2)})${meeting.interpreter ? ` — ${labels["interpreter"]}` : ""}`)}</li>`).join("")}</ul>`
        }`;
  return `<section class="exporter" id="${escapeHtml(anchor(company.id))}" data-company="${escapeHtml(company.id)}">
<h2>${escapeHtml(company.name)}</h2>
<p class="profile">${escapeHtml([company.city, company.country, company.tier].filter((part) => part !== undefined).join(" · "))}${products === "" ? "" : `<br>${escapeHtml(labels["products"]!)}: ${escapeHtml(products)}`}</p>
<h3>${escapeHtml(labels["topBuyers"]!)}</h3>
${matches.length === 0 ? `<p>${escapeHtml(words.noMatches)}</p>` : `<table class="matches"><thead><tr><th>${escapeHtml(words.rank)}</th><th>${escapeHtml(words.buyer)}</th><th>${escapeHtml(words.score)}</th><th>${escapeHtml(words.why)}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
${meetingList}
</section>`;
}

const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR","Malgun Gothic",sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#111;line-height:1.4}
h1{margin:0 0 4px}h2{border-bottom:2px solid #0072B2;padding-bottom:4px;margin-top:32px}h3{margin:18px 0 8px}
table{border-collapse:collapse}th,td{padding:4px 6px;vertical-align:top}
.legend{font-size:13px;color:#333}.key{white-space:nowrap;margin-right:10px}.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
.heatmap{font-size:12px}.heatmap th[scope=row]{text-align:right;white-space:nowrap;font-weight:500}
.heatmap .buyer-head{height:140px;white-space:nowrap;vertical-align:bottom;padding:0}
.heatmap .buyer-head span{display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg);padding:4px 2px;font-weight:500}
.heatmap .cell{width:24px;min-width:24px;padding:4px 1px;text-align:center;border:1px solid #fff}.heatmap .empty{color:#999;background:#fafafa}
.scroll{overflow-x:auto}
.grid{width:100%;table-layout:fixed;font-size:12px;margin-bottom:12px}.grid thead th:first-child{width:92px}.grid th,.grid td{border:1px solid #ccc}.grid thead th{background:#f0f4f8}
.grid .meeting .who{display:block;font-weight:600}.grid .meeting .with{display:block}.grid .meeting .score{display:block;color:#555}
.grid .free{background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#f0f0f0 4px,#f0f0f0 8px)}
.matches{width:100%}.matches th{text-align:left;border-bottom:1px solid #999}.matches td{border-bottom:1px solid #e5e5e5}
.matches .rank,.matches .score{text-align:right;font-variant-numeric:tabular-nums}.why{font-size:11px;color:#444;margin-top:2px}
.profile{color:#333}.bar{display:block}
@media print{
  body{max-width:none;padding:0;font-size:11px}
  a{color:inherit;text-decoration:none}
  .scroll{overflow:visible}.heatmap{font-size:9px}.heatmap .cell{width:20px;min-width:20px}
  .exporter{break-before:page;page-break-before:always}
  .day,.match,.heatmap tr{break-inside:avoid;page-break-inside:avoid}
  .heatmap .cell,.swatch,.grid .free,rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
@page{size:A4;margin:14mm}
`;

/**
 * Renders the mission report as one HTML document: no scripts, no external resources, so it opens
 * offline and prints one exporter per page.
 *
 * @param input - companies, buyers, their ranked lists, and the agenda if planned
 * @returns the HTML text
 * @example
 * const html = renderReport({ companies, buyers, lists, agenda, top: 5, locale: "en" });
 * writeFileSync("mission.html", html);
 */
export function renderReport(input: ReportInput): string {
  const locale = input.locale ?? "en";
  const top = input.top ?? 5;
  const labels = LABELS[locale];
  const companyNames = new Map(input.companies.map((company) => [company.id, company.name]));
  const buyerNames = new Map(input.buyers.map((buyer) => [buyer.id, buyer.name]));
  const names = new Map([...companyNames, ...buyerNames]);
  const title = input.title ?? labels["title"]!;
  const pages = input.companies.map((company) => exporterPage(company, input, top, names, locale)).join("\n");
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p class="summary">${escapeHtml(labels["summary"]!.replace("{companies}", String(input.companies.length)).replace("{buyers}", String(input.buyers.length)))}</p>${legend(locale)}</header>
${heatmap(input, top, buyerNames, locale)}
${agendaGrid(input.agenda, companyNames, buyerNames, locale)}
<h2 class="exporters-title">${escapeHtml(labels["exporters"]!)}</h2>
${pages}
</body>
</html>
`;
}
