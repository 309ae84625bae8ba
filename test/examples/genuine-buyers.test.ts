/**
 * The example of issue 11, part 6: the trade mission's illustrative import records
 * (`examples/trade-mission/imports.csv`) make a buyer that imports the exporter's line from Korea
 * rank first for Hanil Brake Tech (HS 870830 brake pads), with the evidence in its explanation.
 */
import { describe, expect, it } from "vitest";
import { runExample } from "../../examples/genuine-buyers.js";

describe("the genuine-buyers example", () => {
  it("ranks first, with evidence weighed, a buyer that was not first without it, and explains why in both languages", async () => {
    const result = await runExample();
    expect(result.first).not.toBe(result.firstWithout);
    expect(result.first).toBe("kia-mexico"); // 22 shipments of HS 870830 from KR in 2026-11: the strongest record
    expect(result.english.join("\n")).toContain("imported HS 870830 22 times in the last 12 months, 22 from KR");
    expect(result.korean.join("\n")).toContain("HS 870830 22회 수입, 그중 KR산 22회");
    expect(result.issues).toEqual([]);
  });
});
