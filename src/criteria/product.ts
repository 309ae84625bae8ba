/**
 * Product: how well the company's products cover the buyer's needs. For each need, the best product
 * by max(code coverage, text similarity); the score is the mean over needs.
 *
 * - Code match: for a system both carry (HS, NAICS), (shared levels / levels of the need's code)², so a
 *   product inside the wanted category covers it (need 8708, product 870830 → 1) and a sibling only
 *   partly (need 870830, product 870899 → (2/3)² ≈ 0.44). Codes bridge languages: a product named only in Korean
 *   with HS 870830 covers an English need for "brake components, HS 8708".
 * - Text similarity: the idf-weighted share of the need's words that the product also has, after the
 *   product's misspelt words were corrected against the market vocabulary (fuse.js).
 *
 * Unknown when the company lists no products or the buyer no needs.
 */
import { codeMatch, type CodeSystem } from "../normalize/codes.js";
import type { CompiledNeed, CompiledProduct, Market } from "../score/market.js";
import type { CriterionDetail } from "../score/types.js";
import { buildProductIndex } from "./productIndex.js";
import type { Criterion } from "./types.js";

function codeCoverage(product: CompiledProduct, need: CompiledNeed): number {
  let best = 0;
  if (product.item.hs !== undefined && need.item.hs !== undefined) best = codeMatch("hs", product.item.hs, need.item.hs);
  if (product.item.naics !== undefined && need.item.naics !== undefined) {
    const value = codeMatch("naics", product.item.naics, need.item.naics);
    if (value > best) best = value;
  }
  return best;
}

function textSimilarity(product: CompiledProduct, need: CompiledNeed, market: Market): number {
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
  return shared / need.idfTotal;
}

/** The best product for one need: max over products of max(code coverage, text similarity). */
function needScore(products: readonly CompiledProduct[], need: CompiledNeed, market: Market): number {
  let best = 0;
  for (const product of products) {
    const code = codeCoverage(product, need);
    const text = textSimilarity(product, need, market);
    const value = code > text ? code : text;
    if (value > best) best = value;
  }
  return best;
}

function sharedWords(product: CompiledProduct, need: CompiledNeed, market: Market): string[] {
  const productIds = new Set(product.wordIds);
  return [...need.wordIds].filter((id) => productIds.has(id)).map((id) => market.words[id]!);
}

function codeText(system: CodeSystem, code: string): string {
  return `${system.toUpperCase()} ${code}`;
}

/** The product criterion. */
export const productCriterion: Criterion = {
  id: "product",
  defaultWeight: { company: 0.35, buyer: 0.3 },
  defaultMissing: "neutral",
  score(company, buyer, { market }) {
    const needs = buyer.needs;
    if (needs.length === 0 || company.products.length === 0) return undefined;
    let sum = 0;
    for (const need of needs) sum += needScore(company.products, need, market);
    return sum / needs.length;
  },
  sparseIndex(buyers, context) {
    return buildProductIndex(buyers, context, needScore);
  },
  detail(company, buyer, { market }): CriterionDetail {
    if (buyer.needs.length === 0) return { summary: "products unknown: the buyer lists no needs", needs: [] };
    if (company.products.length === 0) return { summary: "products unknown: the company lists no products", needs: [] };
    const needs = buyer.needs.map((need) => {
      // The product shown is the best one; among equals, the one that also shares the most words.
      let bestProduct: CompiledProduct | undefined;
      let bestValue = 0;
      let bestText = 0;
      for (const product of company.products) {
        const code = codeCoverage(product, need);
        const text = textSimilarity(product, need, market);
        const value = code > text ? code : text;
        if (value > bestValue || (value === bestValue && value > 0 && text > bestText)) {
          bestValue = value;
          bestText = text;
          bestProduct = product;
        }
      }
      if (bestProduct === undefined) return { need: need.item.name, product: undefined, via: "none" as const, score: 0 };
      const code = codeCoverage(bestProduct, need);
      const text = textSimilarity(bestProduct, need, market);
      const via = code >= text ? ("code" as const) : ("text" as const);
      const codes =
        via === "code"
          ? bestProduct.item.hs !== undefined && need.item.hs !== undefined && codeMatch("hs", bestProduct.item.hs, need.item.hs) === code
            ? { offered: codeText("hs", bestProduct.item.hs), wanted: codeText("hs", need.item.hs) }
            : { offered: codeText("naics", bestProduct.item.naics ?? ""), wanted: codeText("naics", need.item.naics ?? "") }
          : undefined;
      const words = sharedWords(bestProduct, need, market);
      const corrections = bestProduct.corrections.filter((correction) => words.includes(correction.to));
      return { need: need.item.name, product: bestProduct.item.name, via, score: bestValue, codes, words, corrections };
    });
    const covered = needs.filter((need) => need.score > 0).length;
    return { summary: `${covered} of ${needs.length} needs covered`, needs };
  },
  describe(detail, locale) {
    const needs = (detail["needs"] ?? []) as readonly {
      need: string;
      product: string | undefined;
      via: "code" | "text" | "none";
      score: number;
      codes?: { offered: string; wanted: string };
      words?: readonly string[];
      corrections?: readonly { from: string; to: string }[];
    }[];
    if (needs.length === 0) return locale === "ko" ? "제품: 알 수 없음 (제품 또는 수요 정보 없음)" : `Products: unknown (${detail.summary.replace(/^products unknown: /, "")})`;
    const parts = needs.map((need) => {
      const percent = Math.round(need.score * 100);
      if (need.product === undefined) return locale === "ko" ? `"${need.need}" 해당 제품 없음` : `"${need.need}" not covered`;
      const how =
        need.via === "code" && need.codes !== undefined
          ? `${need.codes.offered} → ${need.codes.wanted}`
          : (need.words ?? []).join(", ") +
            ((need.corrections ?? []).length > 0 ? (locale === "ko" ? " (오타 보정: " : " (typo: ") + need.corrections!.map((c) => `${c.from}→${c.to}`).join(", ") + ")" : "");
      return locale === "ko"
        ? `"${need.need}" ← "${need.product}" ${percent}% (${need.via === "code" ? "코드" : "단어"}: ${how})`
        : `"${need.need}" ← "${need.product}" ${percent}% (${need.via === "code" ? "code" : "words"}: ${how})`;
    });
    return (locale === "ko" ? "제품: " : "Products: ") + parts.join("; ");
  },
};
