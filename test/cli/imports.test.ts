/**
 * `--imports FILE` (issue 11): the buyers' import records joined to the buyers by id, for match,
 * explain, shortlist, plan and report; bad and unmatched records reported like any loader's (English
 * and Korean); `--as-of` sets the date evidence is judged at; `--weights evidence=...` weighs it.
 * Uses the trade mission's illustrative `imports.csv`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { writeWorkbook } from "../../src/io/index.js";
import { ROOT } from "./build.js";
import { runInProcess } from "./inprocess.js";

const EXAMPLE = join(ROOT, "examples", "trade-mission");
const COMPANIES = join(EXAMPLE, "companies.csv");
const BUYERS = join(EXAMPLE, "buyers.csv");
const SESSIONS = join(EXAMPLE, "sessions.json");
const IMPORTS = join(EXAMPLE, "imports.csv");
const directory = mkdtempSync(join(tmpdir(), "buyermatch-imports-"));
const HANIL = ["--company", "jinju-02-hanil-brake"];
const EVIDENCE = ["--weights", "evidence=0.6", "--as-of", "2026-12"];

const firstBuyer = (json: string): string => (JSON.parse(json) as { matches: { buyerId: string }[] }[])[0]!.matches[0]!.buyerId;

describe("--imports", () => {
  it("joins the records to the buyers: with evidence weighed, Kia Mexico (22 shipments of HS 870830 from KR) ranks first for Hanil Brake Tech", async () => {
    const without = await runInProcess(["match", COMPANIES, BUYERS, ...HANIL, ...EVIDENCE, "--top", "1", "--format", "json"]);
    expect([without.code, firstBuyer(without.stdout)]).toEqual([0, "zf-north-america"]);
    const withImports = await runInProcess(["match", COMPANIES, BUYERS, ...HANIL, ...EVIDENCE, "--imports", IMPORTS, "--top", "1", "--format", "json"]);
    expect([withImports.code, withImports.stderr]).toEqual([0, ""]);
    expect(firstBuyer(withImports.stdout)).toBe("kia-mexico");
    const table = await runInProcess(["match", COMPANIES, BUYERS, ...HANIL, ...EVIDENCE, "--imports", IMPORTS, "--top", "1"]);
    expect(table.stdout).toMatch(/Kia Mexico \(kia-mexico\).*trade evidence \+0\.\d\d/);
  });

  it("explains the evidence in English and Korean", async () => {
    const args = ["explain", COMPANIES, BUYERS, ...HANIL, "--buyer", "kia-mexico", "--imports", IMPORTS, ...EVIDENCE];
    const english = await runInProcess(args);
    expect(english.code).toBe(0);
    expect(english.stdout).toContain("Trade evidence: imported HS 870830 22 times in the last 12 months, 22 from KR, latest 2026-11");
    const korean = await runInProcess([...args, "--locale", "ko"]);
    expect(korean.stdout).toContain("수입 실적: 최근 12개월간 HS 870830 22회 수입, 그중 KR산 22회, 최근 2026-11");
  });

  it("without --as-of every record counts as undated, so the ranking still uses the records but not their dates", async () => {
    const result = await runInProcess(["explain", COMPANIES, BUYERS, ...HANIL, "--buyer", "ford-dearborn", "--imports", IMPORTS, "--weights", "evidence=0.6"]);
    expect(result.code).toBe(0);
    // All of Ford's covered records (6 from CN in 2026-08, 2 from KR in 2021-09), no window.
    expect(result.stdout).toContain("Trade evidence: imported HS 870830 8 times, 2 from KR, latest 2026-08");
  });

  it("lifts the shortlist's buyer demand and says so, in English and Korean", async () => {
    const args = ["shortlist", COMPANIES, BUYERS, "--imports", IMPORTS, "--as-of", "2026-12"];
    const english = await runInProcess(args);
    expect(english.code).toBe(0);
    expect(english.stdout).toMatch(/Trade evidence raised demand: [^\n]*kia-mexico \d\.\d\d → \d\.\d\d \(imported HS 870830 22 times in the last 12 months, 22 from KR\)/);
    const korean = await runInProcess([...args, "--locale", "ko"]);
    expect(korean.stdout).toMatch(/수입 실적으로 높인 수요: [^\n]*Kia Mexico \(kia-mexico\) \d\.\d\d → \d\.\d\d \(최근 12개월간 HS 870830 22회 수입, 그중 KR산 22회, 최근 2026-11\)/);
    const plain = await runInProcess(["shortlist", COMPANIES, BUYERS]);
    expect(plain.stdout).not.toContain("Trade evidence");
  });

  it("plans and reports with the joined records", async () => {
    const plan = await runInProcess(["plan", COMPANIES, BUYERS, SESSIONS, "--imports", IMPORTS, ...EVIDENCE, "--format", "json"]);
    expect([plan.code, plan.stderr]).toEqual([0, ""]);
    const hanilMeetings = (JSON.parse(plan.stdout) as { meetings: { companyId: string; buyerId: string }[] }).meetings.filter((meeting) => meeting.companyId === "jinju-02-hanil-brake").map((meeting) => meeting.buyerId);
    expect(hanilMeetings).toContain("kia-mexico");
    const out = join(directory, "mission.html");
    const report = await runInProcess(["report", COMPANIES, BUYERS, "--imports", IMPORTS, ...EVIDENCE, ...HANIL, "--top", "1", "-o", out]);
    expect(report.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("Kia Mexico");
  });

  it("reads an .xlsx imports file as it reads a CSV one", async () => {
    const xlsx = join(directory, "imports.xlsx");
    const [header, ...rows] = readFileSync(IMPORTS, "utf8").trim().split("\n").map((line) => line.split(","));
    await writeWorkbook([{ name: "imports", header: header!, rows: rows.map((row) => row.map((cell, index) => (index === 3 || index === 4 ? Number(cell) : cell))) }], xlsx);
    const result = await runInProcess(["match", COMPANIES, BUYERS, ...HANIL, ...EVIDENCE, "--imports", xlsx, "--top", "1", "--format", "json"]);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(firstBuyer(result.stdout)).toBe("kia-mexico");
  });

  it("reads a UTF-16 imports file (detected by its byte-order mark) and a CP949 one (detected), as the other inputs", async () => {
    const text = readFileSync(IMPORTS, "utf8");
    const utf16 = join(directory, "imports-utf16.csv");
    writeFileSync(utf16, iconv.encode(text, "utf16le", { addBOM: true }));
    const cp949 = join(directory, "imports-cp949.csv");
    // A note column in Korean makes the encoding matter (it is not a column buyermatch reads: a warning).
    writeFileSync(cp949, iconv.encode(text.replace(/\n/g, ",수입\n").replace("lastDate,수입", "lastDate,비고"), "cp949"));
    for (const file of [utf16, cp949]) {
      const result = await runInProcess(["match", COMPANIES, BUYERS, ...HANIL, ...EVIDENCE, "--imports", file, "--top", "1", "--format", "json"]);
      expect(result.code, file).toBe(0);
      expect(firstBuyer(result.stdout)).toBe("kia-mexico");
    }
  });

  it("reports a record for an unknown buyer and a bad record with their rows, in English and Korean, and goes on", async () => {
    const file = join(directory, "some-bad.csv");
    writeFileSync(file, "buyerId,hs,origin,shipments,value,lastDate\nkia-mexico,8708.30,KR,22,3400000,2026-11\nkia-georgia,8708.30,KR,5,,2026-10\ngm-detroit,8708.30,KR,3,,2026-02-30\n");
    const args = ["match", COMPANIES, BUYERS, ...HANIL, ...EVIDENCE, "--imports", file, "--top", "1", "--format", "json"];
    const english = await runInProcess(args);
    expect(english.code).toBe(0);
    expect(firstBuyer(english.stdout)).toBe("kia-mexico");
    // Rows are numbered as the file's lines (the header is row 1). A day that is not a calendar day
    // drops the date, not the record (a warning).
    expect(english.stderr).toContain("some-bad.csv: 3 rows, 2 loaded, 1 dropped; 1 error, 1 warning:");
    expect(english.stderr).toContain('error: row 3 (id kia-georgia), column buyerId: no buyer has the id "kia-georgia"; the record is dropped');
    expect(english.stderr).toContain('warning: row 4, column lastDate: "2026-02-30" is not a calendar day; the value was dropped, the row is kept');
    const korean = await runInProcess([...args, "--locale", "ko"]);
    expect(korean.stderr).toContain('오류: 3행 (id kia-georgia), buyerId 열: id가 "kia-georgia"인 바이어가 없습니다; 이 기록은 버립니다');
    const issues = join(directory, "issues.csv");
    await runInProcess([...args, "--issues", issues]);
    expect(readFileSync(issues, "utf8")).toMatch(/some-bad\.csv,error,3,kia-georgia,buyerId,unknown_reference,/);
  });

  it("fails with exit code 1 when no record names a buyer, when the file has no records, and with --strict at the first bad record", async () => {
    const file = join(directory, "all-bad.csv");
    writeFileSync(file, "buyerId,hs,origin,shipments,value,lastDate\nnobody,8708.30,KR,1,,2026-11\n");
    const english = await runInProcess(["match", COMPANIES, BUYERS, "--imports", file]);
    expect(english.code).toBe(1);
    expect(english.stderr).toContain('error: row 2 (id nobody), column buyerId: no buyer has the id "nobody"; the record is dropped');
    const korean = await runInProcess(["match", COMPANIES, BUYERS, "--imports", file, "--locale", "ko"]);
    expect(korean.code).toBe(1);
    expect(korean.stderr).toContain('id가 "nobody"인 바이어가 없습니다');
    const empty = join(directory, "empty.csv");
    writeFileSync(empty, "buyerId,hs,origin,shipments,value,lastDate\n");
    const none = await runInProcess(["match", COMPANIES, BUYERS, "--imports", empty]);
    expect([none.code, none.stderr]).toEqual([1, `buyermatch: bad input:\n  ${empty}: no valid imports to work with\n`]);
    expect((await runInProcess(["match", COMPANIES, BUYERS, "--imports", empty, "--locale", "ko"])).stderr).toContain("사용할 수 있는 수입 기록 데이터가 없습니다");
    const mixed = join(directory, "mixed.csv");
    writeFileSync(mixed, "buyerId,hs,origin,shipments,value,lastDate\nkia-mexico,8708.30,KR,22,,2026-11\nkia-mexico,,KR,1,,2026-11\n");
    const strict = await runInProcess(["match", COMPANIES, BUYERS, "--imports", mixed, "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("mixed.csv: row 3, column hs: is empty, but a value is required");
    const unknownStrict = await runInProcess(["match", COMPANIES, BUYERS, "--imports", file, "--strict"]);
    expect(unknownStrict.code).toBe(1);
    expect(unknownStrict.stderr).toContain('all-bad.csv: row 2 (id nobody), column buyerId: no buyer has the id "nobody"; the record is dropped');
  });

  it("checks the flags: --imports and --as-of are not for schedule (exit 2), a bad --as-of is bad input with its path (exit 1)", async () => {
    const schedule = await runInProcess(["schedule", "m.csv", "s.csv", "--imports", IMPORTS]);
    expect(schedule.code).toBe(2);
    const date = await runInProcess(["match", COMPANIES, BUYERS, "--imports", IMPORTS, "--as-of", "2026-13"]);
    expect(date.code).toBe(1);
    expect(date.stderr).toMatch(/criteria\.evidence\.asOf/);
    const missing = await runInProcess(["match", COMPANIES, BUYERS, "--imports", join(directory, "no-such.csv")]);
    expect(missing.code).toBe(1);
  });

  it("documents the flags in the help text", async () => {
    const help = await runInProcess(["--help"]);
    expect(help.stdout).toContain("--imports FILE");
    expect(help.stdout).toContain("--as-of DATE");
    expect(help.stdout).toContain("evidence, relationship");
  });
});
