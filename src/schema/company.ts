import { z } from "zod";
import { CountSchema, ItemSchema, UnitIntervalSchema } from "./common.js";
import { PartyFields } from "./party.js";
import { TargetMarketSchema } from "./refs.js";
import { ExportRecordSchema, PartnerNameSchema } from "./trade.js";

/**
 * Export readiness: a number in [0, 1], or the rubric it came from (item → score in [0, 1]),
 * which counts as the mean of its items.
 */
const ReadinessValueSchema = z.union([UnitIntervalSchema, z.record(z.string(), UnitIntervalSchema)], {
  error: "must be a number between 0 and 1, or a rubric object of item → number between 0 and 1",
});
// zod drops a "__proto__" key from a parsed record without a word, which would change the mean, so
// the raw value is checked first. The pipe's input type is `unknown`; the cast keeps the union's
// types, which describe what is accepted.
export const ReadinessSchema = z
  .unknown()
  .superRefine((value, context) => {
    if (typeof value === "object" && value !== null && Object.hasOwn(value, "__proto__")) {
      context.addIssue({ code: "custom", message: '"__proto__" cannot name a rubric item', path: ["__proto__"] });
    }
  })
  .pipe(ReadinessValueSchema) as unknown as typeof ReadinessValueSchema;

/** An exporter (the supplier side of a match). */
export const CompanySchema = z.object({
  ...PartyFields,
  products: z.array(ItemSchema).optional(),
  certifications: z.array(z.string()).optional(),
  targetMarkets: z.array(TargetMarketSchema).optional(),
  readiness: ReadinessSchema.optional(),
  /** How many 1:1 meetings the company can hold during a mission (planner). */
  meetingBudget: CountSchema.optional(),
  /** The company's current trading partners (customers in any country), for the relationship criterion. */
  customers: z.array(PartnerNameSchema).optional(),
  /** Export records (validated and normalised; not scored yet). */
  exports: z.array(ExportRecordSchema).optional(),
});

/** An exporter as written by a user (optional fields may be left out). */
export type Company = z.input<typeof CompanySchema>;
/** A product line as written by a user. */
export type Product = z.input<typeof ItemSchema>;
