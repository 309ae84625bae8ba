/**
 * A hand-written check for well-formed buyers, in front of `BuyerSchema`: a market of 10⁵ buyers
 * spent most of its validation time in zod's general machinery. The check reads every field once,
 * applies the schema's own rules (the same normalisers decide codes, countries and subdivisions) and
 * builds the value zod would build (an optional key that is absent stays absent, one present as
 * `undefined` stays `undefined`): a fresh object with the schema's keys in its order, ids, names and
 * sector references trimmed, keys present as `undefined` kept, unknown keys dropped. It gives up
 * (`undefined`) on anything it is not sure of, and the caller then parses with zod, which reports
 * every problem with its path: validation stays whole, only its cost changes. The property test
 * `test/schema/fastBuyer.test.ts` holds it to `BuyerSchema.safeParse`.
 */
import type { z } from "zod";
import { hsCodeProblem, naicsCodeProblem, normalizeHsCode, normalizeNaicsCode } from "../normalize/codes.js";
import { isCountryCode, normalizeSubdivision } from "../normalize/regions.js";
import type { BuyerSchema } from "./buyer.js";
import { TIERS } from "./common.js";

type ParsedBuyer = z.output<typeof BuyerSchema>;
type ParsedItem = NonNullable<ParsedBuyer["needs"]>[number];

/** Thrown inside the check to give up; never escapes it. */
const GIVE_UP = Symbol("give up");

type Out = Record<string, unknown>;

/**
 * Makes a buyer check with its own memory of strings already judged (codes, countries, sector
 * references repeat across a market), for one list of buyers.
 *
 * @returns `check(value)`: the parsed buyer, equal to `BuyerSchema.parse(value)`, or `undefined` when the
 *   value is not a buyer or the check is not sure (parse it with zod then)
 * @example
 * const check = createBuyerCheck();
 * const parsed = check(raw) ?? BuyerSchema.parse(raw);
 */
