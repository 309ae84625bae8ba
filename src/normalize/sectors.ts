/**
 * The built-in sector table: plain sector names mapped to the HS and NAICS codes that define them.
 * Users extend or override it with the `sectors` option; codes may also be given directly as
 * "hs:8708" or "naics:3363".
 */

/** The codes that define a sector. */
export interface SectorCodes {
  readonly hs?: readonly string[];
  readonly naics?: readonly string[];
}

/** A sector table: name → codes. */
export type SectorTable = Readonly<Record<string, SectorCodes>>;

/**
 * The default sectors. HS codes are HS 2022 chapters/headings, NAICS codes are NAICS 2022.
 * Chosen for the industries trade missions most often carry; extend with the `sectors` option.
 */
export const DEFAULT_SECTORS: SectorTable = {
  automotive: { hs: ["87"], naics: ["3361", "3362", "3363"] },
  "auto-parts": { hs: ["8708", "8407", "8409", "8511", "8512", "4011"], naics: ["3363"] },
  machinery: { hs: ["84"], naics: ["333"] },
  "heavy-equipment": { hs: ["8426", "8427", "8429", "8430", "8431", "8701", "8704"], naics: ["33312", "33313", "33392"] },
  "machine-tools": { hs: ["8456", "8457", "8458", "8459", "8460", "8461", "8462", "8466"], naics: ["33351"] },
  "industrial-automation": { hs: ["8428", "8479", "8537", "9032"], naics: ["333998", "335314"] },
  hydraulics: { hs: ["8412", "8413", "8481"], naics: ["333995", "333996"] },
  electronics: { hs: ["85"], naics: ["334"] },
  "electrical-equipment": { hs: ["8501", "8504", "8536", "8537", "8544"], naics: ["335"] },
  semiconductors: { hs: ["8541", "8542"], naics: ["3344"] },
  it: { hs: ["8471", "8523"], naics: ["5132", "5182", "5415"] },
  software: { hs: ["8523"], naics: ["5132", "5415"] },
  aerospace: { hs: ["88"], naics: ["3364"] },
  shipbuilding: { hs: ["89"], naics: ["336611"] },
  metals: { hs: ["72", "73", "76"], naics: ["331", "332"] },
  "metal-fabrication": { hs: ["73", "7616"], naics: ["332"] },
  plastics: { hs: ["39"], naics: ["3261"] },
  rubber: { hs: ["40"], naics: ["3262"] },
  chemicals: { hs: ["28", "29", "38"], naics: ["325"] },
  "medical-devices": { hs: ["9018", "9019", "9021", "9022"], naics: ["339112", "339113", "334510"] },
  food: { hs: ["16", "19", "20", "21"], naics: ["311"] },
  agriculture: { hs: ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"], naics: ["111", "112"] },
  cosmetics: { hs: ["3303", "3304", "3305"], naics: ["32562"] },
  textiles: { hs: ["50", "51", "52", "53", "54", "55", "56", "58", "59", "60"], naics: ["313", "314"] },
  apparel: { hs: ["61", "62"], naics: ["315"] },
  furniture: { hs: ["94"], naics: ["337"] },
  energy: { hs: ["27", "8502", "8541"], naics: ["221", "2211"] },
  batteries: { hs: ["8506", "8507"], naics: ["33591"] },
  logistics: { naics: ["48", "49"] },
  wholesale: { naics: ["42"] },
};
