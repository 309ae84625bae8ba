import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BuyerMatchError } from "../../src/index.js";
import { formatRowIssue, loadBuyers, loadCompanies, loadOutcomes, loadSessions, streamBuyers } from "../../src/io/index.js";
import { BUYER_HEADER, buyerRow, buyersCsv, toCsv } from "./csv.js";

const directory = mkdtempSync(join(tmpdir(), "buyermatch-io-"));
function file(name: string, text: string): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** 1,000 generated buyers with three rows broken in three different ways. */
function brokenCsv(): { text: string; broken: Map<number, string> } {
  const rows: string[][] = [BUYER_HEADER];
  for (let index = 0; index < 1000; index++) rows.push(buyerRow(index));
  // Row numbers count the header as row 1, so buyer i sits on row i + 2.
  rows[101]![2] = "USA"; // buyer 100 (row 102): not an ISO country code
  rows[501]![12] = "87A0"; // buyer 500 (row 502): not an HS code
  rows[901]![10] = "two"; // buyer 900 (row 902): not a number
  return { text: toCsv(rows), broken: new Map([[102, "country"], [502, "need1_hs"], [902, "meetingCapacity"]]) };
}

describe("CSV with bad rows", () => {
  it("drops the row with a bad required value and keeps the two whose bad values are optional, naming all three", async () => {
    const { text, broken } = brokenCsv();
    const result = await loadBuyers(file("broken.csv", text));
    // Row 102's country is required: the row goes. Rows 502 (one need code) and 902 (meeting capacity) lose only that value.
    expect(result.records).toHaveLength(999);
    expect(result.rows).toBe(1000);
    expect(result.dropped).toBe(1);
    expect(result.issues.map((issue) => [issue.row, issue.column])).toEqual([...broken.entries()]);
    expect(result.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ["invalid_code", "error"],
      ["invalid_code", "warning"],
      ["invalid_input", "warning"],
    ]);
    expect(formatRowIssue(result.issues[2]!, "broken.csv")).toBe('broken.csv row 902 (id buyer-000900), column meetingCapacity: "two" is not a number; the value was dropped, the row is kept');
    expect(result.records.map((buyer) => buyer.id)).not.toContain("buyer-000100");
    expect(result.records.find((buyer) => buyer.id === "buyer-000900")?.meetingCapacity).toBeUndefined();
  });

  it("strict mode throws a BuyerMatchError at the first bad row", async () => {
    const { text } = brokenCsv();
    const error = await loadBuyers(file("broken-strict.csv", text), { strict: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuyerMatchError);
    const issues = (error as BuyerMatchError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toEqual(["rows", 102, "country"]);
    expect(issues[0].message).toContain("row 102 (id buyer-000100), column country");
  });

  it("reports a repeated id on the later row and keeps the first", async () => {
    const rows = [BUYER_HEADER, buyerRow(1), buyerRow(2), buyerRow(1)];
    const result = await loadBuyers(file("dupes.csv", toCsv(rows)));
    expect(result.records.map((buyer) => buyer.id)).toEqual(["buyer-000001", "buyer-000002"]);
    expect(result.issues).toEqual([{ row: 4, column: "id", code: "duplicate_id", severity: "error", message: '"buyer-000001" appears more than once (first at row 2)', id: "buyer-000001", reason: { code: "duplicate_id", id: "buyer-000001", first: 2 } }]);
  });

  it("numbers rows as a spreadsheet does: a quoted cell spanning lines is still one row", async () => {
    const rows = [BUYER_HEADER, buyerRow(1), buyerRow(2), buyerRow(3)];
    rows[1]![1] = "Two-line\nname";
    rows[3]![2] = "ZZ";
    const result = await loadBuyers(file("multiline.csv", toCsv(rows)));
    expect(result.records[0]?.name).toBe("Two-line\nname");
    // Header row 1, then rows 2, 3, 4, although the file's fourth record starts on its fifth line.
    expect(result.issues.map((issue) => issue.row)).toEqual([4]);
  });

  it("reports a row with more cells than the header", async () => {
    const text = "id,name,country\na,Alpha,US\nb,Beta, Inc.,US\nc,Gamma,KR\n";
    const result = await loadBuyers(file("extra.csv", text));
    expect(result.records.map((buyer) => buyer.id)).toEqual(["a", "c"]);
    expect(result.issues[0]).toMatchObject({ row: 3, column: "", code: "invalid_row" });
  });

  it("stops with one issue when a required column is missing", async () => {
    const result = await loadBuyers(file("noid.csv", "name,country\nAlpha,US\nBeta,KR\n"));
    expect(result.records).toEqual([]);
    expect(result.rows).toBe(0);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ row: 1, column: "id" });
  });

  it("reports an unclosed quote as an unreadable row, keeping the rows before and after it", async () => {
    const result = await loadBuyers(file("quote.csv", 'id,name,country\na,Alpha,US\nb,"Beta,US\nc,Gamma,KR\n'));
    expect(result.records.map((buyer) => buyer.id)).toEqual(["a", "c"]);
    expect(result.issues).toMatchObject([{ row: 3, code: "invalid_row", severity: "error" }]);
  });

  it("says an empty file has no header", async () => {
    const result = await loadBuyers(file("empty.csv", ""));
    expect(result.issues).toEqual([{ row: 0, column: "", code: "invalid_input", severity: "error", message: "is empty: a table needs a header row", reason: { code: "empty_table" } }]);
  });
});

