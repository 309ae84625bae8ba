/**
 * Schemas of the library's own results, for the functions that take them back as input
 * (`explainMatch`, `mergeTopK`, the decide entry's `breakdownScores`): a match or pair score that
 * was changed, truncated or built by hand is reported with its path instead of breaking a renderer.
 * Extra fields are allowed (results are often decorated by callers) and kept.
 */
import { z } from "zod";
import { UnitIntervalSchema, withoutProtoKey } from "../schema/common.js";

const Unit = UnitIntervalSchema;

/** One criterion's part of a score, as the library writes it. */
export const CriterionBreakdownSchema = z.looseObject({
  score: Unit,
  weight: Unit,
  contribution: Unit,
  known: z.boolean(),
  detail: z.looseObject({ summary: z.string() }),
});

/** A breakdown: criterion id → its part (built-in ids and the ids of custom criteria). */
export const BreakdownSchema = withoutProtoKey(z.record(z.string(), CriterionBreakdownSchema), "a criterion");

const ViewScoreSchema = z.looseObject({ score: Unit, coverage: Unit.optional(), breakdown: BreakdownSchema });

/** The exclusion codes of this version (`describeReason` renders each). */
export const KNOWN_REASON_CODES: readonly string[] = ["missing_certification", "sourcing_country", "not_verified", "no_evidence"];

/** A built-in exclusion reason without its message (what `describeReason` renders). */
export const ExclusionReasonSchema = z.discriminatedUnion("code", [
  z.looseObject({ criterion: z.literal("certification"), code: z.literal("missing_certification"), certifications: z.array(z.string()) }),
  z.looseObject({ criterion: z.literal("sourcing"), code: z.literal("sourcing_country"), country: z.string(), sourcingCountries: z.array(z.string()) }),
  z.looseObject({ criterion: z.literal("verified"), code: z.literal("not_verified") }),
  z.looseObject({ criterion: z.literal("evidence"), code: z.literal("no_evidence") }),
]);

/** An exclusion reason: one of the built-in codes with its parameters, or another code with its message. */
export const ReasonSchema = z.union([
  z.looseObject({ criterion: z.literal("certification"), code: z.literal("missing_certification"), certifications: z.array(z.string()), message: z.string() }),
  z.looseObject({ criterion: z.literal("sourcing"), code: z.literal("sourcing_country"), country: z.string(), sourcingCountries: z.array(z.string()), message: z.string() }),
  z.looseObject({ criterion: z.literal("verified"), code: z.literal("not_verified"), message: z.string() }),
  z.looseObject({ criterion: z.literal("evidence"), code: z.literal("no_evidence"), message: z.string() }),
  z.looseObject({ criterion: z.string(), code: z.string().refine((code) => !KNOWN_REASON_CODES.includes(code), "has the parameters of another code"), message: z.string() }),
]);

/** A `Match` from a ranking or a `PairScore` from `scorePair`. */
export const MatchLikeSchema = z.looseObject({
  companyId: z.string(),
  buyerId: z.string(),
  score: Unit,
  coverage: Unit.optional(),
  viewpoint: z.enum(["company", "buyer", "mutual"]),
  breakdown: BreakdownSchema,
  rank: z.int().min(1).optional(),
  eligible: z.boolean().optional(),
  whyNot: z.array(ReasonSchema).optional(),
  viewpoints: z.object({ company: ViewScoreSchema, buyer: ViewScoreSchema }).optional(),
});
