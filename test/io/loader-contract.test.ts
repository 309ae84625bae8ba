/**
 * The loader rows of issue 13's table, each as a regression test, and the loader properties: a file
 * fed in random chunk sizes reads exactly as the whole file, and for random files with random
 * corruption rows in = loaded + dropped, with an issue for every dropped row and every dropped value.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BuyerMatchError } from "../../src/index.js";
import { issuesToTable, loadBuyers, loadCompanies, loadSessions, neutralizeCell, recordsToTable, toCsvText, writeWorkbook, type LoadResult } from "../../src/io/index.js";
import type { Buyer } from "../../src/index.js";

const directory = mkdtempSync(join(tmpdir(), "buyermatch-contract-"));
function file(name: string, text: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** A stream of the text cut at the given sizes (cycled), as bytes. */
async function* chunked(text: string, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  let at = 0;
  let index = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[index++ % sizes.length]!);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

describe("issue 13: loader arguments fail cleanly", () => {
  it.each([
    ["null", null],
    ["a number", 42],
    ["an object", {}],
    ["an array", ["a.csv"]],
    ["an empty path", ""],
  ])("loadCompanies(%s) is a BuyerMatchError, not a TypeError", async (_label, source) => {
    const error = await loadCompanies(source as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuyerMatchError);
    expect((error as BuyerMatchError).issues[0]).toMatchObject({ code: "invalid_input", path: ["source"] });
  });

  it("a missing file is a BuyerMatchError naming it, not a raw ENOENT", async () => {
    const path = join(directory, "nowhere.csv");
    const error = await loadCompanies(path).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuyerMatchError);
    expect((error as BuyerMatchError).issues[0]!.message).toBe(`${path}: no such file`);
  });

  it("bad options are listed together", async () => {
    const error = await loadBuyers(file("ok.csv", "id,name,country\na,A,US\n"), { format: "xls", delimiter: ";;", encoding: "latin-9", colour: "red" } as never).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuyerMatchError);
    expect((error as BuyerMatchError).issues.map((issue) => issue.path.join(".")).sort()).toEqual(["options", "options.delimiter", "options.encoding", "options.format"]);
  });
});

