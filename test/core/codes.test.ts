/**
 * Trade codes from the shared taxonomy files (HS 2022, NAICS 2017/2022, the Pierce & Schott HS6→NAICS
 * concordance): national tariff lines, leading zeros, NAICS vintages, the bridge in both directions,
 * and wrong codes rejected with their path.
 */
import { describe, expect, it } from "vitest";
import { BuyerMatchError, explainMatch, normalizeNaicsCode, rankBuyers, scorePair, type Buyer, type Company } from "../../src/index.js";
import { hsBridge, parseHsCode } from "../../src/normalize/codes.js";

const company = (products: Company["products"], extra: Partial<Company> = {}): Company => ({ id: "c", name: "Exporter", country: "KR", products, ...extra });
const buyer = (needs: Buyer["needs"], extra: Partial<Buyer> = {}): Buyer => ({ id: "b", name: "Buyer", country: "US", needs, ...extra });
const product = (pair: ReturnType<typeof scorePair>): number => pair.breakdown.product!.score;
const only = { weights: { product: 1, sector: 0, tier: 0, region: 0, readiness: 0 } };

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return (error as BuyerMatchError).issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  }
  throw new Error("expected a BuyerMatchError");
}

describe("national tariff lines", () => {
  it("reads 8- and 10-digit lines in every common punctuation, keeping the nomenclature", () => {
    expect(parseHsCode("8708.30-1000", "KR")).toEqual({ hs: "870830", line: "8708301000", nomenclature: "KR" });
    expect(parseHsCode("8708.30.5090", "US")).toEqual({ hs: "870830", line: "8708305090", nomenclature: "US" });
    expect(parseHsCode("8708301000")).toEqual({ hs: "870830", line: undefined, nomenclature: undefined });
    expect(parseHsCode("hsk:8708.30-1000")).toEqual({ hs: "870830", line: "8708301000", nomenclature: "KR" });
    expect(parseHsCode("HTS: 0203.29.4020")).toEqual({ hs: "020329", line: "0203294020", nomenclature: "US" });
    expect(parseHsCode("8413.50.00", "US")).toEqual({ hs: "841350", line: "84135000", nomenclature: "US" });
  });

  it("compares an HSK line and an HTS line on their six harmonised digits", () => {
    // Korean brake pads (HSK 8708.30-1000) against a US need written as an HTS line (8708.30.5090).
    const pair = scorePair(company([{ name: "브레이크 패드", hs: "8708.30-1000" }]), buyer([{ name: "brake pads", hs: "8708.30.5090" }]), only);
    expect(product(pair)).toBe(0.8); // the same subheading 870830, code evidence alone
    expect(pair.breakdown.product!.detail.summary).toBe("1 of 1 needs covered");
  });

  it("counts the national digits as further levels only within one nomenclature", () => {
    // Two HTS lines of subheading 8708.30: 8708.30.5020 and 8708.30.5090 share 8708.30.50 (4 of 5 levels).
    const sibling = scorePair(company([{ name: "disc brake pads", hs: "hts:8708.30.5020" }]), buyer([{ name: "brake parts", hs: "8708.30.5090" }]), only);
    // Code (4/5)² and words: "brake" is one of the need's two equally rare words, so text 1/2.
    expect(product(sibling)).toBeCloseTo(0.6 * (4 / 5) ** 2 + 0.4 * 0.5, 12);
    const same = scorePair(company([{ name: "브레이크 패드", hs: "hts:8708.30.5090" }]), buyer([{ name: "brake parts", hs: "8708.30.5090" }]), only);
    expect(product(same)).toBe(0.8);
    // The same two lines from different nomenclatures (a KR company's unprefixed line) compare on 870830.
    const across = scorePair(company([{ name: "브레이크 패드", hs: "8708.30-5020" }]), buyer([{ name: "brake parts", hs: "8708.30.5090" }]), only);
    expect(product(across)).toBe(0.8);
  });

  it("says when a code lost its leading zero, with the path", () => {
    const issues = issuesOf(() => scorePair(company([{ name: "냉동 돼지고기", hs: "203" }]), buyer([{ name: "pork" }])));
    expect(issues).toEqual([{ path: "company.products.0.hs", message: expect.stringContaining("looks like HS 0203 with its leading zero lost") }]);
    const tenDigits = issuesOf(() => scorePair(company([{ name: "pork", hs: "203294020" }]), buyer([{ name: "pork" }])));
    expect(tenDigits[0]!.message).toContain("HS 0203294020 with its leading zero lost");
  });

  it("still rejects wrong codes, each with its path", () => {
    const issues = issuesOf(() =>
      rankBuyers(company([{ name: "a", hs: "7700" }, { name: "b", hs: "8708.30-10001" }, { name: "c", naics: "3363A" }]), [
        buyer([{ name: "d", naics: "19" }, { name: "e", hs: "87.08.3" }]),
      ]),
    );
    expect(issues.map((issue) => issue.path)).toEqual(["company.products.0.hs", "company.products.1.hs", "company.products.2.naics", "buyers.0.needs.0.naics", "buyers.0.needs.1.hs"]);
    expect(issues[0]!.message).toContain("not an HS code of a known chapter"); // chapter 77 is reserved
    expect(issues[1]!.message).toContain("has 11 digits");
  });
});

