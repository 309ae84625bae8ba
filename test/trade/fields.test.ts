/**
 * Trade fields (issue 11, part 1): buyers' import records, corporate group and customers, companies'
 * trading partners and export records — validated with paths, normalised into a canonical order.
 * Codes, countries and firms are real (HS 870830 brake parts; Hyundai Mobis and its US arm).
 */
import { describe, expect, it } from "vitest";
import { BuyerMatchError, BuyerSchema, CompanySchema, scorePair, type Buyer, type Company } from "../../src/index.js";
import { BUILT_IN_FIELDS } from "../../src/criteria/define.js";
import { normalizeBuyer, normalizeCompany, tradeMonth } from "../../src/normalize/records.js";
import { DEFAULT_SECTORS } from "../../src/normalize/sectors.js";
import { tradeDateProblem } from "../../src/schema/trade.js";

const company: Company = {
  id: "kr-brake",
  name: "Sangsin Brake Co., Ltd.",
  country: "KR",
  products: [{ name: "brake pads", hs: "8708.30" }],
  customers: [" Hyundai Motor Company ", "Kia Corporation", "Hyundai Motor Company"],
  exports: [{ hs: "8708.30", destination: "us", value: 1_200_000, year: 2025 }],
};
const buyer: Buyer = {
  id: "us-mobis",
  name: "Mobis North America",
  country: "US",
  group: " Hyundai Mobis ",
  customers: ["Hyundai Motor Manufacturing Alabama", "Kia Georgia"],
  imports: [
    { hs: "8708.30-1000", origin: "kr", shipments: 9, value: 450_000, lastDate: "2026-10" },
    { hs: "870830", origin: "CN", shipments: 5, lastDate: "2026-09-14" },
    { hs: "8708" },
  ],
};

function issuesOf(run: () => unknown): { code: string; path: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return (error as BuyerMatchError).issues.map((issue) => ({ code: issue.code, path: issue.path.join(".") }));
  }
  throw new Error("expected a BuyerMatchError");
}

describe("trade fields are built-in fields", () => {
  it("the built-in field names include them, so a custom criterion cannot declare them again", () => {
    for (const name of ["imports", "group", "customers"]) expect(BUILT_IN_FIELDS.buyer.has(name)).toBe(true);
    for (const name of ["customers", "exports"]) expect(BUILT_IN_FIELDS.company.has(name)).toBe(true);
  });

  it("normalises import records: harmonised HS, upper-case origin, one shipment when not stated, month counted, canonical order", () => {
    const issues: never[] = [];
    const record = normalizeBuyer(BuyerSchema.parse(buyer), DEFAULT_SECTORS, ["buyers", 0], issues);
    expect(issues).toEqual([]);
    expect(record.group).toBe("Hyundai Mobis");
    expect(record.customers).toEqual(["Hyundai Motor Manufacturing Alabama", "Kia Georgia"]);
    expect(record.imports.map((r) => [r.hs, r.origin, r.shipments, r.lastDate, r.month])).toEqual([
      ["8708", undefined, 1, undefined, undefined],
      ["870830", "CN", 5, "2026-09-14", 2026 * 12 + 8],
      ["870830", "KR", 9, "2026-10", 2026 * 12 + 9],
    ]);
    expect(record.imports[1]!.bridge).toBeDefined(); // HS 870830 bridges into NAICS 3363xx
    const reversed = normalizeBuyer(BuyerSchema.parse({ ...buyer, imports: [...buyer.imports!].reverse(), customers: [...buyer.customers!].reverse() }), DEFAULT_SECTORS, ["buyers", 0], []);
    expect(reversed).toEqual(record);
  });

  it("normalises a company's trading partners (trimmed, unique, sorted) and export records", () => {
    const record = normalizeCompany(CompanySchema.parse(company), DEFAULT_SECTORS, ["companies", 0], []);
    expect(record.customers).toEqual(["Hyundai Motor Company", "Kia Corporation"]);
    expect(record.exports).toEqual([{ hs: "870830", destination: "US", value: 1_200_000, year: 2025 }]);
  });

  it("records without trade fields normalise to empty lists", () => {
    const record = normalizeBuyer(BuyerSchema.parse({ id: "b", name: "B", country: "US" }), DEFAULT_SECTORS, ["buyers", 0], []);
    expect([record.imports, record.group, record.customers]).toEqual([[], undefined, []]);
  });

  it("reports every bad trade value with its path, in one error", () => {
    const bad = {
      ...buyer,
      group: "  ",
      customers: ["ok", ""],
      imports: [{ hs: "87083", origin: "XX", shipments: -1, value: Number.NaN, lastDate: "2026-02-30" }, { origin: "KR" }, { hs: "870830", lastDate: "2026-13" }],
    };
    const badCompany = { ...company, exports: [{ hs: "8708", destination: "KOR", year: 20.5 }], customers: "Kia" };
    const found = issuesOf(() => scorePair(badCompany as never, bad as never));
    const paths = found.map((issue) => issue.path);
    for (const path of [
      "buyer.group",
      "buyer.customers.1",
      "buyer.imports.0.hs",
      "buyer.imports.0.origin",
      "buyer.imports.0.shipments",
      "buyer.imports.0.value",
      "buyer.imports.0.lastDate",
      "buyer.imports.1.hs",
      "buyer.imports.2.lastDate",
      "company.exports.0.destination",
      "company.exports.0.year",
      "company.customers",
    ]) {
      expect(paths).toContain(path);
    }
  });

  it("dates are YYYY-MM or YYYY-MM-DD on the calendar (29 February only in leap years)", () => {
    expect(tradeDateProblem("2026-11")).toBeUndefined();
    expect(tradeDateProblem("2024-02-29")).toBeUndefined();
    expect(tradeDateProblem("2026-02-29")).toMatch(/calendar/);
    expect(tradeDateProblem("2026/11")).toMatch(/YYYY-MM/);
    expect(tradeDateProblem(202611)).toMatch(/YYYY-MM/);
    expect(tradeMonth("2026-01")).toBe(2026 * 12);
  });
});
