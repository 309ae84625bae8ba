/**
 * Sector: how close the two sides' industries are. Each side's sectors become HS and NAICS code
 * sets (named sectors through the sector table); the score is the best hierarchical similarity
 * between a company code and a buyer code of the same system: shared levels / levels of the broader
 * code, so a code and its ancestor count as the same industry. An HS code on one side and a NAICS
 * code on the other compare through the HS–NAICS concordance: the bridge's weight (≤ 0.8) times the
 * best similarity of an industry the HS code maps to. Unknown when either side has no sectors, or the
 * two share no code system and no bridge.
 */
import { bridgedSectorSimilarity, sectorSimilarity, sharedLevels, type CodeSystem, type HsBridge } from "../normalize/codes.js";
import type { CompiledBuyer, CompiledCompany } from "../market/market.js";
import type { SectorCodeSet } from "../normalize/records.js";
import { defineCriterion } from "./define.js";
import { keyByIdentity } from "./keys.js";
import type { CriterionDetail } from "./types.js";

/** What the sector criterion found: the best pair of codes, or why there is none. */
export interface SectorDetail extends CriterionDetail {
  /** The system both codes are in, or "bridge" (HS ↔ NAICS concordance); absent when unknown or different. */
  readonly system?: CodeSystem | "bridge";
  /** The company's code (a bridged one with its system: "HS 870830"). */
  readonly companyCode?: string;
  readonly buyerCode?: string;
  /** For a bridged pair: the HS code, the concordance's industry closest to the NAICS side, and the bridge's weight. */
  readonly bridge?: { readonly hs: string; readonly naics: string; readonly weight: number };
  /** The similarity in [0, 1]; absent when unknown, 0 for different industries. */
  readonly similarity?: number;
}

const SYSTEMS: readonly CodeSystem[] = ["hs", "naics"];

interface Best {
  score: number;
  system: CodeSystem | undefined;
  companyCode: string;
  buyerCode: string;
  comparable: boolean;
  /** Set when the best pair met through the bridge: the HS code's side and its bridge. */
  bridge: HsBridge | undefined;
  bridgeSide: "company" | "buyer" | undefined;
}

function bridgedBest(bridges: readonly HsBridge[], naicsCodes: readonly string[], side: "company" | "buyer", out: Best): void {
  if (bridges.length === 0 || naicsCodes.length === 0) return;
  out.comparable = true;
  for (const bridge of bridges) {
    // A bridged similarity is at most the bridge's weight: skip bridges that cannot beat the best.
    if (bridge.weight <= out.score) continue;
    for (const naics of naicsCodes) {
      const similarity = bridgedSectorSimilarity(bridge, naics);
      if (similarity > out.score) {
        out.score = similarity;
        out.system = undefined;
        out.bridge = bridge;
        out.bridgeSide = side;
        out.companyCode = side === "company" ? bridge.hs : naics;
        out.buyerCode = side === "company" ? naics : bridge.hs;
      }
    }
  }
}

function best(company: CompiledCompany, buyer: CompiledBuyer, out: Best): Best {
  out.score = 0;
  out.comparable = false;
  out.system = undefined;
  out.bridge = undefined;
  out.bridgeSide = undefined;
  for (const system of SYSTEMS) {
    const companyCodes = company.record.sectorCodes[system];
    const buyerCodes = buyer.record.sectorCodes[system];
    if (companyCodes.length === 0 || buyerCodes.length === 0) continue;
    out.comparable = true;
    for (const companyCode of companyCodes) {
      for (const buyerCode of buyerCodes) {
        const similarity = sectorSimilarity(system, companyCode, buyerCode);
        // Among equally similar pairs the most specific one is kept, so explanations name it.
        if (similarity > out.score || (similarity === out.score && similarity > 0 && out.system !== undefined && sharedLevels(system, companyCode, buyerCode) > sharedLevels(out.system, out.companyCode, out.buyerCode))) {
          out.score = similarity;
          out.system = system;
          out.companyCode = companyCode;
          out.buyerCode = buyerCode;
        }
      }
    }
  }
  // A bridged pair counts at most 0.8 of a same-system one, so it only wins where no system is shared well.
  bridgedBest(company.record.sectorCodes.bridges, buyer.record.sectorCodes.naics, "company", out);
  bridgedBest(buyer.record.sectorCodes.bridges, company.record.sectorCodes.naics, "buyer", out);
  return out;
}

