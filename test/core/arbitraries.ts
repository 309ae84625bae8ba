/**
 * fast-check arbitraries for companies, buyers and options, drawn from small pools of codes and
 * words so that random pairs actually match on something (and sometimes on nothing).
 */
import { fc } from "@fast-check/vitest";
import type { Buyer, Company, MatchOptions } from "../../src/index.js";

export const HS_POOL = ["84", "8412", "841221", "841229", "8413", "841350", "8482", "848210", "87", "8708", "870830", "870840", "870899", "85", "8471", "847150", "8429", "842951"];
export const NAICS_POOL = ["33", "333", "3331", "333120", "336", "3363", "336340", "336390", "334", "5415"];
export const WORDS = ["hydraulic", "cylinder", "pump", "brake", "component", "gearbox", "bearing", "loader", "bucket", "sensor", "module", "steel", "casting", "software", "controller", "유압", "실린더", "부품"];
const TYPOS = ["hydrualic", "cylindr", "bearng", "gerabox", "controler"];
const SECTORS = ["automotive", "auto-parts", "machinery", "heavy-equipment", "hydraulics", "electronics", "it", "hs:8708", "naics:3363", "hs:84"];
const TIERS = ["oem", "tier1", "tier2", "tier3", "distributor"] as const;
const CERTS = ["ISO 9001", "IATF 16949", "ISO 14001", "CE", "UL"];
const TARGETS = ["US", "US-MI", "US-IL", "US-IL:Chicago", "north-america", "CA", "europe"];
const PLACES = [
  { country: "US", region: "US-MI", city: "Detroit", location: { lat: 42.33, lon: -83.05 } },
  { country: "US", region: "US-IL", city: "Chicago", location: { lat: 41.88, lon: -87.63 } },
  { country: "US", region: "US-OH", city: "Toledo", location: { lat: 41.65, lon: -83.54 } },
  { country: "CA", region: "CA-ON", city: "Windsor", location: { lat: 42.31, lon: -83.04 } },
  { country: "MX", region: "MX-NLE", city: "Monterrey", location: { lat: 25.69, lon: -100.32 } },
  { country: "DE", region: "DE-BY", city: "Munich", location: { lat: 48.14, lon: 11.58 } },
];

const name = fc.array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...TYPOS) }), { minLength: 1, maxLength: 3 }).map((words) => words.join(" "));
const item = fc.record(
  { name, hs: fc.constantFrom(...HS_POOL), naics: fc.constantFrom(...NAICS_POOL), keywords: fc.array(fc.constantFrom(...WORDS), { maxLength: 2 }) },
  { requiredKeys: ["name"] },
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 4 });

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

export const companyArb = (id: string): fc.Arbitrary<Company> =>
  fc
    .record({
      sectors: maybe(fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 2 })),
      products: maybe(fc.array(item, { minLength: 1, maxLength: 3 })),
      tier: maybe(fc.constantFrom(...TIERS)),
      certifications: fc.uniqueArray(fc.constantFrom(...CERTS), { maxLength: 3 }),
      targetMarkets: maybe(fc.uniqueArray(fc.constantFrom(...TARGETS), { minLength: 1, maxLength: 2 })),
      readiness: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
      languages: fc.constantFrom<string[]>(["ko"], ["ko", "en"], ["en"]),
    })
    .map((fields) => withoutUndefined({ id, name: `Company ${id}`, country: "KR", region: "KR-48", city: "Jinju", ...fields }) as Company);

export const buyerArb = (id: string): fc.Arbitrary<Buyer> =>
  fc
    .record({
      place: fc.constantFrom(...PLACES),
      sectors: maybe(fc.uniqueArray(fc.constantFrom(...SECTORS), { maxLength: 2 })),
      needs: maybe(fc.array(item, { minLength: 1, maxLength: 3 })),
      tier: maybe(fc.constantFrom(...TIERS)),
      requiredCertifications: fc.oneof({ weight: 3, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(...CERTS), { minLength: 1, maxLength: 2 }) }),
      sourcingCountries: fc.option(fc.constantFrom(["US", "MX", "CA"], ["KR", "JP"], ["KR"]), { nil: undefined, freq: 5 }),
      verified: maybe(fc.boolean()),
    })
    .map(({ place, ...fields }) => withoutUndefined({ id, name: `Buyer ${id}`, ...place, ...fields }) as Buyer);

/** A market: a few companies and buyers with distinct ids (some ids deliberately awkward). */
export const marketArb = fc
  .record({ companyCount: fc.integer({ min: 1, max: 4 }), buyerCount: fc.integer({ min: 1, max: 12 }) })
  .chain(({ companyCount, buyerCount }) =>
    fc.record({
      companies: fc.tuple(...Array.from({ length: companyCount }, (_, index) => companyArb(index === 1 ? "__proto__" : `c${index}`))),
      buyers: fc.tuple(...Array.from({ length: buyerCount }, (_, index) => buyerArb(index === 2 ? "constructor" : `b${String(index).padStart(2, "0")}`))),
    }),
  );

const weight = fc.double({ min: 0, max: 1, noNaN: true });
/** Random options: weights, missing-data policies, certification mode, viewpoint. */
export const optionsArb: fc.Arbitrary<MatchOptions> = fc
  .record({
    viewpoint: fc.constantFrom("company", "buyer", "mutual"),
    weights: maybe(fc.record({ sector: weight, product: weight, tier: weight, region: fc.constant(0.2), readiness: weight })),
    missing: fc.constantFrom("neutral", "ignore", "zero"),
    mode: fc.constantFrom("hard", "soft"),
    hub: fc.boolean(),
  })
  .map(({ viewpoint, weights, missing, mode, hub }) =>
    withoutUndefined({
      viewpoint,
      weights,
      criteria: {
        sector: { missing },
        product: { missing },
        tier: { missing },
        region: hub ? { missing, hub: { lat: 41.88, lon: -87.63, halfDistanceKm: 500 } } : { missing },
        readiness: { missing },
        certification: { mode },
      },
    }) as MatchOptions,
  );

/** Shuffles a copy of a list with a seeded permutation from fast-check. */
export function permute<T>(list: readonly T[], keys: readonly number[]): T[] {
  return list
    .map((value, index) => ({ value, key: keys[index % Math.max(1, keys.length)]! * 1000 + index }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.value);
}