describe("issue 13: loader rows", () => {
  it('a CSV column named "constructor" (or "__proto__", "toString") is an ignored column, not a reason to reject every row', async () => {
    const text = "id,name,country,constructor,__proto__,toString,readiness___proto__\nc1,Hanil Brake,KR,x,y,z,\nc2,Daesung Hydraulics,KR,1,2,3,\n";
    const result = await loadCompanies(file("constructor.csv", text));
    expect(result.records.map((company) => company.id)).toEqual(["c1", "c2"]);
    expect(result.ignoredColumns).toEqual(["constructor", "__proto__", "toString"]);
    expect(result.issues.every((issue) => issue.severity === "warning")).toBe(true);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("an unclosed quote in row 2: every row is accounted for, in file order (4 in, 3 loaded, 1 issue)", async () => {
    const text = 'id,name,country\na,"Alpha,US\nb,Beta,US\nc,Gamma,KR\nd,Delta,KR\n';
    const result = await loadBuyers(file("unclosed.csv", text));
    expect(result.rows).toBe(4);
    expect(result.records.map((buyer) => buyer.id)).toEqual(["b", "c", "d"]);
    expect(result.issues).toEqual([{ row: 2, column: "", code: "invalid_row", severity: "error", message: 'has a quote (") that is never closed; the row is dropped and reading goes on with the next line', reason: { code: "unclosed_quote" } }]);
  });

  it("JSONL with CR-only line ends reads one record per line", async () => {
    const text = ['{"id":"a","name":"A","country":"US"}', '{"id":"b","name":"B","country":"US"}', '{"id":"c","name":"C","country":"XX"}'].join("\r");
    const result = await loadBuyers(file("cr.jsonl", text));
    expect(result.rows).toBe(3);
    expect(result.records.map((buyer) => buyer.id)).toEqual(["a", "b"]);
    expect(result.issues).toMatchObject([{ row: 3, column: "country" }]);
  });

  it("a CSV with CR-only line ends (old Mac Excel) reads one row per line", async () => {
    const result = await loadBuyers(file("cr.csv", "id,name,country\ra,A,US\rb,B,KR\r"));
    expect(result.records.map((buyer) => buyer.id)).toEqual(["a", "b"]);
  });

  it("a ;-separated CSV streamed in 1-byte chunks settles its separator from the whole header", async () => {
    const text = "id;name;country;lat;lon\na;Alpha;US;42,3;-83,0\nb;Beta;KR;35,1;128,1\n";
    const result = await loadBuyers(chunked(text, [1]));
    expect(result.issues).toEqual([]);
    expect(result.records).toEqual([
      { id: "a", name: "Alpha", country: "US", location: { lat: 42.3, lon: -83 } },
      { id: "b", name: "Beta", country: "KR", location: { lat: 35.1, lon: 128.1 } },
    ]);
  });

  it("JSON whose first chunks are white space is read as JSON, not CSV", async () => {
    const text = `${" ".repeat(5000)}\n\n[{"id":"s1","city":"Chicago","date":"2027-05-10","start":"09:00","slotMinutes":45,"slots":8,"tables":8}]`;
    const result = await loadSessions(chunked(text, [3, 1000]));
    expect(result.issues).toEqual([]);
    expect(result.records).toHaveLength(1);
  });
});

// Random files: rows of buyers with some cells broken in known ways, written as CSV or JSONL.
const goodRow = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
  name: fc.constantFrom("General Motors", "Ford Motor Company", "Caterpillar Inc.", "Deere & Company", "한일브레이크", 'ZF "North" America'),
  country: fc.constantFrom("US", "KR", "MX", "DE"),
  tier: fc.constantFrom("", "oem", "tier1", "distributor"),
  capacity: fc.constantFrom("", "1", "4"),
  hs: fc.constantFrom("", "870830", "8708.30", "841360"),
  naics: fc.constantFrom("", "336340", "333120"),
});
type GoodRow = typeof goodRow extends fc.Arbitrary<infer T> ? T : never;
/** What may go wrong in a row: nothing, a required field (drops the row), an optional value (drops the value), the row's shape. */
const corruption = fc.constantFrom("none", "none", "none", "country", "name", "tier", "capacity", "hs", "naics", "quote", "extra", "truncate", "blank");
type Corruption = typeof corruption extends fc.Arbitrary<infer T> ? T : never;

function cell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvLine(row: GoodRow, index: number, broken: Corruption): string {
  const cells = [`${row.id}-${index}`, row.name, row.country, row.tier, row.capacity, row.hs === "" && row.naics === "" ? "" : "Brake parts", row.hs, row.naics];
  if (broken === "country") cells[2] = "USA";
  if (broken === "name") cells[1] = "";
  if (broken === "tier") cells[3] = "oemm";
  if (broken === "capacity") cells[4] = "four";
  if (broken === "hs") [cells[5], cells[6]] = ["Brake parts", "87A830"];
  if (broken === "naics") [cells[5], cells[7]] = ["Brake parts", "910001"];
  if (broken === "extra") cells.push("x", "y");
  if (broken === "truncate") cells.length = 3;
  if (broken === "blank") return "";
  const line = cells.map(cell).join(",");
  // A stray quote opening a cell that never closes: the row is lost, the next lines still read.
  return broken === "quote" ? line.replace(/,/, ',"') : line;
}

// A stray quote closes at the next quote in the file, merging lines into one record as a spreadsheet
// would; only one left open to the end of the file is the loaders' to recover, so it goes last.
const files = fc
  .array(fc.tuple(goodRow, corruption), { minLength: 1, maxLength: 40 })
  .map((rows) => rows.map(([row, broken], index): [GoodRow, Corruption] => [row, broken === "quote" && index !== rows.length - 1 ? "none" : broken]));
const HEADER = "id,name,country,tier,meetingCapacity,need1_name,need1_hs,need1_naics";

function expectAccounted(result: LoadResult<Buyer>, lines: readonly string[]): void {
  const rowLines = lines.filter((line) => line !== "");
  expect(result.rows).toBe(rowLines.length);
  expect(result.loaded + result.dropped).toBe(result.rows);
  const errorRows = new Set(result.issues.filter((issue) => issue.severity === "error" && issue.row > 1).map((issue) => issue.row));
  expect(errorRows.size).toBe(result.dropped);
}

