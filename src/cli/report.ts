/**
 * The mission report: one self-contained HTML document (inline CSS and SVG, no scripts, no network)
 * that prints on A4 as fixed pages: mission totals, the heat map, one page per day of the agenda, exactly
 * one page per exporter, and the buyers' own agendas. The pictures are the library's own
 * (`heatMap`, `contributionBar`, `agendaGrid`), so a notebook shows the same ones.
 */
import { CRITERION_IDS, describeReason, type Buyer, type Company, type Locale, type Match, type MatchOptions, type Viewpoint } from "../index.js";
import { CRITERIA } from "../criteria/index.js";
import type { CriterionDefinition } from "../criteria/types.js";
import { criterionWords, describeCoverage, explanationLines } from "../score/explain.js";
import { compileBuyer, compileCompany } from "../market/market.js";
import { collectBuyers, collectCompanies, collectOptions } from "../score/prepare.js";
import type { ResolvedOptions } from "../criteria/options.js";
import type { NormalizedCompany } from "../normalize/records.js";
import type { BuyerMatchIssue } from "../schema/errors.js";
import { contextFor, scoreCompiledPair } from "../score/reference.js";
import { drawContributionBar, drawHeatMap, writeContributionSum, escapeHtml, CRITERION_COLOURS } from "../score/pictures.js";
import type { Agenda } from "../plan/index.js";
import { daysOf, drawAgendaGrid } from "../plan/pictures.js";
import { reasonText, type PlanReason } from "../plan/reasons.js";
import { wordsFor } from "./text.js";

export { escapeHtml };

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
  /** The viewpoint the lists and the agenda were scored in (default "mutual"), named on every page. */
  readonly viewpoint?: Viewpoint;
  /** Match options the lists used: buyers without a candidate are scored alone with them to find the real reason. */
  readonly matchOptions?: MatchOptions;
}

const LABELS: Readonly<Record<Locale, Record<string, string>>> = {
  en: {
    title: "Trade mission report",
    totals: "Mission totals",
    heatmap: "Scores: exporters × shortlisted buyers",
    agenda: "Meeting agenda",
    exporters: "Exporters",
    buyers: "Buyers' agendas",
    topBuyers: "Top buyers",
    meetings: "Meetings",
    noAgenda: "No sessions were given, so there is no agenda.",
    noMeetings: "No meetings scheduled.",
    products: "Products",
    legend: "Bar length is the score; each colour is one criterion's contribution. Parts are rounded so that they add up to the score shown.",
    notEligible: "not eligible or below the cut",
    summary: "{companies} exporters · {buyers} buyers",
    interpreter: "interpreter",
    online: "online",
    viewpoint_mutual: "Scores are mutual: the harmonic mean of the exporter's and the buyer's view of each pair (plan's default). `buyermatch match` shows the exporter's view unless --viewpoint mutual is given, so its scores can differ.",
    viewpoint_company: "Scores are the exporter's view of each pair (what the exporter wants from a buyer).",
    viewpoint_buyer: "Scores are the buyer's view of each pair (what the buyer wants from an exporter).",
    views: "exporter's view {company} · buyer's view {buyer}",
    city: "City",
    date: "Date",
    count: "Meetings",
    interpreters: "Interpreters needed",
    onlineMeetings: "Online meetings",
    seats: "Seats",
    total: "Total",
    unmatchedCompanies: "Exporters with fewer meetings than planned for",
    unmatchedBuyers: "Buyers without a meeting",
    andMore: "… and {count} more",
    optimal: "The plan is provably optimal for its objective.",
    notOptimal: "The plan is feasible but not proven optimal",
    notOptimalWhy: "online buyers (or buyers attending several cities) had to be held to one city, or a meeting could not be placed in a slot (docs/plan.md).",
    with: "with",
  },
  ko: {
    title: "무역사절단 보고서",
    totals: "사절단 요약",
    heatmap: "점수: 수출기업 × 주요 바이어",
    agenda: "상담 일정",
    exporters: "수출기업",
    buyers: "바이어별 일정",
    topBuyers: "추천 바이어",
    meetings: "상담",
    noAgenda: "세션 정보가 없어 일정표가 없습니다.",
    noMeetings: "배정된 상담이 없습니다.",
    products: "품목",
    legend: "막대 길이는 점수, 색은 기준별 기여도입니다. 표시된 기여도의 합이 표시된 점수와 같도록 반올림했습니다.",
    notEligible: "대상 아님 또는 기준 미달",
    summary: "수출기업 {companies}개 · 바이어 {buyers}개",
    interpreter: "통역",
    online: "온라인",
    viewpoint_mutual: "점수는 상호 점수입니다: 수출기업 관점과 바이어 관점 점수의 조화평균(일정 계획의 기본값). `buyermatch match`는 --viewpoint mutual 없이는 수출기업 관점 점수를 보여 주므로 값이 다를 수 있습니다.",
    viewpoint_company: "점수는 수출기업 관점입니다.",
    viewpoint_buyer: "점수는 바이어 관점입니다.",
    views: "수출기업 관점 {company} · 바이어 관점 {buyer}",
    city: "도시",
    date: "날짜",
    count: "상담 수",
    interpreters: "통역 필요",
    onlineMeetings: "온라인 상담",
    seats: "좌석",
    total: "합계",
    unmatchedCompanies: "계획보다 상담이 적은 수출기업",
    unmatchedBuyers: "상담이 없는 바이어",
    andMore: "… 외 {count}건",
    optimal: "이 일정은 목표에 대해 최적임이 증명되었습니다.",
    notOptimal: "실행 가능한 일정이지만 최적임이 증명되지는 않았습니다",
    notOptimalWhy: "온라인 바이어(또는 여러 도시에 참석하는 바이어)를 한 도시로 고정했거나, 시간대에 배치하지 못한 상담이 있습니다 (docs/plan.md).",
    with: "상대",
  },
};

