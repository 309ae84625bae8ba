import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { loadBuyers } from "../../src/io/index.js";
import { toCsv } from "./csv.js";

const directory = mkdtempSync(join(tmpdir(), "buyermatch-roundtrip-"));

/** Text that survives a cell: trimmed, non-empty, no `;` (the list separator). */
const word = fc.string({ minLength: 1, maxLength: 12 }).map((text) => text.replace(/;/g, "").trim()).filter((text) => text !== "");

const need = fc.record(
  { name: word, hs: fc.constantFrom("0203", "020329", "0210.11", "8708.30", "870830", "84"), keywords: fc.array(word, { minLength: 1, maxLength: 3 }) },
  { requiredKeys: ["name"] },
);

const buyer = fc.record(
  {
    id: word,
    name: word,
    country: fc.constantFrom("US", "KR", "de"),
    sectors: fc.uniqueArray(fc.constantFrom("automotive", "hydraulics", "hs:8708", "naics:3363"), { minLength: 1, maxLength: 3 }),
    needs: fc.array(need, { minLength: 1, maxLength: 3 }),
    meetingCapacity: fc.nat({ max: 20 }),
    verified: fc.boolean(),
    // `+ 0` turns -0 into 0: String(-0) is "0", so -0 cannot survive being written as text.
    location: fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }).map((value) => value + 0), lon: fc.double({ min: -180, max: 180, noNaN: true }).map((value) => value + 0) }),
  },
  { requiredKeys: ["id", "name", "country"] },
);

type GeneratedBuyer = typeof buyer extends fc.Arbitrary<infer T> ? T : never;

function writeBuyers(buyers: readonly GeneratedBuyer[]): string {
  const needColumns = Math.max(1, ...buyers.map((entry) => entry.needs?.length ?? 0));
  const header = ["id", "name", "country", "sectors", "meeting_capacity", "verified", "lat", "lon"];
  for (let index = 1; index <= needColumns; index++) header.push(`need${index}_name`, `need${index}_hs`, `need${index}_keywords`);
  const rows = buyers.map((entry) => {
    const cells = [
      entry.id,
      entry.name,
      entry.country,
      (entry.sectors ?? []).join(";"),
      entry.meetingCapacity === undefined ? "" : String(entry.meetingCapacity),
      entry.verified === undefined ? "" : String(entry.verified),
      entry.location === undefined ? "" : String(entry.location.lat),
      entry.location === undefined ? "" : String(entry.location.lon),
    ];
    for (let index = 0; index < needColumns; index++) {
      const item = entry.needs?.[index];
      cells.push(item?.name ?? "", item?.hs ?? "", (item?.keywords ?? []).join(";"));
    }
    return cells;
  });
  return toCsv([header, ...rows]);
}

let run = 0;
test.prop([fc.uniqueArray(buyer, { minLength: 1, maxLength: 8, selector: (entry) => entry.id })], { seed: 42, numRuns: 60 })(
  "every buyer written as a CSV row loads back as the same buyer, codes and all",
  async (buyers) => {
    const path = join(directory, `buyers-${run++}.csv`);
    writeFileSync(path, writeBuyers(buyers));
    const result = await loadBuyers(path);
    expect(result.issues).toEqual([]);
    expect(result.records).toEqual(buyers.map((entry) => Object.fromEntries(Object.entries(entry).filter(([key, value]) => !(key === "needs" && Array.isArray(value) && value.length === 0)))));
  },
);
