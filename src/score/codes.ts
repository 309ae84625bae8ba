/**
 * The code normalisers as public functions: the same rules the schemas use, with their argument
 * validated (a non-string is a BuyerMatchError, not a TypeError).
 */
import { z } from "zod";
import { normalizeHsCode as hsCode, normalizeNaicsCode as naicsCode } from "../normalize/codes.js";
import { parseWith } from "../schema/errors.js";

const CodeText = z.string({ error: "must be a string" });

/**
 * Normalises an HS code written in any common punctuation to its digits, or `undefined` when it is
 * not a valid HS code.
 *
 * @param code - the code as written ("8708.30", "8708 30", "870830")
 * @returns the digits ("870830"), or undefined
 * @throws BuyerMatchError when `code` is not a string
 * @example
 * normalizeHsCode("8708.30"); // "870830"
 * normalizeHsCode("87A830"); // undefined
 */
export function normalizeHsCode(code: string): string | undefined {
  return hsCode(parseWith(CodeText, code, ["code"]));
}

/**
 * Normalises a NAICS code to its digits, or `undefined` when it is not a valid NAICS code.
 *
 * @param code - the code as written ("3363", "31-33")
 * @returns the digits ("3363", "31"), or undefined
 * @throws BuyerMatchError when `code` is not a string
 * @example
 * normalizeNaicsCode("336340"); // "336340"
 */
export function normalizeNaicsCode(code: string): string | undefined {
  return naicsCode(parseWith(CodeText, code, ["code"]));
}
