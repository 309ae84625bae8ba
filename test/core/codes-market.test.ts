/**
 * A planted cross-system market, written for issue 10: Korean exporters that write only HSK tariff
 * lines and Korean product names, against US buyers described only by NAICS industries and English
 * needs. The right buyer of each exporter shares no word and no code system with it: only the HS–NAICS
 * concordance (Pierce & Schott) connects them. Codes are real: HSK/HTS lines of HS 2022 subheadings,
 * NAICS 2022 (and 2017) industries, as in the shared taxonomy files.
 */
import { describe, expect, it } from "vitest";
import { createMatcher, explainMatch, rankBuyers, rankCompanies, type Buyer, type Company } from "../../src/index.js";

// Exporters: Korean names, HSK 10-digit lines, sectors as HS headings. No English anywhere.
const exporters: Company[] = [
  // 8708.30-1000: brake parts (HS 870830 → NAICS 333111 farm machinery, 336340 motor vehicle brakes).
  { id: "kr-daesung-brake", name: "대성브레이크", country: "KR", sectors: ["hs:8708"], products: [{ name: "브레이크 패드", hs: "8708.30-1000" }] },
  // 8413.50-1000: reciprocating pumps (HS 841350 → NAICS 33391 pumps, 333996 fluid power pumps).
  { id: "kr-hanguk-hydraulic", name: "한국유압", country: "KR", sectors: ["hs:8413"], products: [{ name: "유압 피스톤 펌프", hs: "8413.50-1000" }] },
  // 8507.60-0000: lithium-ion accumulators (HS 850760 → NAICS 335910 only: the most specific bridge).
  { id: "kr-sejin-battery", name: "세진배터리", country: "KR", sectors: ["hs:8507"], products: [{ name: "리튬이온 축전지", hs: "8507.60-0000" }] },
  // 0203.29-0000: frozen pork (HS 020329 → NAICS 311611 only).
  { id: "kr-doduram-pork", name: "도드람", country: "KR", sectors: ["hs:0203"], products: [{ name: "냉동 돼지고기", hs: "0203.29-0000" }] },
];

// Buyers: NAICS only (2022, one written in the 2017 vintage), English needs, no HS code anywhere.
const buyers: Buyer[] = [
  { id: "us-brake-systems", name: "Motor vehicle brake system maker", country: "US", sectors: ["naics:336340"], needs: [{ name: "Friction material for brake assemblies", naics: "336340" }] },
  { id: "us-construction-machinery", name: "Construction machinery maker", country: "US", sectors: ["naics:333120"], needs: [{ name: "Undercarriage components for excavators", naics: "333120" }] },
  { id: "us-automaker", name: "Light vehicle assembler", country: "US", sectors: ["naics:336111"], needs: [{ name: "Components for light vehicle assembly", naics: "336111" }] },
  { id: "us-fluid-power", name: "Fluid power equipment maker", country: "US", sectors: ["naics:333996"], needs: [{ name: "Piston units for fluid power systems", naics: "333996" }] },
  { id: "us-battery-packs", name: "Storage battery pack assembler", country: "US", sectors: ["naics:335910"], needs: [{ name: "Cells for energy storage packs", naics: "335910" }] },
  { id: "us-meat-processor", name: "Meat processor", country: "US", sectors: ["naics:311611"], needs: [{ name: "Carcass cuts for further processing", naics: "311611" }] },
];

const byId = (id: string): Company => exporters.find((entry) => entry.id === id)!;

const ids = (company: Company): string[] => rankBuyers(company, buyers).map((match) => match.buyerId);

