/**
 * The ten kinds of file from issue 16 ("spreadsheets as agencies have them"), each made here from the
 * example mission's real buyers and exporters (examples/trade-mission: S&P 500 and Korean automotive
 * and machinery companies), with the rows loaded, the rows and values dropped, and the exact warning.
 * Excel workbooks are made with exceljs (the package the loaders read them with) and CP949 files with
 * iconv-lite, an encoder independent of the decoder under test (TextDecoder).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { formatRowIssue, loadBuyers, loadCompanies, loadOutcomes, loadSessions } from "../../src/io/index.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/trade-mission/", import.meta.url));
const BUYERS_CSV = readFileSync(join(EXAMPLES, "buyers.csv"), "utf8");
const COMPANIES_CSV = readFileSync(join(EXAMPLES, "companies.csv"), "utf8");
const directory = mkdtempSync(join(tmpdir(), "buyermatch-agency-"));
function file(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

/** The example CSV as rows of cells (it is RFC 4180 with quoted codes and no line breaks in cells). */
function rowsOf(text: string): string[][] {
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const cells: string[] = [];
      let cell = "";
      let quoted = false;
      for (const character of line) {
        if (character === '"') quoted = !quoted;
        else if (character === "," && !quoted) {
          cells.push(cell);
          cell = "";
        } else cell += character;
      }
      cells.push(cell);
      return cells;
    });
}
const BUYER_ROWS = rowsOf(BUYERS_CSV);
const HEADER = BUYER_ROWS[0]!;
const column = (name: string): number => HEADER.indexOf(name);
function csvOf(rows: readonly (readonly string[])[], delimiter = ","): string {
  return rows.map((row) => row.map((cell) => (/[",;\n\t]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter)).join("\r\n") + "\r\n";
}

describe("1. a CSV saved by Korean Excel (CP949 / EUC-KR)", () => {
  it("is detected and gives the same records as its UTF-8 twin, Korean names intact", async () => {
    const twin = await loadCompanies(file("companies-utf8.csv", COMPANIES_CSV));
    const cp949 = await loadCompanies(file("companies-cp949.csv", iconv.encode(COMPANIES_CSV, "cp949")));
    expect(twin.issues).toEqual([]);
    expect(cp949.issues).toEqual([]);
    expect(cp949.records).toEqual(twin.records);
    expect(cp949.records[0]?.products?.[0]?.name).toBe("유압 실린더");
  });

  it("names the first bad line of a file that is valid in no encoding, and loads nothing", async () => {
    const bytes = Buffer.concat([Buffer.from("id,name,country\nc1,Alpha,KR\n"), Buffer.from([0x63, 0x32, 0x2c, 0xff, 0xff, 0x2c, 0x4b, 0x52, 0x0a])]);
    const error = await loadCompanies(file("broken-bytes.csv", bytes)).catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ name: "BuyerMatchError" });
    expect((error as Error & { issues: { message: string }[] }).issues[0]!.message).toMatch(/line 3 is not valid UTF-8 .*nothing was loaded.*--encoding cp949/);
  });

  it("reads the file as asked, and a CP949 file read as UTF-8 is an error at its first Korean line, not mojibake", async () => {
    const path = file("companies-cp949-asked.csv", iconv.encode(COMPANIES_CSV, "cp949"));
    expect((await loadCompanies(path, { encoding: "euc-kr" })).records).toHaveLength(11);
    const error = await loadCompanies(path, { encoding: "utf-8" }).catch((caught: unknown) => caught as Error & { issues: { message: string }[] });
    expect(error.issues[0]!.message).toMatch(/^.*companies-cp949-asked\.csv line 2 is not valid UTF-8 \(the encoding asked for\)/);
  });

  it("reads UTF-16 with a byte-order mark (Excel's Unicode text, tab-separated)", async () => {
    const tabbed = rowsOf(COMPANIES_CSV).map((row) => row.join("\t")).join("\r\n");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, "utf16le")]);
    const result = await loadCompanies(file("companies-unicode.txt", bytes));
    expect(result.issues).toEqual([]);
    expect(result.records).toEqual((await loadCompanies(file("companies-twin.csv", COMPANIES_CSV))).records);
  });
});

