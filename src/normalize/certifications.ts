/**
 * Certification names: many spellings of one standard fold to one key ("IATF16949", "IATF 16949" and
 * its predecessor "ISO/TS 16949" are one), with a display name for explanations.
 */

/** Canonical key → display name of the standards buyermatch knows by name. */
export const CERTIFICATIONS: Readonly<Record<string, string>> = {
  iso9001: "ISO 9001",
  iso14001: "ISO 14001",
  iso45001: "ISO 45001",
  iso13485: "ISO 13485",
  iso27001: "ISO/IEC 27001",
  iso50001: "ISO 50001",
  iatf16949: "IATF 16949",
  as9100: "AS9100",
  ce: "CE",
  ul: "UL",
  rohs: "RoHS",
  reach: "REACH",
  kc: "KC",
  fcc: "FCC",
  soc2: "SOC 2",
  cmmi: "CMMI",
};

/** Spellings that stand for another standard: the successor or the common short form. */
export const CERTIFICATION_ALIASES: Readonly<Record<string, string>> = {
  isots16949: "iatf16949",
  ts16949: "iatf16949",
  iatf: "iatf16949",
  ohsas18001: "iso45001",
  isoiec27001: "iso27001",
  en9100: "as9100",
  soc2type2: "soc2",
  soc2typeii: "soc2",
  ulcertified: "ul",
  cemark: "ce",
  cemarking: "ce",
};

/**
 * Folds a certification name to its key: NFKC, lower case, without spaces and punctuation, a
 * trailing ":2015"-style year dropped, aliases resolved.
 *
 * @example
 * certificationKey("ISO/TS 16949"); // "iatf16949"
 * certificationKey("ISO 9001:2015"); // "iso9001"
 */
export function certificationKey(name: string): string {
  const folded = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/:\s*\d{4}\s*$/u, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
  return Object.hasOwn(CERTIFICATION_ALIASES, folded) ? CERTIFICATION_ALIASES[folded]! : folded;
}

/**
 * The display name of a certification key ("iatf16949" → "IATF 16949"), or the key itself.
 *
 * @example
 * certificationName("iso9001"); // "ISO 9001"
 */
export function certificationName(key: string): string {
  return Object.hasOwn(CERTIFICATIONS, key) ? CERTIFICATIONS[key]! : key;
}
