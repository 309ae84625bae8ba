/**
 * Trade codes: HS (Harmonized System) and NAICS, their hierarchical similarity, and the bridge between
 * them. Codes are stored as plain digit strings; a prefix is an ancestor.
 *
 * - HS: 2, 4 or 6 digits are the harmonised code every country shares; 8 and 10 digits are a national
 *   tariff line (Korea's HSK, the US HTS...). A national line is compared on its harmonised 6-digit
 *   part, and its national digits count as further levels only when both codes come from one national
 *   nomenclature (see {@link parseHsCode}).
 * - NAICS: 2–6 digits; the 2012, 2017 and 2022 vintages are read as NAICS 2022 (see
 *   {@link normalizeNaicsCode}); the concordance's special codes 910000, 920000, 930000 and 990000 are
 *   accepted.
 * - The bridge: an HS code covers the NAICS industries the Pierce & Schott concordance maps it to, with
 *   a weight that falls with the number of industries (see {@link hsBridge}).
 */
import { HS_NAICS_BRIDGE, HS_NAICS_TARGETS, NAICS_2017_CHANGED, NAICS_2022_SIX } from "../data/codeTables.js";

/** HS 2022 chapters (from the UN Comtrade HS data package; 77 is reserved, 99 is special). */
const HS_CHAPTERS = new Set(
  "01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 99".split(
    " ",
  ),
);

/** NAICS 2022 two-digit sectors (manufacturing 31–33, trade 44–45, transport 48–49 are ranges). */
const NAICS_SECTORS = new Set(["11", "21", "22", "23", "31", "32", "33", "42", "44", "45", "48", "49", "51", "52", "53", "54", "55", "56", "61", "62", "71", "72", "81", "92"]);

/**
 * The special NAICS codes of the HS–NAICS concordance (waste and scrap, used goods, ...), accepted
 * whole and kept as they are; their shorter prefixes (91, 93, 99) are no NAICS sector.
 */
const NAICS_SPECIAL = new Set(["910000", "920000", "930000", "990000"]);

/**
 * National HS nomenclatures a code can name with a prefix: `hsk:8708.30-1000` is a Korean HSK line,
 * `hts:8708.30.5090` a US HTS line. Without a prefix, an 8- or 10-digit line belongs to the
 * nomenclature of the party's country.
 */
export const HS_NOMENCLATURES: ReadonlyMap<string, string> = new Map([
  ["hsk", "KR"],
  ["hts", "US"],
]);

/** A parsed HS code. */
export interface HsCode {
  /** The harmonised part: 2, 4 or 6 digits. */
  readonly hs: string;
  /** The full national line (8 or 10 digits), when one was written and its nomenclature is known. */
  readonly line: string | undefined;
  /** The nomenclature of `line`, as a country code ("KR" for HSK, "US" for HTS). */
  readonly nomenclature: string | undefined;
}

function hsDigits(value: string): { digits: string; nomenclature: string | undefined } {
  const text = value.trim().toLowerCase();
  const prefixed = /^(hsk|hts)\s*:\s*/.exec(text);
  if (prefixed !== null) return { digits: text.slice(prefixed[0].length).replace(/[\s.\-]/g, ""), nomenclature: HS_NOMENCLATURES.get(prefixed[1]!) };
  return { digits: text.replace(/^hs[\s:]*/, "").replace(/[\s.\-]/g, ""), nomenclature: undefined };
}

function validHsDigits(digits: string): boolean {
  return /^\d+$/.test(digits) && digits.length % 2 === 0 && digits.length >= 2 && digits.length <= 10 && HS_CHAPTERS.has(digits.slice(0, 2));
}

/**
 * Reads an HS code in any common punctuation: "8708.30", "8708 30", "870830", national lines such
 * as "8708.30-1000" (HSK), "8708.30.5090" (HTS) or "8708301000", optionally prefixed `hs:`, `hsk:` or
 * `hts:`. The national digits of an 8- or 10-digit line are kept with their nomenclature: the prefix's
 * (`hsk:` → KR, `hts:` → US), else `country` (the party's own country), else none (compared on 6 digits).
 *
 * @param value - the code as written
 * @param country - the nomenclature of an unprefixed national line (the party's ISO country code)
 * @returns the parsed code, or `undefined` when it is not an HS code (see {@link hsCodeProblem})
 * @example
 * parseHsCode("8708.30-1000", "KR"); // { hs: "870830", line: "8708301000", nomenclature: "KR" }
 * parseHsCode("hts:8708.30.5090"); // { hs: "870830", line: "8708305090", nomenclature: "US" }
 * parseHsCode("8708.30"); // { hs: "870830", line: undefined, nomenclature: undefined }
 */
