import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { AGENDA_CSV_COLUMNS } from "../../src/plan/index.js";
import { BUYER_HEADER, buyerRow, buyersCsv, toCsv } from "../io/csv.js";
import { CLI, ROOT, ensureBuilt } from "./build.js";
import { runInProcess } from "./inprocess.js";

const EXAMPLE = join(ROOT, "examples", "trade-mission");
const COMPANIES_CSV = join(EXAMPLE, "companies.csv");
const BUYERS_CSV = join(EXAMPLE, "buyers.csv");
const COMPANIES_JSON = join(EXAMPLE, "companies.json");
const BUYERS_JSON = join(EXAMPLE, "buyers.json");
const SESSIONS_JSON = join(EXAMPLE, "sessions.json");
const exporters = JSON.parse(readFileSync(COMPANIES_JSON, "utf8")) as { id: string; name: string }[];
const directory = mkdtempSync(join(tmpdir(), "buyermatch-cli-"));

function cli(args: readonly string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: directory, input, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(ensureBuilt);

describe("usage", () => {
  it("prints help with examples and exits 0", () => {
    const result = cli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Examples:");
    expect(result.stdout).toContain("buyermatch match companies.csv buyers.csv --top 5");
    expect(cli([]).stdout).toContain("Usage:");
  });

  it("exits 2 on an unknown command, an unknown flag, a bad flag value or a missing file argument", async () => {
    expect(cli(["frobnicate"]).code).toBe(2);
    for (const args of [["match", "a.csv", "b.csv", "--colour"], ["match", "a.csv", "b.csv", "--top", "ten"], ["match", "a.csv"], ["match", "a", "b", "--format", "xml"], ["match", "a", "b", "--weights", "product"]]) {
      const result = await runInProcess(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toContain("--help");
    }
  });

  it("is built as an executable script with a shebang", () => {
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});

describe("match", () => {
  it("prints each exporter's top buyers as a table", () => {
    const result = cli(["match", COMPANIES_CSV, BUYERS_CSV, "--top", "3"]);
    expect(result.code).toBe(0);
    for (const exporter of exporters) expect(result.stdout).toContain(`${exporter.name} (${exporter.id})`);
    expect(result.stdout.match(/^\s*3 {2}/gm)?.length).toBe(exporters.length);
  });

  it("writes CSV with one row per match and a contribution column per criterion", async () => {
    const result = await runInProcess(["match", COMPANIES_JSON, BUYERS_JSON, "--top", "2", "--format", "csv"]);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2 * exporters.length);
    expect(Object.keys(rows[0]!)).toEqual(["company_id", "company_name", "rank", "buyer_id", "buyer_name", "score", "viewpoint", "sector_contribution", "product_contribution", "tier_contribution", "region_contribution", "readiness_contribution", "certification_contribution", "evidence_contribution", "relationship_contribution"]);
    for (const row of rows) {
      const sum = ["sector", "product", "tier", "region", "readiness", "certification", "evidence", "relationship"].reduce((total, id) => total + Number(row[`${id}_contribution`] || 0), 0);
      expect(sum).toBeCloseTo(Number(row["score"]), 3);
    }
  });

  it("applies --weights, --min-score and --viewpoint, and writes JSON to --out", async () => {
    const out = join(directory, "matches.json");
    const weights = join(directory, "weights.json");
    writeFileSync(weights, JSON.stringify({ product: 1, sector: 0, tier: 0, region: 0, readiness: 0 }));
    expect((await runInProcess(["match", COMPANIES_JSON, BUYERS_JSON, "--weights", weights, "--min-score", "0.5", "--format", "json", "--out", out])).code).toBe(0);
    const lists = JSON.parse(readFileSync(out, "utf8")) as { companyId: string; matches: { score: number; viewpoint: string; breakdown: Record<string, { contribution: number } | undefined> }[] }[];
    expect(lists.map((list) => list.companyId)).toEqual(exporters.map((exporter) => exporter.id));
    for (const match of lists.flatMap((list) => list.matches)) {
      expect(match.score).toBeGreaterThanOrEqual(0.5);
      expect(match.viewpoint).toBe("company");
      expect(match.breakdown["product"]?.contribution).toBeCloseTo(match.score, 9);
    }
    const mutual = JSON.parse((await runInProcess(["match", COMPANIES_JSON, BUYERS_JSON, "--viewpoint", "mutual", "--top", "1", "--weights", "product=0.5,sector=0.2", "--format", "json"])).stdout) as { matches: { viewpoint: string }[] }[];
    expect(mutual[0]!.matches[0]!.viewpoint).toBe("mutual");
  });

  it("speaks Korean with --locale ko", async () => {
    const result = await runInProcess(["match", COMPANIES_CSV, BUYERS_CSV, "--top", "1", "--locale", "ko"]);
    expect(result.stdout).toContain("바이어");
    expect(result.stdout).toContain("점수");
  });

  it("reads buyers from stdin when the path is -", () => {
    const jsonl = (JSON.parse(readFileSync(BUYERS_JSON, "utf8")) as unknown[]).map((buyer) => JSON.stringify(buyer)).join("\n");
    const fromStdin = cli(["match", COMPANIES_CSV, "-", "--top", "2", "--format", "csv"], jsonl);
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(cli(["match", COMPANIES_CSV, BUYERS_JSON, "--top", "2", "--format", "csv"]).stdout);
  });

  it("exits 2 with one clear error naming the criteria when a weight is not a criterion", () => {
    const result = cli(["match", COMPANIES_CSV, BUYERS_CSV, "--weights", "prodcut=0.5"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('buyermatch: --weights: "prodcut" (did you mean product?) is not a criterion; the criteria are sector, product, tier, region, readiness, certification, evidence, relationship\nRun "buyermatch --help" for usage.\n');
  });

  it("exits 1 naming a file that does not exist", () => {
    const result = cli(["match", COMPANIES_CSV, "missing.csv"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("missing.csv: no such file");
    expect(result.stderr).not.toContain("ENOENT");
  });

  it("prints the top matches of every example exporter from a CSV of 50,000 buyers", () => {
    const path = join(directory, "buyers-50k.csv");
    writeFileSync(path, buyersCsv(50_000));
    const result = cli(["match", COMPANIES_CSV, path, "--top", "3", "--format", "csv"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    // Every exporter gets its three best buyers (some exporters' products meet no generated need, but
    // sector, region and tier still rank buyers for them).
    for (const exporter of exporters) {
      const own = rows.filter((row) => row["company_id"] === exporter.id);
      expect(own.map((row) => row["rank"]), exporter.id).toEqual(["1", "2", "3"]);
      expect(own.every((row) => /^buyer-\d{6}$/.test(row["buyer_id"]!))).toBe(true);
      expect(Number(own[0]!["score"])).toBeGreaterThanOrEqual(Number(own[2]!["score"]));
    }
  });
});

describe("bad rows", () => {
  /** 1,000 buyers, rows 102, 502 and 902 broken (country, HS code, capacity). */
  function brokenFile(): string {
    const rows: string[][] = [BUYER_HEADER];
    for (let index = 0; index < 1000; index++) rows.push(buyerRow(index));
    rows[101]![2] = "USA";
    rows[501]![12] = "87A0";
    rows[901]![10] = "two";
    const path = join(directory, "broken.csv");
    writeFileSync(path, toCsv(rows));
    return path;
  }

  it("loads 999 rows, drops the 1 with a bad required value, names all 3 problems by severity on stderr and exits 0", () => {
    const path = brokenFile();
    const result = cli(["match", COMPANIES_CSV, path, "--top", "1", "--format", "json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("1000 rows, 999 loaded, 1 dropped; 1 error, 2 warnings:");
    expect(result.stderr).toContain("error: row 102 (id buyer-000100), column country");
    expect(result.stderr).toContain("warning: row 502 (id buyer-000500), column need1_hs");
    expect(result.stderr).toContain('warning: row 902 (id buyer-000900), column meetingCapacity: "two" is not a number; the value was dropped, the row is kept');
    const lists = JSON.parse(result.stdout) as { matches: { buyerId: string }[] }[];
    expect(lists).toHaveLength(exporters.length);
  });

  it("exits 1 at the first bad row in --strict mode", () => {
    const result = cli(["match", COMPANIES_CSV, brokenFile(), "--strict"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("row 102 (id buyer-000100), column country");
    expect(result.stderr).not.toContain("row 502");
    expect(result.stdout).toBe("");
  });
});

// The commands below run in-process (the same runCli the bin calls) to keep this file fast;
// the bin itself is exercised above.
describe("explain, shortlist, plan, report", () => {
  const hanil = exporters.find((exporter) => exporter.id === "jinju-02-hanil-brake") ?? exporters[0]!;

  it("explains an exporter's top buyers criterion by criterion", async () => {
    const result = await runInProcess(["explain", COMPANIES_JSON, BUYERS_JSON, "--company", hanil.id, "--top", "2"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`#1 ${hanil.name} →`);
    expect(result.stdout).toContain(`#2 ${hanil.name} →`);
    expect(result.stdout).toMatch(/Products?:/);
    expect((await runInProcess(["explain", COMPANIES_JSON, BUYERS_JSON, "--company", "nobody"])).code).toBe(1);
    expect((await runInProcess(["explain", COMPANIES_JSON, BUYERS_JSON])).code).toBe(2);
  });

  it("explains one pair, in Korean", async () => {
    const buyers = JSON.parse(readFileSync(BUYERS_JSON, "utf8")) as { id: string }[];
    const result = await runInProcess(["explain", COMPANIES_JSON, BUYERS_JSON, "--company", hanil.id, "--buyer", buyers[0]!.id, "--locale", "ko", "--format", "json"]);
    const [explanation] = JSON.parse(result.stdout) as { buyerId: string; lines: string[] }[];
    expect(explanation!.buyerId).toBe(buyers[0]!.id);
    expect(explanation!.lines[0]).toMatch(/점수|제외/);
  });

  it("shortlists exporters and marks --select of them", async () => {
    const result = await runInProcess(["shortlist", COMPANIES_JSON, BUYERS_JSON, "--select", "3", "--format", "csv"]);
    expect(result.code).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(exporters.length);
    expect(rows.map((row) => row["selected"])).toEqual(rows.map((_, index) => String(index < 3)));
  });

  it("plans the agenda as CSV, iCalendar and a table", async () => {
    const csvText = await runInProcess(["plan", COMPANIES_JSON, BUYERS_JSON, SESSIONS_JSON, "--format", "csv"]);
    expect(csvText.code).toBe(0);
    const rows = parse(csvText.stdout, { columns: true }) as Record<string, string>[];
    // The library's columns, each name beside its id.
    expect(Object.keys(rows[0]!)).toEqual([...AGENDA_CSV_COLUMNS].flatMap((name) => (name === "company_id" ? [name, "company_name"] : name === "buyer_id" ? [name, "buyer_name"] : [name])));
    expect(rows.length).toBeGreaterThan(0);
    const ics = await runInProcess(["plan", COMPANIES_JSON, BUYERS_JSON, SESSIONS_JSON, "--format", "ics", "--timezone", "America/Chicago"]);
    expect(ics.stdout.startsWith("BEGIN:VCALENDAR")).toBe(true);
    expect(ics.stdout.match(/BEGIN:VEVENT/g)?.length).toBe(rows.length);
    const text = await runInProcess(["plan", COMPANIES_JSON, BUYERS_JSON, SESSIONS_JSON]);
    expect(text.stdout).toContain(`${rows.length} meetings`);
  });

  it("writes a self-contained HTML report", async () => {
    const out = join(directory, "report.html");
    expect((await runInProcess(["report", COMPANIES_JSON, BUYERS_JSON, SESSIONS_JSON, "--out", out])).code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain("<script");
    for (const exporter of exporters) expect(html).toContain(`data-company="${exporter.id}"`);
  });
});
