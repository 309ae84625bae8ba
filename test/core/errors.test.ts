import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BuyerMatchError, matchAll, rankBuyers, rankCompanies, scorePair, type Buyer, type Company } from "../../src/index.js";
import { marketArb } from "./arbitraries.js";

const company: Company = { id: "c1", name: "Daesung", country: "KR", products: [{ name: "brake pads", hs: "870830" }] };
const buyer: Buyer = { id: "b1", name: "Lear", country: "US", needs: [{ name: "brake components" }] };

function issuesOf(run: () => unknown): { code: string; path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return (error as BuyerMatchError).issues.map((issue) => ({ code: issue.code, path: issue.path.join("."), message: issue.message }));
  }
  throw new Error("expected a BuyerMatchError");
}

describe("bad input", () => {
  it("reports a missing field with its path", () => {
    const issues = issuesOf(() => rankBuyers(company, [buyer, { id: "b2", country: "US" } as Buyer]));
    expect(issues).toEqual([{ code: "invalid_input", path: "buyers.1.name", message: expect.any(String) }]);
  });

  it("reports a wrong HS code, NAICS code, country and sector with their paths", () => {
    const bad = { ...company, country: "XX", sectors: ["automotiv", "naics:99"], products: [{ name: "x", hs: "87083" }] } as Company;
    const issues = issuesOf(() => scorePair(bad, buyer));
    expect(issues.map((issue) => issue.path).sort()).toEqual(["company.country", "company.products.0.hs", "company.sectors.1"]);
    expect(issues.find((issue) => issue.path === "company.products.0.hs")?.message).toBe(
      '"87083" has 5 digits: an HS code has 2, 4 or 6 digits, or 8 or 10 for a national tariff line; if it is HS 087083 with its leading zero lost (spreadsheets drop it), write it as text, "087083"',
    );
    // An unknown sector name is found once the record is otherwise valid (it depends on the sector table in use).
    const unknownSector = issuesOf(() => scorePair({ ...company, sectors: ["automotiv"] }, buyer));
    expect(unknownSector).toEqual([{ code: "invalid_code", path: "company.sectors.0", message: expect.stringContaining('"automotiv" is not a known sector') }]);
  });

  // The boundary keeps no map of ids while they rise (a sorted file), and builds one when they stop:
  // the duplicates reported must not depend on where that happens.
  test.prop([fc.array(fc.constantFrom("b1", "b2", "b3", "b4", " b2", "", "b10"), { maxLength: 12 })], { seed: 2026, numRuns: 300 })(
    "every repeated id is reported at each later place, with the index of its first place, wherever the ids stop rising",
    (ids) => {
      const buyers = ids.map((id) => ({ ...buyer, id }));
      const expected: { code: string; path: string; message: string }[] = [];
      const first = new Map<string, number>();
      ids.forEach((raw, index) => {
        const id = raw.trim();
        if (id === "") expected.push({ code: "too_small", path: `buyers.${index}.id`, message: "" });
        else if (first.has(id)) expected.push({ code: "duplicate_id", path: `buyers.${index}.id`, message: `duplicate id ${JSON.stringify(id)} (first at index ${first.get(id)})` });
        else first.set(id, index);
      });
      const found = expected.length === 0 ? [] : issuesOf(() => rankBuyers(company, buyers));
      expect(found.filter((issue) => issue.code === "duplicate_id")).toEqual(expected.filter((issue) => issue.code === "duplicate_id"));
      expect(found.length).toBe(expected.length);
      if (expected.length === 0) expect(() => rankBuyers(company, buyers)).not.toThrow();
    },
  );

  it("reports a duplicate id", () => {
    const issues = issuesOf(() => rankBuyers(company, [buyer, { ...buyer }]));
    expect(issues).toEqual([{ code: "duplicate_id", path: "buyers.1.id", message: 'duplicate id "b1" (first at index 0)' }]);
  });

  it("reports NaN and Infinity", () => {
    const issues = issuesOf(() => rankBuyers({ ...company, readiness: Number.NaN, location: { lat: Number.POSITIVE_INFINITY, lon: 0 } }, [buyer], { minScore: Number.NaN }));
    expect(issues.map((issue) => issue.path).sort()).toEqual(["company.location.lat", "company.readiness", "options.minScore"]);
    expect(issues.find((issue) => issue.path === "options.minScore")).toEqual({ code: "out_of_range", path: "options.minScore", message: "must be a finite number, not NaN" });
    expect(issues.find((issue) => issue.path === "company.location.lat")?.message).toBe("must be a finite number, not Infinity");
  });

  it("reports a weight below zero and all-zero weights", () => {
    expect(issuesOf(() => rankBuyers(company, [buyer], { weights: { product: -0.1 } }))).toEqual([
      { code: "out_of_range", path: "options.weights.product", message: "a weight must be ≥ 0" },
    ]);
    const zero = { sector: 0, product: 0, tier: 0, region: 0, readiness: 0, certification: 0 };
    expect(issuesOf(() => rankBuyers(company, [buyer], { weights: zero }))[0]?.path).toBe("options.weights");
  });

  it("lists every problem at once, across companies, buyers and options", () => {
    const issues = issuesOf(() =>
      matchAll([{ ...company, tier: "tier9" } as unknown as Company, { ...company }], [{ ...buyer, needs: [{ name: "" }] }], { top: 0, viewpoint: "both" } as never),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual(["buyers.0.needs.0.name", "companies.0.tier", "companies.1.id", "options.top", "options.viewpoint"]);
  });

  it("treats __proto__, constructor and toString as plain ids", () => {
    const buyers = ["__proto__", "constructor", "toString"].map((id) => ({ ...buyer, id }));
    const ranked = rankBuyers({ ...company, id: "__proto__" }, buyers);
    expect(ranked.map((match) => match.buyerId).sort()).toEqual(["__proto__", "constructor", "toString"]);
    expect(ranked[0]!.companyId).toBe("__proto__");
    expect(issuesOf(() => rankBuyers(company, [...buyers, { ...buyer, id: "__proto__" }]))[0]?.code).toBe("duplicate_id");
  });

  it("refuses a rubric item named __proto__ instead of dropping it, and reads certification names like constructor as names", () => {
    const rubric = JSON.parse('{"__proto__": 0.9, "experience": 0.1}') as Record<string, number>;
    expect(issuesOf(() => scorePair({ ...company, readiness: rubric }, buyer))).toEqual([
      { code: "invalid_input", path: "company.readiness.__proto__", message: '"__proto__" cannot name a rubric item' },
    ]);
    const pair = scorePair(company, { ...buyer, requiredCertifications: ["constructor"] });
    expect(pair.whyNot).toEqual([{ criterion: "certification", code: "missing_certification", certifications: ["constructor"], message: "lacks required certification constructor" }]);
  });

  it("rejects a list that is not an array and a record that is not an object", () => {
    expect(issuesOf(() => rankBuyers(company, null as never))).toEqual([{ code: "invalid_input", path: "buyers", message: "must be an array, not null" }]);
    expect(issuesOf(() => scorePair(42 as never, buyer))[0]?.path).toBe("company");
  });

  test.prop([fc.anything(), fc.anything(), fc.anything()], { seed: 42, numRuns: 300 })(
    "arbitrary input gives a BuyerMatchError or a result with only finite numbers, never another error",
    (a, b, options) => {
      const runs = [() => scorePair(a as never, b as never, options as never), () => rankBuyers(a as never, [b] as never, options as never), () => matchAll([a] as never, b as never)];
      for (const run of runs) {
        let result: unknown;
        try {
          result = run();
        } catch (error) {
          expect(error).toBeInstanceOf(BuyerMatchError);
          expect((error as BuyerMatchError).issues.length).toBeGreaterThan(0);
          continue;
        }
        expect(nonFiniteNumbers(result)).toEqual([]);
      }
    },
  );
});

/** Paths of every NaN or ±Infinity inside a result (arrays, plain objects and Maps). */
function nonFiniteNumbers(value: unknown, path = "result", seen = new Set<unknown>()): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (value === null || typeof value !== "object" || seen.has(value)) return [];
  seen.add(value);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return entries.flatMap(([key, item]) => nonFiniteNumbers(item, `${path}.${String(key)}`, seen));
}

