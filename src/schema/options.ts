/**
 * Match options: what to return (top, minScore, viewpoint), how to weigh the criteria, and how each
 * criterion behaves. Validated once with zod and resolved into {@link ResolvedOptions}, in which
 * every default is filled in and weights are arrays in criterion order.
 */
import { z } from "zod";
import { CRITERIA } from "../criteria/index.js";
import { DEFAULT_REGION_LEVELS } from "../criteria/region.js";
import { DEFAULT_TIER_MATRIX } from "../criteria/tier.js";
import type { CriteriaSettings, Criterion, MissingPolicy } from "../criteria/types.js";
import { defaultTypoParams } from "../normalize/fuzzy.js";
import { DEFAULT_SECTORS, type SectorTable } from "../normalize/sectors.js";
import type { CriterionId, Viewpoint } from "../score/types.js";
import { FiniteNumberSchema, HsCodeSchema, LocationSchema, NaicsCodeSchema, TIERS, UnitIntervalSchema, withoutProtoKey } from "./common.js";
import { normalizeHsCode, normalizeNaicsCode } from "../normalize/codes.js";

const WeightSchema = FiniteNumberSchema.refine((value) => value >= 0, { message: "a weight must be ≥ 0", params: { code: "out_of_range" } });

/** Weights per criterion id; unnamed criteria keep their defaults. */
export const WeightsSchema = z.strictObject({
  sector: WeightSchema.optional(),
  product: WeightSchema.optional(),
  tier: WeightSchema.optional(),
  region: WeightSchema.optional(),
  readiness: WeightSchema.optional(),
  certification: WeightSchema.optional(),
});
/** Weights per criterion. */
export type Weights = z.input<typeof WeightsSchema>;

const MissingSchema = z.enum(["neutral", "ignore", "zero"]);
const CommonCriterionSchema = { missing: MissingSchema.optional(), neutral: UnitIntervalSchema.optional() };
const TierRowSchema = z.strictObject(Object.fromEntries(TIERS.map((tier) => [tier, UnitIntervalSchema.optional()])) as Record<(typeof TIERS)[number], z.ZodOptional<typeof UnitIntervalSchema>>);

/** The options of {@link scorePair}, {@link rankBuyers}, {@link rankCompanies}, {@link matchAll} and matchers. */
export const MatchOptionsSchema = z.strictObject({
  /** Keep at most this many matches per list (default: all). */
  top: z.number().int("must be a whole number").min(1, "must be at least 1").optional(),
  /** Drop matches scoring below this (default 0). */
  minScore: UnitIntervalSchema.optional(),
  /** Drop matches whose coverage (the share of the criteria's weight resting on known data) is below this (default 0). */
  minCoverage: UnitIntervalSchema.optional(),
  /** Whose view to score from; the default depends on the function. */
  viewpoint: z.enum(["company", "buyer", "mutual"]).optional(),
  /** Weights for the viewpoint(s) in use. */
  weights: WeightsSchema.optional(),
  /** Separate weights per viewpoint (take precedence over `weights`). */
  viewpointWeights: z.strictObject({ company: WeightsSchema.optional(), buyer: WeightsSchema.optional() }).optional(),
  /** Per-criterion behaviour. */
  criteria: z
    .strictObject({
      sector: z.strictObject(CommonCriterionSchema).optional(),
      product: z
        .strictObject({
          ...CommonCriterionSchema,
          typo: z.strictObject({ minLength: z.number().int().min(1).optional(), minSimilarity: UnitIntervalSchema.optional() }).optional(),
        })
        .optional(),
      tier: z.strictObject({ ...CommonCriterionSchema, matrix: z.partialRecord(z.enum(TIERS), TierRowSchema).optional() }).optional(),
      region: z
        .strictObject({
          ...CommonCriterionSchema,
          levels: z.strictObject({ city: UnitIntervalSchema.optional(), subdivision: UnitIntervalSchema.optional(), country: UnitIntervalSchema.optional(), world: UnitIntervalSchema.optional() }).optional(),
          hub: LocationSchema.extend({ halfDistanceKm: FiniteNumberSchema.refine((value) => value > 0, { message: "must be > 0", params: { code: "out_of_range" } }) }).optional(),
        })
        .optional(),
      readiness: z.strictObject(CommonCriterionSchema).optional(),
      certification: z.strictObject({ ...CommonCriterionSchema, mode: z.enum(["hard", "soft"]).optional() }).optional(),
    })
    .optional(),
  /** Extra or replacement named sectors: name → { hs, naics }. */
  sectors: withoutProtoKey(z.record(z.string(), z.strictObject({ hs: z.array(HsCodeSchema).optional(), naics: z.array(NaicsCodeSchema).optional() })), "a sector").optional(),
  /** Exclude buyers not marked `verified: true`. */
  requireVerified: z.boolean().optional(),
});

/** Options as a user writes them. */
export type MatchOptions = z.input<typeof MatchOptionsSchema>;
type ParsedOptions = z.output<typeof MatchOptionsSchema>;

