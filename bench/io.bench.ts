// Loading 10,000 generated buyers (seeded, deterministic) from the three formats, interleaved in one
// run: CSV (csv-parse + per-row layout + zod), JSONL (line split + JSON.parse + zod) and one JSON
// array (read whole). Each result is consumed so nothing is optimised away.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bench, describe, expect } from "vitest";
import { loadBuyers } from "../src/io/index.js";
import { buyersCsv } from "../test/io/csv.js";
import { parse } from "csv-parse/sync";

const ROWS = 10_000;
const directory = mkdtempSync(join(tmpdir(), "buyermatch-io-bench-"));
const csvPath = join(directory, "buyers.csv");
const csvText = buyersCsv(ROWS);
writeFileSync(csvPath, csvText);
const loaded = await loadBuyers(csvPath);
const jsonlPath = join(directory, "buyers.jsonl");
writeFileSync(jsonlPath, loaded.records.map((record) => JSON.stringify(record)).join("\n") + "\n");
const jsonPath = join(directory, "buyers.json");
writeFileSync(jsonPath, JSON.stringify(loaded.records));

let sink = 0;
function consume(count: number): void {
  expect(count).toBe(ROWS);
  sink += count;
}

describe(`load ${ROWS.toLocaleString("en")} buyers`, () => {
  bench("CSV (streaming)", async () => consume((await loadBuyers(csvPath)).records.length), { iterations: 5 });
  bench("JSONL (streaming)", async () => consume((await loadBuyers(jsonlPath)).records.length), { iterations: 5 });
  bench("JSON (whole file)", async () => consume((await loadBuyers(jsonPath)).records.length), { iterations: 5 });
  // The parser alone, for scale: what csv-parse costs before any layout or validation.
  bench("csv-parse/sync only (no layout, no validation)", () => consume((parse(csvText, { columns: true }) as unknown[]).length), { iterations: 5 });
});

export { sink };
