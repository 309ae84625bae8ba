/**
 * Product: how well the company's products cover the buyer's needs. Each need is credited with its
 * best product, and the score is the mean over needs. A product's value for a need adds up two kinds
 * of evidence (see docs/DESIGN.md, "Product evidence"):
 *
 * - Code evidence `c`: for a system both carry, (shared levels / levels of the need's code)², so a
 *   product inside the wanted category covers it (need 8708, product 870830 → 1) and a sibling only
 *   partly (need 870830, product 870899 → (2/3)² ≈ 0.44). HS codes compare on their harmonised six
 *   digits, and national tariff lines on all their digits when both come from one nomenclature. An HS
 *   code on one side and a NAICS code on the other compare through the HS–NAICS concordance, times
 *   the bridge's weight (≤ 0.8, lower the more industries the HS line spreads over). Unknown when the
 *   two share no code system and no bridge.
 * - Text evidence `t`: the idf-weighted share of the need's words that the product also has, after the
 *   product's misspelt words were corrected against the market vocabulary (fuse.js). Unknown when the
 *   two are written in no common script (an English need says nothing about a product named in Korean).
 *
 * value = 0.6·c + 0.4·t when both are known; an unknown kind counts as half the known one (code alone
 * 0.8·c, text alone 0.7·t); 0 when neither is known. So code and words together beat code alone, and a
 * product whose own words name something else (known text, few shared words) ranks below one whose
 * text cannot be compared.
 *
 * Unknown when the company lists no products or the buyer no needs.
 */
import { bridgedMatch, codeMatch, hsBridge, type HsBridge } from "../normalize/codes.js";
import type { CompiledNeed, CompiledProduct, Market } from "../market/market.js";
import { z } from "zod";
import { defaultTypoParams } from "../normalize/fuzzy.js";
import { UnitIntervalSchema } from "../schema/common.js";
import { defineCriterion } from "./define.js";
import { buildProductIndex, restoreProductIndex } from "./productIndex.js";
import type { CriterionDetail, Locale } from "./types.js";

/** The share of a product's value that code evidence carries when both kinds are known. */
export const CODE_SHARE = 0.6;
/** The share of a product's value that text evidence carries when both kinds are known. */
export const TEXT_SHARE = 0.4;

/** How a code comparison was made, for explanations. */
type CodeRoute = "hs" | "hs-line" | "naics" | "bridge" | "bridge-reverse";

/** The best code comparison of a product and a need (a reused scratch in scoring). */
interface CodeFinding {
  /** The code evidence in [0, 1], or -1 when no comparison is possible. */
  value: number;
  route: CodeRoute | undefined;
}

function nationalOrHarmonised(item: CompiledProduct["item"], other: CompiledProduct["item"]): string {
  return item.hsNomenclature !== undefined && item.hsNomenclature === other.hsNomenclature ? item.hsLine! : item.hs!;
}

function findCode(product: CompiledProduct, need: CompiledNeed, out: CodeFinding): CodeFinding {
  const offered = product.item;
  const wanted = need.item;
  out.value = -1;
  out.route = undefined;
  if (offered.hs !== undefined && wanted.hs !== undefined) {
    const national = offered.hsNomenclature !== undefined && offered.hsNomenclature === wanted.hsNomenclature;
    out.value = codeMatch("hs", nationalOrHarmonised(offered, wanted), nationalOrHarmonised(wanted, offered));
    out.route = national ? "hs-line" : "hs";
  }
  if (offered.naics !== undefined && wanted.naics !== undefined) {
    const value = codeMatch("naics", offered.naics, wanted.naics);
    if (value > out.value) {
      out.value = value;
      out.route = "naics";
    }
  }
  // A bridged match is at most the bridge's weight: skipped when it cannot beat what was found.
  if (offered.bridge !== undefined && wanted.naics !== undefined && offered.bridge.weight > out.value) {
    const value = bridgedMatch(offered.bridge, wanted.naics, false);
    if (value > out.value) {
      out.value = value;
      out.route = "bridge";
    }
  }
  if (offered.naics !== undefined && wanted.bridge !== undefined && wanted.bridge.weight > out.value) {
    const value = bridgedMatch(wanted.bridge, offered.naics, true);
    if (value > out.value) {
      out.value = value;
      out.route = "bridge-reverse";
    }
  }
  return out;
}

/** Text evidence in [0, 1], or -1 when the two share no script (or either has no words). */
function textEvidence(product: CompiledProduct, need: CompiledNeed, market: Market): number {
  if ((product.item.scripts & need.item.scripts) === 0) return -1;
  if (need.idfTotal === 0) return 0;
  const productIds = product.wordIds;
  const needIds = need.wordIds;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < needIds.length && j < productIds.length) {
    const needId = needIds[i]!;
    const productId = productIds[j]!;
    if (needId === productId) {
      shared += market.idf[needId]!;
      i += 1;
      j += 1;
    } else if (needId < productId) i += 1;
    else j += 1;
  }
  const value = shared / need.idfTotal;
  return value > 1 ? 1 : value;
}

