/** Test helpers: write CSV text (RFC 4180 quoting) and generate seeded buyer rows. */

/** Quotes a cell when it holds a comma, quote or line break. */
export function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows of cells → CSV text with a trailing newline. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(cell).join(",")).join("\n") + "\n";
}

/** The buyer CSV header used by the generated files. */
export const BUYER_HEADER = ["id", "name", "country", "region", "city", "sectors", "tier", "requiredCertifications", "verified", "languages", "meetingCapacity", "need1_name", "need1_hs", "need1_keywords", "need2_name", "need2_hs"];

const NEEDS: readonly [string, string][] = [
  ["Brake components", "870830"],
  ["Hydraulic pumps", "841360"],
  ["Excavator buckets", "843141"],
  ["Wiring harnesses", "854430"],
  ["Seat frames", "940199"],
  ["Gear boxes", "870840"],
  ["Frozen pork cuts", "020329"],
  ["Valves", "848180"],
];
const PLACES: readonly [string, string][] = [
  ["US-MI", "Detroit"],
  ["US-IL", "Chicago"],
  ["US-WI", "Milwaukee"],
  ["US-OH", "Toledo"],
  ["US-IN", "Fort Wayne"],
];
const TIERS = ["oem", "tier1", "tier2", "distributor"];

/** A deterministic buyer row (index → cells in {@link BUYER_HEADER} order). */
export function buyerRow(index: number): string[] {
  const need1 = NEEDS[index % NEEDS.length]!;
  const need2 = NEEDS[(index * 7 + 3) % NEEDS.length]!;
  const place = PLACES[(index * 3) % PLACES.length]!;
  return [
    `buyer-${String(index).padStart(6, "0")}`,
    `Buyer ${index}, Inc.`,
    "US",
    place[0],
    place[1],
    index % 2 === 0 ? "automotive" : "heavy-equipment;hs:8431",
    TIERS[index % TIERS.length]!,
    index % 5 === 0 ? "IATF 16949" : "",
    index % 3 === 0 ? "true" : "false",
    "en",
    String(1 + (index % 4)),
    need1[0],
    need1[1],
    "parts;oem supply",
    need2[0],
    need2[1],
  ];
}

/** A CSV of `count` generated buyers. */
export function buyersCsv(count: number): string {
  const rows: string[][] = [BUYER_HEADER];
  for (let index = 0; index < count; index++) rows.push(buyerRow(index));
  return toCsv(rows);
}
