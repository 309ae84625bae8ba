import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BuyerSchema } from "../../src/schema/buyer.js";
import type { BuyerMatchIssue } from "../../src/schema/errors.js";
import { createNormalizeCache, normalizeBuyer } from "../../src/normalize/records.js";
import { DEFAULT_SECTORS } from "../../src/normalize/sectors.js";
import { HS_POOL } from "./arbitraries.js";
import { certificationKey } from "../../src/normalize/certifications.js";
import { codeMatch, coverage, normalizeHsCode, normalizeNaicsCode, sectorSimilarity } from "../../src/normalize/codes.js";
import { normalizeSubdivision, parseMarket, worldRegionOf } from "../../src/normalize/regions.js";
import { foldText, singular, tokenize } from "../../src/normalize/text.js";

describe("HS codes", () => {
  it("reads dotted, spaced and plain spellings as one code", () => {
    expect(normalizeHsCode("8708.30")).toBe("870830");
    expect(normalizeHsCode("8708 30")).toBe("870830");
    expect(normalizeHsCode("870830")).toBe("870830");
    expect(normalizeHsCode(" HS 8708 ")).toBe("8708");
    expect(normalizeHsCode("02")).toBe("02");
  });
  it("rejects codes that are not 2, 4, 6, 8 or 10 digits of a known chapter", () => {
    expect(normalizeHsCode("87083")).toBeUndefined();
    expect(normalizeHsCode("8")).toBeUndefined();
    expect(normalizeHsCode("77")).toBeUndefined(); // chapter 77 is reserved
    expect(normalizeHsCode("00")).toBeUndefined();
    expect(normalizeHsCode("abcd")).toBeUndefined();
    expect(normalizeHsCode("870830111")).toBeUndefined();
    expect(normalizeHsCode("870830111122")).toBeUndefined();
    expect(normalizeHsCode("87083011")).toBe("870830"); // an 8-digit national line, compared on its first six
  });
  it("measures how far an offered code covers a wanted one", () => {
    expect(coverage("hs", "870830", "8708")).toBe(1); // inside the wanted heading
    expect(coverage("hs", "8708", "870830")).toBeCloseTo(2 / 3, 15); // broader than wanted
    expect(coverage("hs", "870899", "870830")).toBeCloseTo(2 / 3, 15); // sibling subheading
    expect(coverage("hs", "840999", "870830")).toBe(0); // other chapter
    expect(coverage("naics", "336390", "3363")).toBe(1);
  });
  it("squares coverage for product code matches, so a sibling is set apart from a fit", () => {
    expect(codeMatch("hs", "870830", "8708")).toBe(1);
    expect(codeMatch("hs", "870810", "870830")).toBeCloseTo(4 / 9, 15);
    expect(codeMatch("hs", "870199", "870830")).toBeCloseTo(1 / 9, 15);
  });
  it("treats a sector code and its ancestor as the same sector", () => {
    expect(sectorSimilarity("hs", "87", "870830")).toBe(1);
    expect(sectorSimilarity("hs", "8708", "8703")).toBe(0.5);
    expect(sectorSimilarity("naics", "3363", "3361")).toBe(2 / 3);
  });
});

describe("NAICS codes", () => {
  it("accepts 2 to 6 digits of a known sector, reads ranges by their first code and older vintages as NAICS 2022", () => {
    expect(normalizeNaicsCode("3363")).toBe("3363");
    expect(normalizeNaicsCode("naics: 336390")).toBe("336390");
    expect(normalizeNaicsCode("31-33")).toBe("31");
    expect(normalizeNaicsCode("3")).toBeUndefined();
    expect(normalizeNaicsCode("3363901")).toBeUndefined();
    expect(normalizeNaicsCode("99")).toBeUndefined();
    expect(normalizeNaicsCode("990000")).toBe("990000"); // a special code of the HS–NAICS concordance
  });
});

