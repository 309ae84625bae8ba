/**
 * The planted market of issue 11 ("Must show"): buyers equal in every other respect — all in
 * Alabama, all needing HS 870830 brake parts from a Korean maker — that differ only in their trade
 * records and trading partners. Rule by rule:
 * - a recent importer of the exporter's line from Korea ranks above one importing it from China,
 *   which ranks above one with no records (unknown counts the neutral prior, 0.5);
 * - a buyer of the group the exporter already supplies (Hyundai Mobis) ranks first;
 * - records five years old count little (2^-5 of a fresh record with a 12-month half-life).
 */
import { describe, expect, it } from "vitest";
import { BuyerMatchError, describeReason, explainMatch, genuineEvidence, rankBuyers, scorePair, type Buyer, type Company } from "../../src/index.js";

const exporter: Company = {
  id: "sangsin",
  name: "Sangsin Brake Co., Ltd.",
  country: "KR",
  products: [{ name: "brake pads", hs: "8708.30" }],
  customers: ["Hyundai Mobis Co., Ltd.", "현대자동차(주)"],
};
const base = { country: "US", region: "US-AL", city: "Montgomery", tier: "tier1" as const, needs: [{ name: "brake pads", hs: "870830" }] };
const buyers: Buyer[] = [
  { ...base, id: "b-none", name: "Alabama Brake Supply" },
  { ...base, id: "b-cn", name: "Southern Friction Parts", imports: [{ hs: "870830", origin: "CN", shipments: 9, lastDate: "2026-10" }] },
  { ...base, id: "b-kr", name: "Dixie Brake Distributors", imports: [{ hs: "8708.30", origin: "KR", shipments: 9, lastDate: "2026-10" }, { hs: "870830", origin: "CN", shipments: 5, lastDate: "2026-06" }] },
  { ...base, id: "b-stale", name: "Gulf Coast Braking", imports: [{ hs: "870830", origin: "KR", shipments: 9, lastDate: "2021-10" }] },
  { ...base, id: "b-group", name: "Mobis Alabama, LLC", group: "Hyundai Mobis" },
];
const options = { weights: { evidence: 0.3, relationship: 0.3 }, criteria: { evidence: { asOf: "2026-11" } } };

