/**
 * The embedded trade-mission example is data other code relies on (demo, golden tests, planner,
 * calibration), so it is held to the public schemas and to the promises its README makes.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BuyerSchema } from "../../src/schema/buyer.js";
import { CompanySchema } from "../../src/schema/company.js";
import type { Buyer } from "../../src/schema/buyer.js";
import type { Company } from "../../src/schema/company.js";
import { normalizeHsCode } from "../../src/normalize/codes.js";

const dir = fileURLToPath(new URL("../../examples/trade-mission/", import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(dir + file, "utf8"));

interface Session {
  id: string;
  city: string;
  date: string;
  start: string;
  slotMinutes: number;
  slots: number;
  tables: number;
}
interface Outcome {
  companyId: string;
  buyerId: string;
  stage: string;
  value?: number;
}

const rawCompanies = readJson("companies.json") as unknown[];
const rawBuyers = readJson("buyers.json") as unknown[];
const sessions = readJson("sessions.json") as Session[];
const outcomes = readJson("outcomes.json") as Outcome[];
const companies = rawCompanies as Company[];
const buyers = rawBuyers as Buyer[];

const HANGUL = /[\uAC00-\uD7A3]/u;
const LATIN = /[A-Za-z]/u;
/** Certification names compared the way a reader would: case, spaces and punctuation ignored. */
const foldCert = (value: string): string => value.toUpperCase().replace(/[^A-Z0-9]/gu, "");
const hsOf = (item: { hs?: string | undefined }): string | undefined => (item.hs === undefined ? undefined : normalizeHsCode(item.hs));

/** No hard rule excludes the pair: the buyer sources from the company's country and every required certification is held. */
function eligible(company: Company, buyer: Buyer): boolean {
  if (buyer.sourcingCountries !== undefined && !buyer.sourcingCountries.includes(company.country)) return false;
  const held = new Set((company.certifications ?? []).map(foldCert));
  return (buyer.requiredCertifications ?? []).every((cert) => held.has(foldCert(cert)));
}

