/**
 * A matcher's life in an app (issue 14): build vs loading its snapshot, rebuilding vs adding 1,000
 * buyers, and ranking 1,000 companies on one thread vs two workers (the snapshot shipped in a
 * SharedArrayBuffer). One seeded market (bench/market-generator.ts), 100,000 buyers; every figure
 * of a row is measured in the same run, so the ratios hold on a loaded machine too.
 *
 * Run: npm run bench -- bench/lifecycle.bench.ts (builds dist/ first: the workers run the built
 * worker script). The table is written to stderr and appended to
 * $TMPDIR/buyermatch-lifecycle-bench.md; docs/engine.md and the README quote it.
 * BENCH_LIFECYCLE_BUYERS and BENCH_LIFECYCLE_COMPANIES change the size.
 */
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bench, describe } from "vitest";
import { createMatcher, loadMatcher, type Matcher } from "../src/index.js";
import { generateMarket } from "./market-generator.js";

const BUYERS = Number(process.env["BENCH_LIFECYCLE_BUYERS"] ?? 100_000);
const COMPANIES = Number(process.env["BENCH_LIFECYCLE_COMPANIES"] ?? 1_000);
const ADDED = 1_000;
const TOP = 10;

type NodeEntry = typeof import("../src/node/index.js");

function seconds(run: () => void): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

async function secondsAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/** The best of a few runs (the least disturbed by other work on the machine). */
function best(times: number, run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let index = 0; index < times; index += 1) fastest = Math.min(fastest, seconds(run));
  return fastest;
}

const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