function label(locale: Locale, key: string, values: Readonly<Record<string, string | number>> = {}): string {
  let text = LABELS[locale][key] ?? LABELS.en[key] ?? key;
  for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, String(value));
  return text;
}

function legend(locale: Locale): string {
  const words = wordsFor(locale);
  const items = CRITERION_IDS.map((id) => `<span class="key"><span class="swatch" style="background:${CRITERION_COLOURS[id]}"></span>${escapeHtml(words.criteria[id])}</span>`).join(" ");
  return `<p class="legend">${items}<br>${escapeHtml(label(locale, "legend"))}</p>`;
}

function anchor(companyId: string): string {
  return `exporter-${encodeURIComponent(companyId)}`;
}

/** Rows listed per group of unmatched parties on the totals page (the rest are counted). */
const LISTED = 12;
/** Pairs scored alone to find the real reasons of buyers without a candidate (20 buyers for 11 exporters, fewer for more; about 1 ms each). */
const EXPLAINED_PAIRS = 220;
/** Buyers' agendas per printed page. */
const BUYERS_PER_PAGE = 8;

/**
 * The real reason a buyer has no candidate: scored alone against each exporter, either every pair is
 * excluded by a hard rule (the rules' own messages), or some pair is eligible but scores below the cut.
 * What `scorePair` gives for each exporter with this buyer (the market is the buyer alone). The
 * options and the companies are validated and normalised once for every buyer the page explains (they
 * do not depend on the buyer); each buyer is validated and compiled once, and each company compiled
 * against that buyer's market. Undefined when anything is invalid (the planner has said so already).
 */