/**
 * One product's value for one need from its two kinds of evidence (-1: unknown). Never above the
 * larger of the two, which is what the engine's bounds rely on.
 *
 * @param code - code evidence in [0, 1], or -1 when unknown
 * @param text - text evidence in [0, 1], or -1 when unknown
 * @returns the product's value for the need, in [0, 1]
 * @example
 * evidenceValue(1, -1); // 0.8: code alone
 * evidenceValue(1, 1); // 1: code and words
 */
export function evidenceValue(code: number, text: number): number {
  if (code >= 0 && text >= 0) return CODE_SHARE * code + TEXT_SHARE * text;
  if (code >= 0) return (CODE_SHARE + TEXT_SHARE / 2) * code;
  if (text >= 0) return (TEXT_SHARE + CODE_SHARE / 2) * text;
  return 0;
}

/**
 * The most {@link evidenceValue} can be when code evidence is at most `code` and text evidence at most
 * `text`, whichever of the two is unknown: the engine's bound of a need.
 *
 * @param code - an upper bound of the code evidence, in [0, 1]
 * @param text - an upper bound of the text evidence, in [0, 1]
 * @returns the bound, never above max(code, text)
 * @example
 * evidenceBound(1, 0); // 0.8: a code match whose words may not be comparable
 */
export function evidenceBound(code: number, text: number): number {
  const both = evidenceValue(code, text);
  const codeAlone = evidenceValue(code, -1);
  const textAlone = evidenceValue(-1, text);
  return both > codeAlone ? (both > textAlone ? both : textAlone) : codeAlone > textAlone ? codeAlone : textAlone;
}

// One scratch finding, reused so that scoring does not allocate per pair.
const scratch: CodeFinding = { value: -1, route: undefined };

/** The best product for one need: max over products of the evidence value. */
function needScore(products: readonly CompiledProduct[], need: CompiledNeed, market: Market): number {
  let best = 0;
  for (const product of products) {
    const value = evidenceValue(findCode(product, need, scratch).value, textEvidence(product, need, market));
    if (value > best) best = value;
  }
  return best;
}

function sharedWords(product: CompiledProduct, need: CompiledNeed, market: Market): string[] {
  const productIds = new Set(product.wordIds);
  return [...need.wordIds].filter((id) => productIds.has(id)).map((id) => market.words[id]!);
}

/** The codes a finding compared, for display. */
export interface CodePair {
  readonly offered: string;
  readonly wanted: string;
  /** Set when the codes met through the HS–NAICS concordance. */
  readonly bridge?: { readonly hs: string; readonly naics: string; readonly weight: number };
}

function bestBridgeCode(bridge: HsBridge, naics: string, reverse: boolean): string {
  let best = bridge.naics[0]!;
  let value = -1;
  for (const code of bridge.naics) {
    const match = reverse ? codeMatch("naics", naics, code) : codeMatch("naics", code, naics);
    if (match > value) {
      value = match;
      best = code;
    }
  }
  return best;
}

function codePair(product: CompiledProduct, need: CompiledNeed, route: CodeRoute): CodePair {
  const offered = product.item;
  const wanted = need.item;
  switch (route) {
    case "hs":
      return { offered: `HS ${offered.hs!}`, wanted: `HS ${wanted.hs!}` };
    case "hs-line":
      return { offered: `HS ${offered.hsLine!}`, wanted: `HS ${wanted.hsLine!}` };
    case "naics":
      return { offered: `NAICS ${offered.naics!}`, wanted: `NAICS ${wanted.naics!}` };
    case "bridge": {
      const naics = bestBridgeCode(offered.bridge!, wanted.naics!, false);
      return { offered: `HS ${offered.hs!}`, wanted: `NAICS ${wanted.naics!}`, bridge: { hs: offered.hs!, naics, weight: offered.bridge!.weight } };
    }
    case "bridge-reverse": {
      const naics = bestBridgeCode(wanted.bridge!, offered.naics!, true);
      return { offered: `NAICS ${offered.naics!}`, wanted: `HS ${wanted.hs!}`, bridge: { hs: wanted.hs!, naics, weight: wanted.bridge!.weight } };
    }
  }
}

/** One need's line of the product detail. */
export interface NeedDetail {
  readonly need: string;
  readonly product: string | undefined;
  readonly via: "code+words" | "code" | "words" | "none";
  readonly score: number;
  readonly codeScore?: number;
  readonly textScore?: number;
  readonly codes?: CodePair;
  readonly words?: readonly string[];
  readonly corrections?: readonly { readonly from: string; readonly to: string }[];
}

