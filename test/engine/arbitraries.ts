/**
 * fast-check arbitraries for random markets and options. Values come from small pools so that
 * codes, words, tiers and regions collide often: ties, shared words, typos and missing data are
 * the cases where a fast engine could drift from the reference.
 */
import { fc } from "@fast-check/vitest";
import type { Buyer, Company, MatchOptions } from "../../src/index.js";

const WORDS = ["brake", "brakes", "pad", "disc", "hydraulic", "hydrualic", "pump", "cylinder", "bearing", "parts", "system", "battery", "lithium", "module", "gear", "sensor", "유압", "실린더"];
// National tariff lines (HSK for the Korean companies, HTS through a prefix, so the same-nomenclature
// case happens too) and codes whose other side is only reachable through the HS–NAICS bridge.
const HS = ["870830", "870840", "8708", "87", "841350", "8413", "848210", "850760", "8507", "901831", "8708.30-1000", "8708.30-9000", "hts:8708.30.5090", "hsk:8708.30-1000", "8413.50.0010"];
const NAICS = ["3363", "336340", "333", "3359", "33", "336111", "910000", "333111", "335911"];
const SECTORS = ["automotive", "auto-parts", "machinery", "electronics", "hs:8708", "hs:84", "naics:3363", "hs:870830", "naics:336340"];
const TIERS = ["oem", "tier1", "tier2", "tier3", "distributor"] as const;
const CERTS = ["ISO 9001", "IATF 16949", "ISO/TS 16949", "CE"];
const PLACES = [
  { country: "US", region: "US-MI", city: "Detroit", location: { lat: 42.33, lon: -83.05 } },
  { country: "US", region: "US-IL", city: "Chicago", location: { lat: 41.88, lon: -87.63 } },
  { country: "US", region: "US-IL", city: undefined, location: undefined },
  { country: "CA", region: "CA-ON", city: "Toronto", location: { lat: 43.65, lon: -79.38 } },
  { country: "DE", region: undefined, city: undefined, location: { lat: 48.14, lon: 11.58 } },
  { country: "JP", region: "JP-23", city: "Nagoya", location: undefined },
];
const TARGETS = ["US", "US-MI", "US-IL:Chicago", "north-america", "DE", "europe", "JP"];

const item = fc.record(
  {
    name: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(" ")),
    hs: fc.constantFrom(...HS),
    naics: fc.constantFrom(...NAICS),
    keywords: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }),
  },
  { requiredKeys: ["name"] },
);

const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined, freq: 4 });

function clean<T extends object>(value: T): T {
  // exactOptionalPropertyTypes: leave absent fields absent rather than `undefined`.
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** A company with any field that may be missing missing sometimes. */
export const companyArbitrary = (id: string): fc.Arbitrary<Company> =>
  fc
    .record({
      sectors: maybe(fc.subarray(SECTORS, { maxLength: 2 })),
      products: maybe(fc.array(item, { maxLength: 3 })),
      tier: maybe(fc.constantFrom(...TIERS)),
      certifications: maybe(fc.subarray(CERTS)),
      targetMarkets: maybe(fc.subarray(TARGETS, { maxLength: 3 })),
      readiness: maybe(fc.constantFrom(0, 0.25, 0.5, 0.8, 1)),
    })
    .map((fields) => clean({ id, name: `Company ${id}`, country: "KR", ...fields }) as Company);

/** A buyer with any field that may be missing missing sometimes. */
export const buyerArbitrary = (id: string): fc.Arbitrary<Buyer> =>
  fc
    .record({
      place: fc.constantFrom(...PLACES),
      sectors: maybe(fc.subarray(SECTORS, { maxLength: 2 })),
      needs: maybe(fc.array(item, { maxLength: 3 })),
      tier: maybe(fc.constantFrom(...TIERS)),
      requiredCertifications: maybe(fc.subarray(CERTS, { maxLength: 2 })),
      sourcingCountries: fc.option(fc.constantFrom(["KR"], ["CN"], ["KR", "JP"]), { nil: undefined, freq: 5 }),
      verified: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(({ place, ...fields }) => clean({ id, name: `Buyer ${id}`, ...clean(place), ...fields }) as Buyer);

/** Ids that sort differently from their creation order, including awkward ones. */
const ids = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, index) => (index === 0 ? "__proto__" : `${prefix}${(index * 7919) % 1000}`));

/** A market: companies and buyers with unique ids. */
export const marketArbitrary = (maxCompanies = 4, maxBuyers = 30): fc.Arbitrary<{ companies: Company[]; buyers: Buyer[] }> =>
  fc
    .record({ companyCount: fc.integer({ min: 1, max: maxCompanies }), buyerCount: fc.integer({ min: 1, max: maxBuyers }) })
    .chain(({ companyCount, buyerCount }) =>
      fc.record({
        companies: fc.tuple(...ids("c", companyCount).map(companyArbitrary)),
        buyers: fc.tuple(...ids("b", buyerCount).map(buyerArbitrary)),
      }),
    );

const weight = fc.constantFrom(0, 0.1, 0.2, 0.35, 1);
const missing = fc.constantFrom("neutral" as const, "ignore" as const, "zero" as const);
const criterion = fc.record({ missing, neutral: fc.constantFrom(0, 0.5, 0.9) }, { requiredKeys: [] });

/** Options: weights, viewpoints, missing policies, top, minScore, certification soft/hard, hub. */
export const optionsArbitrary: fc.Arbitrary<MatchOptions> = fc
  .record(
    {
      top: fc.integer({ min: 1, max: 8 }),
      minScore: fc.constantFrom(0, 0.2, 0.45, 0.6),
      minCoverage: fc.constantFrom(0, 0.3, 0.6),
      viewpoint: fc.constantFrom("company" as const, "buyer" as const, "mutual" as const),
      weights: fc.record({ sector: weight, product: weight, tier: weight, region: weight, readiness: weight, certification: weight }, { requiredKeys: [] }),
      criteria: fc.record(
        {
          sector: criterion,
          product: criterion,
          tier: criterion,
          region: fc.record({ missing, hub: fc.constant({ lat: 42, lon: -85, halfDistanceKm: 500 }) }, { requiredKeys: [] }),
          readiness: criterion,
          certification: fc.record({ mode: fc.constantFrom("hard" as const, "soft" as const), missing }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      requireVerified: fc.boolean(),
    },
    { requiredKeys: [] },
  )
  .filter((options) => {
    // At least one positive effective weight (otherwise the options are rightly rejected).
    const weights: Partial<Record<string, number>> = options.weights ?? {};
    const soft = options.criteria?.certification?.mode === "soft";
    return ["sector", "product", "tier", "region", "readiness", "certification"].some((id) => {
      const given = weights[id];
      if (given !== undefined) return given > 0;
      return id !== "certification" || soft;
    });
  });