function reasonFinder(input: ReportInput, locale: Locale): (buyer: Buyer) => string | undefined {
  let shared: { options: ResolvedOptions; companies: readonly NormalizedCompany[] } | null | undefined;
  return (buyer) => {
    if (shared === undefined) {
      const issues: BuyerMatchIssue[] = [];
      const options = collectOptions({ ...input.matchOptions, viewpoint: input.viewpoint ?? "mutual", top: undefined, minScore: undefined }, "company", issues);
      const companies = options === undefined ? [] : collectCompanies(input.companies, ["companies"], options.sectors, issues, options.fields.company);
      shared = options === undefined || issues.length > 0 ? null : { options, companies };
    }
    if (shared === null) return undefined;
    const issues: BuyerMatchIssue[] = [];
    const buyers = collectBuyers([buyer], ["buyer"], shared.options.sectors, issues, shared.options.fields.buyer);
    if (issues.length > 0 || buyers.length === 0) return undefined;
    const rules = new Map<string, number>();
    let eligible = 0;
    const context = contextFor(shared.options, buyers);
    const compiledBuyer = compileBuyer(buyers[0]!, context.market);
    for (const record of shared.companies) {
      const pair = scoreCompiledPair(shared.options, context, compileCompany(record, context.market), compiledBuyer);
      if (pair.eligible) eligible++;
      else for (const reason of pair.whyNot) {
        const text = describeReason(reason, locale);
        rules.set(text, (rules.get(text) ?? 0) + 1);
      }
    }
    if (eligible > 0) {
      return locale === "ko"
        ? `최소 점수 이상인 수출기업이 없음 (${input.companies.length}쌍 중 ${eligible}쌍은 조건 충족)`
        : `no exporter scores at or above the minimum score (${eligible} of ${input.companies.length} pairs are eligible)`;
    }
    const common = [...rules.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2);
    if (common.length === 0) return undefined;
    return locale === "ko" ? `모든 수출기업에 대해 필수 조건으로 제외됨: ${common.map(([message]) => message).join("; ")}` : `excluded by a hard rule for every exporter: ${common.map(([message]) => message).join("; ")}`;
  };
}

/** Planner reasons rendered once per distinct reason (100,000 unmatched buyers share a few). */
export function reasonRenderer(locale: Locale): (reason: PlanReason) => string {
  const texts = new Map<string, string>();
  return (reason) => {
    const key = JSON.stringify(reason);
    let text = texts.get(key);
    if (text === undefined) {
      // The agenda comes from this run's planner, so its reasons are valid: no second validation.
      text = reasonText(reason, locale);
      // Bounded: reasons with distances are one of a kind; the shared ones come back after a clear.
      if (texts.size >= 2_000) texts.clear();
      texts.set(key, text);
    }
    return text;
  };
}

