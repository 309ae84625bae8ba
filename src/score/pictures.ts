/**
 * Pictures of matches as self-contained HTML and SVG text (inline styles, no scripts, no external
 * resources): a match's contributions as a stacked bar, and a heat map of match lists. The mission
 * report is built from them, and a notebook shows them as they are (`Deno.jupyter.html`).
 */
import { z } from "zod";
import { parseWith } from "../schema/errors.js";
import { MatchLikeSchema } from "./matchSchema.js";
import type { Locale } from "../criteria/types.js";
import { CRITERION_IDS, type CriterionId, type Match } from "./types.js";

/** Criterion colours, distinguishable in print and for common colour-vision deficiencies (Okabe–Ito). */
export const CRITERION_COLOURS: Readonly<Record<CriterionId, string>> = {
  product: "#0072B2",
  sector: "#E69F00",
  tier: "#009E73",
  region: "#CC79A7",
  readiness: "#56B4E9",
  certification: "#D55E00",
  evidence: "#F0E442",
  relationship: "#000000",
};

const CRITERION_NAMES: Readonly<Record<Locale, Readonly<Record<CriterionId, string>>>> = {
  en: { sector: "sector", product: "product", tier: "tier", region: "region", readiness: "readiness", certification: "certification", evidence: "trade evidence", relationship: "relationship" },
  ko: { sector: "업종", product: "품목", tier: "공급망 단계", region: "지역", readiness: "수출 준비도", certification: "인증", evidence: "수입 실적", relationship: "거래 관계" },
};

/** The characters HTML text and attribute values must not hold as they are, and their entities. */
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" } as const;

/**
 * Escapes text for HTML element content and attribute values, so a name is always text, never markup.
 *
 * @param text - any text
 * @returns the text with `& < > " '` replaced by entities
 * @example
 * escapeHtml('<script>alert("x")</script>'); // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  // Most text (names, numbers, titles) has nothing to escape: the report escapes ~10⁵ pieces.
  if (!SPECIAL.test(text)) return text;
  return text.replace(SPECIALS, (character) => ENTITIES[character as "&"]);
}

/**
 * Rounds parts so that the rounded parts add up to the rounded total (largest remainder): each part is
 * rounded down in units of `10^-decimals`, and the units still missing go to the parts with the largest
 * remainders (ties by position). Non-finite parts count as 0.
 *
 * @param parts - non-negative numbers
 * @param decimals - decimals to keep (default 3)
 * @returns the rounded parts, in the same order; their sum is `sum(parts)` rounded to `decimals`
 * @example
 * roundToTotal([0.3333, 0.3333, 0.3334], 2); // [0.33, 0.33, 0.34]
 */
