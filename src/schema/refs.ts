import { z } from "zod";
import { normalizeHsCode, normalizeNaicsCode } from "../normalize/codes.js";
import { parseMarket } from "../normalize/regions.js";

/**
 * A sector: a name from the sector table ("automotive"; checked against the table in use when the
 * input is normalised) or a code written as "hs:8708" / "naics:3363".
 */
export const SectorRefSchema = z
  .string()
  .trim()
  .min(1, "must be a non-empty sector name or code")
  .refine(
    (value) => {
      const lower = value.toLowerCase();
      if (lower.startsWith("hs:")) return normalizeHsCode(value.slice(3)) !== undefined;
      if (lower.startsWith("naics:")) return normalizeNaicsCode(value.slice(6)) !== undefined;
      return true;
    },
    { error: (issue) => `${JSON.stringify(issue.input)} is not a valid "hs:" or "naics:" code`, params: { code: "invalid_code" } },
  );

/** A target market: "US", "US-MI", "US-IL:Chicago" or a world region such as "north-america". */
export const TargetMarketSchema = z.string().refine((value) => parseMarket(value) !== undefined, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a country ("US"), subdivision ("US-MI"), city ("US-IL:Chicago") or world region ("north-america")`,
  params: { code: "invalid_code" },
});
