/**
 * Schemas of the library's own results, for the functions that take them back as input
 * (`explainMatch`, `mergeTopK`, the decide entry's `breakdownScores`): a match or pair score that
 * was changed, truncated or built by hand is reported with its path instead of breaking a renderer.
 * Extra fields are allowed (results are often decorated by callers) and kept.
 */
import { z } from "zod";
import { CRITERION_IDS } from "./types.js";

const Finite = z.number({ error: "must be a finite number" }).refine(Number.isFinite, { message: "must be a finite number (not NaN or Infinity)", params: { code: "out_of_range" } });
const Unit = Finite.refine((value) => value >= 0 && value <= 1, { message: "must be between 0 and 1", params: { code: "out_of_range" } });

/** One criterion's part of a score, as the library writes it. */
export const CriterionBreakdownSchema = z.looseObject({
  score: Unit,
  weight: Unit,
  contribution: Unit,
  known: z.boolean(),
  detail: z.looseObject({ summary: z.string() }),
});

/** A breakdown: criterion id → its part (only known criterion ids). */
export const BreakdownSchema = z.partialRecord(z.enum(CRITERION_IDS), CriterionBreakdownSchema);

const ViewScoreSchema = z.looseObject({ score: Unit, breakdown: BreakdownSchema });

/** A `Match` from a ranking or a `PairScore` from `scorePair`. */
export const MatchLikeSchema = z.looseObject({
  companyId: z.string(),
  buyerId: z.string(),
  score: Unit,
  viewpoint: z.enum(["company", "buyer", "mutual"]),
  breakdown: BreakdownSchema,
  rank: z.int().min(1).optional(),
  eligible: z.boolean().optional(),
  whyNot: z.array(z.looseObject({ criterion: z.string(), message: z.string() })).optional(),
  viewpoints: z.object({ company: ViewScoreSchema, buyer: ViewScoreSchema }).optional(),
});