export function roundToTotal(parts: readonly number[], decimals = 3): number[] {
  const unit = 10 ** Math.max(0, Math.min(10, Math.trunc(decimals)));
  const scaled = parts.map((part) => (Number.isFinite(part) && part > 0 ? part * unit : 0));
  const total = Math.round(scaled.reduce((sum, part) => sum + part, 0));
  const floors = scaled.map((part) => Math.floor(part + 1e-9));
  let missing = total - floors.reduce((sum, part) => sum + part, 0);
  const order = scaled.map((part, index) => ({ index, remainder: part - Math.floor(part + 1e-9) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (missing <= 0) break;
    floors[index]! += 1;
    missing--;
  }
  return floors.map((part) => part / unit);
}

/** Options of {@link contributionBar}. */
export interface ContributionBarOptions {
  /** Width of the bar at score 1, in pixels (default 320). */
  readonly width?: number;
  /** Height in pixels (default 16). */
  readonly height?: number;
  readonly locale?: Locale;
}

const Size = z.number().refine((value) => Number.isFinite(value) && value > 0, "must be a positive number");
const BarArguments = z.tuple([
  MatchLikeSchema,
  z.object({ width: Size.optional(), height: Size.optional(), locale: z.enum(["en", "ko"]).optional() }, { error: "must be an object ({ width?, height?, locale? })" }).loose(),
]);
const HeatMapArguments = z.tuple([
  z.map(z.string(), z.array(MatchLikeSchema), { error: "must be a Map of company id → matches (e.g. matcher.rankAll(companies))" }),
  z.object({ names: z.map(z.string(), z.string()).optional(), maxBuyers: z.int().min(1).optional(), linkRows: z.boolean().optional(), emptyTitle: z.string().optional(), locale: z.enum(["en", "ko"]).optional() }, { error: "must be an object" }).loose(),
]);

/**
 * Each criterion's contribution to one match, drawn as a stacked SVG bar whose length is the score.
 * Each segment's tooltip shows its contribution rounded so that the shown parts add up to the shown
 * score (three decimals, largest-remainder rounding).
 *
 * @param match - a match (any viewpoint)
 * @param options - size and locale
 * @returns an `<svg class="bar">` element as text, self-contained
 * @example
 * Deno.jupyter.html`${contributionBar(matcher.rank(company)[0])}`;
 */
export function contributionBar(match: Match, options: ContributionBarOptions = {}): string {
  parseWith(BarArguments, [match, options], []);
  return drawContributionBar(match, options);
}

/** {@link contributionBar} for a match the library made itself (not validated again: the report draws thousands). */
export function drawContributionBar(match: Match, options: ContributionBarOptions = {}): string {
  const width = options.width ?? 320;
  const height = options.height ?? 16;
  const names = CRITERION_NAMES[options.locale ?? "en"];
  const parts = CRITERION_IDS.flatMap((id) => {
    const part = match.breakdown[id];
    return part === undefined || !(part.contribution > 0) ? [] : [{ id, part }];
  });
  const shown = roundToTotal(parts.map(({ part }) => part.contribution), 3);
  let x = 0;
  const segments = parts.map(({ id, part }, index) => {
    const segment = part.contribution * width;
    const title = `${names[id]}: +${shown[index]!.toFixed(3)} (${(part.weight * 100).toFixed(1)}% × ${part.score.toFixed(3)})`;
    const rect = `<rect class="segment" data-criterion="${id}" x="${x.toFixed(2)}" y="0" width="${segment.toFixed(2)}" height="${height}" fill="${CRITERION_COLOURS[id]}" style="-webkit-print-color-adjust:exact;print-color-adjust:exact"><title>${escapeHtml(title)}</title></rect>`;
    x += segment;
    return rect;
  });
  const label = `${shown.reduce((sum, part) => sum + part, 0).toFixed(3)} = ${parts.map(({ id }, index) => `${names[id]} ${shown[index]!.toFixed(3)}`).join(" + ")}`;
  return `<svg class="bar" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(label)}"><rect x="0" y="0" width="${width}" height="${height}" fill="#eee"/>${segments.join("")}</svg>`;
}

/**
 * The contributions of one match as text that adds up: `0.838 = product 0.233 + sector 0.200 + …`,
 * each part rounded so that the parts sum to the shown score.
 *
 * @param match - a match
 * @param locale - criterion names in English or Korean (default "en")
 * @returns one line
 * @example
 * contributionSum(match); // "0.838 = product 0.233 + sector 0.195 + tier 0.140 + region 0.270"
 */
export function contributionSum(match: Match, locale: Locale = "en"): string {
  parseWith(z.tuple([MatchLikeSchema, z.enum(["en", "ko"], { error: 'must be "en" or "ko"' })]), [match, locale], []);
  return writeContributionSum(match, locale);
}

/** {@link contributionSum} for a match the library made itself (not validated again). */
export function writeContributionSum(match: Match, locale: Locale = "en"): string {
  const names = CRITERION_NAMES[locale];
  const parts = CRITERION_IDS.flatMap((id) => {
    const part = match.breakdown[id];
    return part === undefined || !(part.contribution > 0) ? [] : [{ id, contribution: part.contribution }];
  });
  const shown = roundToTotal(parts.map((part) => part.contribution), 3);
  const total = shown.reduce((sum, part) => sum + part, 0);
  return `${total.toFixed(3)} = ${parts.map((part, index) => `${names[part.id]} ${shown[index]!.toFixed(3)}`).join(" + ")}`;
}

/** A score in [0, 1] as a background colour from pale to deep blue. */
function heatColour(score: number): string {
  return `hsl(210, 70%, ${Math.round(96 - Math.max(0, Math.min(1, score)) * 56)}%)`;
}

/** Options of {@link heatMap}. */
export interface HeatMapOptions {
  /** Id → display name, for companies and buyers (default: the ids). */
  readonly names?: ReadonlyMap<string, string>;
  /** Columns shown at most (default 30): buyers in most lists first, then by best score, then id. */
  readonly maxBuyers?: number;
  /** Link each row's name to `#exporter-<id>` (the report's anchors). Default false. */
  readonly linkRows?: boolean;
  /** Text of a cell with no score (default "not eligible or below the cut"). */
  readonly emptyTitle?: string;
}

/**
 * A heat map of match lists as a self-contained HTML table: one row per company, one column per buyer,
 * each scored cell coloured by score and labelled with it in percent.
 *
 * @param lists - company id → its matches (e.g. `matcher.rankAll(companies)`), in the row order wanted
 * @param options - names, column limit
 * @returns a `<table class="heatmap">` element as text (empty string when no list holds a match)
 * @example
 * Deno.jupyter.html`${heatMap(matcher.rankAll(companies, { top: 5 }), { names })}`;
 */
export function heatMap(lists: ReadonlyMap<string, readonly Match[]>, options: HeatMapOptions = {}): string {
  parseWith(HeatMapArguments, [lists, options], []);
  return drawHeatMap(lists, options);
}

/** {@link heatMap} for lists the library made itself (not validated again: the report's lists hold thousands of matches). */
export function drawHeatMap(lists: ReadonlyMap<string, readonly Match[]>, options: HeatMapOptions = {}): string {
  const names = options.names ?? new Map<string, string>();
  const stats = new Map<string, { count: number; best: number }>();
  const scoreOf = new Map<string, number>();
  for (const [companyId, matches] of lists) {
    for (const match of matches) {
      const entry = stats.get(match.buyerId) ?? { count: 0, best: 0 };
      stats.set(match.buyerId, { count: entry.count + 1, best: Math.max(entry.best, match.score) });
      scoreOf.set(`${companyId}\u0000${match.buyerId}`, match.score);
    }
  }
  const buyers = [...stats.entries()]
    .sort((a, b) => b[1].count - a[1].count || b[1].best - a[1].best || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxBuyers ?? 30)
    .map(([id]) => id);
  if (buyers.length === 0) return "";
  const cellStyle = "width:24px;min-width:24px;padding:4px 1px;text-align:center;border:1px solid #fff;-webkit-print-color-adjust:exact;print-color-adjust:exact";
  const head = buyers
    .map((id) => `<th class="buyer-head" scope="col" style="height:140px;white-space:nowrap;vertical-align:bottom;padding:0"><span style="display:inline-block;writing-mode:vertical-rl;transform:rotate(180deg);padding:4px 2px;font-weight:500">${escapeHtml(names.get(id) ?? id)}</span></th>`)
    .join("");
  const empty = escapeHtml(options.emptyTitle ?? "not eligible or below the cut");
  const rows = [...lists.keys()].map((companyId) => {
    const name = escapeHtml(names.get(companyId) ?? companyId);
    const label = options.linkRows === true ? `<a href="#exporter-${escapeHtml(encodeURIComponent(companyId))}" style="color:inherit;text-decoration:none">${name}</a>` : name;
    const cells = buyers.map((buyerId) => {
      const score = scoreOf.get(`${companyId}\u0000${buyerId}`);
      if (score === undefined) return `<td class="cell empty" title="${empty}" style="${cellStyle};color:#999;background:#fafafa">·</td>`;
      const title = escapeHtml(`${names.get(companyId) ?? companyId} × ${names.get(buyerId) ?? buyerId}: ${score.toFixed(3)}`);
      return `<td class="cell" data-score="${score.toFixed(3)}" title="${title}" style="${cellStyle};background:${heatColour(score)};color:${score > 0.55 ? "#fff" : "#111"}">${Math.round(score * 100)}</td>`;
    });
    return `<tr><th scope="row" style="text-align:right;white-space:nowrap;font-weight:500">${label}</th>${cells.join("")}</tr>`;
  });
  return `<table class="heatmap" style="border-collapse:collapse;font-size:12px;font-family:system-ui,sans-serif"><thead><tr><th></th>${head}</tr></thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}
