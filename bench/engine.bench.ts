/**
 * The engine against the reference scorer and a plain fuse.js approach, on seeded generated markets
 * (bench/market-generator.ts): 11 × 200, 1,000 × 10,000 and 1,000 × 100,000, top 10, all criteria
 * on. All three are measured in the same run; where a baseline would take hours it runs on a sample
 * of companies and is scaled to pair-equivalents (companies × buyers / seconds).
 *
 * Run: npx vitest bench --run --config test/vitest.config.ts bench/engine.bench.ts
 * The summary table (pairs per second, ratios, index build time and heap) is written to stderr and
 * appended to $TMPDIR/buyermatch-engine-bench.md at the end of each size, and copied into
 * docs/engine.md. BENCH_MAX_BUYERS=10000 skips the larger sizes. The last block compares the realistic
 * market (bench/realistic-market.ts) with the synthetic one.
 */
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import Fuse from "fuse.js";
import { bench, describe } from "vitest";
import { createMatcher, type Buyer, type Company, type Match } from "../src/index.js";
import { prepare } from "../src/score/prepare.js";
import { compileBuyer, compileCompany } from "../src/market/market.js";
import { contextFor, rankPairs, scoreCompiledPair } from "../src/score/reference.js";
import { createScratch } from "../src/score/combine.js";
import { generateMarket } from "./market-generator.js";
import { generateRealisticMarket } from "./realistic-market.js";

// A heap figure needs a collection before each reading; expose gc when node was not started with it.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

function heapAfterCollection(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

const TOP = 10;
/** Results are consumed so that nothing is optimised away. */
let sink = 0;

function consume(matches: readonly Match[]): void {
  sink += matches.length === 0 ? 0 : matches[0]!.score;
}

/** The reference as a developer would use it with buyers compiled once: score every pair, sort. */
function referenceRanker(buyers: readonly Buyer[]): (company: Company) => Match[] {
  const prepared = prepare({ companies: [], buyers, options: { top: TOP }, defaultViewpoint: "company" });
  const context = contextFor(prepared.options, prepared.buyers);
  const compiled = prepared.buyers.map((buyer) => compileBuyer(buyer, context.market));
  const scratch = createScratch(prepared.options.criteria.length);
  return (company) => {
    const record = prepare({ companies: [company], buyers: [], options: { top: TOP }, defaultViewpoint: "company" }).companies[0]!;
    const compiledCompany = compileCompany(record, context.market);
    return rankPairs(
      compiled.map((buyer) => scoreCompiledPair(prepared.options, context, compiledCompany, buyer, scratch)),
      prepared.options,
      "buyerId",
    );
  };
}

/** Today's way with fuse.js: one Fuse index over the buyers' needs, searched with each product name. */
function fuseRanker(buyers: readonly Buyer[]): (company: Company) => string[] {
  const documents = buyers.map((buyer) => ({ id: buyer.id, needs: (buyer.needs ?? []).map((need) => need.name).join(" ; ") }));
  const fuse = new Fuse(documents, { keys: ["needs"], includeScore: true, ignoreLocation: true, threshold: 0.4 });
  return (company) => {
    const best = new Map<string, number>();
    for (const product of company.products ?? []) {
      for (const result of fuse.search(product.name)) {
        const score = 1 - (result.score ?? 1);
        if (score > (best.get(result.item.id) ?? -1)) best.set(result.item.id, score);
      }
    }
    return [...best]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, TOP)
      .map(([id]) => id);
  };
}

interface Size {
  readonly companies: number;
  readonly buyers: number;
  /** Companies the reference and fuse.js run on (scaled to all). */
  readonly referenceSample: number;
  readonly fuseSample: number;
}

const MAX_BUYERS = Number(process.env["BENCH_MAX_BUYERS"] ?? Number.POSITIVE_INFINITY);
const SIZES: readonly Size[] = [
  { companies: 11, buyers: 200, referenceSample: 11, fuseSample: 11 },
  { companies: 1_000, buyers: 10_000, referenceSample: 20, fuseSample: 10 },
  { companies: 1_000, buyers: 100_000, referenceSample: 3, fuseSample: 2 },
].filter((size) => size.buyers <= MAX_BUYERS);

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

function millions(pairsPerSecond: number): string {
  return `${(pairsPerSecond / 1e6).toFixed(pairsPerSecond < 1e6 ? 3 : 1)} M`;
}