function freshBest(): Best {
  return { score: 0, system: undefined, companyCode: "", buyerCode: "", comparable: false, bridge: undefined, bridgeSide: undefined };
}

// One scratch record, reused so that scoring does not allocate per pair.
const scratch: Best = freshBest();

function bridgedNaics(bridge: HsBridge, naics: string): string {
  let bestCode = bridge.naics[0]!;
  let value = -1;
  for (const code of bridge.naics) {
    const similarity = sectorSimilarity("naics", code, naics);
    if (similarity > value) {
      value = similarity;
      bestCode = code;
    }
  }
  return bestCode;
}

/** A buyer's sector key: codes are digit strings, so "," and "|" cannot occur inside one. */
const sectorCodesKey = keyByIdentity((codes: SectorCodeSet) => `${codes.hs.join(",")}|${codes.naics.join(",")}`);

/** The sector criterion. */
export const sectorCriterion = defineCriterion({
  id: "sector",
  defaultWeight: { company: 0.2, buyer: 0.15 },
  defaultMissing: "neutral",
  score(company, buyer) {
    const result = best(company, buyer, scratch);
    return result.comparable ? result.score : undefined;
  },
  buyerKey(buyer) {
    // The score reads only the buyer's sector codes (its bridges follow from its HS codes).
    return sectorCodesKey(buyer.record.sectorCodes);
  },
  detail(company, buyer): SectorDetail {
    const result = best(company, buyer, freshBest());
    if (!result.comparable) return { summary: "sector unknown: the two sides share no sector codes to compare" };
    if (result.bridge !== undefined) {
      const naics = result.bridgeSide === "company" ? result.buyerCode : result.companyCode;
      const via = bridgedNaics(result.bridge, naics);
      return {
        summary: `sector HS ${result.bridge.hs} ↔ NAICS ${naics} by the HS–NAICS concordance (${Math.round(result.score * 100)}%)`,
        system: "bridge",
        companyCode: result.bridgeSide === "company" ? `HS ${result.bridge.hs}` : `NAICS ${naics}`,
        buyerCode: result.bridgeSide === "company" ? `NAICS ${naics}` : `HS ${result.bridge.hs}`,
        bridge: { hs: result.bridge.hs, naics: via, weight: result.bridge.weight },
        similarity: result.score,
      };
    }
    if (result.system === undefined) return { summary: "different sectors", similarity: 0 };
    return {
      summary: `sector ${result.system.toUpperCase()} ${result.companyCode} ~ ${result.buyerCode} (${Math.round(result.score * 100)}%)`,
      system: result.system,
      companyCode: result.companyCode,
      buyerCode: result.buyerCode,
      similarity: result.score,
    };
  },
  describe(detail: SectorDetail, locale) {
    if (detail.system === undefined) {
      if (detail.similarity === 0) return locale === "ko" ? "업종: 서로 다름" : "Sector: different industries";
      return locale === "ko" ? "업종: 비교할 코드 없음 (알 수 없음)" : "Sector: unknown (no codes to compare)";
    }
    const percent = Math.round((detail.similarity ?? 0) * 100);
    const companyCode = String(detail.companyCode);
    const buyerCode = String(detail.buyerCode);
    if (detail.system === "bridge") {
      const bridge = detail.bridge;
      const naicsSide = [companyCode, buyerCode].find((code) => code.startsWith("NAICS"));
      const via = bridge === undefined || naicsSide === `NAICS ${bridge.naics}` ? "" : locale === "ko" ? `NAICS ${bridge.naics} 경유, ` : `via NAICS ${bridge.naics}, `;
      return locale === "ko"
        ? `업종: ${companyCode} ↔ ${buyerCode} (${via}HS–NAICS 연계표 기준, 유사도 ${percent}%)`
        : `Sector: ${companyCode} ↔ ${buyerCode} (${via}by the HS–NAICS concordance; ${percent}% similar)`;
    }
    const system = detail.system.toUpperCase();
    return locale === "ko"
      ? `업종: ${system} ${companyCode} ↔ ${buyerCode} (유사도 ${percent}%)`
      : `Sector: ${system} ${companyCode} ↔ ${buyerCode} (${percent}% similar)`;
  },
});