describe("CSV layout", () => {
  it("reads ;-lists, numbered product columns, lat/lon, readiness items and keeps HS codes as text", async () => {
    const text = toCsv([
      ["ID", "Name", "Country", "meeting_budget", "Certifications", "target markets", "lat", "lon", "product1_name", "product1_hs", "product1_keywords", "product2_name", "product2_naics", "readiness_export", "readiness_english", "notes"],
      ["c1", "Pork Co", "kr", "6", "ISO 9001; HACCP", "US;US-MI", "35.18", "128.1", "Frozen pork belly", "0203.29", "pork;belly", "Sausages", "311612", "0.5", "0.75", "call back"],
    ]);
    const ignored: string[] = [];
    const result = await loadCompanies(file("companies.csv", text), { onIgnoredColumns: (columns) => ignored.push(...columns) });
    expect(result.issues).toEqual([{ row: 1, column: "notes", code: "unknown_field", severity: "warning", message: "is not a column buyermatch reads; its cells are ignored", reason: { code: "unknown_column" } }]);
    expect(result.ignoredColumns).toEqual(["notes"]);
    expect(ignored).toEqual(["notes"]);
    expect(result.records[0]).toEqual({
      id: "c1",
      name: "Pork Co",
      country: "kr",
      meetingBudget: 6,
      certifications: ["ISO 9001", "HACCP"],
      targetMarkets: ["US", "US-MI"],
      location: { lat: 35.18, lon: 128.1 },
      products: [
        { name: "Frozen pork belly", hs: "0203.29", keywords: ["pork", "belly"] },
        { name: "Sausages", naics: "311612" },
      ],
      readiness: { export: 0.5, english: 0.75 },
    });
  });

  it("reads a products cell of entries with (HS …) or (NAICS …) codes", async () => {
    const text = toCsv([["id", "name", "country", "products"], ["c1", "Brakes Co", "KR", "Brake pads (HS 870830); Hubs (NAICS 336350); Bolts; Hams (0210.11)"]]);
    const result = await loadCompanies(file("products-cell.csv", text));
    expect(result.records[0]?.products).toEqual([
      { name: "Brake pads", hs: "870830" },
      { name: "Hubs", naics: "336350" },
      { name: "Bolts" },
      { name: "Hams", hs: "0210.11" },
    ]);
  });

  it("names the numbered column of a bad code inside a product group", async () => {
    const text = toCsv([["id", "name", "country", "product1_name", "product1_hs", "product2_name", "product2_hs"], ["c1", "X", "KR", "Pads", "870830", "Rotors", "99999"]]);
    const result = await loadCompanies(file("bad-code.csv", text));
    expect(result.issues).toMatchObject([{ row: 2, column: "product2_hs", code: "invalid_code" }]);
  });

  it("reads a semicolon-separated file and a tab-separated file", async () => {
    const semicolon = await loadSessions(file("sessions.csv", "id;city;date;start;slot_minutes;slots;tables\ns1;Chicago;2027-05-10;09:00;45;8;6\n"));
    expect(semicolon.records).toEqual([{ id: "s1", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 45, slots: 8, tables: 6 }]);
    const tabs = await loadOutcomes(file("outcomes.tsv", "company_id\tbuyer_id\tstage\tvalue\nc1\tb1\tdeal\t1000\nc1\tb2\tlunch\t\n"));
    expect(tabs.records).toEqual([{ companyId: "c1", buyerId: "b1", stage: "deal", value: 1000 }]);
    expect(tabs.issues).toMatchObject([{ row: 3, column: "stage" }]);
  });

  it("reports half a location at the column that is missing", async () => {
    const result = await loadBuyers(file("half-location.csv", "id,name,country,lat\na,A,US,42.3\n"));
    // Half a location is dropped whole; the row loads.
    expect(result.records).toEqual([{ id: "a", name: "A", country: "US" }]);
    expect(result.issues).toEqual([{ row: 2, column: "lon", code: "invalid_input", severity: "warning", message: "is empty, but a value is required; the value was dropped, the row is kept", id: "a", reason: { code: "value_missing", table: true, dropped: { what: "value" } } }]);
  });

  it("reports a column given twice under two spellings, and reads only the first", async () => {
    const result = await loadBuyers(file("twice.csv", "id,name,country,meetingCapacity,meeting_capacity\na,A,US,2,9\n"));
    expect(result.records).toEqual([{ id: "a", name: "A", country: "US", meetingCapacity: 2 }]);
    expect(result.issues).toEqual([{ row: 1, column: "meeting_capacity", code: "invalid_input", severity: "warning", message: "repeats column meetingCapacity; only the first is read", reason: { code: "repeated_column", earlier: "meetingCapacity" } }]);
    expect(result.rows).toBe(1);
  });

  it("reads true/false cells and reports one that is neither", async () => {
    const text = toCsv([["id", "name", "country", "verified", "online"], ["a", "A", "US", "yes", "0"], ["b", "B", "US", "maybe", ""]]);
    const result = await loadBuyers(file("booleans.csv", text));
    expect(result.records).toEqual([
      { id: "a", name: "A", country: "US", verified: true, online: false },
      { id: "b", name: "B", country: "US" },
    ]);
    expect(result.issues).toMatchObject([{ row: 3, column: "verified", code: "invalid_input", severity: "warning", id: "b" }]);
  });
});