function totalsPage(input: ReportInput, title: string, locale: Locale, names: ReadonlyMap<string, string>): string {
  const viewpoint = input.viewpoint ?? "mutual";
  const head = `<header><h1>${escapeHtml(title)}</h1><p class="summary">${escapeHtml(label(locale, "summary", { companies: input.companies.length, buyers: input.buyers.length }))}</p><p class="viewpoint">${escapeHtml(label(locale, `viewpoint_${viewpoint}`))}</p></header>`;
  const agenda = input.agenda;
  if (agenda === undefined) return `<section class="page totals">${head}<h2>${escapeHtml(label(locale, "totals"))}</h2><p>${escapeHtml(label(locale, "noAgenda"))}</p></section>`;
  const days = new Map<string, { city: string; date: string; meetings: number; interpreters: number; online: number }>();
  for (const meeting of agenda.meetings) {
    const key = `${meeting.date}\u0000${meeting.city}`;
    const entry = days.get(key) ?? { city: meeting.city, date: meeting.date, meetings: 0, interpreters: 0, online: 0 };
    entry.meetings++;
    if (meeting.interpreter) entry.interpreters++;
    if (meeting.online) entry.online++;
    days.set(key, entry);
  }
  const rows = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const sum = (field: "meetings" | "interpreters" | "online"): number => rows.reduce((total, row) => total + row[field], 0);
  const table = `<table class="totals-table"><thead><tr><th>${escapeHtml(label(locale, "city"))}</th><th>${escapeHtml(label(locale, "date"))}</th><th class="num">${escapeHtml(label(locale, "count"))}</th><th class="num">${escapeHtml(label(locale, "interpreters"))}</th><th class="num">${escapeHtml(label(locale, "onlineMeetings"))}</th></tr></thead><tbody>${rows
    .map((row) => `<tr class="day-total"><td>${escapeHtml(row.city)}</td><td>${escapeHtml(row.date)}</td><td class="num">${row.meetings}</td><td class="num">${row.interpreters}</td><td class="num">${row.online}</td></tr>`)
    .join("")}<tr class="grand-total"><th colspan="2">${escapeHtml(label(locale, "total"))}</th><td class="num">${sum("meetings")}</td><td class="num">${sum("interpreters")}</td><td class="num">${sum("online")}</td></tr></tbody></table>`;
  const optimal = agenda.totals.optimal ? label(locale, "optimal") : `${label(locale, "notOptimal")}${agenda.totals.optimalReason === undefined ? `: ${label(locale, "notOptimalWhy")}` : `: ${agenda.totals.optimalReason}.`}`;
  const buyersById = new Map(input.buyers.map((buyer) => [buyer.id, buyer]));
  const plannerReason = reasonRenderer(locale);
  const realReason = reasonFinder(input, locale);
  let explained = 0;
  const buyerReasons = agenda.unmatched.buyers.map((entry) => {
    let reason = plannerReason(entry.reason);
    const unscored = entry.reason.code === "no_company_scored" || entry.reason.code === "no_pair_kept" || entry.reason.code === "below_min_score";
    // The planner only knows no pair was listed; scored alone, the pair says why.
    if (unscored && (explained + 1) * input.companies.length <= Math.max(EXPLAINED_PAIRS, input.companies.length)) {
      const buyer = buyersById.get(entry.buyerId);
      const real = buyer === undefined ? undefined : realReason(buyer);
      explained++;
      if (real !== undefined) reason = real;
    }
    return { id: entry.buyerId, reason };
  });
  const grouped = (entries: readonly { id: string; reason: string }[], heading: string): string => {
    if (entries.length === 0) return "";
    const byReason = new Map<string, string[]>();
    for (const entry of entries) {
      const ids = byReason.get(entry.reason);
      if (ids === undefined) byReason.set(entry.reason, [entry.id]);
      else ids.push(entry.id);
    }
    const items = [...byReason.entries()]
      .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
      .slice(0, 6)
      .map(([reason, ids]) => {
        const shown = ids.slice(0, LISTED).map((id) => names.get(id) ?? id).join(", ");
        const more = ids.length > LISTED ? ` ${label(locale, "andMore", { count: ids.length - LISTED })}` : "";
        return `<li class="unmatched"><b>${ids.length}</b> — ${escapeHtml(reason)}<br><span class="ids">${escapeHtml(shown + more)}</span></li>`;
      });
    return `<h3>${escapeHtml(heading)} (${entries.length})</h3><ul class="reasons">${items.join("")}</ul>`;
  };
  return `<section class="page totals">${head}<h2>${escapeHtml(label(locale, "totals"))}</h2>${table}<p class="optimal">${escapeHtml(optimal)}</p>${grouped(
    agenda.unmatched.companies.map((entry) => ({ id: entry.companyId, reason: plannerReason(entry.reason) })),
    label(locale, "unmatchedCompanies"),
  )}${grouped(buyerReasons, label(locale, "unmatchedBuyers"))}</section>`;
}

/** How many explanation lines an exporter page shows per buyer, so the page stays one page. */
const WHY_LINES = 3;

/** The explanation's own "weight × score = contribution": rounded on its own, so the page shows the sum under the bar instead. */
const ARITHMETIC = /\s+—\s+[\d.]+%\s+×\s+[\d.]+\s+=\s+\+[\d.]+/;

/**
 * The lines an exporter page shows for a match: lines 1 to WHY_LINES of `explanationLines(match)` (its
 * coverage, then its largest contributions) without their arithmetic, trimmed. Only the lines shown
 * are put into words: the report shows 5 of 6 criteria's lines for 1,000 matches, and each criterion's
 * words are the costly part. test/report/render.test.ts holds it to `explanationLines`.
 *
 * @param match - a match the engine ranked (eligible)
 * @param locale - the report's locale
 * @returns the lines, trimmed
 * @example
 * whyLines(match, "en"); // ["based on all of the criteria (100% by weight)", "product: …", "sector: …"]
 */
