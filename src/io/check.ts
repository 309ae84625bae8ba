/**
 * Argument checks of the io writers: each public writer validates its arguments once with zod and
 * throws one BuyerMatchError listing every problem, never a TypeError.
 */
import { z } from "zod";
import { BuyerMatchError, safeParseWith, type BuyerMatchIssue } from "../schema/errors.js";

const CellSchema = z.union([z.string(), z.number(), z.boolean()], { error: "must be a string, a number or a boolean" });
/** Header cells. */
export const HeaderSchema = z.array(z.string({ error: "must be a string" }), { error: "must be an array of column names" });
/** Rows of cells. */
export const RowsSchema = z.array(z.array(CellSchema, { error: "must be an array of cells" }), { error: "must be an array of rows" });
/** One sheet to write. */
export const SheetSchema = z.object({ name: z.string({ error: "must be a sheet name" }), header: HeaderSchema, rows: RowsSchema });
/** What the loaders read. */
export const KindSchema = z.enum(["companies", "buyers", "sessions", "outcomes"], { error: () => "must be companies, buyers, sessions or outcomes" });

/**
 * Parses each argument with its schema; throws one BuyerMatchError with every problem.
 *
 * @param checks - [schema, value, argument name] triples
 * @example
 * checkArguments([[HeaderSchema, header, "header"]]);
 */
export function checkArguments(checks: readonly (readonly [z.ZodType, unknown, string])[]): void {
  const issues: BuyerMatchIssue[] = [];
  for (const [schema, value, name] of checks) {
    const parsed = safeParseWith(schema, value, [name]);
    if (!parsed.success) issues.push(...parsed.issues);
  }
  if (issues.length > 0) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
}