export function parseHsCode(value: string, country?: string): HsCode | undefined {
  const { digits, nomenclature } = hsDigits(value);
  if (!validHsDigits(digits)) return undefined;
  if (digits.length <= 6) return { hs: digits, line: undefined, nomenclature: undefined };
  const system = nomenclature ?? (country === undefined ? undefined : country.trim().toUpperCase());
  return { hs: digits.slice(0, 6), line: system === undefined ? undefined : digits, nomenclature: system };
}

/**
 * Whether reading an HS code depends on the country it is read for: a national tariff line (8 or
 * 10 digits) without a nomenclature prefix takes the country's nomenclature (see {@link parseHsCode}).
 *
 * @param value - the code as written
 * @returns true when `parseHsCode(value, country)` can differ between countries
 * @example
 * hsNeedsCountry("8708.30-1000"); // true
 * hsNeedsCountry("hts:8708.30.5090"); // false (its nomenclature is written)
 * hsNeedsCountry("870830"); // false
 */
export function hsNeedsCountry(value: string): boolean {
  const { digits, nomenclature } = hsDigits(value);
  return nomenclature === undefined && digits.length > 6 && validHsDigits(digits);
}

/**
 * Normalises an HS code to its harmonised part: "8708.30", "8708 30", "8708-30", "870830" and the
 * national lines "8708.30-1000" and "8708.30.5090" all give "870830". A code must have 2, 4, 6, 8 or
 * 10 digits and a known HS chapter; anything else is `undefined`.
 *
 * @param value - the code as written
 * @returns the 2-, 4- or 6-digit harmonised code, or `undefined`
 * @example
 * normalizeHsCode("8708.30"); // "870830"
 * normalizeHsCode("8708.30-1000"); // "870830"
 * normalizeHsCode("87083"); // undefined (5 digits)
 */
export function normalizeHsCode(value: string): string | undefined {
  return parseHsCode(value)?.hs;
}

/**
 * Why a value is not an HS code, in words, or `undefined` when it is one. A code with an odd number
 * of digits that would be valid with a leading 0 ("203" for "0203") is said to have lost it, as
 * spreadsheets do to numbers.
 *
 * @param value - the code as written
 * @returns the reason, or `undefined`
 * @example
 * hsCodeProblem("203"); // '"203" has 3 digits: it looks like HS 0203 with its leading zero lost (…)'
 * hsCodeProblem("870830"); // undefined
 */
export function hsCodeProblem(value: string): string | undefined {
  if (typeof value !== "string") return "must be a string";
  const { digits } = hsDigits(value);
  if (validHsDigits(digits)) return undefined;
  const shown = JSON.stringify(value);
  if (/^\d+$/.test(digits) && digits.length % 2 === 1 && digits.length <= 9 && validHsDigits(`0${digits}`)) {
    // Three digits are almost always a heading of chapters 01–09 that lost its zero; longer odd codes
    // may also be cut short, so unless their first two digits are no chapter, both readings are named.
    if (digits.length === 3 || !HS_CHAPTERS.has(digits.slice(0, 2))) {
      return `${shown} has ${digits.length} digits: it looks like HS 0${digits} with its leading zero lost (spreadsheets drop it); write the code as text, "0${digits}"`;
    }
    return `${shown} has ${digits.length} digits: an HS code has 2, 4 or 6 digits, or 8 or 10 for a national tariff line; if it is HS 0${digits} with its leading zero lost (spreadsheets drop it), write it as text, "0${digits}"`;
  }
  if (/^\d+$/.test(digits) && validHsDigits(digits.slice(0, 2)) && (digits.length % 2 === 1 || digits.length > 10)) {
    return `${shown} has ${digits.length} digits: an HS code has 2, 4 or 6 digits, or 8 or 10 for a national tariff line`;
  }
  return `${shown} is not an HS code of a known chapter (2, 4 or 6 digits, or an 8- or 10-digit national tariff line)`;
}

