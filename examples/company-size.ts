// A criterion of your own, end to end: "company size". Run: npx deno run -A --unstable-sloppy-imports examples/company-size.ts
//
// English. Many buyers have a supplier size in mind: a Tier-1 wants suppliers that can carry a
// volume programme, a distributor prefers small makers it can represent. The criterion reads two
// fields the built-in schemas do not have, `employees` on a company and `supplierSize` ({ min?, max? }
// employees) on a buyer, each validated by its own zod schema (a negative headcount is an error at
// `companies[i].employees`, like any other field). Inside the band it scores 1; outside, the score
// halves (setting `perDoubling`, default 0.5) for every doubling of the distance from the band. A
// buyer without a band, or a company without a headcount, is unknown (the neutral prior). The
// criterion declares a `buyerKey` (buyers with the same band score alike), so the engine prunes it
// like the built-in criteria and stays exact.
//
// 한국어. 바이어는 흔히 원하는 협력사 규모가 있습니다. 1차 협력사는 양산 물량을 감당할 업체를,
// 유통사는 대리할 수 있는 소규모 제조사를 선호합니다. 이 기준은 내장 스키마에 없는 두 필드, 수출기업의
// `employees`(직원 수)와 바이어의 `supplierSize`({ min?, max? } 직원 수)를 읽고, 각각 자체 zod
// 스키마로 검증합니다(음수 직원 수는 다른 필드처럼 `companies[i].employees` 위치의 오류). 범위 안이면
// 1점, 범위 밖이면 범위에서 두 배 멀어질 때마다 점수가 절반이 됩니다(설정 `perDoubling`, 기본 0.5).
// 범위가 없는 바이어나 직원 수가 없는 기업은 "정보 없음"(중립값)입니다. `buyerKey`를 선언하므로
// 엔진은 내장 기준처럼 가지치기를 하면서도 결과는 정확히 같습니다.
//
// Headcounts and bands below are illustrative (the exporters are the example mission's), not data.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { createMatcher, defineCriterion, explainMatch, rankBuyers, type Buyer, type Company, type CriterionDetail } from "../src/index.js";

/** What the criterion found, typed: `describe` reads these fields, not string keys. */
export interface SizeDetail extends CriterionDetail {
  readonly employees: number | undefined;
  readonly band: { readonly min?: number | undefined; readonly max?: number | undefined } | undefined;
  readonly fit: "inside" | "below" | "above" | "unknown";
}

const Band = z
  .strictObject({ min: z.number().int().min(1).optional(), max: z.number().int().min(1).optional() })
  .refine((band) => band.min === undefined || band.max === undefined || band.min <= band.max, { message: "min must not exceed max" });

function fitOf(employees: number, band: { min?: number | undefined; max?: number | undefined }): SizeDetail["fit"] {
  if (band.min !== undefined && employees < band.min) return "below";
  if (band.max !== undefined && employees > band.max) return "above";
  return "inside";
}

/** The company-size criterion. */
export const companySize = defineCriterion({
  id: "companySize",
  defaultWeight: { company: 0.05, buyer: 0.15 },
  defaultMissing: "neutral",
  settings: z.strictObject({ perDoubling: z.number().gt(0).max(1).default(0.5) }),
  fields: { company: { employees: z.number().int().min(1) }, buyer: { supplierSize: Band } },
  score(company, buyer, _context, settings) {
    const employees = company.record.fields.get("employees");
    const band = buyer.record.fields.get("supplierSize");
    if (employees === undefined || band === undefined) return undefined;
    const fit = fitOf(employees, band);
    if (fit === "inside") return 1;
    const ratio = fit === "below" ? band.min! / employees : employees / band.max!;
    return Math.pow(settings.perDoubling, Math.log2(ratio));
  },
  buyerKey(buyer) {
    // The score reads only the buyer's band: buyers with the same band score alike.
    return JSON.stringify(buyer.record.fields.get("supplierSize") ?? null);
  },
  detail(company, buyer): SizeDetail {
    const employees = company.record.fields.get("employees");
    const band = buyer.record.fields.get("supplierSize");
    const fit = employees === undefined || band === undefined ? "unknown" : fitOf(employees, band);
    return { summary: `${employees ?? "?"} employees, band ${band?.min ?? "…"}–${band?.max ?? "…"} (${fit})`, employees, band, fit };
  },
  describe(detail: SizeDetail, locale) {
    const { min, max } = detail.band ?? {};
    const band = min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`;
    if (detail.fit === "unknown") return locale === "ko" ? "기업 규모: 알 수 없음" : "Company size: unknown";
    const ko = { inside: "범위 안", below: "범위보다 작음", above: "범위보다 큼" }[detail.fit];
    const en = { inside: "within", below: "below", above: "above" }[detail.fit];
    return locale === "ko" ? `기업 규모: 직원 ${detail.employees}명, 바이어 희망 ${band}명 (${ko})` : `Company size: ${detail.employees} employees, ${en} the buyer's ${band}`;
  },
});

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./trade-mission/${name}`, import.meta.url), "utf8")) as T;

/** The mission's records with headcounts and bands added as ordinary fields. */
export function missionWithSizes(): { companies: Company[]; buyers: Buyer[] } {
  const employees = new Map([
    ["jinju-01-daesung-hydraulics", 140],
    ["jinju-02-hanil-brake", 85],
    ["jinju-05-seoha-autoparts", 420],
    ["jinju-11-hanbit-ev", 60],
  ]);
  const bands = new Map<string, { min?: number; max?: number }>([
    ["gm-detroit", { min: 300 }],
    ["ford-dearborn", { min: 300 }],
    ["stellantis-auburn-hills", { min: 200 }],
    ["borgwarner", { min: 100, max: 2000 }],
    ["lear", { min: 150 }],
    ["motion-industries", { max: 250 }],
    ["lkq", { max: 500 }],
  ]);
  const companies = read<Company[]>("companies.json").map((company) => (employees.has(company.id) ? ({ ...company, employees: employees.get(company.id)! } as Company) : company));
  const buyers = read<Buyer[]>("buyers.json").map((buyer) => (bands.has(buyer.id) ? ({ ...buyer, supplierSize: bands.get(buyer.id)! } as Buyer) : buyer));
  return { companies, buyers };
}

/**
 * The example's report: one exporter's top buyers without and with the criterion, and the best
 * match explained in English and Korean.
 *
 * @returns the lines printed
 * @example
 * console.log(companySizeReport().join("\n"));
 */
export function companySizeReport(): string[] {
  const { companies, buyers } = missionWithSizes();
  const exporter = companies.find((company) => company.id === "jinju-02-hanil-brake")!;
  const options = { top: 3, customCriteria: [companySize], weights: { companySize: 0.3 }, criteria: { companySize: { perDoubling: 0.5 } } };
  const lines: string[] = [];
  const plain = rankBuyers(exporter, buyers, { top: 3 });
  lines.push(`without size: ${plain.map((match) => `${match.buyerId} ${match.score.toFixed(3)}`).join(" | ")}`);
  const sized = createMatcher(buyers, options).rank(exporter);
  lines.push(`with size:    ${sized.map((match) => `${match.buyerId} ${match.score.toFixed(3)}`).join(" | ")}`);
  lines.push(...explainMatch(sized[0]!, { criteria: [companySize] }));
  lines.push(...explainMatch(sized[0]!, { locale: "ko", criteria: [companySize] }));
  return lines;
}

if (typeof process !== "undefined" && process.argv[1] !== undefined && /company-size\.ts$/.test(process.argv[1])) console.log(companySizeReport().join("\n"));