describe(`matcher lifecycle: ${BUYERS.toLocaleString("en")} buyers, ${COMPANIES.toLocaleString("en")} companies`, () => {
  const { companies, buyers: all } = generateMarket({ companies: COMPANIES, buyers: BUYERS + ADDED, seed: 2026 });
  const buyers = all.slice(0, BUYERS);
  const added = all.slice(BUYERS);

  bench(
    "build, snapshot, load, add, remove, refresh, rank on 1 and 2 threads",
    async () => {
      let matcher: Matcher = createMatcher(buyers, { top: TOP });
      const build = seconds(() => {
        matcher = createMatcher(buyers, { top: TOP });
      });
      let bytes: Uint8Array = new Uint8Array(0);
      const write = best(3, () => {
        bytes = matcher.toSnapshot();
      });
      const load = best(5, () => loadMatcher(bytes, buyers));
      const loadBare = best(5, () => loadMatcher(bytes));
      const json = JSON.stringify(matcher.toSnapshot({ json: true }));
      const loadJson = best(3, () => loadMatcher(JSON.parse(json) as never, buyers));
      const rebuild = seconds(() => createMatcher(all, { top: TOP }));
      const add = seconds(() => matcher.add(added));
      const remove = seconds(() => matcher.remove(added.slice(0, 100).map((buyer) => buyer.id)));
      const refresh = seconds(() => matcher.refresh());

      const fresh = createMatcher(buyers, { top: TOP });
      const { rankAllParallel, createMatcherPool } = (await import(path.join(import.meta.dirname, "..", "dist", "node.js"))) as NodeEntry;
      // Warm both paths once (JIT), then time each.
      fresh.rankAll(companies.slice(0, 20));
      await rankAllParallel(companies.slice(0, 20), fresh, {}, { threads: 2, minPairsPerThread: 1 });
      const serial = seconds(() => fresh.rankAll(companies));
      const parallel = await secondsAsync(() => rankAllParallel(companies, fresh, {}, { threads: 2, minPairsPerThread: 1 }));
      const serialFromBuyers = await secondsAsync(() => rankAllParallel(companies, buyers, { top: TOP }, { threads: 1 }));
      const parallelFromBuyers = await secondsAsync(() => rankAllParallel(companies, buyers, { top: TOP }, { threads: 2, minPairsPerThread: 1 }));
      let pool: Awaited<ReturnType<typeof createMatcherPool>> | undefined;
      const poolStart = await secondsAsync(async () => {
        pool = await createMatcherPool(fresh, { threads: 2 });
        await pool.rankAll(companies.slice(0, 2));
      });
      await pool!.rankAll(companies.slice(0, 20));
      // CPU time (every thread of the process) and this thread's busy time beside wall time: on a
      // shared machine the wall ratio says little, the CPU a call costs in all says what the
      // threads cost beyond the ranking itself.
      const cpu = (): number => {
        const used = process.cpuUsage();
        return (used.user + used.system) / 1e6;
      };
      const pooled: number[] = [];
      const pooledCpu: number[] = [];
      const pooledBusy: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        const before = cpu();
        const loop = performance.eventLoopUtilization();
        pooled.push(await secondsAsync(() => pool!.rankAll(companies)));
        pooledCpu.push(cpu() - before);
        pooledBusy.push(performance.eventLoopUtilization(loop).active / 1000);
      }
      await pool!.close();
      const serialCpuBefore = cpu();
      const serialAgain = best(2, () => fresh.rankAll(companies));
      const serialCpu = (cpu() - serialCpuBefore) / 2;
      const poolBest = Math.min(...pooled);
      const poolAt = pooled.indexOf(poolBest);

      const ms = (value: number): string => `${(value * 1000).toFixed(0)} ms`;
      const rows = [
        `| build (createMatcher) | ${build.toFixed(2)} s | 1 |`,
        `| toSnapshot | ${ms(write)} (${(bytes.length / 1e6).toFixed(1)} MB; JSON form ${(json.length / 1e6).toFixed(1)} MB) | |`,
        `| loadMatcher(bytes, buyers) | ${ms(load)} | build ${(build / load).toFixed(0)}× slower |`,
        `| loadMatcher(bytes) (no buyers: a worker) | ${ms(loadBare)} | build ${(build / loadBare).toFixed(0)}× slower |`,
        `| loadMatcher(JSON form, buyers) | ${ms(loadJson)} | |`,
        `| rebuild with ${ADDED.toLocaleString("en")} more (createMatcher) | ${rebuild.toFixed(2)} s | 1 |`,
        `| add ${ADDED.toLocaleString("en")} | ${ms(add)} | ${((100 * add) / rebuild).toFixed(1)} % of the rebuild |`,
        `| remove 100 | ${ms(remove)} | |`,
        `| refresh (statistics recomputed) | ${refresh.toFixed(2)} s | ${(refresh / rebuild).toFixed(2)} × the rebuild |`,
        `| rankAll ${COMPANIES.toLocaleString("en")} companies, 1 thread (matcher.rankAll) | ${serial.toFixed(2)} s | 1 |`,
        `| rankAllParallel(companies, matcher), 2 workers | ${parallel.toFixed(2)} s | ${(serial / parallel).toFixed(2)}× faster |`,
        `| rankAllParallel(companies, buyers), 1 thread (build included) | ${serialFromBuyers.toFixed(2)} s | 1 |`,
        `| rankAllParallel(companies, buyers), 2 workers (build included) | ${parallelFromBuyers.toFixed(2)} s | ${(serialFromBuyers / parallelFromBuyers).toFixed(2)}× faster |`,
        `| createMatcherPool(matcher, { threads: 2 }): start, load, first call | ${poolStart.toFixed(2)} s | once |`,
        `| pool.rankAll(${COMPANIES.toLocaleString("en")} companies), 2 workers (best of 3) vs matcher.rankAll (best of 2, same run) | ${poolBest.toFixed(2)} s vs ${serialAgain.toFixed(2)} s | ${(serialAgain / poolBest).toFixed(2)}× faster |`,
        `| the same, CPU time of every thread: pool call vs matcher.rankAll (mean of 2) | ${pooledCpu[poolAt]!.toFixed(2)} s vs ${serialCpu.toFixed(2)} s (calling thread busy ${pooledBusy[poolAt]!.toFixed(2)} s) | ${(pooledCpu[poolAt]! / serialCpu).toFixed(2)}× the CPU |`,
      ];
      const table = `\n| ${BUYERS.toLocaleString("en")} buyers | time | ratio |\n|---|---|---|\n${rows.join("\n")}\n`;
      process.stderr.write(table);
      appendFileSync(path.join(tmpdir(), "buyermatch-lifecycle-bench.md"), table);
    },
    once,
  );
});