let naics2022: ReadonlySet<string> | undefined;
let naics2022Prefixes: ReadonlySet<string> | undefined;
let naics2017Changed: ReadonlyMap<string, string> | undefined;

/** The NAICS 2022 codes (every level), decoded from the generated table on first use. */
function naicsTables(): { codes: ReadonlySet<string>; prefixes: ReadonlySet<string>; changed: ReadonlyMap<string, string> } {
  if (naics2022 === undefined) {
    const six = new Set<string>();
    const prefixes = new Set<string>();
    let value = 0;
    for (const delta of NAICS_2022_SIX.split(".")) {
      value += Number.parseInt(delta, 16);
      const code = String(value);
      six.add(code);
      for (let size = 2; size <= 6; size += 1) prefixes.add(code.slice(0, size));
    }
    naics2022 = six;
    naics2022Prefixes = prefixes;
    naics2017Changed = new Map(NAICS_2017_CHANGED.split(",").map((pair) => pair.split("=") as [string, string]));
  }
  return { codes: naics2022, prefixes: naics2022Prefixes!, changed: naics2017Changed! };
}

/**
 * Normalises a NAICS code to its NAICS 2022 digits (2–6). A sector range "31-33" is read as "31".
 * Codes of the 2017 vintage that NAICS 2022 replaced follow the Census 2017→2022 concordance
 * (336111 → 336110; a split industry becomes the longest prefix its successors share); an older
 * six-digit code (2012 and before) keeps its longest prefix that is a NAICS 2022 code (333911 →
 * 33391). The special codes of the HS–NAICS concordance (910000, 920000, 930000, 990000) are kept.
 * Unknown two-digit sectors are `undefined`.
 *
 * @param value - the code as written, optionally prefixed `naics:`
 * @returns the NAICS 2022 code, or `undefined`
 * @example
 * normalizeNaicsCode(" 3363 "); // "3363"
 * normalizeNaicsCode("31-33"); // "31"
 * normalizeNaicsCode("336111"); // "336110" (NAICS 2017 → 2022)
 * normalizeNaicsCode("910000"); // "910000"
 */
export function normalizeNaicsCode(value: string): string | undefined {
  let text = value.trim().replace(/^naics[\s:]*/i, "");
  const range = /^(\d{2})-\d{2}$/.exec(text);
  if (range !== null) text = range[1]!;
  if (!/^\d{2,6}$/.test(text)) return undefined;
  if (NAICS_SPECIAL.has(text)) return text;
  if (!NAICS_SECTORS.has(text.slice(0, 2))) return undefined;
  if (text.length < 6) return text;
  const { codes, prefixes, changed } = naicsTables();
  if (codes.has(text)) return text;
  const successor = changed.get(text);
  if (successor !== undefined) return successor;
  for (let size = 5; size >= 2; size -= 1) if (prefixes.has(text.slice(0, size))) return text.slice(0, size);
  return text;
}

/**
 * Why a value is not a NAICS code, in words, or `undefined` when it is one.
 *
 * @param value - the code as written
 * @returns the reason, or `undefined`
 * @example
 * naicsCodeProblem("3363"); // undefined
 * naicsCodeProblem("3363A"); // '"3363A" is not a 2- to 6-digit NAICS code of a known sector'
 */
export function naicsCodeProblem(value: string): string | undefined {
  if (typeof value !== "string") return "must be a string";
  return normalizeNaicsCode(value) === undefined ? `${JSON.stringify(value)} is not a 2- to 6-digit NAICS code of a known sector (NAICS 2012, 2017 or 2022)` : undefined;
}

/** A code system. */
export type CodeSystem = "hs" | "naics";

/**
 * The levels of a code: HS has one level per two digits (a 10-digit national line has 5), NAICS one
 * per digit from the second.
 *
 * @example
 * codeLevels("hs", "870830"); // 3
 * codeLevels("naics", "336340"); // 5
 */
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

/**
 * The most a bridged match can count, relative to the same match within one code system: a code
 * translated by a concordance says less than a code the other side wrote itself.
 */
export const BRIDGE_WEIGHT = 0.8;