export function whyLines(match: Match, locale: Locale): string[] {
  // An excluded pair's lines say why first; the engine's lists hold none, but its own function knows.
  if ("eligible" in match && (match as { eligible?: unknown }).eligible === false) return explanationLines(match, { locale }).slice(1, 1 + WHY_LINES).map(shownLine);
  const known = CRITERIA as readonly CriterionDefinition[];
  // The order explanationLines uses: contribution, then scoring order (built-in criteria, then other ids by id).
  const order = new Map<string, number>();
  for (const id of Object.keys(match.breakdown).sort()) order.set(id, known.length + order.size);
  known.forEach((definition, index) => order.set(definition.id, index));
  const entries = [...order.keys()]
    .map((id) => ({ id, part: Object.hasOwn(match.breakdown, id) ? match.breakdown[id as keyof typeof match.breakdown] : undefined }))
    .filter((entry) => entry.part !== undefined)
    .sort((a, b) => b.part!.contribution - a.part!.contribution || order.get(a.id)! - order.get(b.id)!)
    .slice(0, WHY_LINES - 1);
  const lines = [`  ${describeCoverage(match.coverage ?? 0, locale)}`];
  for (const { id, part } of entries) {
    const criterion = known.find((definition) => definition.id === id);
    const weight = part!.weight === 0 ? (locale === "ko" ? "조건" : "constraint") : `${(part!.weight * 100).toFixed(0)}% × ${part!.score.toFixed(2)} = +${part!.contribution.toFixed(3)}`;
    const unknown = part!.known ? "" : locale === "ko" ? " [정보 없음]" : " [unknown]";
    lines.push(`  ${criterionWords(criterion, part!.detail, locale)} — ${weight}${unknown}`);
  }
  return lines.map(shownLine);
}

function shownLine(line: string): string {
  return line.replace(ARITHMETIC, "").trim();
}