/** Options with every default filled in. Weights and policies are arrays in criterion order. */
export interface ResolvedOptions {
  readonly top: number;
  readonly minScore: number;
  readonly minCoverage: number;
  readonly viewpoint: Viewpoint;
  readonly criteria: readonly Criterion[];
  readonly weights: { readonly company: Float64Array; readonly buyer: Float64Array };
  readonly missing: readonly MissingPolicy[];
  readonly neutral: Float64Array;
  readonly settings: CriteriaSettings;
  readonly sectors: SectorTable;
  readonly requireVerified: boolean;
}

/** The neutral prior for unknown data under the "neutral" policy. */
export const DEFAULT_NEUTRAL = 0.5;

/**
 * Default weights per viewpoint, in a readable form (certification weighs 0 in the default hard mode:
 * it is a constraint there, not a score).
 */
export const DEFAULT_WEIGHTS: Readonly<Record<"company" | "buyer", Readonly<Record<CriterionId, number>>>> = {
  company: Object.fromEntries(CRITERIA.map((criterion) => [criterion.id, criterion.id === "certification" ? 0 : criterion.defaultWeight.company])) as Record<CriterionId, number>,
  buyer: Object.fromEntries(CRITERIA.map((criterion) => [criterion.id, criterion.id === "certification" ? 0 : criterion.defaultWeight.buyer])) as Record<CriterionId, number>,
};

function weightArray(side: "company" | "buyer", options: ParsedOptions, certificationMode: "hard" | "soft"): Float64Array {
  const given = options.viewpointWeights?.[side] ?? options.weights ?? {};
  return Float64Array.from(CRITERIA, (criterion) => {
    const explicit = given[criterion.id];
    if (explicit !== undefined) return explicit;
    if (criterion.id === "certification" && certificationMode === "hard") return 0;
    return criterion.defaultWeight[side];
  });
}

/**
 * Fills in every default. Expects options already parsed by {@link MatchOptionsSchema}.
 *
 * @param options - parsed options
 * @param defaultViewpoint - the viewpoint when the options name none
 * @example
 * const resolved = resolveOptions(MatchOptionsSchema.parse({ top: 10 }), "company");
 */
export function resolveOptions(options: ParsedOptions, defaultViewpoint: Viewpoint): ResolvedOptions {
  const criteriaOptions = options.criteria ?? {};
  const certificationMode = criteriaOptions.certification?.mode ?? "hard";
  const matrixOverride = criteriaOptions.tier?.matrix ?? {};
  const matrix = Object.fromEntries(
    TIERS.map((from) => [from, Object.fromEntries(TIERS.map((to) => [to, matrixOverride[from]?.[to] ?? DEFAULT_TIER_MATRIX[from][to]]))]),
  ) as unknown as CriteriaSettings["tier"]["matrix"];
  const levels = { ...DEFAULT_REGION_LEVELS, ...Object.fromEntries(Object.entries(criteriaOptions.region?.levels ?? {}).filter(([, value]) => value !== undefined)) };
  // Sector names are user text: a null-prototype table makes "__proto__" an ordinary name (lookups use Object.hasOwn).
  const sectors = Object.create(null) as Record<string, { hs: string[]; naics: string[] }>;
  for (const [name, codes] of Object.entries(DEFAULT_SECTORS)) sectors[name] = { hs: [...(codes.hs ?? [])], naics: [...(codes.naics ?? [])] };
  for (const [name, codes] of Object.entries(options.sectors ?? {})) {
    sectors[name.trim().toLowerCase()] = {
      hs: (codes.hs ?? []).map((code) => normalizeHsCode(code)!),
      naics: (codes.naics ?? []).map((code) => normalizeNaicsCode(code)!),
    };
  }
  const typo = criteriaOptions.product?.typo ?? {};
  return {
    top: options.top ?? Number.POSITIVE_INFINITY,
    minScore: options.minScore ?? 0,
    minCoverage: options.minCoverage ?? 0,
    viewpoint: options.viewpoint ?? defaultViewpoint,
    criteria: CRITERIA,
    weights: { company: weightArray("company", options, certificationMode), buyer: weightArray("buyer", options, certificationMode) },
    missing: CRITERIA.map((criterion) => criteriaOptions[criterion.id]?.missing ?? criterion.defaultMissing),
    neutral: Float64Array.from(CRITERIA, (criterion) => criteriaOptions[criterion.id]?.neutral ?? DEFAULT_NEUTRAL),
    settings: {
      tier: { matrix },
      region: { levels, hub: criteriaOptions.region?.hub },
      certification: { mode: certificationMode },
      product: { typo: { minLength: typo.minLength ?? defaultTypoParams.minLength, minSimilarity: typo.minSimilarity ?? defaultTypoParams.minSimilarity } },
    },
    sectors,
    requireVerified: options.requireVerified ?? false,
  };
}
