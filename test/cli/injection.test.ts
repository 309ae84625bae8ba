/**
 * Outputs that cannot attack the reader: the example mission with one exporter renamed
 * `=HYPERLINK("http://x","click")` and its best buyer renamed `@SUM(1+1)*cmd|' /C calc'!A0` (the OWASP
 * CSV-injection payloads of issue 16), written by every writer of the CLI and the library. CSV and
 * xlsx cells get a leading apostrophe and xlsx cells stay text; HTML and calendars escape them.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { Buyer, Company } from "../../src/index.js";
import { csvRecords } from "../../src/io/csv.js";
import { neutralizeCell, recordsToTable, toCsvText, writeWorkbook } from "../../src/io/index.js";
import { agendaToCsv, agendaToICalendar, planMeetings } from "../../src/plan/index.js";
import { ROOT } from "./build.js";
import { runInProcess } from "./inprocess.js";

const EXAMPLE = join(ROOT, "examples", "trade-mission");
const EXPORTER = '=HYPERLINK("http://x","click")';
const BUYER = "@SUM(1+1)*cmd|' /C calc'!A0";
const DANGEROUS = /^[=+\-@\t\r]/;

const directory = mkdtempSync(join(tmpdir(), "buyermatch-injection-"));
const companies = (JSON.parse(readFileSync(join(EXAMPLE, "companies.json"), "utf8")) as Company[]).map((company, index) => (index === 0 ? { ...company, name: EXPORTER } : company));
// mi-jack is the first exporter's best buyer in the example, so both names meet in one row.
const buyers = (JSON.parse(readFileSync(join(EXAMPLE, "buyers.json"), "utf8")) as Buyer[]).map((buyer) => (buyer.id === "mi-jack" ? { ...buyer, name: BUYER } : buyer));
const companiesPath = join(directory, "companies.json");
const buyersPath = join(directory, "buyers.json");
writeFileSync(companiesPath, JSON.stringify(companies));
writeFileSync(buyersPath, JSON.stringify(buyers));
const sessionsPath = join(EXAMPLE, "sessions.csv");
/** The buyers without their availability, for plans over sessions of their own. */
const anyDay = buyers.map(({ availability: _availability, ...buyer }) => buyer);
const inChicago = anyDay.filter((buyer) => buyer.city === "Chicago");

async function cellsOf(csvText: string): Promise<string[]> {
  const cells: string[] = [];
  for await (const record of csvRecords([csvText], ",")) if (record.kind === "cells") cells.push(...record.cells);
  return cells;
}

function expectNeutralCsv(cells: readonly string[]): void {
  expect(cells).toContain(`'${EXPORTER}`);
  for (const cell of cells) if (DANGEROUS.test(cell)) expect(cell).toMatch(/^-?\d/);
}

