/**
 * Company-name normalisation for the relationship criterion (issue 11, part 3), on real firms of the
 * Korean–US automotive supply chain and real Korean legal forms.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { companyNameKey, createNameMatcher } from "../../src/normalize/names.js";

describe("company name keys drop legal forms and regional suffixes", () => {
  it.each([
    ["Hyundai Mobis Co., Ltd.", "hyundai mobis"],
    ["Mobis North America, LLC", "mobis"],
    ["Hyundai Motor Manufacturing Alabama, LLC", "hyundai motor manufacturing alabama"],
    ["Kia Corporation", "kia"],
    ["Robert Bosch GmbH", "robert bosch"],
    ["Magna International Inc.", "magna international"],
    ["Hanon Systems USA", "hanon systems"],
    ["현대모비스(주)", "현대모비스"],
    ["주식회사 만도", "만도"],
    ["상신브레이크주식회사", "상신브레이크"],
    ["㈜한온시스템", "한온시스템"],
  ])("%s → %s", (name, key) => {
    expect(companyNameKey(name)).toBe(key);
  });
  it("never drops the whole name (a firm called only by a legal form keeps it)", () => {
    expect(companyNameKey("Company")).toBe("company");
    expect(companyNameKey("America Co.")).toBe("america");
  });
});

describe("names of one firm match; unrelated firms do not", () => {
  const names = createNameMatcher([["현대모비스", "Hyundai Mobis"], ["기아", "Kia"]]);
  it.each([
    ["Hyundai Mobis Co., Ltd.", "Mobis North America"],
    ["현대모비스(주)", "Hyundai Mobis"],
    ["현대모비스(주)", "Mobis North America"],
    ["기아 주식회사", "Kia Corporation"],
    ["Kia Corporation", "Kia Georgia Inc."],
    ["HYUNDAI MOBIS", "Hyundai Mobis Co., Ltd."],
    ["Hyundai Mobis", "Hyundia Mobis Co., Ltd."], // a misspelling, found by fuse.js
  ])("%s ↔ %s", (a, b) => {
    expect(names.matches(a, b)).toBe(true);
    expect(names.matches(b, a)).toBe(true);
  });
  it.each([
    ["Hyundai Motor Company", "Hyundai Mobis Co., Ltd."], // one group, two firms
    ["Korea Zinc Co., Ltd.", "Korea Electric Power Corporation"], // "Korea"
    ["Ford Motor Company", "General Motors Company"], // "Motor(s)"
    ["Samsung Heavy Industries", "Hyundai Heavy Industries"], // "Industries"
    ["Korea Aerospace Industries", "Korea Shipbuilding & Offshore Engineering"],
    ["Motor", "Hyundai Motor Company"], // a generic word alone identifies no one
    ["Kia Corporation", "Kiaro Systems"],
    ["현대모비스", "현대자동차"], // no alias, different names
    ["Mando Corporation", "Hyundai Mobis"],
  ])("%s ≠ %s", (a, b) => {
    expect(names.matches(a, b)).toBe(false);
    expect(names.matches(b, a)).toBe(false);
  });
  it("says how the names matched", () => {
    expect(names.match("현대모비스(주)", "Hyundai Mobis")).toEqual({ a: "현대모비스(주)", b: "Hyundai Mobis", how: "same" });
    expect(names.match("Hyundai Mobis Co., Ltd.", "Mobis North America")?.how).toBe("contained");
  });
  it("without the alias list, Korean and English names of one firm do not match (no dictionary translates names)", () => {
    expect(createNameMatcher().matches("현대모비스(주)", "Hyundai Mobis")).toBe(false);
  });
});

describe("name matching rules hold for any names", () => {
  const PARTS = ["Hyundai", "Mobis", "Kia", "Korea", "Motor", "Industries", "Co.,", "Ltd.", "Inc.", "LLC", "GmbH", "North", "America", "USA", "주식회사", "(주)", "현대모비스", "만도", "Mando", "Zinc", "Heavy"];
  const name = fc.array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(" "));
  const names = createNameMatcher([["현대모비스", "Hyundai Mobis"]]);
  test.prop([name, name], { seed: 7, numRuns: 300 })("matching is symmetric, and a name matches itself unless it holds only common words", (a, b) => {
    expect(names.matches(a, b)).toBe(names.matches(b, a));
    const key = names.key(a);
    const distinctive = key.split(" ").some((word) => !["korea", "motor", "industries", "heavy", "north", "america", "usa", ""].includes(word));
    expect(names.matches(a, a)).toBe(distinctive);
  });
  test.prop([name, name], { seed: 8, numRuns: 300 })("two names that share no distinctive word never match", (a, b) => {
    const common = new Set(["korea", "motor", "industries", "north", "america", "usa", "heavy"]);
    const wordsOf = (text: string) => new Set(names.key(text).split(" ").filter((word) => !common.has(word)));
    const wa = wordsOf(a);
    const shared = [...wordsOf(b)].some((word) => wa.has(word));
    if (!shared) expect(names.matches(a, b)).toBe(false);
  });
});