describe("required values", () => {
  it("says a required cell is empty, and a required JSON field is missing", async () => {
    const csvResult = await loadBuyers(file("empty-name.csv", "id,name,country\na,,US\n"));
    expect(csvResult.issues).toEqual([{ row: 2, column: "name", code: "invalid_input", severity: "error", message: "is empty, but a value is required", id: "a", reason: { code: "value_missing", table: true } }]);
    const jsonResult = await loadBuyers(file("no-name.json", JSON.stringify([{ id: "a", country: "US" }])));
    expect(jsonResult.issues).toEqual([{ row: 1, column: "name", code: "invalid_input", severity: "error", message: "is missing, but a value is required", id: "a", reason: { code: "value_missing", table: false } }]);
  });
});

describe("JSON and JSONL", () => {
  it("reads a JSON array and reports bad records by number and field path", async () => {
    const json = JSON.stringify([
      { id: "a", name: "A", country: "US" },
      { id: "b", name: "B", country: "US", needs: [{ name: "x", hs: "12" }, { name: "y", hs: "bad" }] },
    ]);
    const result = await loadBuyers(file("buyers.json", json));
    expect(result.records.map((buyer) => buyer.id)).toEqual(["a", "b"]);
    expect(result.records[1]?.needs).toEqual([{ name: "x", hs: "12" }, { name: "y" }]);
    expect(result.issues).toMatchObject([{ row: 2, column: "needs[1].hs", code: "invalid_code", severity: "warning", id: "b" }]);
  });

  it("reads the kind's array out of a mission object", async () => {
    const json = JSON.stringify({ companies: [{ id: "c", name: "C", country: "KR" }], buyers: [{ id: "b", name: "B", country: "US" }] });
    expect((await loadBuyers(file("mission.json", json))).records).toEqual([{ id: "b", name: "B", country: "US" }]);
  });

  it("reports broken JSON as a problem with the whole file", async () => {
    const result = await loadBuyers(file("broken.json", "[{"));
    expect(result.records).toEqual([]);
    expect(result.rows).toBe(0);
    expect(result.issues[0]).toMatchObject({ row: 0, code: "invalid_row" });
  });

  it("reads JSONL line by line, skipping blank lines and naming the bad line", async () => {
    const text = ['{"id":"a","name":"A","country":"US"}', "", "{not json", '{"id":"b","name":"B","country":"XX"}', '{"id":"c","name":"C","country":"KR"}'].join("\n");
    const result = await loadBuyers(file("buyers.jsonl", text));
    expect(result.records.map((buyer) => buyer.id)).toEqual(["a", "c"]);
    expect(result.issues.map((issue) => [issue.row, issue.column, issue.code])).toEqual([
      [3, "", "invalid_row"],
      [4, "country", "invalid_code"],
    ]);
  });
});

describe("streams", () => {
  it("sniffs the format of a stream without a file name (stdin)", async () => {
    const jsonl = Readable.from([Buffer.from('{"id":"a","name":"A","country":"US"}\n{"id":"b","name":"B","country":"US"}\n')]);
    expect((await loadBuyers(jsonl)).records).toHaveLength(2);
    const json = Readable.from(['  [{"id":"a","name":"A","country":"US"}]']);
    expect((await loadBuyers(json)).records).toHaveLength(1);
    const csv = Readable.from(["\uFEFFid,name,country\n", "a,A,US\n"]);
    expect((await loadBuyers(csv)).records).toEqual([{ id: "a", name: "A", country: "US" }]);
  });

  it("decodes a multi-byte character split across chunks", async () => {
    const bytes = Buffer.from("id,name,country\na,한국상사,KR\n");
    const chunks = [bytes.subarray(0, 20), bytes.subarray(20)];
    expect((await loadBuyers(Readable.from(chunks), { format: "csv" })).records[0]?.name).toBe("한국상사");
  });

  it("streams 5,000 rows one result at a time, in file order", async () => {
    const path = file("many.csv", buyersCsv(5_000));
    let count = 0;
    let last = "";
    for await (const result of streamBuyers(path)) {
      expect(result.ok).toBe(true);
      if (result.ok) {
        expect(result.record.id > last).toBe(true);
        last = result.record.id;
      }
      count++;
    }
    expect(count).toBe(5_000);
  });

  it("stops reading when the caller stops early", async () => {
    const path = file("early.csv", buyersCsv(5_000));
    const seen: string[] = [];
    for await (const result of streamBuyers(path)) {
      if (result.ok) seen.push(result.record.id);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["buyer-000000", "buyer-000001", "buyer-000002"]);
  });
});