export function createBuyerCheck(): (value: unknown) => ParsedBuyer | undefined {
  /** A rule with a bounded memory of the strings it has judged. */
  const remembered = (rule: (value: string) => boolean): ((value: string) => boolean) => {
    const judged = new Map<string, boolean>();
    return (value) => {
      let ok = judged.get(value);
      if (ok === undefined) {
        ok = rule(value);
        if (judged.size < 65_536) judged.set(value, ok);
      }
      return ok;
    };
  };
  const hs = remembered((value) => hsCodeProblem(value) === undefined);
  const naics = remembered((value) => naicsCodeProblem(value) === undefined);
  const isCountry = remembered(isCountryCode);
  const subdivision = remembered((value) => normalizeSubdivision(value) !== undefined);
  const sectorRef = remembered((value) => {
    const lower = value.toLowerCase();
    if (lower.startsWith("hs:")) return normalizeHsCode(value.slice(3)) !== undefined;
    if (lower.startsWith("naics:")) return normalizeNaicsCode(value.slice(6)) !== undefined;
    return true;
  });

  const fail = (): never => {
    throw GIVE_UP;
  };
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
  const text = (value: unknown): string => (typeof value === "string" ? value : fail());
  const trimmed = (value: unknown): string => {
    const out = text(value).trim();
    return out.length >= 1 ? out : fail();
  };
  const country = (value: unknown): string => (isCountry(text(value)) ? (value as string) : fail());
  const finite = (value: unknown, low: number, high: number): number => (typeof value === "number" && Number.isFinite(value) && value >= low && value <= high ? value : fail());
  const list = <T>(value: unknown, element: (value: unknown) => T): T[] => {
    if (!Array.isArray(value)) return fail();
    const length = value.length;
    const out = new Array<T>(length);
    for (let index = 0; index < length; index += 1) out[index] = element(value[index]);
    return out;
  };
  const item = (value: unknown): ParsedItem => {
    if (!isObject(value)) return fail();
    const { name, hs: code, naics: industry, keywords } = value;
    const out: Out = { name: trimmed(name) };
    if (code !== undefined) out["hs"] = hs(text(code)) ? code : fail();
    else if ("hs" in value) out["hs"] = undefined;
    if (industry !== undefined) out["naics"] = naics(text(industry)) ? industry : fail();
    else if ("naics" in value) out["naics"] = undefined;
    if (keywords !== undefined) out["keywords"] = list(keywords, text);
    else if ("keywords" in value) out["keywords"] = undefined;
    return out as ParsedItem;
  };
  const location = (value: unknown): { lat: number; lon: number } => {
    if (!isObject(value)) return fail();
    const { lat, lon } = value;
    return { lat: finite(lat, -90, 90), lon: finite(lon, -180, 180) };
  };
  const tier = (value: unknown): string => ((TIERS as readonly unknown[]).includes(value) ? (value as string) : fail());
  const flag = (value: unknown): boolean => (typeof value === "boolean" ? value : fail());
  const count = (value: unknown): number => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : fail());
  const sector = (value: unknown): string => {
    const ref = trimmed(value);
    return sectorRef(ref) ? ref : fail();
  };

  return (value) => {
    try {
      if (!isObject(value)) return undefined;
      // The schema's key order: the party's fields, then the buyer's own. Each field is read once, by
      // its literal name (a computed key would make every read a generic lookup).
      const out: Out = { id: trimmed(value["id"]), name: trimmed(value["name"]), country: country(value["country"]) };
      const { region, city, location: place, sectors, tier: position, languages, needs, requiredCertifications, sourcingCountries, verified, meetingCapacity, online, availability } = value;
      if (region !== undefined) out["region"] = subdivision(text(region)) ? region : fail();
      else if ("region" in value) out["region"] = undefined;
      if (city !== undefined) out["city"] = text(city);
      else if ("city" in value) out["city"] = undefined;
      if (place !== undefined) out["location"] = location(place);
      else if ("location" in value) out["location"] = undefined;
      if (sectors !== undefined) out["sectors"] = list(sectors, sector);
      else if ("sectors" in value) out["sectors"] = undefined;
      if (position !== undefined) out["tier"] = tier(position);
      else if ("tier" in value) out["tier"] = undefined;
      if (languages !== undefined) out["languages"] = list(languages, text);
      else if ("languages" in value) out["languages"] = undefined;
      if (needs !== undefined) out["needs"] = list(needs, item);
      else if ("needs" in value) out["needs"] = undefined;
      if (requiredCertifications !== undefined) out["requiredCertifications"] = list(requiredCertifications, text);
      else if ("requiredCertifications" in value) out["requiredCertifications"] = undefined;
      if (sourcingCountries !== undefined) out["sourcingCountries"] = list(sourcingCountries, country);
      else if ("sourcingCountries" in value) out["sourcingCountries"] = undefined;
      if (verified !== undefined) out["verified"] = flag(verified);
      else if ("verified" in value) out["verified"] = undefined;
      if (meetingCapacity !== undefined) out["meetingCapacity"] = count(meetingCapacity);
      else if ("meetingCapacity" in value) out["meetingCapacity"] = undefined;
      if (online !== undefined) out["online"] = flag(online);
      else if ("online" in value) out["online"] = undefined;
      if (availability !== undefined) out["availability"] = list(availability, trimmed);
      else if ("availability" in value) out["availability"] = undefined;
      // Trade fields (issue 11): import records are left to zod (dates and amounts have rules of their own).
      const { imports, group, customers } = value;
      if (imports !== undefined) fail();
      else if ("imports" in value) out["imports"] = undefined;
      if (group !== undefined) out["group"] = trimmed(group);
      else if ("group" in value) out["group"] = undefined;
      if (customers !== undefined) out["customers"] = list(customers, trimmed);
      else if ("customers" in value) out["customers"] = undefined;
      return out as ParsedBuyer;
    } catch {
      // A failed rule, or a getter that threw: zod decides, and reports.
      return undefined;
    }
  };
}
