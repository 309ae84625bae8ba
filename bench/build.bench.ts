/**
 * Where `createMatcher`'s time goes (issue 14 part 5), phase by phase, on one seeded market
 * (bench/market-generator.ts): options, the fast buyer check alone, normalisation alone, the whole
 * boundary (`collectBuyers`: check, normalise, duplicate ids), the market statistics (vocabulary,
 * idf, typo corrector) and the index (`buildSegment`: order, compiled needs, columns, eligibility),
 * then `createMatcher` itself. CPU time (user + system, GC threads included) beside
 * wall time, since the machine is shared; best of the rounds.
 *
 * With BASELINE_DIST (a dist/ folder of an earlier build, see bench/baseline.bench.ts) the current
 * build (dist/, as `npm run bench` builds it) and the baseline `createMatcher` are built in
 * alternation in the same run, and the table gives their ratio. Run: npm run bench -- bench/build.bench.ts; BENCH_BUILD_BUYERS (default 100,000) and
 * BENCH_BUILD_ROUNDS (default 3) change the size. The table goes to stderr and is appended to
 * $TMPDIR/buyermatch-build-bench.md.
 */
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bench, describe } from "vitest";
import { createMatcher } from "../src/index.js";
import { collectBuyers, collectOptions } from "../src/score/prepare.js";
import { createBuyerCheck } from "../src/schema/fastBuyer.js";
import { createNormalizeCache, normalizeBuyer } from "../src/normalize/records.js";
import { contextFor } from "../src/score/reference.js";
import { buildSegment } from "../src/engine/marketIndex.js";
import type { BuyerMatchIssue } from "../src/schema/errors.js";
import { generateMarket } from "./market-generator.js";

const BUYERS = Number(process.env["BENCH_BUILD_BUYERS"] ?? 100_000);
const ROUNDS = Number(process.env["BENCH_BUILD_ROUNDS"] ?? 3);
const baselineDist = process.env["BASELINE_DIST"];

type Build = (buyers: readonly unknown[], options: unknown) => { readonly size: number };

/** Wall and CPU milliseconds of one call. */
function measure(run: () => void): { wall: number; cpu: number } {
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

describe(`createMatcher phases, ${BUYERS.toLocaleString("en")} buyers`, () => {
  const { buyers } = generateMarket({ companies: 10, buyers: BUYERS, seed: 2026 });

  bench(
    "validate, normalise, market, index; current vs baseline",
    async () => {
      const best = new Map<string, { wall: number; cpu: number }>();
      const keep = (phase: string, time: { wall: number; cpu: number }): void => {
        const seen = best.get(phase);
        best.set(phase, seen === undefined ? time : { wall: Math.min(seen.wall, time.wall), cpu: Math.min(seen.cpu, time.cpu) });
      };
      const load = async (dist: string): Promise<Build> => ((await import(pathToFileURL(path.join(dist, "index.js")).href)) as { createMatcher: Build }).createMatcher;
      const baseline = baselineDist === undefined ? undefined : await load(baselineDist);
      const current = baselineDist === undefined ? undefined : await load(path.join(import.meta.dirname, "..", "dist"));
      for (let round = 0; round < ROUNDS; round += 1) {
        const issues: BuyerMatchIssue[] = [];
        let options = collectOptions({ top: 10 }, "company", issues)!;
        keep("options", measure(() => (options = collectOptions({ top: 10 }, "company", issues)!)));
        const check = createBuyerCheck();
        let parsed: unknown[] = [];
        keep("fast check alone", measure(() => (parsed = buyers.map((buyer) => check(buyer)))));
        keep(
          "normalisation alone",
          measure(() => {
            const cache = createNormalizeCache(options.sectors);
            parsed.forEach((value, index) => normalizeBuyer(value as never, options.sectors, ["buyers", index], issues, cache));
          }),
        );
        parsed = [];
        let records = collectBuyers(buyers, ["buyers"], options.sectors, issues, options.fields.buyer);
        keep("collectBuyers (check + normalise + duplicate ids)", measure(() => (records = collectBuyers(buyers, ["buyers"], options.sectors, issues, options.fields.buyer))));
        let context = contextFor(options, records);
        keep("market statistics (contextFor)", measure(() => (context = contextFor(options, records))));
        keep("index (buildSegment)", measure(() => buildSegment(options, context, records, (at) => records[at]!)));
        records = [];
        if (issues.length > 0) throw new Error(`the market is invalid: ${issues[0]!.message}`);
        // Against a baseline, both are built code (dist/), so that the two run the same way.
        const order: [string, Build][] = [["createMatcher", current ?? (createMatcher as unknown as Build)]];
        if (baseline !== undefined) order.push(["createMatcher, baseline build", baseline]);
        for (const [name, build] of round % 2 === 0 ? order : [...order].reverse()) keep(name, measure(() => build(buyers, { top: 10 })));
      }
      const total = best.get("createMatcher")!;
      const rows = [...best].map(([phase, { wall, cpu }]) => `| ${phase} | ${cpu.toFixed(0)} ms | ${wall.toFixed(0)} ms | ${((100 * cpu) / total.cpu).toFixed(0)} % |`);
      const base = best.get("createMatcher, baseline build");
      if (base !== undefined) rows.push(`| current ÷ baseline | ${(total.cpu / base.cpu).toFixed(2)} | ${(total.wall / base.wall).toFixed(2)} | |`);
      const table = `\n| ${BUYERS.toLocaleString("en")} buyers, best of ${ROUNDS} | CPU | wall | of createMatcher's CPU |\n|---|---|---|---|\n${rows.join("\n")}\n`;
      process.stderr.write(table);
      appendFileSync(path.join(tmpdir(), "buyermatch-build-bench.md"), table);
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
