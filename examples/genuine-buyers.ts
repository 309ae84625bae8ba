// Genuine buyers (진성 바이어) from trade evidence. Run: npx deno run -A --unstable-sloppy-imports examples/genuine-buyers.ts
//
// English. The mission's analysts review each buyer's import records before a meeting. The example's
// import records (examples/trade-mission/imports.csv, illustrative, not customs data) are joined to the
// buyers by id; the exporter Hanil Brake Tech (brake pads, HS 870830) ranks buyers with the
// trade-evidence criterion weighed 0.6 (it weighs 0 by default; product weighs 0.35) and the evidence judged as of 2026-12. A
// buyer that imported HS 870830 from Korea 22 times last month ranks first, and its explanation says so.
//
// 한국어. 상담 전에 분석가는 바이어의 수입 기록을 검토합니다. 예제의 수입 기록(examples/trade-mission/
// imports.csv, 예시용이며 실제 통관 자료가 아님)을 바이어 id로 연결하고, 수출기업 한일브레이크텍(브레이크
// 패드, HS 870830)이 수입 실적 기준에 가중치 0.6을 주어(기본 가중치 0, 품목은 0.35) 2026-12 기준으로 바이어를 평가합니다.
// 지난달 한국에서 HS 870830을 22회 수입한 바이어가 1위가 되고, 설명에 그 근거가 나옵니다.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { explainMatch, rankBuyers, type Buyer, type Company } from "../src/index.js";
import { formatRowIssue, loadImports } from "../src/io/index.js";

const DIR = new URL("./trade-mission/", import.meta.url).pathname;

/**
 * Runs the example: ranks the mission's buyers for Hanil Brake Tech with and without trade evidence.
 *
 * @returns the first buyer with and without evidence, its explanation in English and Korean, and the imports file's issues
 * @example
 * const { first, english } = await runExample();
 */
export async function runExample(): Promise<{ first: string; firstWithout: string; english: string[]; korean: string[]; issues: string[] }> {
  const companies = JSON.parse(readFileSync(join(DIR, "companies.json"), "utf8")) as Company[];
  const buyers = JSON.parse(readFileSync(join(DIR, "buyers.json"), "utf8")) as Buyer[];
  const { buyers: withImports, result } = await loadImports(join(DIR, "imports.csv"), buyers);
  const company = companies.find((candidate) => candidate.id === "jinju-02-hanil-brake")!;
  const options = { top: 5, weights: { evidence: 0.6 }, criteria: { evidence: { asOf: "2026-12" } } };
  const ranked = rankBuyers(company, withImports, options);
  const without = rankBuyers(company, withImports, { top: 5 });
  return {
    first: ranked[0]!.buyerId,
    firstWithout: without[0]!.buyerId,
    english: explainMatch(ranked[0]!),
    korean: explainMatch(ranked[0]!, { locale: "ko" }),
    issues: result.issues.map((issue) => formatRowIssue(issue, "imports.csv")),
  };
}

if (typeof process !== "undefined" && process.argv[1] !== undefined && /genuine-buyers\.ts$/.test(process.argv[1])) {
  const { first, firstWithout, english, korean } = await runExample();
  console.log(`First without trade evidence: ${firstWithout}; with it: ${first}`);
  console.log(english.join("\n"));
  console.log(korean.join("\n"));
}
