// Loading 100,000 generated buyers (bench/market-generator.ts, seed 7) from CSV and from an .xlsx
// workbook written by the library's own writers, with csv-parse alone as the baseline in the same run;
// then `buyermatch match` of 30 exporters against the 100,000-row CSV, end to end through the built
// binary (build first: `npm run bench` does). Each result is consumed so nothing is optimised away.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { bench, describe, expect } from "vitest";
import { loadBuyers, recordsToTable, toCsvText, writeWorkbook } from "../src/io/index.js";
import { generateMarket } from "./market-generator.js";

const ROWS = 100_000;
const directory = mkdtempSync(join(tmpdir(), "buyermatch-io-bench-"));
const { companies, buyers } = generateMarket({ companies: 30, buyers: ROWS, seed: 7 });
const buyerTable = recordsToTable("buyers", buyers);
const csvPath = join(directory, "buyers.csv");
writeFileSync(csvPath, toCsvText(buyerTable.header, buyerTable.rows));
const xlsxPath = join(directory, "buyers.xlsx");
await writeWorkbook([{ name: "buyers", ...buyerTable }], xlsxPath);
const companyTable = recordsToTable("companies", companies);
const companiesPath = join(directory, "companies.csv");
writeFileSync(companiesPath, toCsvText(companyTable.header, companyTable.rows));
const csvText = readFileSync(csvPath, "utf8");
const cli = new URL("../dist/cli.js", import.meta.url);

let sink = 0;
function consume(count: number): void {
  expect(count).toBe(ROWS);
  sink += count;
}

describe(`load ${ROWS.toLocaleString("en")} buyers`, () => {
  bench("CSV (streaming, every row validated)", async () => consume((await loadBuyers(csvPath)).records.length), { iterations: 2, warmupIterations: 0 });
  bench("xlsx (exceljs streaming reader, every row validated)", async () => consume((await loadBuyers(xlsxPath)).records.length), { iterations: 2, warmupIterations: 0 });
  // The parser alone, for scale: what csv-parse costs before any layout or validation.
  bench("csv-parse/sync only (no layout, no validation)", () => consume((parse(csvText, { columns: true }) as unknown[]).length), { iterations: 2, warmupIterations: 0 });
});

describe(`buyermatch match: 30 exporters × ${ROWS.toLocaleString("en")} buyers, end to end`, () => {
  bench(
    "node dist/cli.js match companies.csv buyers.csv --format csv",
    () => {
      if (!existsSync(cli)) throw new Error("build first: npx tsup");
      const out = execFileSync(process.execPath, [cli.pathname, "match", companiesPath, csvPath, "--format", "csv"], { maxBuffer: 1 << 28 }).toString();
      sink += out.length;
    },
    { iterations: 2, warmupIterations: 0 },
  );
});

export { sink };