/**
 * One way to break one field of an otherwise valid record: the field's path inside the record, and
 * the change. `undefined` as the value deletes the field (for required fields).
 */
interface Breakage {
  readonly path: readonly (string | number)[];
  readonly value: unknown;
}
const DELETE = Symbol("delete");

// Each field of a party, each with the kinds of breakage it can suffer: wrong type, missing,
// empty, out of range, a malformed or unknown code, a bad list element.
const partyBreakages: Breakage[] = [
  { path: ["id"], value: DELETE },
  { path: ["id"], value: "" },
  { path: ["id"], value: "   " },
  { path: ["id"], value: 42 },
  { path: ["name"], value: DELETE },
  { path: ["name"], value: "" },
  { path: ["name"], value: null },
  { path: ["country"], value: DELETE },
  { path: ["country"], value: "XX" },
  { path: ["country"], value: "KOR" },
  { path: ["country"], value: 410 },
  { path: ["region"], value: "Gyeongsangnam-do" },
  { path: ["region"], value: "XX-11" },
  { path: ["region"], value: "US-ABCD" },
  { path: ["region"], value: 48 },
  { path: ["city"], value: 42 },
  { path: ["location"], value: "35.18,128.08" },
  { path: ["location", "lat"], value: 91 },
  { path: ["location", "lat"], value: Number.NaN },
  { path: ["location", "lat"], value: "35.18" },
  { path: ["location", "lon"], value: -181 },
  { path: ["location", "lon"], value: Number.POSITIVE_INFINITY },
  { path: ["location", "lon"], value: DELETE },
  { path: ["sectors"], value: "automotive" },
  { path: ["sectors", 0], value: "hs:77" }, // chapter 77 is reserved in HS 2022
  { path: ["sectors", 0], value: "naics:99" },
  { path: ["sectors", 0], value: "" },
  { path: ["sectors", 0], value: 8708 },
  { path: ["tier"], value: "tier9" },
  { path: ["tier"], value: 1 },
  { path: ["languages"], value: "ko" },
  { path: ["languages", 0], value: 82 },
];
const itemBreakages = (list: "products" | "needs"): Breakage[] => [
  { path: [list], value: { name: "gearbox" } },
  { path: [list, 0], value: "gearbox" },
  { path: [list, 0, "name"], value: DELETE },
  { path: [list, 0, "name"], value: " " },
  { path: [list, 0, "hs"], value: "87083" },
  { path: [list, 0, "hs"], value: "770000" },
  { path: [list, 0, "hs"], value: 870830 },
  { path: [list, 0, "naics"], value: "99" },
  { path: [list, 0, "naics"], value: "3363400" },
  { path: [list, 0, "keywords"], value: "brake" },
  { path: [list, 0, "keywords", 0], value: 7 },
];
const companyBreakages: Breakage[] = [
  ...partyBreakages,
  ...itemBreakages("products"),
  { path: ["certifications"], value: "ISO 9001" },
  { path: ["certifications", 0], value: 9001 },
  { path: ["targetMarkets"], value: "US" },
  { path: ["targetMarkets", 0], value: "atlantis" },
  { path: ["targetMarkets", 0], value: "XX-11" },
  { path: ["readiness"], value: 1.5 },
  { path: ["readiness"], value: -0.01 },
  { path: ["readiness"], value: Number.NaN },
  { path: ["readiness"], value: "high" },
  { path: ["readiness"], value: { experience: 2 } },
  { path: ["readiness", "__proto__"], value: 0.5 },
  { path: ["meetingBudget"], value: -1 },
  { path: ["meetingBudget"], value: 2.5 },
  { path: ["meetingBudget"], value: "4" },
];
const buyerBreakages: Breakage[] = [
  ...partyBreakages,
  ...itemBreakages("needs"),
  { path: ["requiredCertifications"], value: "IATF 16949" },
  { path: ["requiredCertifications", 0], value: 16949 },
  { path: ["sourcingCountries"], value: "KR" },
  { path: ["sourcingCountries", 0], value: "XX" },
  { path: ["sourcingCountries", 0], value: "Korea" },
  { path: ["verified"], value: "yes" },
  { path: ["verified"], value: 1 },
  { path: ["meetingCapacity"], value: -2 },
  { path: ["meetingCapacity"], value: Number.POSITIVE_INFINITY },
  { path: ["online"], value: "true" },
  { path: ["availability"], value: "day-1" },
  { path: ["availability", 0], value: "" },
];
const optionBreakages: Breakage[] = [
  { path: ["top"], value: 0 },
  { path: ["top"], value: 2.5 },
  { path: ["top"], value: "10" },
  { path: ["minScore"], value: 1.5 },
  { path: ["minScore"], value: Number.NaN },
  { path: ["viewpoint"], value: "both" },
  { path: ["weights"], value: [0.5] },
  { path: ["weights", "product"], value: -0.1 },
  { path: ["weights", "product"], value: Number.NaN },
  { path: ["weights", "product"], value: "0.5" },
  { path: ["viewpointWeights", "buyer", "tier"], value: -1 },
  { path: ["criteria", "certification", "mode"], value: "strict" },
  { path: ["criteria", "sector", "missing"], value: "skip" },
  { path: ["criteria", "readiness", "neutral"], value: 2 },
  { path: ["criteria", "product", "typo", "minSimilarity"], value: 1.1 },
  { path: ["criteria", "product", "typo", "minLength"], value: 0 },
  { path: ["criteria", "region", "levels", "city"], value: -0.5 },
  { path: ["criteria", "region", "hub", "halfDistanceKm"], value: 0 },
  { path: ["criteria", "region", "hub", "lat"], value: 100 },
  { path: ["criteria", "tier", "matrix", "oem", "tier1"], value: 3 },
  { path: ["sectors", "e-mobility", "hs", 0], value: "87083" },
  { path: ["sectors", "e-mobility", "naics", 0], value: "99" },
  { path: ["requireVerified"], value: "yes" },
];

