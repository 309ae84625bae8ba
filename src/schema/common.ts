/**
 * Building blocks shared by the public schemas: ids, codes, coordinates, finite numbers.
 * Each refinement reuses the normalisers in `normalize/`, so "valid" and "normalisable" are one rule.
 */
import { z } from "zod";
import { hsCodeProblem, naicsCodeProblem } from "../normalize/codes.js";
import { isCountryCode, normalizeSubdivision } from "../normalize/regions.js";

/** A record id: any non-empty string, kept as a plain string (`__proto__` is an ordinary id). */
export const IdSchema = z.string().trim().min(1, "must be a non-empty string");

/** A finite number (no NaN, no Infinity). */
export const FiniteNumberSchema = z.number({ error: "must be a finite number" }).refine(Number.isFinite, {
  message: "must be a finite number (not NaN or Infinity)",
  params: { code: "out_of_range" },
});

/** A number in [0, 1]. */
export const UnitIntervalSchema = FiniteNumberSchema.refine((value) => value >= 0 && value <= 1, {
  message: "must be between 0 and 1",
  params: { code: "out_of_range" },
});

/** A non-negative integer (capacities, budgets). */
export const CountSchema = z
  .number({ error: "must be a whole number" })
  .refine((value) => Number.isInteger(value) && value >= 0, { message: "must be a whole number ≥ 0", params: { code: "out_of_range" } });

/**
 * An HS code in any common punctuation: "8708.30", "8708 30", "870830" (2, 4 or 6 digits), or a
 * national tariff line of 8 or 10 digits ("8708.30-1000", "hsk:8708.30-1000", "hts:8708.30.5090").
 * A code that lost its leading zero ("203" for "0203") is rejected with a message that says so.
 */
export const HsCodeSchema = z.string().refine((value) => hsCodeProblem(value) === undefined, {
  error: (issue) => hsCodeProblem(String(issue.input)) ?? "is not an HS code",
  params: { code: "invalid_code" },
});

/** A NAICS code of 2 to 6 digits, vintage 2012, 2017 or 2022 ("3363", "336390", "910000"; a sector range such as "31-33" is read as its first code). */
export const NaicsCodeSchema = z.string().refine((value) => naicsCodeProblem(value) === undefined, {
  error: (issue) => naicsCodeProblem(String(issue.input)) ?? "is not a NAICS code",
  params: { code: "invalid_code" },
});

/** An ISO 3166-1 alpha-2 country code, any case ("US", "kr"). */
export const CountrySchema = z.string().refine(isCountryCode, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an ISO 3166-1 alpha-2 country code`,
  params: { code: "invalid_code" },
});

/** An ISO 3166-2 subdivision code ("US-MI", "KR-48"). */
export const SubdivisionSchema = z.string().refine((value) => normalizeSubdivision(value) !== undefined, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an ISO 3166-2 subdivision code such as "US-MI"`,
  params: { code: "invalid_code" },
});

/** A point on the globe in degrees. */
export const LocationSchema = z.object({
  lat: FiniteNumberSchema.refine((value) => value >= -90 && value <= 90, { message: "latitude must be between -90 and 90", params: { code: "out_of_range" } }),
  lon: FiniteNumberSchema.refine((value) => value >= -180 && value <= 180, { message: "longitude must be between -180 and 180", params: { code: "out_of_range" } }),
});

/** Positions in a supply chain, from the assembler down, plus distributors. */
export const TIERS = ["oem", "tier1", "tier2", "tier3", "distributor"] as const;
/** A supply-chain position. */
export type Tier = (typeof TIERS)[number];
export const TierSchema = z.enum(TIERS, { error: () => `must be one of ${TIERS.join(", ")}` });

/** A product line (company side) or a need (buyer side): a name plus optional trade codes and keywords. */
export const ItemSchema = z.object({
  name: z.string().trim().min(1, "must be a non-empty string"),
  hs: HsCodeSchema.optional(),
  naics: NaicsCodeSchema.optional(),
  keywords: z.array(z.string()).optional(),
});

/**
 * A record schema that refuses a `"__proto__"` key with a message instead of dropping it: zod builds
 * parsed records on plain objects, where that key would vanish without a word.
 *
 * @example
 * const SectorsSchema = withoutProtoKey(z.record(z.string(), z.number()), "a sector");
 */
export function withoutProtoKey<S extends z.ZodType>(schema: S, what: string): S {
  return z
    .unknown()
    .superRefine((value, context) => {
      if (typeof value === "object" && value !== null && Object.hasOwn(value, "__proto__")) {
        context.addIssue({ code: "custom", message: `"__proto__" cannot name ${what}`, path: ["__proto__"] });
      }
    })
    .pipe(schema) as unknown as S;
}