describe("2. a ;-separated CSV with decimal commas (44,902691)", () => {
  it("loads every row, the decimal commas read as decimals", async () => {
    const rows = BUYER_ROWS.map((row, index) => (index === 0 ? row : row.map((cell, at) => (at === column("lat") || at === column("lon") ? cell.replace(".", ",") : cell))));
    const result = await loadBuyers(file("buyers-semicolon.csv", csvOf(rows, ";")));
    expect(result.rows).toBe(90);
    expect(result.loaded).toBe(90);
    expect(result.issues).toEqual([]);
    expect(result.records[0]?.location).toEqual({ lat: 42.347429, lon: -83.060398 });
  });

  it("stops with one sentence on the cause when most rows of a ,-file hold decimal commas", async () => {
    const rows = BUYER_ROWS.map((row, index) => (index === 0 ? row : row.map((cell, at) => (at === column("lat") ? `"${cell.replace(".", ",")}"` : cell))));
    const text = rows.map((row) => row.map((cell) => (cell.startsWith('"') ? cell : /[,]/.test(cell) ? `"${cell}"` : cell)).join(",")).join("\n");
    const result = await loadBuyers(file("buyers-comma-decimal.csv", text));
    // Latitude is optional, so each row keeps loading without it; the warning says why.
    expect(result.loaded).toBe(90);
    expect(result.issues[0]?.message).toBe('"42,347429" is not a number (a decimal comma in a file separated by ","? write 42.347429); the value was dropped, the row is kept');
    // Unquoted decimal commas split cells: most rows fail, and the diagnosis names the cause.
    const located = BUYER_ROWS.filter((row, index) => index === 0 || row[column("lat")] !== "");
    const unquoted = located.map((row, index) => (index === 0 ? row.join(",") : row.map((cell, at) => (at === column("lat") || at === column("lon") ? cell.replace(".", ",") : /[,;]/.test(cell) ? `"${cell}"` : cell)).join(","))).join("\n");
    const failed = await loadBuyers(file("buyers-comma-split.csv", unquoted));
    expect(located.length - 1).toBe(80);
    expect(failed.dropped).toBe(80);
    expect(failed.diagnosis).toBe('80 of 80 rows were dropped: most hold numbers with a decimal comma (44,9) in a file separated by commas; save the file with ";" as the separator, or write the numbers with decimal points.');
    expect(formatRowIssue(failed.issues[0]!)).toBe(`row 2 (id gm-detroit): has ${HEADER.length + 2} cells but the header has ${HEADER.length} columns (a value holding the separator needs "quotes"; "42,347429" looks like a number with a decimal comma, which a comma-separated file splits in two)`);
  });
});

describe("3. misspelt headers and JSON keys", () => {
  it("warns at each misspelt column with the field it probably meant, and loads the rows", async () => {
    const rows = BUYER_ROWS.map((row) => [...row]);
    rows[0]![column("requiredCertifications")] = "requiredCertificates";
    rows[0]![column("meetingCapacity")] = "meeting_capcity";
    const result = await loadBuyers(file("buyers-misspelt.csv", csvOf(rows)));
    expect(result.loaded).toBe(90);
    expect(result.issues.map((issue) => formatRowIssue(issue))).toEqual([
      "row 1, column requiredCertificates: is not a column buyermatch reads; did you mean requiredCertifications? Its cells are ignored",
      "row 1, column meeting_capcity: is not a column buyermatch reads; did you mean meetingCapacity? Its cells are ignored",
    ]);
    expect(result.issues.every((issue) => issue.severity === "warning" && issue.code === "unknown_field")).toBe(true);
  });

  it("warns once per misspelt JSON key, at the first record that has it, with its id", async () => {
    const json = JSON.stringify([
      { id: "gm-detroit", name: "General Motors", country: "US", requiredCertificates: ["IATF 16949"], needs: [{ name: "Brake components", hsCode: "870830" }] },
      { id: "ford-dearborn", name: "Ford Motor Company", country: "US", requiredCertificates: ["IATF 16949"] },
    ]);
    const result = await loadBuyers(file("buyers-misspelt.json", json));
    expect(result.loaded).toBe(2);
    expect(result.issues.map((issue) => formatRowIssue(issue))).toEqual([
      "row 1 (id gm-detroit), column requiredCertificates: is not a field buyermatch reads; did you mean requiredCertifications? It is ignored (reported once, at the first row that has it)",
      "row 1 (id gm-detroit), column needs[].hsCode: is not a field buyermatch reads; did you mean hs? It is ignored (reported once, at the first row that has it)",
    ]);
  });
});