describe("NAICS vintages", () => {
  it("reads NAICS 2017 and 2012 codes as NAICS 2022 and keeps the concordance's special codes", () => {
    expect(normalizeNaicsCode("336111")).toBe("336110"); // 2017 Automobile Manufacturing → 2022 336110
    expect(normalizeNaicsCode("335911")).toBe("335910"); // 2017 Storage Battery → 2022 335910
    expect(normalizeNaicsCode("212113")).toBe("21211"); // 2017 Anthracite Mining split in 2022: their shared prefix
    expect(normalizeNaicsCode("333911")).toBe("33391"); // 2012 Pump and Pumping Equipment: longest 2022 prefix
    expect(normalizeNaicsCode("336340")).toBe("336340"); // unchanged across vintages
    for (const special of ["910000", "920000", "930000", "990000"]) expect(normalizeNaicsCode(special)).toBe(special);
  });

  it("matches a 2017 code against the same industry written in 2022, and accepts 910000 in a buyer row", () => {
    const pair = scorePair(company([{ name: "automobiles", naics: "336111" }]), buyer([{ name: "automobiles", naics: "336110" }, { name: "scrap", naics: "910000" }]), only);
    // Need 1: same industry and every word (1.0); need 2: NAICS 91 shares nothing with 336110 (0).
    expect(product(pair)).toBe(0.5);
  });
});

describe("the HS ↔ NAICS bridge", () => {
  it("weighs a bridge by how many industries the HS line maps to", () => {
    expect(hsBridge("850760")).toMatchObject({ naics: ["335910"], weight: 0.8 }); // one industry
    expect(hsBridge("870830")).toMatchObject({ naics: ["333111", "336340"] });
    expect(hsBridge("870830")!.weight).toBeCloseTo(0.8 / Math.SQRT2, 15);
    expect(hsBridge("870840")!.naics).toHaveLength(7);
    expect(hsBridge("870840")!.weight).toBeCloseTo(0.8 / Math.sqrt(7), 15);
    expect(hsBridge("7701")).toBeUndefined();
  });

  it("bridges an HS product to a NAICS need and a NAICS product to an HS need", () => {
    const hsToNaics = scorePair(company([{ name: "브레이크 패드", hs: "8708.30-1000" }]), buyer([{ name: "brake systems", naics: "336340" }]), only);
    expect(product(hsToNaics)).toBeCloseTo(0.8 * (0.8 / Math.SQRT2), 12);
    const naicsToHs = scorePair(company([{ name: "브레이크 시스템", naics: "336340" }]), buyer([{ name: "brake pads", hs: "hts:8708.30.5090" }]), only);
    expect(product(naicsToHs)).toBeCloseTo(0.8 * (0.8 / Math.SQRT2), 12);
  });

  it("scores a bridged match below the same match within one system", () => {
    const need = buyer([{ name: "lithium-ion battery cells", hs: "850760", naics: "335910" }]);
    const exact = product(scorePair(company([{ name: "리튬이온 축전지", hs: "8507.60-0000" }]), need, only));
    const bridged = product(scorePair(company([{ name: "리튬이온 축전지", naics: "335910" }]), buyer([{ name: "lithium-ion battery cells", hs: "850760" }]), only));
    expect(exact).toBe(0.8);
    expect(bridged).toBeCloseTo(0.8 * 0.8, 12);
    expect(bridged).toBeLessThan(exact);
  });

  it("compares sectors written in different systems", () => {
    const pair = scorePair(company([], { sectors: ["hs:850760"] }), buyer([], { sectors: ["naics:335910"] }));
    expect(pair.breakdown.sector).toMatchObject({ known: true, score: 0.8 });
    expect(pair.breakdown.sector!.detail.summary).toContain("HS 850760 ↔ NAICS 335910 by the HS–NAICS concordance");
  });
});

describe("coverage", () => {
  it("says an empty profile's score rests on nothing, and minCoverage drops it", () => {
    const empty: Company = { id: "empty", name: "Empty", country: "KR" };
    const pair = scorePair(empty, { id: "b", name: "Buyer", country: "US" });
    expect(pair.score).toBe(0.5);
    expect(pair.coverage).toBe(0);
    expect(explainMatch(pair)[1]).toBe("  based on none of the criteria: no data to compare, the score is only the neutral prior");
    expect(explainMatch(pair, { locale: "ko" })[1]).toBe("  근거 없음: 비교할 정보가 없어 점수는 중립값일 뿐입니다");
    expect(rankBuyers(empty, [{ id: "b", name: "Buyer", country: "US" }], { minCoverage: 0.01 })).toEqual([]);
  });
});