describe("a planted market where only trade evidence and trading partners differ", () => {
  it("ranks the group buyer first, then the Korean importer, the Chinese importer, no records, stale records", () => {
    expect(rankBuyers(exporter, buyers, options).map((match) => match.buyerId)).toEqual(["b-group", "b-kr", "b-cn", "b-none", "b-stale"]);
  });

  it("without weights on the new criteria the five buyers tie (they are equal in every other respect) and order by id", () => {
    const ranked = rankBuyers(exporter, buyers);
    expect(new Set(ranked.map((match) => match.score)).size).toBe(1);
    expect(ranked.map((match) => match.buyerId)).toEqual(["b-cn", "b-group", "b-kr", "b-none", "b-stale"]);
  });

  it("stale records count little: five years at a 12-month half-life is 2^-5 of the same record today", () => {
    const fresh = scorePair(exporter, buyers[3]!, { ...options, criteria: { evidence: { asOf: "2021-10" } } }).breakdown["evidence"]!.score;
    const stale = scorePair(exporter, buyers[3]!, options).breakdown["evidence"]!.score;
    expect(stale / fresh).toBeCloseTo(2 ** -(61 / 12), 12);
  });

  it("no records is unknown, not a mismatch; records of other goods are a mismatch (0)", () => {
    const none = scorePair(exporter, buyers[0]!, options).breakdown["evidence"]!;
    expect(none.known).toBe(false);
    const other = scorePair(exporter, { ...buyers[0]!, imports: [{ hs: "8409.91", origin: "KR", shipments: 40, lastDate: "2026-10" }] }, options).breakdown["evidence"]!;
    expect([other.known, other.score]).toEqual([true, 0]);
  });

  it("without asOf every record is undated: the Korean importer still ranks above the Chinese one, the stale one equals the Korean", () => {
    const undated = rankBuyers(exporter, buyers, { weights: { evidence: 1, relationship: 0 } });
    const score = new Map(undated.map((match) => [match.buyerId, match.score]));
    expect(score.get("b-kr")!).toBeGreaterThan(score.get("b-cn")!);
    expect(score.get("b-stale")).toBe(score.get("b-kr"));
  });

  it("explains the evidence in English and Korean with counts, window and origin", () => {
    const pair = scorePair(exporter, buyers[2]!, options);
    const en = explainMatch(pair).join("\n");
    const ko = explainMatch(pair, { locale: "ko" }).join("\n");
    expect(en).toContain("imported HS 870830 14 times in the last 12 months, 9 from KR");
    expect(ko).toContain("최근 12개월간 HS 870830 14회 수입, 그중 KR산 9회");
  });

  it("explains the relationship with the names that matched, in English and Korean", () => {
    const pair = scorePair(exporter, buyers[4]!, options);
    expect(pair.breakdown["relationship"]!.score).toBe(0.9);
    expect(explainMatch(pair).join("\n")).toContain(`supplies the buyer's group, "Hyundai Mobis Co., Ltd." ↔ "Hyundai Mobis"`);
    expect(explainMatch(pair, { locale: "ko" }).join("\n")).toContain("바이어의 그룹사와 거래 중");
  });

  it("a direct customer scores 1, a shared customer (same supply chain) 0.6; aliases join Korean and English names", () => {
    const direct = scorePair(exporter, { ...buyers[0]!, name: "Hyundai Motor Company" }, { ...options, criteria: { relationship: { aliases: [["현대자동차", "Hyundai Motor Company"]] } } });
    expect(direct.breakdown["relationship"]!.score).toBe(1);
    const withoutAlias = scorePair(exporter, { ...buyers[0]!, name: "Hyundai Motor Company" }, options);
    expect(withoutAlias.breakdown["relationship"]!.score).toBe(0);
    const chain = scorePair(exporter, { ...buyers[0]!, customers: ["Mobis North America"] }, options);
    expect(chain.breakdown["relationship"]!.score).toBe(0.6);
  });

  it("requireEvidence keeps verified buyers and buyers importing the company's codes (any date, any origin), and says why the others go", () => {
    const ids = rankBuyers(exporter, [...buyers, { ...base, id: "b-verified", name: "Verified Brakes", verified: true }], { ...options, requireEvidence: true }).map((match) => match.buyerId);
    expect(ids.sort()).toEqual(["b-cn", "b-kr", "b-stale", "b-verified"]);
    const reason = { criterion: "evidence", code: "no_evidence" } as const;
    expect(describeReason(reason)).toBe("the buyer is not verified and has no import records of the company's products");
    expect(describeReason(reason, "ko")).toContain("수입 실적");
  });
});

describe("genuineEvidence reads a match's evidence that the buyer is genuine for the exporter", () => {
  const byId = new Map(rankBuyers(exporter, buyers, options).map((match) => [match.buyerId, match]));

  it("names the Korean importer's records with counts, in English and Korean", () => {
    const found = genuineEvidence(byId.get("b-kr")!);
    expect(found.evidenced).toBe(true);
    expect(found.imports).toMatchObject({ hs: "870830", shipments: 14, fromCountry: 9, country: "KR" });
    expect(found.lines).toEqual(["Trade evidence: imported HS 870830 14 times in the last 12 months, 9 from KR, latest 2026-10"]);
    expect(genuineEvidence(byId.get("b-kr")!, { locale: "ko" }).lines[0]).toContain("KR산 9회");
  });

  it("names the group the exporter already supplies, with the names that matched", () => {
    const found = genuineEvidence(byId.get("b-group")!);
    expect(found.relationship).toMatchObject({ level: "group", partner: "Hyundai Mobis Co., Ltd.", matched: "Hyundai Mobis" });
    expect(found.imports).toBeUndefined();
  });

  it("finds nothing for a buyer without records or partners in common, at any weight (the lines are in every breakdown)", () => {
    expect(genuineEvidence(byId.get("b-none")!)).toEqual({ evidenced: false, lines: [] });
    const unweighted = rankBuyers(exporter, buyers).find((match) => match.buyerId === "b-kr")!;
    expect(genuineEvidence(unweighted).evidenced).toBe(true);
  });

  it("rejects a bad locale with one BuyerMatchError at its path", () => {
    expect(() => genuineEvidence(byId.get("b-kr")!, { locale: "fr" as "en" })).toThrow(BuyerMatchError);
  });
});