describe("4. a truncated row (5 of the cells)", () => {
  it("loads the row and warns that it looks cut short, naming the columns read as empty", async () => {
    const rows = BUYER_ROWS.slice(0, 4).map((row) => [...row]);
    rows[2] = rows[2]!.slice(0, 5);
    const result = await loadBuyers(file("buyers-truncated.csv", csvOf(rows)));
    expect(result.loaded).toBe(3);
    expect(result.issues).toEqual([
      { row: 3, column: "", code: "invalid_row", severity: "warning", id: "ford-dearborn", message: `has 5 of ${HEADER.length} cells: it looks cut short, so columns lat to ${HEADER.at(-1)!} are read as empty`, reason: { code: "cut_short", cells: 5, columns: HEADER.length, first: "lat", last: HEADER.at(-1)! } },
    ]);
  });
});

describe("5. a malformed code inside a products cell", () => {
  it("reports the code and keeps the product by its name", async () => {
    const text = "id,name,country,products\njinju-02-hanil-brake,Hanil Brake Tech Co.,KR,Brake pads (HS 87A830); Brake disc rotors (HS 870830)\n";
    const result = await loadCompanies(file("products-cell.csv", text));
    expect(result.records[0]?.products).toEqual([{ name: "Brake pads" }, { name: "Brake disc rotors", hs: "870830" }]);
    expect(result.issues.map((issue) => [issue.severity, formatRowIssue(issue)])).toEqual([
      ["warning", 'row 2 (id jinju-02-hanil-brake), column products: "87A830" is not an HS code of a known chapter (2, 4 or 6 digits, or an 8- or 10-digit national tariff line); the code was dropped and product 1 ("Brake pads") kept, the row is kept'],
    ]);
  });
});

describe("6. one bad secondary need among several", () => {
  it("keeps NAICS 910000: it is in the HS–NAICS concordance and accepted since the codes work (issue 10)", async () => {
    const rows = BUYER_ROWS.slice(0, 2).map((row) => [...row]);
    rows[1]![column("need3_naics")] = "910000";
    const result = await loadBuyers(file("buyers-910000.csv", csvOf(rows)));
    expect(result.loaded).toBe(1);
    expect(result.issues).toEqual([]);
    expect(result.records[0]?.needs?.[2]?.naics).toBe("910000");
  });

  it("drops that code with a warning and keeps the buyer and its other needs", async () => {
    const rows = BUYER_ROWS.slice(0, 2).map((row) => [...row]);
    rows[1]![column("need3_naics")] = "910001";
    const result = await loadBuyers(file("buyers-bad-need.csv", csvOf(rows)));
    expect(result.loaded).toBe(1);
    expect(result.records[0]?.needs).toHaveLength(4);
    expect(result.records[0]?.needs?.[2]).toEqual({ name: "Telematics control modules", hs: "851762", keywords: ["telematics"] });
    expect(result.issues.map((issue) => formatRowIssue(issue))).toEqual([
      'row 2 (id gm-detroit), column need3_naics: "910001" is not a 2- to 6-digit NAICS code of a known sector (NAICS 2012, 2017 or 2022); the code was dropped and need 3 ("Telematics control modules") kept, the row is kept',
    ]);
  });
});

describe("7. a code Excel stripped of its leading zero (0203 → 203)", () => {
  it("says the leading zero was probably lost", async () => {
    const text = "id,name,country,need1_name,need1_hs\nsmithfield,Smithfield Foods,US,Frozen pork cuts,203\n";
    const result = await loadBuyers(file("buyers-zero.csv", text));
    expect(result.loaded).toBe(1);
    expect(formatRowIssue(result.issues[0]!)).toBe(
      'row 2 (id smithfield), column need1_hs: "203" has 3 digits: it looks like HS 0203 with its leading zero lost (spreadsheets drop it); write the code as text, "0203"; the code was dropped and need 1 ("Frozen pork cuts") kept, the row is kept',
    );
  });
});