/** A pair a person would call a genuine fit: eligible, and a need and a product share an HS heading. */
function fits(company: Company, buyer: Buyer): boolean {
  if (!eligible(company, buyer)) return false;
  return (buyer.needs ?? []).some((need) => {
    const wanted = hsOf(need);
    if (wanted === undefined || wanted.length < 4) return false;
    return (company.products ?? []).some((product) => hsOf(product)?.slice(0, 4) === wanted.slice(0, 4));
  });
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

describe("trade-mission example: schemas", () => {
  it("every company parses with CompanySchema and loses no field", () => {
    rawCompanies.forEach((raw, index) => {
      const result = CompanySchema.safeParse(raw);
      expect(result.success ? [] : result.error.issues.map((issue) => `companies[${index}].${issue.path.join(".")}: ${issue.message}`)).toEqual([]);
      if (result.success) expect(Object.keys(result.data).sort()).toEqual(Object.keys(raw as object).sort());
    });
  });

  it("every buyer parses with BuyerSchema and loses no field", () => {
    rawBuyers.forEach((raw, index) => {
      const result = BuyerSchema.safeParse(raw);
      expect(result.success ? [] : result.error.issues.map((issue) => `buyers[${index}].${issue.path.join(".")}: ${issue.message}`)).toEqual([]);
      if (result.success) expect(Object.keys(result.data).sort()).toEqual(Object.keys(raw as object).sort());
    });
  });

  it("ids are unique within companies, buyers and sessions", () => {
    expect(duplicates(companies.map((company) => company.id))).toEqual([]);
    expect(duplicates(buyers.map((buyer) => buyer.id))).toEqual([]);
    expect(duplicates(sessions.map((session) => session.id))).toEqual([]);
  });
});

describe("trade-mission example: the mission as described", () => {
  it("has 11 exporters, all from Jinju, Gyeongsangnam-do (KR-48)", () => {
    expect(companies).toHaveLength(11);
    for (const company of companies) expect([company.country, company.region, company.city]).toEqual(["KR", "KR-48", "Jinju"]);
  });

  it("gives every exporter 2–4 products, each with an HS or NAICS code, and a meeting budget of 6–10", () => {
    for (const company of companies) {
      expect(company.products?.length ?? 0, company.id).toBeGreaterThanOrEqual(2);
      expect(company.products?.length ?? 0, company.id).toBeLessThanOrEqual(4);
      for (const product of company.products ?? []) expect(product.hs !== undefined || product.naics !== undefined, `${company.id}: ${product.name}`).toBe(true);
      expect(company.meetingBudget ?? 0).toBeGreaterThanOrEqual(6);
      expect(company.meetingBudget ?? 0).toBeLessThanOrEqual(10);
    }
  });

  it("has at least two products named only in Korean, each with an HS code", () => {
    const koreanOnly = companies.flatMap((company) => (company.products ?? []).filter((product) => HANGUL.test(product.name) && !LATIN.test(product.name)));
    expect(koreanOnly.length).toBeGreaterThanOrEqual(2);
    for (const product of koreanOnly) expect(hsOf(product), product.name).toHaveLength(6);
  });

  it("leaves exactly one exporter without target markets and one without readiness, to exercise missing data", () => {
    expect(companies.filter((company) => company.targetMarkets === undefined).map((company) => company.id)).toHaveLength(1);
    expect(companies.filter((company) => company.readiness === undefined).map((company) => company.id)).toHaveLength(1);
  });

  it("has at least 70 buyers, with every buyer tier represented, mostly in Illinois and Michigan", () => {
    expect(buyers.length).toBeGreaterThanOrEqual(70);
    for (const tier of ["oem", "tier1", "tier2", "distributor"]) expect(buyers.filter((buyer) => buyer.tier === tier).length, tier).toBeGreaterThanOrEqual(5);
    const home = buyers.filter((buyer) => buyer.region === "US-IL" || buyer.region === "US-MI").length;
    expect(home / buyers.length).toBeGreaterThan(0.6);
    expect(new Set(buyers.map((buyer) => buyer.country))).toEqual(new Set(["US", "CA", "MX"]));
  });

  it("gives every buyer a city, 1–4 needs and a meeting capacity of 2–5", () => {
    for (const buyer of buyers) {
      expect(buyer.city?.trim() ?? "", buyer.id).not.toBe("");
      expect(buyer.needs?.length ?? 0, buyer.id).toBeGreaterThanOrEqual(1);
      expect(buyer.needs?.length ?? 0, buyer.id).toBeLessThanOrEqual(4);
      expect(buyer.meetingCapacity ?? 0, buyer.id).toBeGreaterThanOrEqual(2);
      expect(buyer.meetingCapacity ?? 0, buyer.id).toBeLessThanOrEqual(5);
    }
  });

  it("has needs with 6-digit codes, 4-digit parent codes, and text only", () => {
    const needs = buyers.flatMap((buyer) => buyer.needs ?? []);
    expect(needs.filter((need) => hsOf(need)?.length === 6).length).toBeGreaterThan(20);
    expect(needs.filter((need) => hsOf(need)?.length === 4).length).toBeGreaterThanOrEqual(3);
    expect(needs.filter((need) => need.hs === undefined && need.naics === undefined).length).toBeGreaterThanOrEqual(3);
  });

  it("gives every exporter at least three genuinely fitting buyers", () => {
    for (const company of companies) expect(buyers.filter((buyer) => fits(company, buyer)).length, company.id).toBeGreaterThanOrEqual(3);
  });

  it("includes buyers no exporter fits, and buyers whose sourcing rules exclude Korea", () => {
    const unfit = buyers.filter((buyer) => companies.every((company) => !fits(company, buyer)));
    expect(unfit.length).toBeGreaterThanOrEqual(5);
    expect(buyers.filter((buyer) => buyer.sourcingCountries !== undefined && !buyer.sourcingCountries.includes("KR")).length).toBeGreaterThanOrEqual(3);
  });
});

describe("trade-mission example: sessions and outcomes", () => {
  it("has two Chicago days before two Detroit days, each with a valid shape", () => {
    expect(sessions.map((session) => session.city)).toEqual(["Chicago", "Chicago", "Detroit", "Detroit"]);
    const dates = sessions.map((session) => session.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(4);
    for (const session of sessions) {
      expect(session.date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
      expect(Number.isNaN(Date.parse(`${session.date}T00:00:00Z`))).toBe(false);
      expect(session.start).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/u);
      for (const count of [session.slotMinutes, session.slots, session.tables]) expect(Number.isInteger(count) && count > 0).toBe(true);
    }
  });

  it("lets every buyer reach a session: its own city, listed sessions that exist, or online", () => {
    const ids = new Set(sessions.map((session) => session.id));
    const cities = new Set(sessions.map((session) => session.city));
    for (const buyer of buyers) {
      for (const id of buyer.availability ?? []) expect(ids.has(id), `${buyer.id} → ${id}`).toBe(true);
      const reachable = buyer.online === true || (buyer.availability?.length ?? 0) > 0 || cities.has(buyer.city ?? "");
      expect(reachable, buyer.id).toBe(true);
    }
  });

  it("has about 30 outcomes that name known companies and buyers, with valid stages and values", () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(25);
    const companyIds = new Set(companies.map((company) => company.id));
    const buyerIds = new Set(buyers.map((buyer) => buyer.id));
    for (const outcome of outcomes) {
      expect(companyIds.has(outcome.companyId), outcome.companyId).toBe(true);
      expect(buyerIds.has(outcome.buyerId), outcome.buyerId).toBe(true);
      expect(["met", "interest", "quote", "deal"]).toContain(outcome.stage);
      if (outcome.value !== undefined) expect(Number.isFinite(outcome.value) && outcome.value >= 0).toBe(true);
    }
    expect(duplicates(outcomes.map((outcome) => `${outcome.companyId} ${outcome.buyerId}`))).toEqual([]);
  });

  it("records outcomes only for pairs no hard rule excludes", () => {
    const byId = new Map(companies.map((company) => [company.id, company]));
    const buyerById = new Map(buyers.map((buyer) => [buyer.id, buyer]));
    for (const outcome of outcomes) {
      const company = byId.get(outcome.companyId);
      const buyer = buyerById.get(outcome.buyerId);
      expect(company !== undefined && buyer !== undefined && eligible(company, buyer), `${outcome.companyId} × ${outcome.buyerId}`).toBe(true);
    }
  });
});

/** The README's CSV layout, read back: empty cell = absent, lists split on ";", numbered item groups. */
function readCsv(file: string, itemPrefix: string, listColumns: readonly string[], numberColumns: readonly string[], booleanColumns: readonly string[]) {
  const unquotedCodes: string[] = [];
  const rows = parse(readFileSync(dir + file, "utf8"), {
    columns: true,
    cast: (value, context) => {
      if (typeof context.column === "string" && /_(hs|naics)$/u.test(context.column) && value !== "" && !context.quoting) unquotedCodes.push(`${context.lines}:${context.column}`);
      return value;
    },
  }) as Record<string, string>[];
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    const items: Record<string, unknown>[] = [];
    for (const [column, value] of Object.entries(row)) {
      if (value === "") continue;
      const group = new RegExp(`^${itemPrefix}(\\d+)_(name|hs|naics|keywords)$`, "u").exec(column);
      if (group !== null) {
        const index = Number(group[1]) - 1;
        const item = (items[index] ??= {});
        item[group[2]!] = group[2] === "keywords" ? value.split(";") : value;
      } else if (column === "lat" || column === "lon") {
        const location = (record["location"] ??= {}) as Record<string, number>;
        location[column] = Number(value);
      } else if (listColumns.includes(column)) record[column] = value.split(";");
      else if (numberColumns.includes(column)) record[column] = Number(value);
      else if (booleanColumns.includes(column)) record[column] = value === "true";
      else record[column] = value;
    }
    if (items.length > 0) record[itemPrefix === "product" ? "products" : "needs"] = items;
    return record;
  });
  return { records, unquotedCodes };
}

