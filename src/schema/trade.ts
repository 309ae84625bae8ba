/**
 * Trade records and trading partners: what makes a buyer genuine for an exporter (issue 11). A
 * buyer's import records (customs entries, bills of lading), its corporate group and the firms it
 * supplies; a company's trading partners and export records. Built-in fields of the buyer and
 * company schemas, normalised in `normalize/records.ts`.
 */
import { z } from "zod";
import { CountSchema, CountrySchema, FiniteNumberSchema, HsCodeSchema } from "./common.js";

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Why a value is not a trade date (`YYYY-MM` or `YYYY-MM-DD`, a real calendar day), or `undefined`.
 *
 * @param value - the date as written
 * @returns the reason, or `undefined` when it is a date
 * @example
 * tradeDateProblem("2026-02-30"); // '"2026-02-30" is not a calendar day'
 * tradeDateProblem("2026-11"); // undefined
 */
export function tradeDateProblem(value: unknown): string | undefined {
  if (typeof value !== "string") return "must be a date written YYYY-MM or YYYY-MM-DD";
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value.trim());
  if (match === null) return `${JSON.stringify(value)} is not a date written YYYY-MM or YYYY-MM-DD`;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return `${JSON.stringify(value)} has no month ${match[2]}`;
  if (match[3] !== undefined) {
    const day = Number(match[3]);
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const days = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!;
    if (day < 1 || day > days) return `${JSON.stringify(value)} is not a calendar day`;
  }
  return undefined;
}

/** A month or a day: `YYYY-MM` or `YYYY-MM-DD` ("2026-11", "2026-11-03"). */
export const TradeDateSchema = z.string({ error: "must be a date written YYYY-MM or YYYY-MM-DD" }).refine((value) => tradeDateProblem(value) === undefined, {
  error: (issue) => tradeDateProblem(issue.input) ?? "is not a date",
  params: { code: "invalid_code" },
});

const AmountSchema = FiniteNumberSchema.refine((value) => value >= 0, { message: "must be ≥ 0", params: { code: "out_of_range" } });

/** One import record of a buyer: an HS code at any length, where it came from, how much, and when last. */
export const ImportRecordSchema = z.object({
  hs: HsCodeSchema,
  /** The origin country (ISO 3166-1 alpha-2). */
  origin: CountrySchema.optional(),
  /** How many shipments (entries, bills of lading) the record counts; absent counts as one. */
  shipments: CountSchema.optional(),
  /** Declared value (any currency, consistently within a market). */
  value: AmountSchema.optional(),
  /** The latest shipment: `YYYY-MM` or `YYYY-MM-DD`. */
  lastDate: TradeDateSchema.optional(),
});

/** One export record of a company. */
export const ExportRecordSchema = z.object({
  hs: HsCodeSchema,
  /** The destination country (ISO 3166-1 alpha-2). */
  destination: CountrySchema.optional(),
  value: AmountSchema.optional(),
  year: z.number({ error: "must be a year" }).int("must be a whole year").min(1900, "must be a year from 1900").max(2200, "must be a year up to 2200").optional(),
});

/** A company name as a trading partner: a non-empty string. */
export const PartnerNameSchema = z.string({ error: "must be a company name" }).trim().min(1, "must be a non-empty company name");

/** One row of an imports file: an import record and the id of the buyer it belongs to. */
export const ImportRowSchema = ImportRecordSchema.extend({ buyerId: z.string({ error: "must be a buyer id" }).trim().min(1, "must be a non-empty buyer id") });

/** An import row as written in a file. */
export type ImportRow = z.input<typeof ImportRowSchema>;

/** An import record as written by a user. */
export type ImportRecord = z.input<typeof ImportRecordSchema>;
/** An export record as written by a user. */
export type ExportRecord = z.input<typeof ExportRecordSchema>;