/** A deep copy of `record` with the breakage applied, creating the objects and lists on its path. */
function broken<T>(record: T, breakage: Breakage): T {
  const copy = structuredClone(record) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  breakage.path.forEach((key, index) => {
    if (index === breakage.path.length - 1) {
      if (breakage.value === DELETE) delete node[key];
      // An own property even for "__proto__" (an assignment would set the prototype instead).
      else Object.defineProperty(node, key, { value: breakage.value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = node[key];
    if (next === null || typeof next !== "object") {
      const child: Record<string | number, unknown> | unknown[] = typeof breakage.path[index + 1] === "number" ? [] : validObject(key);
      // A list on the path gets one valid element to break (a product line, a code, a word).
      if (Array.isArray(child)) child.push(validElement(key));
      node[key] = child;
    }
    node = node[key] as Record<string | number, unknown>;
  });
  return copy as T;
}

/** A valid object for a field the breakage reaches into (the rest of it stays valid). */
function validObject(field: string | number): Record<string, unknown> {
  if (field === "hub") return { lat: 41.88, lon: -87.63, halfDistanceKm: 500 };
  if (field === "location") return { lat: 35.18, lon: 128.08 };
  return {};
}

/** A valid first element for a list the breakage reaches into. */
function validElement(list: string | number): unknown {
  if (list === "products" || list === "needs") return { name: "brake components", hs: "870830" };
  if (list === "sectors") return "automotive";
  if (list === "location") return { lat: 35.18, lon: 128.08 };
  return list === "sourcingCountries" ? "KR" : "x";
}

// Only the buyer's location may need a valid base (the breakage reaches into location.lat/lon).
const withLocation = <T extends { location?: unknown }>(record: T): T => ({ location: { lat: 35.18, lon: 128.08 }, ...record });

const entryPoints = ["scorePair", "rankBuyers", "rankCompanies", "matchAll"] as const;
type Side = "company" | "buyer" | "options";

/** Calls an entry point with one record or option broken; returns where the broken value sits. */
function callWithOneBroken(entry: (typeof entryPoints)[number], side: Side, breakage: Breakage, companies: Company[], buyers: Buyer[], position: number): { run: () => unknown; control: () => unknown; path: (string | number)[] } {
  const company = withLocation(companies[0]!);
  const allCompanies = companies.map(withLocation);
  const allBuyers = buyers.map(withLocation);
  const options = {};
  const at = <T>(list: T[], index: number, replacement: T): T[] => list.map((item, k) => (k === index ? replacement : item));
  const bad = <T>(record: T) => broken(record, breakage);
  const rest = [...breakage.path];
  const companyIndex = position % allCompanies.length;
  const buyerIndex = position % allBuyers.length;
  switch (entry) {
    case "scorePair":
      return {
        control: () => scorePair(company, allBuyers[0]!, options),
        run: () => scorePair(side === "company" ? bad(company) : company, side === "buyer" ? bad(allBuyers[0]!) : allBuyers[0]!, side === "options" ? bad(options) : options),
        path: [side, ...rest],
      };
    case "rankBuyers":
      return {
        control: () => rankBuyers(company, allBuyers, options),
        run: () => rankBuyers(side === "company" ? bad(company) : company, side === "buyer" ? at(allBuyers, buyerIndex, bad(allBuyers[buyerIndex]!)) : allBuyers, side === "options" ? bad(options) : options),
        path: side === "buyer" ? ["buyers", buyerIndex, ...rest] : [side, ...rest],
      };
    case "rankCompanies":
      return {
        control: () => rankCompanies(allBuyers[0]!, allCompanies, options),
        run: () => rankCompanies(side === "buyer" ? bad(allBuyers[0]!) : allBuyers[0]!, side === "company" ? at(allCompanies, companyIndex, bad(allCompanies[companyIndex]!)) : allCompanies, side === "options" ? bad(options) : options),
        path: side === "company" ? ["companies", companyIndex, ...rest] : [side, ...rest],
      };
    case "matchAll":
      return {
        control: () => matchAll(allCompanies, allBuyers, options),
        run: () =>
          matchAll(
            side === "company" ? at(allCompanies, companyIndex, bad(allCompanies[companyIndex]!)) : allCompanies,
            side === "buyer" ? at(allBuyers, buyerIndex, bad(allBuyers[buyerIndex]!)) : allBuyers,
            side === "options" ? bad(options) : options,
          ),
        path: side === "company" ? ["companies", companyIndex, ...rest] : side === "buyer" ? ["buyers", buyerIndex, ...rest] : ["options", ...rest],
      };
  }
}

const startsWith = (path: readonly (string | number)[], prefix: readonly (string | number)[]) => prefix.every((key, index) => path[index] === key);

const oneBrokenField = fc.oneof(
  fc.record({ side: fc.constant<Side>("company"), breakage: fc.constantFrom(...companyBreakages) }),
  fc.record({ side: fc.constant<Side>("buyer"), breakage: fc.constantFrom(...buyerBreakages) }),
  fc.record({ side: fc.constant<Side>("options"), breakage: fc.constantFrom(...optionBreakages) }),
);
/** What is wrong with one call: `undefined` when it raised a BuyerMatchError with issues only at the path. */
function checkOneBroken(call: ReturnType<typeof callWithOneBroken>): string | undefined {
  const where = call.path.join(".");
  try {
    call.run();
  } catch (error) {
    if (!(error instanceof BuyerMatchError)) return `${where}: threw ${String(error)}, not a BuyerMatchError`;
    const paths = error.issues.map((issue) => issue.path);
    if (!paths.some((path) => startsWith(path, call.path))) return `${where}: no issue there, only at ${JSON.stringify(paths)}`;
    const elsewhere = paths.filter((path) => !startsWith(path, call.path));
    return elsewhere.length === 0 ? undefined : `${where}: issues elsewhere too: ${JSON.stringify(elsewhere)}`;
  }
  return `${where}: nothing was thrown`;
}

const tables: [Side, Breakage[]][] = [
  ["company", companyBreakages],
  ["buyer", buyerBreakages],
  ["options", optionBreakages],
];

describe("near-valid input: a valid market with exactly one field broken", () => {
  // Two exporters and two buyers of the trade-mission example (examples/trade-mission/*.json), trimmed.
  const companies: Company[] = [
    { id: "jinju-01-daesung-hydraulics", name: "Daesung Hydraulics Co., Ltd.", country: "KR", region: "KR-48", city: "Jinju", tier: "tier1", products: [{ name: "유압 실린더", hs: "841221" }], certifications: ["ISO 9001", "ISO 14001", "CE"], targetMarkets: ["US-IL", "US-WI", "US"] },
    { id: "jinju-02-hanil-brake", name: "Hanil Brake Tech Co., Ltd.", country: "KR", region: "KR-48", city: "Jinju", tier: "tier2", products: [{ name: "브레이크 패드", hs: "870830" }], certifications: ["IATF 16949", "ISO 9001"], readiness: 0.74 },
  ];
  const buyers: Buyer[] = [
    { id: "caterpillar-peoria", name: "Caterpillar Inc. — Peoria operations", country: "US", region: "US-IL", city: "Peoria", needs: [{ name: "Hydraulic cylinders", hs: "841221" }], requiredCertifications: ["ISO 9001"] },
    { id: "lear", name: "Lear Corporation", country: "US", region: "US-MI", city: "Southfield", needs: [{ name: "Seat frame assemblies", hs: "940199" }], requiredCertifications: ["IATF 16949"] },
  ];

  it("every breakage of every field, in every entry point, is one BuyerMatchError at that field's path", () => {
    const failures: string[] = [];
    let checked = 0;
    // The unbroken input is valid in every entry point: each error below is the breakage's doing.
    for (const entry of entryPoints) expect(callWithOneBroken(entry, "company", { path: ["name"], value: "x" }, companies, buyers, 0).control).not.toThrow();
    for (const [side, breakages] of tables) {
      for (const breakage of breakages) {
        for (const entry of entryPoints) {
          // The broken record first, then second in its list (scorePair takes one of each).
          for (const position of entry === "scorePair" ? [0] : [0, 1]) {
            const failure = checkOneBroken(callWithOneBroken(entry, side, breakage, companies, buyers, position));
            checked++;
            if (failure !== undefined) failures.push(`${entry} ${side} ${JSON.stringify(String(breakage.value))}: ${failure}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(7 * (companyBreakages.length + buyerBreakages.length + optionBreakages.length));
  });

  test.prop([marketArb, oneBrokenField, fc.constantFrom(...entryPoints), fc.nat(20)], { seed: 42, numRuns: 300 })(
    "in a random market, one broken field raises one BuyerMatchError whose issues all sit at its path",
    ({ companies, buyers }, { side, breakage }, entry, position) => {
      const call = callWithOneBroken(entry, side, breakage, companies as Company[], buyers as Buyer[], position);
      // The unbroken input is valid: the error below is the breakage's doing.
      expect(call.control).not.toThrow();
      expect(call.run).toThrow(BuyerMatchError);
      expect(checkOneBroken(call)).toBeUndefined();
    },
  );
});