describe("loader properties", () => {
  test.prop([files, fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 })], { seed: 1613, numRuns: 60 })(
    "a CSV file fed in random chunk sizes reads exactly as the whole file",
    async (rows, sizes) => {
      const text = [HEADER, ...rows.map(([row, broken], index) => csvLine(row, index, broken))].join("\n") + "\n";
      const whole = await loadBuyers(file("whole.csv", text));
      const streamed = await loadBuyers(chunked(text, sizes), { format: "csv" });
      expect(streamed).toEqual(whole);
    },
  );

  test.prop([files, fc.array(fc.integer({ min: 1, max: 61 }), { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n", "\r")], { seed: 1614, numRuns: 60 })(
    "a JSONL file fed in random chunk sizes reads exactly as the whole file, whatever its line ends",
    async (rows, sizes, lineEnd) => {
      const text = rows.map(([row, broken], index) => (broken === "quote" ? "{not json" : JSON.stringify({ id: `${row.id}-${index}`, name: row.name, country: broken === "country" ? "USA" : row.country }))).join(lineEnd);
      const whole = await loadBuyers(file("whole.jsonl", text));
      const streamed = await loadBuyers(chunked(text, sizes), { format: "jsonl" });
      expect(streamed).toEqual(whole);
      expect(whole.rows).toBe(rows.length);
    },
  );

  test.prop([files], { seed: 1615, numRuns: 80 })("rows in = loaded + dropped, and every dropped row and every dropped value has an issue", async (rows) => {
    const lines = rows.map(([row, broken], index) => csvLine(row, index, broken));
    const result = await loadBuyers(file("corrupt.csv", [HEADER, ...lines].join("\n") + "\n"));
    expectAccounted(result, lines);
    const loadedIds = new Set(result.records.map((buyer) => buyer.id));
    rows.forEach(([, broken], index) => {
      const id = `${rows[index]![0].id}-${index}`;
      const rowIssues = result.issues.filter((issue) => issue.id === id);
      if (broken === "country" || broken === "name" || broken === "extra") {
        expect(loadedIds.has(id)).toBe(false);
        expect(rowIssues.some((issue) => issue.severity === "error")).toBe(true);
      }
      if ((broken === "tier" || broken === "capacity" || broken === "hs" || broken === "naics" || broken === "truncate") && !result.issues.some((issue) => issue.id === id && issue.code === "duplicate_id")) {
        expect(loadedIds.has(id)).toBe(true);
        expect(rowIssues.some((issue) => issue.severity === "warning")).toBe(true);
      }
    });
    // A dropped value is gone from the record, not kept in some other form.
    for (const buyer of result.records) {
      expect(buyer.tier === undefined || buyer.tier !== ("oemm" as never)).toBe(true);
      for (const need of buyer.needs ?? []) expect([need.hs, need.naics]).not.toContain("87A830");
    }
  });
});

describe("the io writers fail cleanly", () => {
  it.each([
    ["toCsvText(null, [])", () => toCsvText(null as never, [])],
    ["toCsvText([], [[{}]])", () => toCsvText([], [[{} as never]])],
    ["toCsvText(['a'], [], ';;')", () => toCsvText(["a"], [], ";;")],
    ["neutralizeCell(42)", () => neutralizeCell(42 as never)],
    ["recordsToTable('people', [])", () => recordsToTable("people" as never, [])],
    ["recordsToTable('buyers', [null])", () => recordsToTable("buyers", [null as never])],
    ["issuesToTable([{}], 'f')", () => issuesToTable([{} as never], "f")],
  ])("%s is a BuyerMatchError", (_label, call) => {
    expect(call).toThrow(BuyerMatchError);
  });

  it("writeWorkbook([]) and writeWorkbook with a bad row are BuyerMatchErrors", async () => {
    await expect(writeWorkbook([])).rejects.toBeInstanceOf(BuyerMatchError);
    await expect(writeWorkbook([{ name: "s", header: ["a"], rows: [[Symbol("x") as never]] }])).rejects.toBeInstanceOf(BuyerMatchError);
  });
});