function exporterPage(company: Company, input: ReportInput, top: number, names: ReadonlyMap<string, string>, locale: Locale): string {
  const words = wordsFor(locale);
  const matches = (input.lists.get(company.id) ?? []).slice(0, top);
  const products = (company.products ?? []).map((product) => `${product.name}${product.hs === undefined ? "" : ` (HS ${product.hs})`}`).join("; ");
  const rows = matches
    .map((match) => {
      // The explanation's own "weight × score = contribution" arithmetic is rounded on its own and need
      // not add up; the sum under the bar is rounded to add up, so only the words are kept here.
      const detail = whyLines(match, locale);
      const views = match.viewpoints === undefined ? "" : `<div class="views">${escapeHtml(label(locale, "views", { company: match.viewpoints.company.score.toFixed(3), buyer: match.viewpoints.buyer.score.toFixed(3) }))}</div>`;
      return `<tr class="match"><td class="rank">${match.rank}</td><td class="buyer">${escapeHtml(names.get(match.buyerId) ?? match.buyerId)}${views}<div class="why">${detail.map((line) => `<div>${escapeHtml(line)}</div>`).join("")}</div></td><td class="score">${match.score.toFixed(3)}</td><td>${drawContributionBar(match, { locale, width: 240, height: 14 })}<div class="sum">${escapeHtml(writeContributionSum(match, locale))}</div></td></tr>`;
    })
    .join("\n");
  const meetings = input.agenda?.byCompany.get(company.id) ?? [];
  const meetingList =
    input.agenda === undefined
      ? ""
      : `<h3>${escapeHtml(label(locale, "meetings"))} (${meetings.length})</h3>${
          meetings.length === 0
            ? `<p>${escapeHtml(label(locale, "noMeetings"))}</p>`
            : `<table class="meetings"><tbody>${meetings
                .map(
                  (meeting) =>
                    `<tr><td>${escapeHtml(meeting.date)}</td><td>${escapeHtml(`${meeting.start}–${meeting.end}`)}</td><td>${escapeHtml(meeting.city)}</td><td>${escapeHtml(words.table)} ${meeting.table}</td><td>${escapeHtml(names.get(meeting.buyerId) ?? meeting.buyerId)}</td><td class="num">${meeting.score.toFixed(2)}</td><td>${escapeHtml([meeting.interpreter ? label(locale, "interpreter") : "", meeting.online ? label(locale, "online") : ""].filter((flag) => flag !== "").join(", "))}</td></tr>`,
                )
                .join("")}</tbody></table>`
        }`;
  return `<section class="page exporter" id="${escapeHtml(anchor(company.id))}" data-company="${escapeHtml(company.id)}">
<h2>${escapeHtml(company.name)}</h2>
<p class="profile">${escapeHtml([company.city, company.country, company.tier].filter((part) => part !== undefined).join(" · "))}${products === "" ? "" : `<br>${escapeHtml(label(locale, "products"))}: ${escapeHtml(products)}`}</p>
<p class="viewpoint">${escapeHtml(label(locale, `viewpoint_${input.viewpoint ?? "mutual"}`))}</p>
<h3>${escapeHtml(label(locale, "topBuyers"))}</h3>
${matches.length === 0 ? `<p>${escapeHtml(words.noMatches)}</p>` : `<table class="matches"><thead><tr><th>${escapeHtml(words.rank)}</th><th>${escapeHtml(words.buyer)}</th><th>${escapeHtml(words.score)}</th><th>${escapeHtml(words.why)}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
${meetingList}
</section>`;
}

function buyerPages(input: ReportInput, names: ReadonlyMap<string, string>, locale: Locale): string[] {
  const agenda = input.agenda;
  if (agenda === undefined) return [];
  const words = wordsFor(locale);
  const buyers = input.buyers.filter((buyer) => (agenda.byBuyer.get(buyer.id)?.length ?? 0) > 0).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const blocks = buyers.map((buyer) => {
    const meetings = agenda.byBuyer.get(buyer.id) ?? [];
    const rows = meetings
      .map((meeting) => `<tr><td>${escapeHtml(meeting.date)}</td><td>${escapeHtml(`${meeting.start}–${meeting.end}`)}</td><td>${escapeHtml(meeting.city)}, ${escapeHtml(words.table)} ${meeting.table}</td><td>${escapeHtml(names.get(meeting.companyId) ?? meeting.companyId)}</td><td class="num">${meeting.score.toFixed(2)}</td><td>${escapeHtml([meeting.interpreter ? label(locale, "interpreter") : "", meeting.online ? label(locale, "online") : ""].filter((flag) => flag !== "").join(", "))}</td></tr>`)
      .join("");
    return `<div class="buyer-agenda" data-buyer="${escapeHtml(buyer.id)}"><h3>${escapeHtml(buyer.name)}${buyer.city === undefined ? "" : ` <span class="place">${escapeHtml(buyer.city)}</span>`}</h3><table class="meetings"><tbody>${rows}</tbody></table></div>`;
  });
  const pages: string[] = [];
  for (let index = 0; index < blocks.length; index += BUYERS_PER_PAGE) {
    pages.push(`<section class="page buyers">${index === 0 ? `<h2>${escapeHtml(label(locale, "buyers"))}</h2>` : ""}${blocks.slice(index, index + BUYERS_PER_PAGE).join("\n")}</section>`);
  }
  return pages;
}

const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR","Malgun Gothic",sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#111;line-height:1.35}
h1{margin:0 0 4px}h2{border-bottom:2px solid #0072B2;padding-bottom:4px;margin:8px 0 10px}h3{margin:12px 0 6px}
table{border-collapse:collapse}th,td{padding:3px 6px;vertical-align:top}
.num{text-align:right;font-variant-numeric:tabular-nums}
.legend{font-size:13px;color:#333}.key{white-space:nowrap;margin-right:10px}.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.viewpoint{font-size:12px;color:#333;border-left:3px solid #0072B2;padding-left:8px}
.totals-table th,.totals-table td{border-bottom:1px solid #ddd}.grand-total{font-weight:600}
.reasons{padding-left:18px}.reasons .ids{font-size:11px;color:#555}
.scroll{overflow-x:auto}
.matches{width:100%}.matches th{text-align:left;border-bottom:1px solid #999}.matches td{border-bottom:1px solid #e5e5e5}
.matches .rank,.matches .score{text-align:right;font-variant-numeric:tabular-nums}.why,.views,.sum{font-size:11px;color:#444;margin-top:2px}
.meetings{font-size:12px}.meetings td{border-bottom:1px solid #eee;padding:2px 6px}
.buyer-agenda h3{font-size:14px;margin:10px 0 4px}.place{font-weight:400;color:#555}
.profile{color:#333}.bar{display:block}
@media print{
  body{max-width:none;padding:0;font-size:10.5px}
  a{color:inherit;text-decoration:none}
  .scroll{overflow:visible}.heatmap{font-size:8px!important}.heatmap .cell{width:18px!important;min-width:18px!important;padding:2px 0!important}
  .page{height:266mm;overflow:hidden;break-inside:avoid;page-break-inside:avoid}
  .page+.page{break-before:page;page-break-before:always}
  .why,.views,.sum,.meetings{font-size:9px}.grid{font-size:8.5px!important}
}
@page{size:A4;margin:12mm}
`;

/**
 * Renders the mission report as one HTML document: no scripts, no external resources, so it opens
 * offline. Printed on A4 it is a fixed set of pages: mission totals (meetings per city and day,
 * interpreters needed, online meetings, unmatched parties with their reasons), the heat map, one page per
 * day of the agenda, exactly one page per exporter, and the buyers' agendas, eight to a page.
 *
 * @param input - companies, buyers, their ranked lists, the agenda if planned, the viewpoint of the scores
 * @returns the HTML text
 * @example
 * const html = renderReport({ companies, buyers, lists, agenda, top: 5, locale: "en", viewpoint: "mutual" });
 * writeFileSync("mission.html", html);
 */
export function renderReport(input: ReportInput): string {
  const locale = input.locale ?? "en";
  const top = input.top ?? 5;
  const companyNames = new Map(input.companies.map((company) => [company.id, company.name]));
  const buyerNames = new Map(input.buyers.map((buyer) => [buyer.id, buyer.name]));
  const names = new Map([...companyNames, ...buyerNames]);
  const title = input.title ?? label(locale, "title");
  const shortlists = new Map(input.companies.map((company) => [company.id, (input.lists.get(company.id) ?? []).slice(0, top)]));
  // The lists are the engine's own (or were validated where they came in): drawn without a second validation.
  const map = drawHeatMap(shortlists, { names, linkRows: true, emptyTitle: label(locale, "notEligible") });
  const heat = map === "" ? "" : `<section class="page heatmap-section"><h2>${escapeHtml(label(locale, "heatmap"))}</h2>${legend(locale)}<div class="scroll">${map}</div></section>`;
  const agenda = input.agenda;
  const days =
    agenda === undefined
      ? []
      : daysOf(agenda).map((day, index) => `<section class="page agenda">${index === 0 ? `<h2>${escapeHtml(label(locale, "agenda"))}</h2><p>${escapeHtml(wordsFor(locale).meetings(agenda.totals.meetings, agenda.totals.totalScore.toFixed(2)))}</p>` : ""}${drawAgendaGrid(agenda, day, { names, locale })}</section>`);
  const pages = [
    totalsPage(input, title, locale, names),
    heat,
    ...days,
    ...input.companies.map((company) => exporterPage(company, input, top, names, locale)),
    ...buyerPages(input, names, locale),
  ].filter((page) => page !== "");
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${pages.join("\n")}
</body>
</html>
`;
}