describe("CSV writers", () => {
  it("neutralizeCell puts an apostrophe before =, +, -, @, tab and carriage return, and nothing else", () => {
    expect(["=1+1", "+1", "-x", "@SUM(1)", "\tx", "\rx", "Hanil", "'quoted", " =x"].map(neutralizeCell)).toEqual(["'=1+1", "'+1", "'-x", "'@SUM(1)", "'\tx", "'\rx", "Hanil", "'quoted", " =x"]);
    expect(toCsvText(["name", "score"], [[EXPORTER, -0.5]])).toBe(`name,score\r\n"'=HYPERLINK(""http://x"",""click"")",-0.5\r\n`);
  });

  it("buyermatch match --format csv writes both names neutralised", async () => {
    const result = await runInProcess(["match", companiesPath, buyersPath, "--top", "3", "--format", "csv"]);
    expect(result.code).toBe(0);
    const cells = await cellsOf(result.stdout);
    expectNeutralCsv(cells);
    expect(cells).toContain(`'${BUYER}`);
  });

  it("buyermatch shortlist and plan --format csv, and the library's agendaToCsv, neutralise too", async () => {
    const shortlist = await runInProcess(["shortlist", companiesPath, buyersPath, "--format", "csv"]);
    expect(shortlist.code).toBe(0);
    expectNeutralCsv(await cellsOf(shortlist.stdout));
    const plan = await runInProcess(["plan", companiesPath, buyersPath, sessionsPath, "--format", "csv"]);
    expect(plan.code).toBe(0);
    expectNeutralCsv(await cellsOf(plan.stdout));
    const agenda = planMeetings({ companies: [{ ...companies[0]!, id: "=cmd|x" }], buyers: anyDay, sessions: [{ id: "@s1", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 45, slots: 2, tables: 2 }], scores: inChicago.slice(0, 2).map((buyer) => ({ companyId: "=cmd|x", buyerId: buyer.id, score: 0.5 })) });
    expect(agenda.meetings.length).toBeGreaterThan(0);
    const cells = await cellsOf(agendaToCsv(agenda));
    expect(cells).toContain("'=cmd|x");
    expect(cells).toContain("'@s1");
    for (const cell of cells) if (DANGEROUS.test(cell)) expect(cell).toMatch(/^-?\d/);
  });

  it("--issues FILE.csv neutralises the values it quotes", async () => {
    const bad = join(directory, "bad-buyers.csv");
    writeFileSync(bad, `id,name,country\n=cmd|' /C calc'!A0,${BUYER},USA\nok,Fine,US\n`);
    const issues = join(directory, "issues.csv");
    const result = await runInProcess(["match", companiesPath, bad, "--issues", issues]);
    expect(result.code).toBe(0);
    const cells = await cellsOf(readFileSync(issues, "utf8"));
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    for (const cell of cells) if (DANGEROUS.test(cell)) expect(cell).toMatch(/^-?\d/);
  });
});

describe("xlsx writers", () => {
  async function expectTextOnly(path: string): Promise<string[]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
          if (typeof cell.value === "string") {
            texts.push(cell.value);
            expect(DANGEROUS.test(cell.value)).toBe(false);
          }
        }),
      ),
    );
    // No formula element anywhere in the sheets' XML either.
    return texts;
  }

  it("buyermatch match/plan/shortlist --format xlsx write the names as text cells with an apostrophe, never formulas", async () => {
    for (const [command, extra] of [
      ["match", []],
      ["shortlist", []],
      ["plan", [sessionsPath]],
    ] as const) {
      const out = join(directory, `${command}.xlsx`);
      const result = await runInProcess([command, companiesPath, buyersPath, ...extra, "--format", "xlsx", "-o", out]);
      expect(result.code).toBe(0);
      const texts = await expectTextOnly(out);
      expect(texts).toContain(`'${EXPORTER}`);
      if (command === "match") expect(texts).toContain(`'${BUYER}`);
    }
  });

  it("writeWorkbook of records neutralises them too", async () => {
    const path = join(directory, "companies.xlsx");
    await writeWorkbook([{ name: "companies", ...recordsToTable("companies", companies) }], path);
    expect(await expectTextOnly(path)).toContain(`'${EXPORTER}`);
  });
});

describe("HTML report and calendars", () => {
  it("the report escapes both names: no markup, no link, the text shown as written", async () => {
    const result = await runInProcess(["report", companiesPath, buyersPath, sessionsPath]);
    expect(result.code).toBe(0);
    const html = result.stdout;
    expect(html).toContain("=HYPERLINK(&quot;http://x&quot;,&quot;click&quot;)");
    expect(html).toContain("@SUM(1+1)*cmd|&#39; /C calc&#39;!A0");
    expect(html).not.toContain(EXPORTER);
    expect(html).not.toContain(BUYER);
    expect(html).not.toMatch(/href="http:\/\/x"/);
  });

  it("the calendar carries ids as escaped text, and no name can break its lines", async () => {
    const agenda = planMeetings({ companies: [{ ...companies[0]!, id: "=cmd|x;y" }], buyers: anyDay, sessions: [{ id: "s1", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 45, slots: 1, tables: 1 }], scores: [{ companyId: "=cmd|x;y", buyerId: inChicago[0]!.id, score: 0.5 }] });
    expect(agenda.meetings).toHaveLength(1);
    const ics = agendaToICalendar(agenda);
    expect(ics).toContain("SUMMARY:=cmd|x\\;y");
    expect(ics.split("\r\n").every((line) => !line.startsWith("=") && !line.startsWith("@"))).toBe(true);
  });
});