describe("a planted cross-system market: HSK lines against NAICS industries", () => {
  it("the brake-pad maker finds the brake-system maker first, and a construction-machinery maker only second", () => {
    expect(ids(byId("kr-daesung-brake"))).toEqual([
      // 1. HS 870830 maps to NAICS 336340 (and 333111), so the bridge covers the buyer's 336340 need
      //    fully at weight 0.8/√2: product 0.8 × 0.566 = 0.45 (code alone: Hangul and English share no word).
      "us-brake-systems",
      // 2. 333111 (farm machinery, the other industry of 870830) shares 3331 with 333120: (3/5)² × 0.566 × 0.8.
      "us-construction-machinery",
      // 3. 336340 shares 336 with 336110 (the 2017 code 336111 read as NAICS 2022): (2/5)² × 0.566 × 0.8;
      //    the sector (HS 8708 bridged to 13 industries, one of them 33639) shares more with 336110 than with 333996.
      "us-automaker",
      // 4. 333111 shares 333 with 333996: the same product value as 3., a lower sector similarity.
      "us-fluid-power",
      // 5. Only the manufacturing sector 33 in common with 335910.
      "us-battery-packs",
      // 6. Food (31) against vehicle parts: no evidence at all; only the neutral prior of the unknown criteria.
      "us-meat-processor",
    ]);
  });

  it("the pump maker finds the fluid-power maker, the battery maker the pack assembler, the pork exporter the meat processor", () => {
    expect(ids(byId("kr-hanguk-hydraulic"))).toEqual([
      // 1. HS 841350 → NAICS 333996 (and 33391): the buyer's need covered at 0.8/√2.
      "us-fluid-power",
      // 2. 33391 shares 333 with 333120, and the HS 8413 sector shares 333 too.
      "us-construction-machinery",
      // 3–5. The product shares only NAICS 33 with each need (0.02 alike); the sector decides: HS 8413
      //    bridges to six industries (weight 0.8/√6), one of them 33639 (motor vehicle parts: fuel pumps),
      //    which shares 3363 with 336340 (3/4), 336 with 336110 (2/4) and only 33 with 335910 (1/4).
      "us-brake-systems",
      "us-automaker",
      "us-battery-packs",
      // 6. Nothing in common.
      "us-meat-processor",
    ]);
    const battery = rankBuyers(byId("kr-sejin-battery"), buyers);
    // 1. HS 850760 maps to NAICS 335910 alone: the most specific bridge (weight 0.8), product 0.64.
    expect(battery[0]!.buyerId).toBe("us-battery-packs");
    expect(battery[0]!.breakdown.product!.score).toBeCloseTo(0.64, 12);
    // 2–5. Each shares only sector 33 with 335910, so they tie exactly and follow their ids; 6. food, nothing.
    expect(battery.slice(1).map((match) => match.buyerId)).toEqual(["us-automaker", "us-brake-systems", "us-construction-machinery", "us-fluid-power", "us-meat-processor"]);
    const pork = rankBuyers(byId("kr-doduram-pork"), buyers);
    // 1. HS 020329 maps to NAICS 311611 alone; 2–6. no other buyer is in food, so the rest tie on the prior, by id.
    expect(pork.map((match) => match.buyerId)).toEqual(["us-meat-processor", "us-automaker", "us-battery-packs", "us-brake-systems", "us-construction-machinery", "us-fluid-power"]);
  });

  it("each buyer finds its exporter first (the bridge read the other way round)", () => {
    const expected = new Map([
      ["us-brake-systems", "kr-daesung-brake"],
      ["us-fluid-power", "kr-hanguk-hydraulic"],
      ["us-battery-packs", "kr-sejin-battery"],
      ["us-meat-processor", "kr-doduram-pork"],
    ]);
    for (const [buyerId, exporterId] of expected) {
      expect(rankCompanies(buyers.find((buyer) => buyer.id === buyerId)!, exporters)[0]!.companyId).toBe(exporterId);
    }
  });

  it("the engine returns the reference's lists on the bridged market", () => {
    const matcher = createMatcher(buyers, { top: 3 });
    for (const exporter of exporters) expect(matcher.rank(exporter)).toEqual(rankBuyers(exporter, buyers, { top: 3 }));
  });

  it("explains a bridged match with both codes and the concordance, in English and Korean, and how much it knows", () => {
    const [best] = rankBuyers(byId("kr-daesung-brake"), buyers);
    const english = explainMatch(best!).join("\n");
    expect(english).toContain('"friction material for brake assemblies" ← "브레이크 패드" 45% (code: HS 870830 ↔ NAICS 336340, by the HS–NAICS concordance)');
    expect(english).toContain("Sector: HS 8708 ↔ NAICS 336340 (by the HS–NAICS concordance; 22% similar)");
    // Sector 0.20 and product 0.35 of the weight are known; tier, region and readiness are not.
    expect(best!.coverage).toBeCloseTo(0.55, 12);
    expect(english).toContain("based on 55% of the criteria (by weight); the rest is unknown");
    const korean = explainMatch(best!, { locale: "ko" }).join("\n");
    expect(korean).toContain("(코드: HS 870830 ↔ NAICS 336340, HS–NAICS 연계표 기준)");
    expect(korean).toContain("기준의 55%(가중치 기준)에 근거");
    // minCoverage above what these profiles know drops every match.
    expect(rankBuyers(byId("kr-daesung-brake"), buyers, { minCoverage: 0.6 })).toEqual([]);
  });
});
