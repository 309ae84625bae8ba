/**
 * The engine against an earlier build of itself, in one run: the same seeded 1,000 × 100,000 market
 * (bench/market-generator.ts), top 10, default options, ranked by both builds in alternation, so both
 * see the same machine load. The figure is the ratio of the medians.
 *
 * Build both first, e.g. the previous commit into /tmp/base:
 *   git archive <commit> | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules && (cd /tmp/base && npx tsup)
 *   npx tsup
 * then run:
 *   BASELINE_DIST=/tmp/base/dist npx vitest bench --run --config test/vitest.config.ts bench/baseline.bench.ts
 * BENCH_COMPANIES (default 200) sets how many companies each repetition ranks; BENCH_BUYERS (default
 * 100000) the market size.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bench, describe } from "vitest";
import { generateMarket } from "./market-generator.js";

type Api = { createMatcher: (buyers: unknown[], options: unknown) => { rankAll(companies: unknown[]): Map<string, unknown[]> } };

const root = path.resolve(import.meta.dirname, "..");
const baselineDist = process.env["BASELINE_DIST"];
const companyCount = Number(process.env["BENCH_COMPANIES"] ?? 200);
const buyerCount = Number(process.env["BENCH_BUYERS"] ?? 100_000);

describe(`engine vs baseline build, ${companyCount} of 1,000 companies × ${buyerCount.toLocaleString("en")} buyers`, () => {
  if (baselineDist === undefined) throw new Error("set BASELINE_DIST to the dist/ folder of the baseline build");
  bench(
    "current vs baseline (alternating, 5 repetitions)",
    async () => {
      const { companies, buyers } = generateMarket({ companies: 1_000, buyers: buyerCount, seed: 42 });
      const sample = companies.slice(0, companyCount);
      const builds: Record<string, Api> = {
        current: (await import(pathToFileURL(path.join(root, "dist", "index.js")).href)) as Api,
        baseline: (await import(pathToFileURL(path.join(baselineDist, "index.js")).href)) as Api,
      };
      const matchers = Object.fromEntries(Object.entries(builds).map(([name, api]) => [name, api.createMatcher(buyers, { top: 10 })]));
      const times: Record<string, number[]> = { current: [], baseline: [] };
      for (let repetition = 0; repetition < 6; repetition += 1) {
        for (const name of repetition % 2 === 0 ? ["current", "baseline"] : ["baseline", "current"]) {
          const start = performance.now();
          matchers[name]!.rankAll(sample);
          const elapsed = (performance.now() - start) / 1000;
          if (repetition > 0) times[name]!.push(elapsed); // the first repetition warms up
        }
      }
      const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const pairs = companyCount * buyerCount;
      const current = pairs / median(times["current"]!);
      const baseline = pairs / median(times["baseline"]!);
      process.stderr.write(
        `\nengine vs baseline, ${companyCount} companies × ${buyerCount} buyers: current ${(current / 1e6).toFixed(1)} M pairs/s, baseline ${(baseline / 1e6).toFixed(1)} M pairs/s, ratio ${(current / baseline).toFixed(2)}\n` +
          `  current s: ${times["current"]!.map((t) => t.toFixed(3)).join(", ")}; baseline s: ${times["baseline"]!.map((t) => t.toFixed(3)).join(", ")}\n`,
      );
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
