/**
 * Sector: how close the two sides' industries are. Each side's sectors become HS and NAICS code
 * sets (named sectors through the sector table); the score is the best hierarchical similarity
 * between a company code and a buyer code of the same system: shared levels / levels of the broader
 * code, so a code and its ancestor count as the same industry. Unknown when either side has no
 * sectors or the two share no code system.
 */
import { sectorSimilarity, sharedLevels, type CodeSystem } from "../normalize/codes.js";
import type { CompiledBuyer, CompiledCompany } from "../score/market.js";
import type { CriterionDetail } from "../score/types.js";
import type { Criterion } from "./types.js";

const SYSTEMS: readonly CodeSystem[] = ["hs", "naics"];

interface Best {
  score: number;
  system: CodeSystem | undefined;
  companyCode: string;
  buyerCode: string;
  comparable: boolean;
}

function best(company: CompiledCompany, buyer: CompiledBuyer, out: Best): Best {
  out.score = 0;
  out.comparable = false;
  out.system = undefined;
  for (const system of SYSTEMS) {
    const companyCodes = company.record.sectorCodes[system];
    const buyerCodes = buyer.record.sectorCodes[system];
    if (companyCodes.length === 0 || buyerCodes.length === 0) continue;
    out.comparable = true;
    for (const companyCode of companyCodes) {
      for (const buyerCode of buyerCodes) {
        const similarity = sectorSimilarity(system, companyCode, buyerCode);
        // Among equally similar pairs the most specific one is kept, so explanations name it.
        if (similarity > out.score || (similarity === out.score && similarity > 0 && sharedLevels(system, companyCode, buyerCode) > sharedLevels(out.system!, out.companyCode, out.buyerCode))) {
          out.score = similarity;
          out.system = system;
          out.companyCode = companyCode;
          out.buyerCode = buyerCode;
        }
      }
    }
  }
  return out;
}

// One scratch record, reused so that scoring does not allocate per pair.
const scratch: Best = { score: 0, system: undefined, companyCode: "", buyerCode: "", comparable: false };

/** The sector criterion. */
export const sectorCriterion: Criterion = {
  id: "sector",
  defaultWeight: { company: 0.2, buyer: 0.15 },
  defaultMissing: "neutral",
  score(company, buyer) {
    const result = best(company, buyer, scratch);
    return result.comparable ? result.score : undefined;
  },
  buyerKey(buyer) {
    // The score reads only the buyer's sector codes.
    // Codes are digit strings, so "," and "|" cannot occur inside one.
    return `${buyer.record.sectorCodes.hs.join(",")}|${buyer.record.sectorCodes.naics.join(",")}`;
  },
  detail(company, buyer): CriterionDetail {
    const result = best(company, buyer, { score: 0, system: undefined, companyCode: "", buyerCode: "", comparable: false });
    if (!result.comparable) return { summary: "sector unknown: the two sides share no sector codes to compare" };
    if (result.system === undefined) return { summary: "different sectors", similarity: 0 };
    return {
      summary: `sector ${result.system.toUpperCase()} ${result.companyCode} ~ ${result.buyerCode} (${Math.round(result.score * 100)}%)`,
      system: result.system,
      companyCode: result.companyCode,
      buyerCode: result.buyerCode,
      similarity: result.score,
    };
  },
  describe(detail, locale) {
    if (detail["system"] === undefined) {
      if (detail["similarity"] === 0) return locale === "ko" ? "업종: 서로 다름" : "Sector: different industries";
      return locale === "ko" ? "업종: 비교할 코드 없음 (알 수 없음)" : "Sector: unknown (no codes to compare)";
    }
    const system = String(detail["system"]).toUpperCase();
    const percent = Math.round(Number(detail["similarity"]) * 100);
    return locale === "ko"
      ? `업종: ${system} ${String(detail["companyCode"])} ↔ ${String(detail["buyerCode"])} (유사도 ${percent}%)`
      : `Sector: ${system} ${String(detail["companyCode"])} ↔ ${String(detail["buyerCode"])} (${percent}% similar)`;
  },
};