for (const size of SIZES) {
  describe(`${size.companies.toLocaleString("en")} companies × ${size.buyers.toLocaleString("en")} buyers, top ${TOP}`, () => {
    const { companies, buyers } = generateMarket({ companies: size.companies, buyers: size.buyers, seed: 42 });
    const pairs = size.companies * size.buyers;
    const before = heapAfterCollection();
    let matcher = createMatcher(buyers, { top: TOP });
    const buildSeconds = seconds(() => {
      matcher = createMatcher(buyers, { top: TOP });
    });
    const indexBytes = heapAfterCollection() - before;
    const reference = referenceRanker(buyers);
    const fuse = fuseRanker(buyers);
    const measured = { engine: Number.NaN, reference: Number.NaN, fuse: Number.NaN };
    const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

    // vitest runs no hooks around benches: the last bench of each size reports.
    let reported = false;
    const report = (): void => {
      if (reported || Object.values(measured).some(Number.isNaN)) return;
      reported = true;
      const rows = [
        `| ${size.companies} × ${size.buyers} | engine | ${millions(measured.engine)} | 1 |`,
        `| | reference (sample ${size.referenceSample}) | ${millions(measured.reference)} | engine ${(measured.engine / measured.reference).toFixed(0)}× faster |`,
        `| | fuse.js (sample ${size.fuseSample}) | ${millions(measured.fuse)} | engine ${(measured.engine / measured.fuse).toFixed(0)}× faster |`,
        `| | index build | ${buildSeconds.toFixed(2)} s | heap ${(indexBytes / 1e6).toFixed(1)} MB |`,
      ];
      const table = `\n| size | what | pairs/s | ratio |\n|---|---|---|---|\n${rows.join("\n")}\n(engine rankAll: ${(pairs / measured.engine).toFixed(2)} s; sink ${sink.toFixed(1)})\n`;
      // vitest's bench reporter swallows console output: write past it.
      process.stderr.write(table);
      appendFileSync(path.join(tmpdir(), "buyermatch-engine-bench.md"), table);
    };

    bench(
      "engine: matcher.rankAll(all companies)",
      () => {
        const elapsed = seconds(() => {
          for (const list of matcher.rankAll(companies).values()) consume(list);
        });
        measured.engine = Math.max(pairs / elapsed, measured.engine || 0);
        report();
      },
      size.buyers <= 200 ? { time: 500 } : once,
    );

    bench(
      `reference: score every pair and sort (${size.referenceSample} companies, scaled)`,
      () => {
        const sample = companies.slice(0, size.referenceSample);
        const elapsed = seconds(() => {
          for (const company of sample) consume(reference(company));
        });
        measured.reference = Math.max((sample.length * size.buyers) / elapsed, measured.reference || 0);
        report();
      },
      size.buyers <= 200 ? { time: 500 } : once,
    );

    bench(
      `fuse.js: index over needs, search each product (${size.fuseSample} companies, scaled)`,
      () => {
        const sample = companies.slice(0, size.fuseSample);
        const elapsed = seconds(() => {
          for (const company of sample) sink += fuse(company).length;
        });
        measured.fuse = (sample.length * size.buyers) / elapsed;
        report();
      },
      size.buyers <= 200 ? { time: 500 } : once,
    );

  });
}

/**
 * The realistic market (bench/realistic-market.ts: S&P 500 firms at their real headquarters, real HS
 * subheadings with a skewed distribution, 3–12 needs a buyer) beside the synthetic one of the same
 * size, in the same run: pair-equivalents per second of `rankAll` and microseconds per buyer of
 * `createMatcher`, with the realistic ÷ synthetic ratios. BENCH_REALISTIC_BUYERS shrinks both.
 */
const REALISTIC = { companies: 1_000, buyers: Math.min(Number(process.env["BENCH_REALISTIC_BUYERS"] ?? 100_000), MAX_BUYERS) };

describe(`realistic vs synthetic market, ${REALISTIC.companies.toLocaleString("en")} companies × ${REALISTIC.buyers.toLocaleString("en")} buyers, top ${TOP}`, () => {
  const markets = {
    synthetic: generateMarket({ companies: REALISTIC.companies, buyers: REALISTIC.buyers, seed: 42 }),
    realistic: generateRealisticMarket({ companies: REALISTIC.companies, buyers: REALISTIC.buyers, seed: 7 }),
  };
  const pairs = REALISTIC.companies * REALISTIC.buyers;
  const measured = new Map<string, { buildMicros: number; pairsPerSecond: number }>();
  const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };
  const report = (): void => {
    const synthetic = measured.get("synthetic");
    const realistic = measured.get("realistic");
    if (synthetic === undefined || realistic === undefined) return;
    const rows = [
      `| synthetic | ${millions(synthetic.pairsPerSecond)} | ${synthetic.buildMicros.toFixed(1)} µs | 1 | 1 |`,
      `| realistic | ${millions(realistic.pairsPerSecond)} | ${realistic.buildMicros.toFixed(1)} µs | ${(realistic.pairsPerSecond / synthetic.pairsPerSecond).toFixed(2)} | ${(realistic.buildMicros / synthetic.buildMicros).toFixed(2)} |`,
    ];
    const table = `\n${REALISTIC.companies} × ${REALISTIC.buyers}, top ${TOP}\n| market | rankAll pair-eq/s | build per buyer | pair-eq/s ÷ synthetic | build ÷ synthetic |\n|---|---|---|---|---|\n${rows.join("\n")}\n(sink ${sink.toFixed(1)})\n`;
    process.stderr.write(table);
    appendFileSync(path.join(tmpdir(), "buyermatch-engine-bench.md"), table);
  };
  for (const [name, market] of Object.entries(markets)) {
    bench(
      `${name}: createMatcher, then matcher.rankAll(all companies)`,
      () => {
        let matcher = createMatcher(market.buyers.slice(0, 1_000), { top: TOP });
        const build = seconds(() => {
          matcher = createMatcher(market.buyers, { top: TOP });
        });
        const rank = seconds(() => {
          for (const list of matcher.rankAll(market.companies).values()) consume(list);
        });
        measured.set(name, { buildMicros: (build * 1e6) / REALISTIC.buyers, pairsPerSecond: pairs / rank });
        report();
      },
      once,
    );
  }
});