describe("text", () => {
  it("folds width, case and white space and keeps Hangul", () => {
    expect(foldText("  Ｈｙｄｒａｕｌｉｃ\u3000CYLINDERS ")).toBe("hydraulic cylinders");
    expect(foldText("유압  실린더")).toBe("유압 실린더");
  });
  it("folds simple English plurals", () => {
    expect(singular("cylinders")).toBe("cylinder");
    expect(singular("assemblies")).toBe("assembly");
    expect(singular("boxes")).toBe("box");
    expect(singular("gas")).toBe("gas");
    expect(singular("chassis")).toBe("chassis");
    expect(singular("bus")).toBe("bus");
  });
  it("tokenizes into unique words without stop words", () => {
    expect(tokenize("Brake components and brake pads, HS 870830")).toEqual(["brake", "component", "pad", "hs", "870830"]);
    expect(tokenize("유압 실린더 (Hydraulic)")).toEqual(["유압", "실린더", "hydraulic"]);
  });
});

describe("certifications", () => {
  it("folds spellings and the ISO/TS predecessor into one key", () => {
    expect(certificationKey("IATF16949")).toBe("iatf16949");
    expect(certificationKey("IATF 16949")).toBe("iatf16949");
    expect(certificationKey("ISO/TS 16949")).toBe("iatf16949");
    expect(certificationKey("ISO 9001:2015")).toBe("iso9001");
    expect(certificationKey("OHSAS 18001")).toBe("iso45001");
  });
});

describe("regions", () => {
  it("normalises subdivisions and knows world regions", () => {
    expect(normalizeSubdivision("kr-48")).toBe("KR-48");
    expect(normalizeSubdivision("XX-12")).toBeUndefined();
    expect(worldRegionOf("US")).toBe("north-america");
    expect(worldRegionOf("KR")).toBe("east-asia");
  });
  it("parses every form of target market", () => {
    expect(parseMarket("US")).toEqual({ level: "country", country: "US" });
    expect(parseMarket("us-mi")).toEqual({ level: "subdivision", country: "US", subdivision: "US-MI" });
    expect(parseMarket("US-IL:Chicago")).toEqual({ level: "city", country: "US", subdivision: "US-IL", city: "chicago" });
    expect(parseMarket("North-America")).toEqual({ level: "world", region: "north-america" });
    expect(parseMarket("Atlantis")).toBeUndefined();
    expect(parseMarket("__proto__")).toBeUndefined();
  });
});

describe("the normalisation cache", () => {
  const needArb = fc.record({ name: fc.constantFrom("brake pads", "gearbox", "hydraulic pump", "유압 실린더"), hs: fc.option(fc.constantFrom(...HS_POOL), { nil: undefined }) }, { requiredKeys: ["name"] });
  const listsArb = fc.array(fc.array(needArb, { maxLength: 4 }), { minLength: 1, maxLength: 12 });

  test.prop([listsArb], { seed: 2026, numRuns: 200 })("a cached record equals the record normalised alone, and records with the same needs share one list", (lists) => {
    const cache = createNormalizeCache(DEFAULT_SECTORS);
    const issues: BuyerMatchIssue[] = [];
    const records = lists.map((needs, index) => {
      const parsed = BuyerSchema.parse({ id: `b${index}`, name: "Lear", country: "US", needs });
      const cached = normalizeBuyer(parsed, DEFAULT_SECTORS, ["buyers", index], issues, cache);
      expect(cached).toEqual(normalizeBuyer(parsed, DEFAULT_SECTORS, ["buyers", index], issues));
      return cached;
    });
    expect(issues).toEqual([]);
    for (let a = 0; a < records.length; a += 1) {
      for (let b = a + 1; b < records.length; b += 1) {
        const same = JSON.stringify(records[a]!.needs) === JSON.stringify(records[b]!.needs);
        // One array for equal lists (in any order), never one for lists that differ (a prefix of a longer one included).
        expect(records[a]!.needs === records[b]!.needs).toBe(same);
      }
    }
  });
});
