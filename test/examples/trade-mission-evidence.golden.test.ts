/**
 * Golden rankings of the trade mission WITH trade evidence weighed (issue 11, part 6): the example's
 * illustrative import records (`examples/trade-mission/imports.csv`) joined to its buyers, the
 * evidence criterion weighed 0.6 in the exporter's view, judged as of 2026-12 (the demo's options).
 * The default rankings (test/core/golden.test.ts) do not change: evidence weighs 0 by default. Each
 * place that moved against the default ranking says why ("moved:").
 *
 * Evidence of a record = coverage × 2^(−age/12 months) × (0.5 + 0.5·min(1, ln(1+shipments)/ln 13)) ×
 * origin (own country 1, other 0.7); a buyer's is its strongest record's; a buyer without records is
 * unknown and counts the neutral 0.5.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rankBuyers, type Buyer, type Company, type Match } from "../../src/index.js";
import { loadImports } from "../../src/io/index.js";

const DIR = new URL("../../examples/trade-mission/", import.meta.url);
const companies = JSON.parse(readFileSync(new URL("companies.json", DIR), "utf8")) as Company[];
const plainBuyers = JSON.parse(readFileSync(new URL("buyers.json", DIR), "utf8")) as Buyer[];
const company = (id: string): Company => companies.find((entry) => entry.id === id)!;
const EVIDENCE = { weights: { evidence: 0.6 }, criteria: { evidence: { asOf: "2026-12" } } };
const ids = (matches: readonly Match[]): string[] => matches.map((match) => match.buyerId);
const evidence = (match: Match | undefined): number | undefined => (match?.breakdown.evidence?.known === true ? match.breakdown.evidence.score : undefined);

describe("golden rankings with trade evidence weighed (illustrative import records)", async () => {
  const { buyers, result } = await loadImports(new URL("imports.csv", DIR), plainBuyers);

  it("joins all six records, to four buyers", () => {
    expect([result.loaded, result.issues]).toEqual([6, []]);
    expect(buyers.filter((buyer) => (buyer.imports?.length ?? 0) > 0).map((buyer) => buyer.id)).toEqual(["gm-detroit", "ford-dearborn", "stellantis-auburn-hills", "kia-mexico"]);
  });

  it("Hanil Brake Tech (HS 870830): the importers of its line from Korea rank first", () => {
    const ranked = rankBuyers(company("jinju-02-hanil-brake"), buyers, { top: 5, ...EVIDENCE });
    expect(ids(ranked)).toEqual([
      // 1. Kia Mexico (moved: below 6th without evidence): 22 shipments of HS 870830 from KR in
      //    2026-11, one month before asOf: 1 × 2^(−1/12) × 1 × 1 = 0.944, the strongest evidence in the
      //    file; its own fit is modest (an OEM outside the US, product 45%).
      "kia-mexico",
      // 2. General Motors (moved: below 6th): 9 shipments from KR in 2026-10 (2^(−2/12) × 0.949 =
      //    0.845; its 14 from MX in 2026-11 count 0.944 × 0.7 = 0.661), and a good fit (Detroit OEM).
      "gm-detroit",
      // 3–5. ZF North America (moved: was 1), Continental (was 2), Mobis North America (was 3): no
      //    import records, so evidence is unknown (neutral 0.5) for all three and they keep their
      //    order among themselves; the 0.6 weight on a neutral 0.5 dilutes their fit lead.
      "zf-north-america",
      "continental-automotive",
      "mobis-north-america",
    ]);
    expect(evidence(ranked[0])).toBeCloseTo(2 ** (-1 / 12), 12);
    expect(evidence(ranked[1])).toBeCloseTo(2 ** (-2 / 12) * (0.5 + (0.5 * Math.log(10)) / Math.log(13)), 12);
    for (const match of ranked.slice(2)) expect(match.breakdown.evidence).toMatchObject({ known: false, score: 0.5 });
    // Without the weight the same joined buyers rank as the default golden ranking says.
    expect(ids(rankBuyers(company("jinju-02-hanil-brake"), buyers, { top: 3 }))).toEqual(["zf-north-america", "continental-automotive", "mobis-north-america"]);
  });

  it("Ford's records count less than no records for Hanil: Chinese-origin and stale Korean ones", () => {
    // 6 from CN in 2026-08: 2^(−4/12) × (0.5 + 0.5·ln 7/ln 13) × 0.7 ≈ 0.489; 2 from KR in 2021-09
    // (63 months): ≈ 0.02. Both below the neutral 0.5 an unknown buyer gets.
    const ford = rankBuyers(company("jinju-02-hanil-brake"), buyers, EVIDENCE).find((match) => match.buyerId === "ford-dearborn");
    expect(evidence(ford)).toBeCloseTo(2 ** (-4 / 12) * (0.5 + (0.5 * Math.log(7)) / Math.log(13)) * 0.7, 12);
    expect(evidence(ford)).toBeLessThan(0.5);
  });

  it("Gyeongnam Gear (drive-axle gear sets HS 870850): Stellantis, first by default, falls out of the top 5", () => {
    const ranked = rankBuyers(company("jinju-06-gyeongnam-gear"), buyers, { top: 5, ...EVIDENCE });
    expect(ids(ranked)).toEqual([
      // 1–5 (moved: each up one place, was 2–6): Deere, CNH, Caterpillar, Oshkosh and Rivian import
      //    nothing on file (evidence neutral 0.5) and keep their default order.
      "deere-moline",
      "cnh-racine",
      "caterpillar-peoria",
      "oshkosh",
      "rivian-normal",
    ]);
    // Stellantis Auburn Hills (moved: was 1): its only record is of HS 870830 brake parts, which
    // Gyeongnam's 870850 covers only as a sibling subheading ((2/3)² = 0.444): 4 shipments from KR,
    // six months old: 0.444 × 2^(−6/12) × (0.5 + 0.5·ln 5/ln 13) ≈ 0.256, known and below the neutral
    // 0.5 the others get. Weak evidence of another product counts below no evidence.
    const stellantis = rankBuyers(company("jinju-06-gyeongnam-gear"), buyers, EVIDENCE).find((match) => match.buyerId === "stellantis-auburn-hills")!;
    expect(evidence(stellantis)).toBeCloseTo((4 / 9) * 2 ** -0.5 * (0.5 + (0.5 * Math.log(5)) / Math.log(13)), 12);
    expect(stellantis.rank).toBeGreaterThan(5);
    expect(rankBuyers(company("jinju-06-gyeongnam-gear"), buyers, { top: 1 })[0]!.buyerId).toBe("stellantis-auburn-hills");
  });

  it("every other exporter keeps its default top 3: its top buyers have no import records (evidence neutral 0.5 for each), so their order stands", () => {
    for (const entry of companies.filter((candidate) => !["jinju-02-hanil-brake", "jinju-06-gyeongnam-gear"].includes(candidate.id))) {
      expect(ids(rankBuyers(entry, buyers, { top: 3, ...EVIDENCE })), entry.id).toEqual(ids(rankBuyers(entry, buyers, { top: 3 })));
    }
  });

  it("with the relationship criterion weighed 0.3, Mobis North America ranks first for Hanil: Hanil already supplies Hyundai Mobis (illustrative trading partners)", () => {
    const ranked = rankBuyers(company("jinju-02-hanil-brake"), buyers, { top: 3, weights: { relationship: 0.3 } });
    // 1. Mobis North America (moved: was 3): "Mobis North America, LLC" ↔ Hanil's customer "Hyundai
    //    Mobis Co., Ltd." after legal forms and the regional suffix are dropped: a direct relationship (1).
    // 2–3. ZF (was 1) and Continental (was 2): no trading partner in common (0).
    expect(ids(ranked)).toEqual(["mobis-north-america", "zf-north-america", "continental-automotive"]);
    expect(ranked[0]!.breakdown.relationship).toMatchObject({ known: true, score: 1 });
    expect(ranked[0]!.breakdown.relationship!.detail.summary).toContain("Hyundai Mobis Co., Ltd. ↔ Mobis North America, LLC");
  });
});
