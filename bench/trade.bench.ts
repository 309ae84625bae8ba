/**
 * The trade criteria in the engine (issue 11, part 5): the realistic market (bench/realistic-market.ts,
 * S&P 500 firms and the HS taxonomy), 1,000 exporters × 100,000 buyers, with import records on a tenth
 * of the buyers, corporate groups and customers on a fifth, and trading partners on half the
 * exporters (all seeded). Measured in the same run:
 *
 * - the default options (evidence and relationship weigh 0, so the engine keeps one class for each);
 * - evidence weighted 0.15 and relationship 0.1 (both pruned through their sparse indexes);
 * - as a check that could fail, the weighted engine's lists for a sample of exporters against the
 *   reference scorer (`rankBuyers`), compared in full.
 *
 * Run: npx vitest bench --run --config test/vitest.config.ts bench/trade.bench.ts
 * BENCH_TRADE_BUYERS=10000 runs a smaller market. The table goes to stderr and to
 * $TMPDIR/buyermatch-trade-bench.md.
 */
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { bench, describe } from "vitest";
import { createMatcher, rankBuyers, type Buyer, type Company, type MatchOptions } from "../src/index.js";
import { mulberry32 } from "../test/support/random.js";
import { generateRealisticMarket } from "./realistic-market.js";

const COMPANIES = 1_000;
const BUYERS = Number(process.env["BENCH_TRADE_BUYERS"] ?? 100_000);
const TOP = 10;
const ORIGINS = ["KR", "KR", "CN", "MX", "DE", "JP", "US", undefined] as const;
const MONTHS = Array.from({ length: 72 }, (_, at) => `${2021 + Math.floor(at / 12)}-${String((at % 12) + 1).padStart(2, "0")}`);
const REFERENCE_SAMPLE = 3;

/** The firm a realistic-market name belongs to ("Ford Motor Company plant 12" → "Ford Motor Company"). */
function firmOf(name: string): string {
  return name.replace(/ (?:procurement|sourcing|plant|division|purchasing|supply chain|operations|export unit) \d+$/u, "");
}

/** The realistic market, dressed with seeded trade records and partners. */
function tradeMarket(): { companies: Company[]; buyers: Buyer[] } {
  const market = generateRealisticMarket({ companies: COMPANIES, buyers: BUYERS, seed: 7 });
  const random = mulberry32(1111);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const firms = [...new Set(market.buyers.map((buyer) => firmOf(buyer.name)))].sort();
  const codes = market.buyers.flatMap((buyer) => (buyer.needs ?? []).flatMap((need) => (need.hs === undefined ? [] : [need.hs.replace(".", "")])));
  const buyers = market.buyers.map((buyer, index): Buyer => {
    const dressed: Buyer = { ...buyer };
    if (index % 10 === 0) {
      const own = (buyer.needs ?? []).flatMap((need) => (need.hs === undefined ? [] : [need.hs.replace(".", "")]));
      dressed.imports = Array.from({ length: 1 + Math.floor(random() * 4) }, () => {
        const origin = pick(ORIGINS);
        return {
          hs: own.length > 0 && random() < 0.6 ? pick(own) : pick(codes),
          ...(origin === undefined ? {} : { origin }),
          shipments: 1 + Math.floor(random() * 40),
          lastDate: pick(MONTHS),
        };
      });
    }
    if (random() < 0.2) dressed.group = firmOf(buyer.name);
    if (random() < 0.2) dressed.customers = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(firms));
    return dressed;
  });
  const companies = market.companies.map((company): Company => (random() < 0.5 ? { ...company, customers: Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(firms)) } : company));
  return { companies, buyers };
}

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

describe(`trade criteria, ${COMPANIES.toLocaleString("en")} exporters × ${BUYERS.toLocaleString("en")} buyers (imports on a tenth), top ${TOP}`, () => {
  const { companies, buyers } = tradeMarket();
  const runs: readonly { name: string; options: MatchOptions }[] = [
    { name: "default (trade weights 0)", options: { top: TOP } },
    { name: "evidence 0.15, relationship 0.1", options: { top: TOP, weights: { evidence: 0.15, relationship: 0.1 }, criteria: { evidence: { asOf: "2026-11" } } } },
  ];
  const measured = new Map<string, { build: number; rank: number; snapshot: number; firsts: Map<string, string | undefined> }>();
  const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
  for (const run of runs) {
    bench(
      `${run.name}: createMatcher, then matcher.rankAll(all exporters)`,
      () => {
        let matcher = createMatcher(buyers.slice(0, 1_000), run.options);
        const build = seconds(() => {
          matcher = createMatcher(buyers, run.options);
        });
        let lists = new Map<string, import("../src/index.js").Match[]>();
        const rank = seconds(() => {
          lists = matcher.rankAll(companies);
        });
        // A check that could fail: the engine's full lists equal the reference's for a sample.
        for (const company of companies.slice(0, REFERENCE_SAMPLE)) {
          if (!isDeepStrictEqual(lists.get(company.id), rankBuyers(company, buyers, run.options))) throw new Error(`${run.name}: the engine's list for ${company.id} differs from the reference`);
        }
        const firsts = new Map([...lists].map(([id, list]) => [id, list[0]?.buyerId]));
        measured.set(run.name, { build, rank, snapshot: matcher.toSnapshot().byteLength, firsts });
        const base = measured.get(runs[0]!.name);
        if (base === undefined || measured.size < runs.length) return;
        const pairs = COMPANIES * BUYERS;
        const rows = runs.map(({ name }) => {
          const m = measured.get(name)!;
          const changed = [...m.firsts].filter(([id, first]) => base.firsts.get(id) !== first).length;
          return `| ${name} | ${m.build.toFixed(2)} s | ${(pairs / m.rank / 1e6).toFixed(1)} M | ${(m.rank / base.rank).toFixed(2)} | ${(m.snapshot / 1e6).toFixed(1)} MB | ${changed} |`;
        });
        const table = `\n${COMPANIES} × ${BUYERS}, imports on a tenth, top ${TOP}; reference equal on ${REFERENCE_SAMPLE} exporters\n| options | build | rankAll pair-eq/s | rank time ÷ default | snapshot | exporters whose first buyer differs from the default's |\n|---|---|---|---|---|---|\n${rows.join("\n")}\n`;
        process.stderr.write(table);
        appendFileSync(path.join(tmpdir(), "buyermatch-trade-bench.md"), table);
      },
      once,
    );
  }
});
