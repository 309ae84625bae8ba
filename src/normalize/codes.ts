/**
 * Trade codes: HS (Harmonized System, 2/4/6 digits) and NAICS (2–6 digits), and their hierarchical
 * similarity. Codes are stored as plain digit strings; a prefix is an ancestor.
 */

/** HS 2022 chapters (from the UN Comtrade HS data package; 77 is reserved, 99 is special). */
const HS_CHAPTERS = new Set(
  "01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 99".split(
    " ",
  ),
);

/** NAICS 2022 two-digit sectors (manufacturing 31–33, trade 44–45, transport 48–49 are ranges). */
const NAICS_SECTORS = new Set(["11", "21", "22", "23", "31", "32", "33", "42", "44", "45", "48", "49", "51", "52", "53", "54", "55", "56", "61", "62", "71", "72", "81", "92"]);

/**
 * Normalises an HS code: "8708.30", "8708 30", "8708-30" and "870830" are all "870830". A code must
 * have 2, 4 or 6 digits and a known HS chapter; anything else is `undefined`.
 *
 * @param value - the code as written
 * @returns the digits, or `undefined`
 * @example
 * normalizeHsCode("8708.30"); // "870830"
 * normalizeHsCode("87083"); // undefined (5 digits)
 */
export function normalizeHsCode(value: string): string | undefined {
  const digits = value.trim().replace(/^hs[\s:]*/i, "").replace(/[\s.\-]/g, "");
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.length !== 2 && digits.length !== 4 && digits.length !== 6) return undefined;
  return HS_CHAPTERS.has(digits.slice(0, 2)) ? digits : undefined;
}

/**
 * Normalises a NAICS code to its digits (2–6). A sector range "31-33" is read as "31". Unknown
 * two-digit sectors are `undefined`.
 *
 * @example
 * normalizeNaicsCode(" 3363 "); // "3363"
 * normalizeNaicsCode("31-33"); // "31"
 */
export function normalizeNaicsCode(value: string): string | undefined {
  let text = value.trim().replace(/^naics[\s:]*/i, "");
  const range = /^(\d{2})-\d{2}$/.exec(text);
  if (range !== null) text = range[1]!;
  if (!/^\d{2,6}$/.test(text)) return undefined;
  return NAICS_SECTORS.has(text.slice(0, 2)) ? text : undefined;
}

/** A code system. */
export type CodeSystem = "hs" | "naics";

/** The levels of a code: HS has one level per two digits, NAICS one per digit from the second. */
export function codeLevels(system: CodeSystem, code: string): number {
  return system === "hs" ? code.length / 2 : code.length - 1;
}

/**
 * How many hierarchy levels two codes of one system share: "870830" and "870899" share 2 HS levels
 * (87, 8708); "336390" and "3363" share 3 NAICS levels (33, 336, 3363).
 *
 * @example
 * sharedLevels("hs", "870830", "8708"); // 2
 */
export function sharedLevels(system: CodeSystem, a: string, b: string): number {
  // Compares characters in place: this runs per pair in the scoring loop and must not allocate.
  const limit = Math.min(a.length, b.length);
  let same = 0;
  while (same < limit && a.charCodeAt(same) === b.charCodeAt(same)) same += 1;
  if (same < 2) return 0;
  return system === "hs" ? same >> 1 : same - 1;
}

/**
 * How well a code `offered` covers a `wanted` code: shared levels / levels of `wanted`. A product
 * inside the wanted category covers it fully (wanted 8708, offered 870830 → 1); a sibling covers the
 * shared part (wanted 870830, offered 870899 → 2/3).
 *
 * @example
 * coverage("hs", "870830", "8708"); // 1
 * coverage("hs", "8708", "870830"); // 2/3
 */
export function coverage(system: CodeSystem, offered: string, wanted: string): number {
  return sharedLevels(system, offered, wanted) / codeLevels(system, wanted);
}

/**
 * Symmetric hierarchical similarity for sector codes: shared levels / levels of the broader code.
 * A code and its ancestor are fully similar (87 and 870830 → 1); siblings share part.
 *
 * @example
 * sectorSimilarity("naics", "3363", "336390"); // 1
 * sectorSimilarity("hs", "8708", "8703"); // 0.5
 */
export function sectorSimilarity(system: CodeSystem, a: string, b: string): number {
  return sharedLevels(system, a, b) / Math.min(codeLevels(system, a), codeLevels(system, b));
}

/**
 * How well an offered product code answers a wanted need code, for the product criterion: the
 * square of {@link coverage}. Squaring keeps full coverage at 1 and leaves a product inside the wanted
 * category untouched, but sets a sibling apart from a fit: a brake maker (870830) answers a buyer of
 * bumpers (870810) at (2/3)² ≈ 0.44, not 0.67, and a same-chapter product at (1/3)² ≈ 0.11.
 *
 * @example
 * codeMatch("hs", "870830", "8708"); // 1
 * codeMatch("hs", "870810", "870830"); // 0.444…
 */
export function codeMatch(system: CodeSystem, offered: string, wanted: string): number {
  const value = coverage(system, offered, wanted);
  return value * value;
}