const meanOf = (readiness: Company["readiness"]): number | undefined => {
  if (readiness === undefined || typeof readiness === "number") return readiness;
  const values = Object.values(readiness);
  return Number((values.reduce((sum, value) => sum + value, 0) / values.length).toFixed(4));
};

describe("trade-mission example: CSV copies", () => {
  it("companies.csv holds the same records as companies.json (rubric readiness as its mean)", () => {
    const { records, unquotedCodes } = readCsv("companies.csv", "product", ["sectors", "certifications", "targetMarkets", "languages", "customers"], ["readiness", "meetingBudget"], []);
    expect(unquotedCodes).toEqual([]);
    const expected = companies.map((company) => {
      const copy: Record<string, unknown> = { ...company };
      if (company.readiness !== undefined) copy["readiness"] = meanOf(company.readiness);
      return copy;
    });
    expect(records).toEqual(expected);
  });

  it("buyers.csv holds the same records as buyers.json", () => {
    const { records, unquotedCodes } = readCsv(
      "buyers.csv",
      "need",
      ["sectors", "requiredCertifications", "sourcingCountries", "languages", "availability", "customers"],
      ["meetingCapacity"],
      ["verified", "online"],
    );
    expect(unquotedCodes).toEqual([]);
    expect(records.map((record) => record["id"])).toEqual(buyers.map((buyer) => buyer.id));
    expect(records).toEqual(buyers);
  });
});

describe("trade-mission example: locations come from the cited sources", () => {
  const fixtures = fileURLToPath(new URL("../fixtures/sp500/", import.meta.url));
  const sp500 = parse(readFileSync(fixtures + "sp500-with-hq-coords.subset.csv", "utf8"), { columns: true }) as Record<string, string>[];
  const cities = parse(readFileSync(fixtures + "us-cities.subset.csv", "utf8"), { columns: true }) as Record<string, string>[];
  const known = [
    ...sp500.map((row) => ({ state: row["state_code"], city: row["hq_city"], lat: Number(row["lat"]), lon: Number(row["lon"]) })),
    ...cities.map((row) => ({ state: row["STATE_CODE"], city: row["CITY"], lat: Number(row["LATITUDE"]), lon: Number(row["LONGITUDE"]) })),
  ];

  it("places every located buyer at a source row for its own US city and state", () => {
    for (const buyer of buyers.filter((candidate) => candidate.location !== undefined)) {
      expect(buyer.country, buyer.id).toBe("US");
      const match = known.find(
        (row) => `US-${row.state}` === buyer.region && row.city === buyer.city && row.lat === buyer.location?.lat && row.lon === buyer.location?.lon,
      );
      expect(match, buyer.id).toBeDefined();
    }
  });

  it("locates most buyers and leaves the rest without a location rather than guessing", () => {
    const located = buyers.filter((buyer) => buyer.location !== undefined).length;
    expect(located / buyers.length).toBeGreaterThan(0.8);
    expect(located).toBeLessThan(buyers.length);
  });
});
