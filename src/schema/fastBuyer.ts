/**
 * A hand-written check for well-formed buyers, in front of `BuyerSchema`: a market of 10⁵ buyers
 * spent most of its validation time in zod's general machinery. The check reads every field once,
 * applies the schema's own rules (the same normalisers decide codes, countries and subdivisions) and
 * builds the value zod would build: a fresh object with the schema's keys in its order, ids, names and
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
  /** Sets an optional key as zod does: absent stays absent, present-and-undefined stays undefined. */
  const optional = (out: Out, input: Record<string, unknown>, key: string, read: (value: unknown) => unknown): void => {
    const value = input[key];
    if (value === undefined) {
      if (key in input) out[key] = undefined;
    } else out[key] = read(value);
  };
  const item = (value: unknown): ParsedItem => {
    if (!isObject(value)) return fail();
    const out: Out = { name: trimmed(value["name"]) };
    optional(out, value, "hs", (code) => (hs(text(code)) ? code : fail()));
    optional(out, value, "naics", (code) => (naics(text(code)) ? code : fail()));
    optional(out, value, "keywords", (words) => list(words, text));
    return out as ParsedItem;
  };
  const location = (value: unknown): { lat: number; lon: number } => {
    if (!isObject(value)) return fail();
    return { lat: finite(value["lat"], -90, 90), lon: finite(value["lon"], -180, 180) };
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
      // The schema's key order: the party's fields, then the buyer's own.
      const out: Out = { id: trimmed(value["id"]), name: trimmed(value["name"]), country: country(value["country"]) };
      optional(out, value, "region", (region) => (subdivision(text(region)) ? region : fail()));
      optional(out, value, "city", text);
      optional(out, value, "location", location);
      optional(out, value, "sectors", (refs) => list(refs, sector));
      optional(out, value, "tier", tier);
      optional(out, value, "languages", (languages) => list(languages, text));
      optional(out, value, "needs", (needs) => list(needs, item));
      optional(out, value, "requiredCertifications", (names) => list(names, text));
      optional(out, value, "sourcingCountries", (countries) => list(countries, country));
      optional(out, value, "verified", flag);
      optional(out, value, "meetingCapacity", count);
      optional(out, value, "online", flag);
      optional(out, value, "availability", (ids) => list(ids, trimmed));
      return out as ParsedBuyer;
    } catch {
      // A failed rule, or a getter that threw: zod decides, and reports.
      return undefined;
    }
  };
}