/** Where an HS code leads in NAICS, by the HS–NAICS concordance. */
export interface HsBridge {
  /** The HS code bridged (2, 4 or 6 digits). */
  readonly hs: string;
  /** The NAICS 2022 industries its HS6 lines map to, ascending. */
  readonly naics: readonly string[];
  /**
   * What a match through the bridge counts, as a factor in (0, BRIDGE_WEIGHT]: BRIDGE_WEIGHT / √k
   * for k industries. An HS6 line mapping to one industry counts 0.8; to two, 0.57; to six, 0.33.
   */
  readonly weight: number;
}

/** The concordance's HS6 lines, each with its industries, grouped by heading (HS4). */
let bridgeHeadings: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> | undefined;
const bridges = new Map<string, HsBridge | undefined>();

function decodeBridge(): ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> {
  if (bridgeHeadings !== undefined) return bridgeHeadings;
  const targets = HS_NAICS_TARGETS.split(",");
  const headings = new Map<string, Map<string, readonly string[]>>();
  for (const group of HS_NAICS_BRIDGE.split(";")) {
    const heading = group.slice(0, 4);
    let lines = headings.get(heading);
    if (lines === undefined) headings.set(heading, (lines = new Map()));
    for (const entry of group.slice(5).split(",")) {
      const codes: string[] = [];
      for (let at = 2; at < entry.length; at += 2) codes.push(targets[Number.parseInt(entry.slice(at, at + 2), 36)]!);
      lines.set(heading + entry.slice(0, 2), codes);
    }
  }
  bridgeHeadings = headings;
  return headings;
}

/**
 * The bridge of an HS code into NAICS, by the Pierce & Schott HS6→NAICS concordance (NAICS brought
 * to 2022): for an HS6 code, the industries its line maps to; for a heading or chapter, the industries
 * of all its HS6 lines. `undefined` when the concordance has no line under the code. Memoised.
 *
 * @param hs - a 2-, 4- or 6-digit HS code (normalised)
 * @returns the NAICS industries and the bridge's weight, or `undefined`
 * @example
 * hsBridge("870830"); // { hs: "870830", naics: ["333111", "336340"], weight: 0.566 }
 */
export function hsBridge(hs: string): HsBridge | undefined {
  if (bridges.has(hs)) return bridges.get(hs);
  const headings = decodeBridge();
  const found = new Set<string>();
  const add = (codes: readonly string[] | undefined): void => codes?.forEach((code) => found.add(code));
  if (hs.length >= 4) headings.get(hs.slice(0, 4))?.forEach((codes, line) => line.startsWith(hs) && add(codes));
  else for (const [heading, lines] of headings) if (heading.startsWith(hs)) lines.forEach(add);
  const naics = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const bridge = naics.length === 0 ? undefined : { hs, naics, weight: BRIDGE_WEIGHT / Math.sqrt(naics.length) };
  bridges.set(hs, bridge);
  return bridge;
}

/**
 * How well a product's HS code, bridged into NAICS, answers a need's NAICS code: the bridge's weight
 * times the best {@link codeMatch} of one of its industries. Also used the other way round (a
 * product's NAICS code against a need's bridged HS code) with `reverse`.
 *
 * @param bridge - the bridged HS code
 * @param naics - the other side's NAICS code
 * @param reverse - false: the bridge offers and `naics` is wanted; true: `naics` offers and the bridge is wanted
 * @returns a value in [0, BRIDGE_WEIGHT]
 * @example
 * bridgedMatch(hsBridge("870830")!, "336340", false); // 0.566
 */
export function bridgedMatch(bridge: HsBridge, naics: string, reverse: boolean): number {
  let best = 0;
  for (const code of bridge.naics) {
    const value = reverse ? codeMatch("naics", naics, code) : codeMatch("naics", code, naics);
    if (value > best) best = value;
  }
  return best * bridge.weight;
}

/**
 * Sector similarity across systems: the bridge's weight times the best {@link sectorSimilarity} of
 * one of its industries with a NAICS sector code.
 *
 * @param bridge - the bridged HS sector code
 * @param naics - the other side's NAICS sector code
 * @returns a value in [0, BRIDGE_WEIGHT]
 * @example
 * bridgedSectorSimilarity(hsBridge("870830")!, "3363"); // 0.566
 */
export function bridgedSectorSimilarity(bridge: HsBridge, naics: string): number {
  let best = 0;
  for (const code of bridge.naics) {
    const value = sectorSimilarity("naics", code, naics);
    if (value > best) best = value;
  }
  return best * bridge.weight;
}