describe("8. a large file with 79 bad rows", () => {
  it("reports all 79, each by row and id, with rows in = loaded + dropped", async () => {
    const rows = [HEADER];
    for (let index = 0; index < 5000; index++) {
      const source = BUYER_ROWS[1 + (index % 90)]!;
      const row = [...source];
      row[0] = `${source[0]}-${index}`;
      if (index % 63 === 5 && index < 63 * 79) row[column("country")] = "USA";
      rows.push(row);
    }
    const result = await loadBuyers(file("buyers-large.csv", csvOf(rows)));
    expect(result.rows).toBe(5000);
    expect(result.dropped).toBe(79);
    expect(result.loaded + result.dropped).toBe(result.rows);
    expect(result.issues).toHaveLength(79);
    expect(result.issues[78]).toMatchObject({ row: 2 + 4919, id: `${BUYER_ROWS[1 + (4919 % 90)]![0]}-4919`, column: "country", severity: "error" });
  });
});

describe("9. an error row after multi-line cells", () => {
  it("carries the row number the spreadsheet shows and the record's id", async () => {
    const rows = BUYER_ROWS.slice(0, 10).map((row) => [...row]);
    // Four cells holding line breaks (addresses pasted into names) before the bad row.
    for (const index of [1, 2, 3, 5]) rows[index]![column("name")] = `${rows[index]![column("name")]}\nAttn: purchasing`;
    rows[9]![column("country")] = "XX";
    const result = await loadBuyers(file("buyers-multiline.csv", csvOf(rows)));
    expect(result.issues).toMatchObject([{ row: 10, id: rows[9]![0], column: "country", severity: "error" }]);
  });

  it("reads the same rows, numbered the same, from an Excel workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Buyers");
    const rows = BUYER_ROWS.slice(0, 10).map((row) => [...row]);
    rows[2]![column("name")] = "General Motors\nAttn: purchasing";
    rows[9]![column("country")] = "XX";
    for (const row of rows) sheet.addRow(row);
    const path = join(directory, "buyers-multiline.xlsx");
    await workbook.xlsx.writeFile(path);
    const result = await loadBuyers(path);
    expect(result.loaded).toBe(8);
    expect(result.issues).toMatchObject([{ row: 10, id: rows[9]![0], column: "country", severity: "error" }]);
  });
});

describe("10. unknown columns", () => {
  it("are listed as warnings, one per column, and in ignoredColumns", async () => {
    const rows = BUYER_ROWS.slice(0, 3).map((row, index) => [...row, index === 0 ? "Contact person" : "J. Doe"]);
    const result = await loadBuyers(file("buyers-unknown.csv", csvOf(rows)));
    expect(result.ignoredColumns).toEqual(["Contact person"]);
    expect(result.issues).toEqual([{ row: 1, column: "Contact person", code: "unknown_field", severity: "warning", message: "is not a column buyermatch reads; its cells are ignored", reason: { code: "unknown_column" } }]);
  });
});

describe("sessions and outcomes from workbooks, as Excel types them", () => {
  it("reads date cells as YYYY-MM-DD and time cells as HH:MM", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sessions");
    sheet.addRow(["id", "city", "date", "start", "slotMinutes", "slots", "tables"]);
    const row = sheet.addRow(["chicago-2027-05-10", "Chicago", new Date(Date.UTC(2027, 4, 10)), 0.375, 45, 8, 8]);
    row.getCell(3).numFmt = "yyyy-mm-dd";
    row.getCell(4).numFmt = "hh:mm";
    const path = join(directory, "sessions.xlsx");
    await workbook.xlsx.writeFile(path);
    const result = await loadSessions(path);
    expect(result.issues).toEqual([]);
    expect(result.records).toEqual([{ id: "chicago-2027-05-10", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 45, slots: 8, tables: 8 }]);
  });

  it("reads outcomes from the sheet named with --sheet, numbers as numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRow(["follow-up calls, May 2027"]);
    const sheet = workbook.addWorksheet("Outcomes");
    sheet.addRow(["companyId", "buyerId", "stage", "value"]);
    sheet.addRow(["jinju-02-hanil-brake", "zf-north-america", "quote", 125000]);
    const path = join(directory, "outcomes.xlsx");
    await workbook.xlsx.writeFile(path);
    const result = await loadOutcomes(path, { sheet: "outcomes" });
    expect(result.records).toEqual([{ companyId: "jinju-02-hanil-brake", buyerId: "zf-north-america", stage: "quote", value: 125000 }]);
  });
});
