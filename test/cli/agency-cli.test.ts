/**
 * The command line tried as a new user would (issue 16, parts 5 and 6): issue counts per severity and
 * the first issues on stderr, `--issues FILE` with all of them, a stop with one sentence when most
 * rows fail, workbooks and Korean encodings in, `| head` without a stack trace, rounded scores,
 * aligned Korean tables, the shortlist's whole reason, and every README command run as written.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { displayWidth } from "../../src/cli/text.js";
import { csvRecords } from "../../src/io/csv.js";
import { CLI, ROOT, ensureBuilt } from "./build.js";
import { runInProcess } from "./inprocess.js";

const EXAMPLE = join(ROOT, "examples", "trade-mission");
const COMPANIES = join(EXAMPLE, "companies.csv");
const BUYERS = join(EXAMPLE, "buyers.csv");
const BUYERS_TEXT = readFileSync(BUYERS, "utf8");
const [HEADER_LINE, ...BUYER_LINES] = BUYERS_TEXT.trim().split("\n");
const directory = mkdtempSync(join(tmpdir(), "buyermatch-agency-cli-"));
function file(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

/** 1,000 buyer rows made from the example's 90, 79 of them with a country that is not a code. */
function largeFile(): string {
  const lines = [HEADER_LINE!];
  for (let index = 0; index < 1000; index++) {
    const line = BUYER_LINES[index % BUYER_LINES.length]!;
    const bad = index % 12 === 3 && index < 12 * 79;
    lines.push(line.replace(/^([^,]+),((?:"[^"]*"|[^,]*)),([A-Z]{2}),/, (_all, id: string, name: string, country: string) => `${id}-${index},${name},${bad ? "USA" : country},`));
  }
  return file("buyers-1000.csv", lines.join("\n") + "\n");
}

describe("issue lists people can use", () => {
  it("prints the counts per severity and the first 20 issues, and --issues FILE.csv holds all 79", async () => {
    const issues = join(directory, "issues.csv");
    const result = await runInProcess(["match", COMPANIES, largeFile(), "--top", "1", "--format", "csv", "--issues", issues]);
    expect(result.code).toBe(0);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/buyers-1000\.csv: 1000 rows, 921 loaded, 79 dropped; 79 errors, 0 warnings:$/);
    expect(lines.filter((line) => line.startsWith("  error: row "))).toHaveLength(20);
    expect(lines[21]).toBe(`  … and 59 more (all are in ${issues})`);
    const records: string[][] = [];
    for await (const record of csvRecords([readFileSync(issues, "utf8")], ",")) if (record.kind === "cells") records.push(record.cells);
    expect(records[0]).toEqual(["file", "severity", "row", "id", "column", "code", "message"]);
    expect(records).toHaveLength(1 + 79);
    expect(records[79]!.slice(1, 5)).toEqual(["error", String(2 + 3 + 12 * 78), `${BUYER_LINES[(3 + 12 * 78) % BUYER_LINES.length]!.split(",")[0]}-${3 + 12 * 78}`, "country"]);
  });

  it("--issues FILE.xlsx writes the same list as a workbook", async () => {
    const issues = join(directory, "issues.xlsx");
    const result = await runInProcess(["match", COMPANIES, largeFile(), "--top", "1", "--issues", issues]);
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(issues);
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + 79);
  });

  it("prints unknown and misspelt columns as warnings", async () => {
    const text = BUYERS_TEXT.replace("requiredCertifications", "requiredCertificates").replace("meetingCapacity", "meeting_capcity");
    const result = await runInProcess(["match", COMPANIES, file("misspelt.csv", text), "--top", "1"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: row 1, column requiredCertificates: is not a column buyermatch reads; did you mean requiredCertifications? Its cells are ignored");
    expect(result.stderr).toContain("warning: row 1, column meeting_capcity: is not a column buyermatch reads; did you mean meetingCapacity? Its cells are ignored");
  });

  it("says it all in Korean with --locale ko", async () => {
    const result = await runInProcess(["match", COMPANIES, largeFile(), "--top", "1", "--locale", "ko"]);
    expect(result.stderr).toMatch(/buyers-1000\.csv: 1000개 행 중 921개 불러옴, 79개 제외; 오류 79건, 경고 0건:/);
    // The row, the column and the loader's own words in Korean; the core's reason for the value is its own (English) text.
    expect(result.stderr).toContain('  오류: 5행 (id stellantis-auburn-hills-3), country 열: 값이 올바르지 않습니다: "USA" is not an ISO 3166-1 alpha-2 country code');
    expect(result.stderr).not.toContain("  오류: row ");
    expect(result.stderr).toContain("--issues FILE.csv 로 전체 목록을 저장할 수 있습니다");
  });

  it("stops with exit 1 and one sentence on the cause when most rows fail", async () => {
    // A ;-list file with decimal commas, saved with commas as the separator: every coordinate splits.
    const lines = [HEADER_LINE!, ...BUYER_LINES.filter((line) => /,-?\d+\.\d+,-?\d+\.\d+,/.test(line)).map((line) => line.replace(/,(-?\d+)\.(\d+),(-?\d+)\.(\d+),/, ",$1,$2,$3,$4,"))];
    const result = await runInProcess(["match", COMPANIES, file("decimal-commas.csv", lines.join("\n"))]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`decimal-commas.csv: ${lines.length - 1} of ${lines.length - 1} rows were dropped: most hold numbers with a decimal comma (44,9) in a file separated by commas; save the file with ";" as the separator, or write the numbers with decimal points.`);
  });
});

describe("workbooks and Korean encodings in", () => {
  it("reads an .xlsx sheet chosen with --sheet, and says which sheets there are when the name is wrong", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").addRow(["filled in by the mission team"]);
    const sheet = workbook.addWorksheet("Buyers");
    for await (const record of csvRecords([BUYERS_TEXT], ",")) if (record.kind === "cells") sheet.addRow(record.cells);
    const path = join(directory, "buyers.xlsx");
    await workbook.xlsx.writeFile(path);
    const fromCsv = await runInProcess(["match", COMPANIES, BUYERS, "--top", "2", "--format", "json"]);
    const fromXlsx = await runInProcess(["match", COMPANIES, path, "--sheet", "buyers", "--top", "2", "--format", "json"]);
    expect(fromXlsx.stderr).toBe("");
    expect(fromXlsx.stdout).toBe(fromCsv.stdout);
    const wrong = await runInProcess(["match", COMPANIES, path, "--sheet", "Buyer"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('has no sheet named "Buyer" (its sheets: "Notes", "Buyers")');
  });

  it("reads a CP949 file as its UTF-8 twin, detected or with --encoding", async () => {
    const cp949 = file("companies-cp949.csv", iconv.encode(readFileSync(COMPANIES, "utf8"), "cp949"));
    const twin = await runInProcess(["match", COMPANIES, BUYERS, "--top", "2", "--format", "json"]);
    const detected = await runInProcess(["match", cp949, BUYERS, "--top", "2", "--format", "json"]);
    expect(detected.stderr).toBe("");
    expect(detected.stdout).toBe(twin.stdout);
    // --encoding applies to every text input, so both files are CP949 here.
    // (A character CP949 lacks is written as "?" by the encoder, so the twin is the file's own UTF-8 reading.)
    const buyerBytes = iconv.encode(BUYERS_TEXT, "cp949");
    const buyersCp949 = file("buyers-cp949.csv", buyerBytes);
    const buyersTwin = file("buyers-cp949-twin.csv", iconv.decode(buyerBytes, "cp949"));
    const asked = await runInProcess(["match", cp949, buyersCp949, "--top", "2", "--format", "json", "--encoding", "euc-kr"]);
    expect(asked.stderr).toBe("");
    expect(asked.stdout).toBe((await runInProcess(["match", COMPANIES, buyersTwin, "--top", "2", "--format", "json"])).stdout);
    const wrong = await runInProcess(["match", cp949, BUYERS, "--encoding", "utf-8"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("line 2 is not valid UTF-8 (the encoding asked for); nothing was loaded.");
  });
});

describe("--locale ko covers the loaders' own messages", () => {
  it("prints the warnings of a Korean Excel (CP949) file in Korean: a misspelt column with its closest field, a row cut short", async () => {
    const [header, ...rows] = readFileSync(COMPANIES, "utf8").trim().split("\n");
    const lines = [`${header},meeting_budgte`, ...rows.map((row) => `${row},`)];
    // The third row stops after its fifth comma (its quoted name holds one): four cells.
    lines[3] = lines[3]!.split(",").slice(0, 5).join(",");
    const path = file("companies-ko-cp949.csv", iconv.encode(lines.join("\n") + "\n", "cp949"));
    const result = await runInProcess(["match", path, BUYERS, "--top", "1", "--format", "csv", "--locale", "ko"]);
    expect(result.code).toBe(0);
    const stderr = result.stderr.split("\n");
    expect(stderr[0]).toMatch(/companies-ko-cp949\.csv: \d+개 행 중 \d+개 불러옴, 0개 제외; 오류 0건, 경고 2건:$/);
    expect(stderr).toContain("  경고: 1행, meeting_budgte 열: buyermatch가 읽지 않는 열입니다 (meetingBudget을(를) 뜻했나요?); 이 열의 값은 무시합니다");
    expect(stderr.find((line) => line.startsWith("  경고: 4행 (id "))).toMatch(/: 셀이 \d+개 중 4개뿐이라 잘린 행으로 보입니다; city부터 meeting_budgte까지의 열은 빈 값으로 읽습니다$/);
    // The same run in English keeps the English words.
    const english = await runInProcess(["match", path, BUYERS, "--top", "1", "--format", "csv"]);
    expect(english.stderr).toContain("  warning: row 1, column meeting_budgte: is not a column buyermatch reads; did you mean meetingBudget? Its cells are ignored");
  });

  it("says in Korean that a file is not valid in the encoding asked for", async () => {
    const path = file("companies-cp949-asked.csv", iconv.encode(readFileSync(COMPANIES, "utf8"), "cp949"));
    const result = await runInProcess(["match", path, BUYERS, "--encoding", "utf-8", "--locale", "ko"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("2번째 줄이 올바른 UTF-8가 아닙니다 (지정한 인코딩); 아무것도 읽지 않았습니다.");
  });
});

describe("output a new user can read", () => {
  it("rounds every score in JSON to three decimals and puts names beside ids", async () => {
    const result = await runInProcess(["match", COMPANIES, BUYERS, "--top", "5", "--format", "json"]);
    expect(result.stdout).not.toMatch(/\d\.\d{4,}/);
    const lists = JSON.parse(result.stdout) as { companyName: string; matches: { buyerId: string; buyerName: string; score: number }[] }[];
    expect(lists[0]!.companyName).toBe("Daesung Hydraulics Co., Ltd.");
    // Daesung's best buyer, with its name beside its id.
    expect(lists[0]!.matches[0]!).toMatchObject({ buyerId: "manitowoc", buyerName: "The Manitowoc Company, Inc." });
  });

  it("keeps Korean table columns aligned (East Asian wide characters count two)", async () => {
    const buyers = join(directory, "buyers-korean.csv");
    writeFileSync(buyers, BUYERS_TEXT.replace("Mi-Jack Products, Inc.", "미잭 프로덕츠").replace("The Manitowoc Company, Inc.", "매니토웍"));
    const result = await runInProcess(["match", COMPANIES, buyers, "--top", "3", "--locale", "ko", "--company", "jinju-01-daesung-hydraulics"]);
    const [, header, , ...rows] = result.stdout.trim().split("\n");
    // The score column is right-aligned: every score ends in the terminal column where its title ends.
    const end = displayWidth(header!.slice(0, header!.indexOf("점수") + "점수".length));
    for (const row of rows) {
      const score = /\d\.\d{3}/.exec(row)!;
      expect(displayWidth(row.slice(0, score.index + score[0].length))).toBe(end);
    }
    expect(rows.some((row) => row.includes("미잭 프로덕츠"))).toBe(true);
  });

  it("words the shortlist's reasons in Korean with --locale ko, the same figures as in English", async () => {
    const english = JSON.parse((await runInProcess(["shortlist", COMPANIES, BUYERS, "--format", "json"])).stdout) as { entries: { closeness: number; explanation: string[] }[] };
    const korean = (await runInProcess(["shortlist", COMPANIES, BUYERS, "--locale", "ko"])).stdout;
    for (const phrase of ["Demand:", "Product fit", "Held back by", "Lifted by", "closeness"]) expect(korean).not.toContain(phrase);
    expect(korean).toContain("근거:");
    expect(korean.match(/수요: 점수 0\.60 이상 바이어/g)).toHaveLength(english.entries.length);
    for (const entry of english.entries) expect(korean).toContain(`근접도 ${entry.closeness.toFixed(3)}`);
  });

  it("shows the shortlist's whole reason for every exporter", async () => {
    const json = JSON.parse((await runInProcess(["shortlist", COMPANIES, BUYERS, "--format", "json"])).stdout) as { entries: { explanation: string[] }[] };
    const table = (await runInProcess(["shortlist", COMPANIES, BUYERS])).stdout;
    for (const entry of json.entries) for (const line of entry.explanation) expect(table).toContain(line.trim());
  });
});

describe("the built binary", () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 300_000);

  it("exits quietly when its reader closes the pipe (| head)", () => {
    const run = spawnSync("bash", ["-c", `set -o pipefail; node ${JSON.stringify(CLI)} match ${JSON.stringify(COMPANIES)} ${JSON.stringify(BUYERS)} --top 10 | head -n 1`], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")[0]).toContain("Daesung Hydraulics");
    expect(run.status).toBe(0);
  });

  it("runs every command of the README's command-line section as written, in examples/trade-mission", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Command line"));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const commands = block
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("npx buyermatch "));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const command of commands) {
      // Files the command writes go to a temporary folder, not into examples/.
      const words = command.slice("npx buyermatch ".length).split(/\s+/);
      const args = words.map((arg, index) => (index > 0 && ["-o", "--out", "--issues"].includes(words[index - 1]!) ? join(directory, arg) : arg));
      const output = execFileSync(process.execPath, [CLI, ...args], { cwd: EXAMPLE, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      expect(typeof output).toBe("string");
    }
  });
});
