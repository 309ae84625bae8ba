/**
 * The parts of the match options that do not depend on the criteria: what to return (top, minScore,
 * minCoverage, viewpoint), the sector table and `requireVerified`, plus the building blocks every
 * criterion's options reuse (a weight, a missing-data policy, a neutral prior). The full options
 * schema is assembled from the list of criteria in `criteria/options.ts`.
 */
import { z } from "zod";
import { FiniteNumberSchema, HsCodeSchema, NaicsCodeSchema, UnitIntervalSchema, withoutProtoKey } from "./common.js";

/** A criterion weight: finite and ≥ 0. */
export const WeightSchema = FiniteNumberSchema.refine((value) => value >= 0, { message: "a weight must be ≥ 0", params: { code: "out_of_range" } });

/** A missing-data policy. */
export const MissingSchema = z.enum(["neutral", "ignore", "zero"]);

/** What every criterion accepts under `options.criteria[id]`, beside its own settings. */
export const CommonCriterionShape = { missing: MissingSchema.optional(), neutral: UnitIntervalSchema.optional() };

/** The options that do not depend on the criteria. */
export const BaseOptionsShape = {
  /** Keep at most this many matches per list (default: all). */
  top: z.number().int("must be a whole number").min(1, "must be at least 1").optional(),
  /** Drop matches scoring below this (default 0). */
  minScore: UnitIntervalSchema.optional(),
  /** Drop matches whose coverage (the share of the criteria's weight resting on known data) is below this (default 0). */
  minCoverage: UnitIntervalSchema.optional(),
  /** Whose view to score from; the default depends on the function. */
  viewpoint: z.enum(["company", "buyer", "mutual"]).optional(),
  /** Extra or replacement named sectors: name → { hs, naics }. */
  sectors: withoutProtoKey(z.record(z.string(), z.strictObject({ hs: z.array(HsCodeSchema).optional(), naics: z.array(NaicsCodeSchema).optional() })), "a sector").optional(),
  /** Exclude buyers not marked `verified: true`. */
  requireVerified: z.boolean().optional(),
  requireEvidence: z.boolean().optional(),
};

/** The criteria-free options alone (`pick` from it for per-call limits). */
export const BaseOptionsSchema = z.strictObject(BaseOptionsShape);

/** The neutral prior for unknown data under the "neutral" policy. */
export const DEFAULT_NEUTRAL = 0.5;