function needDetail(products: readonly CompiledProduct[], need: CompiledNeed, market: Market): NeedDetail {
  // The product shown is the best one; among equals, the one with the stronger text evidence.
  let bestProduct: CompiledProduct | undefined;
  let bestValue = 0;
  let bestText = -1;
  for (const product of products) {
    const text = textEvidence(product, need, market);
    const value = evidenceValue(findCode(product, need, scratch).value, text);
    if (value > bestValue || (value === bestValue && value > 0 && text > bestText)) {
      bestValue = value;
      bestText = text;
      bestProduct = product;
    }
  }
  if (bestProduct === undefined) return { need: need.item.name, product: undefined, via: "none", score: 0 };
  const finding = findCode(bestProduct, need, { value: -1, route: undefined });
  const text = textEvidence(bestProduct, need, market);
  const words = text > 0 ? sharedWords(bestProduct, need, market) : [];
  const codeCounts = finding.value > 0;
  const via = codeCounts && words.length > 0 ? "code+words" : codeCounts ? "code" : "words";
  const corrections = bestProduct.corrections.filter((correction) => words.includes(correction.to));
  const detail: { -readonly [K in keyof NeedDetail]: NeedDetail[K] } = { need: need.item.name, product: bestProduct.item.name, via, score: bestValue, words, corrections };
  if (finding.value >= 0) detail.codeScore = finding.value;
  if (text >= 0) detail.textScore = text;
  if (codeCounts) detail.codes = codePair(bestProduct, need, finding.route!);
  return detail;
}

function describeCodes(codes: CodePair, locale: Locale): string {
  if (codes.bridge === undefined) return `${codes.offered} → ${codes.wanted}`;
  // Name the concordance's own industry when it is not the code the other side wrote.
  const naicsSide = codes.offered.startsWith("NAICS") ? codes.offered : codes.wanted;
  const via = naicsSide === `NAICS ${codes.bridge.naics}` ? "" : locale === "ko" ? ` (NAICS ${codes.bridge.naics} 경유)` : ` (via NAICS ${codes.bridge.naics})`;
  return locale === "ko" ? `${codes.offered} ↔ ${codes.wanted}${via}, HS–NAICS 연계표 기준` : `${codes.offered} ↔ ${codes.wanted}${via}, by the HS–NAICS concordance`;
}

/** What the product criterion found: one line per need of the buyer. */
export interface ProductDetail extends CriterionDetail {
  readonly needs: readonly NeedDetail[];
}

/** The product criterion's settings: typo correction of product words against the market vocabulary. */
const ProductSettings = z.strictObject({
  typo: z
    .strictObject({ minLength: z.number().int().min(1).optional(), minSimilarity: UnitIntervalSchema.optional() })
    .optional()
    .transform((typo) => ({ minLength: typo?.minLength ?? defaultTypoParams.minLength, minSimilarity: typo?.minSimilarity ?? defaultTypoParams.minSimilarity })),
});

/** The product criterion. */
export const productCriterion = defineCriterion({
  id: "product",
  defaultWeight: { company: 0.35, buyer: 0.3 },
  defaultMissing: "neutral",
  settings: ProductSettings,
  market(settings) {
    // The market's typo corrector is this criterion's: product words are corrected against the vocabulary.
    return { typo: settings.typo };
  },
  score(company, buyer, { market }) {
    const needs = buyer.needs;
    if (needs.length === 0 || company.products.length === 0) return undefined;
    let sum = 0;
    for (const need of needs) sum += needScore(company.products, need, market);
    return sum / needs.length;
  },
  sparseIndex(buyers, context) {
    return buildProductIndex(buyers, context, needScore, evidenceBound);
  },
  restoreIndex(saved, buyerCount, context) {
    return restoreProductIndex(saved, buyerCount, context, needScore, evidenceBound, hsBridge);
  },
  detail(company, buyer, { market }): ProductDetail {
    if (buyer.needs.length === 0) return { summary: "products unknown: the buyer lists no needs", needs: [] };
    if (company.products.length === 0) return { summary: "products unknown: the company lists no products", needs: [] };
    const needs = buyer.needs.map((need) => needDetail(company.products, need, market));
    const covered = needs.filter((need) => need.score > 0).length;
    return { summary: `${covered} of ${needs.length} needs covered`, needs };
  },
  describe(detail: ProductDetail, locale) {
    const needs = detail.needs ?? [];
    if (needs.length === 0) return locale === "ko" ? "제품: 알 수 없음 (제품 또는 수요 정보 없음)" : `Products: unknown (${detail.summary.replace(/^products unknown: /, "")})`;
    const parts = needs.map((need) => {
      const percent = Math.round(need.score * 100);
      if (need.product === undefined) return locale === "ko" ? `"${need.need}" 해당 제품 없음` : `"${need.need}" not covered`;
      const typo =
        (need.corrections ?? []).length > 0 ? (locale === "ko" ? " (오타 보정: " : " (typo: ") + need.corrections!.map((c) => `${c.from}→${c.to}`).join(", ") + ")" : "";
      const evidence: string[] = [];
      if (need.codes !== undefined) evidence.push((locale === "ko" ? "코드: " : "code: ") + describeCodes(need.codes, locale));
      if ((need.words ?? []).length > 0) evidence.push((locale === "ko" ? "단어: " : "words: ") + need.words!.join(", ") + typo);
      return `"${need.need}" ← "${need.product}" ${percent}% (${evidence.join("; ")})`;
    });
    return (locale === "ko" ? "제품: " : "Products: ") + parts.join("; ");
  },
});
