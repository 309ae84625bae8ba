/**
 * The imports file (issue 11, part 1): one row per record (`buyerId, hs, origin, shipments, value,
 * lastDate`), joined to buyers by id; every bad row and every record naming an unknown buyer reported
 * with its row. Codes are real (HS 870830 brake parts; 8708.30-1000 its Korean HSK line).
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadBuyers, loadImports } from "../../src/io/index.js";
import type { Buyer } from "../../src/index.js";

const buyers: Buyer[] = [
  { id: "us-mobis", name: "Mobis North America", country: "US", imports: [{ hs: "8708", origin: "KR" }] },
  { id: "us-dixie", name: "Dixie Brake Distributors", country: "US" },
];

describe("loading an imports file joined to buyers", () => {
  it("appends each good record to its buyer and reports bad rows and unknown buyers with their rows", async () => {
    const csv = [
      "buyerId,hs,origin,shipments,value,lastDate",
      "us-mobis,8708.30-1000,KR,9,450000,2026-10",
      "us-dixie,870830,CN,5,,2026-09-14",
      "us-nobody,870830,KR,1,,2026-01",
      "us-dixie,87A830,KR,2,,2026-02-30",
      "us-dixie,870840,,,,",
    ].join("\n");
    const { buyers: joined, result } = await loadImports(Readable.from([csv]), buyers);
    expect(joined.map((buyer) => buyer.imports)).toEqual([
      [{ hs: "8708", origin: "KR" }, { hs: "8708.30-1000", origin: "KR", shipments: 9, value: 450000, lastDate: "2026-10" }],
      [{ hs: "870830", origin: "CN", shipments: 5, lastDate: "2026-09-14" }, { hs: "870840" }],
    ]);
    expect([result.rows, result.loaded, result.dropped]).toEqual([5, 3, 2]);
    const errors = result.issues.filter((issue) => issue.severity === "error").map((issue) => [issue.row, issue.column, issue.code]);
    expect(errors).toContainEqual([4, "buyerId", "unknown_reference"]);
    expect(errors).toContainEqual([5, "hs", "invalid_code"]);
    expect(errors).toContainEqual([5, "lastDate", "invalid_code"]);
    expect(buyers[1]!.imports).toBeUndefined(); // the input is not changed
  });

  it("reads buyers' group and customers from CSV columns (customers ;-separated)", async () => {
    const csv = "id,name,country,group,customers\nus-mobis,Mobis Alabama LLC,US,Hyundai Mobis,Hyundai Motor Manufacturing Alabama;Kia Georgia\n";
    const { records } = await loadBuyers(Readable.from([csv]));
    expect(records[0]).toMatchObject({ group: "Hyundai Mobis", customers: ["Hyundai Motor Manufacturing Alabama", "Kia Georgia"] });
  });

  it("refuses buyers that are not a list of records with ids", async () => {
    await expect(loadImports(Readable.from(["buyerId,hs\n"]), "x" as never)).rejects.toThrow(/buyers/);
  });
});
