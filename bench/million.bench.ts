/**
 * A market of 1,000,000 buyers (issue 14 part 5): `createMatcher` within a 1.5 GB heap, the heap it
 * leaves, and `rankAll` of 1,000 companies over it. It runs in a child process started with
 * `--max-old-space-size=1536` (the goal's heap), on the built code (dist/, as `npm run bench` builds
 * it) and the seeded generator (bench/market-generator.ts, bundled by esbuild for the child).
 * Wall and CPU time (user + system, the collector's threads included) of each phase; the child's
 * peak RSS from /usr/bin/time. Run: npm run bench -- bench/million.bench.ts; BENCH_MILLION_BUYERS
 * (default 1,000,000) changes the size. The figures go to stderr and are appended to
 * $TMPDIR/buyermatch-million-bench.md.
 */
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bench, describe } from "vitest";
import { prepareChild } from "./child.js";

const BUYERS = Number(process.env["BENCH_MILLION_BUYERS"] ?? 1_000_000);
const COMPANIES = 1_000;
const HEAP_MB = 1536;
const ROOT = path.join(import.meta.dirname, "..");

/** The child's script: generate, build, measure the heap, rank; prints one JSON line. */
const CHILD = `
import { createMatcher } from ${JSON.stringify(path.join(ROOT, "dist", "index.js"))};
import { generateMarket } from "./generator.mjs";
const cpu = () => { const used = process.cpuUsage(); return (used.user + used.system) / 1e6; };
const time = (run) => { const c = cpu(), w = performance.now(); const value = run(); return { value, wall: (performance.now() - w) / 1000, cpu: cpu() - c }; };
const { companies, buyers } = generateMarket({ companies: ${COMPANIES}, buyers: Number(process.argv[2]), seed: 2026 });
globalThis.gc();
const input = process.memoryUsage().heapUsed;
const build = time(() => createMatcher(buyers, { top: 10 }));
globalThis.gc();
const withMatcher = process.memoryUsage().heapUsed;
const rank = time(() => build.value.rankAll(companies));
console.log(JSON.stringify({ build: { wall: build.wall, cpu: build.cpu }, rank: { wall: rank.wall, cpu: rank.cpu }, inputMB: input / 2 ** 20, matcherMB: (withMatcher - input) / 2 ** 20, heapLimitMB: ${HEAP_MB} }));
`;

describe(`${BUYERS.toLocaleString("en")} buyers in a ${HEAP_MB} MB heap (child process)`, () => {
  const child = prepareChild("buyermatch-million-", CHILD);

  bench(
    "generate, createMatcher, rankAll 1,000 companies",
    () => {
      const { figures, stderr } = child.run<{ build: { wall: number; cpu: number }; rank: { wall: number; cpu: number }; inputMB: number; matcherMB: number }>("/usr/bin/time", ["-v", process.execPath, `--max-old-space-size=${HEAP_MB}`, "--expose-gc", child.script, String(BUYERS)]);
      const peakMB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1]) / 1024;
      const table = [
        "",
        `| ${BUYERS.toLocaleString("en")} buyers, heap limit ${HEAP_MB} MB (${new Date().toISOString()}) | wall | CPU |`,
        "|---|---|---|",
        `| createMatcher | ${figures.build.wall.toFixed(1)} s | ${figures.build.cpu.toFixed(1)} s |`,
        `| rankAll, ${COMPANIES.toLocaleString("en")} companies | ${figures.rank.wall.toFixed(1)} s | ${figures.rank.cpu.toFixed(1)} s |`,
        `| heap: input buyers ${figures.inputMB.toFixed(0)} MB, the matcher ${figures.matcherMB.toFixed(0)} MB; peak RSS ${peakMB.toFixed(0)} MB | | |`,
        "",
      ].join("\n");
      process.stderr.write(table);
      appendFileSync(path.join(tmpdir(), "buyermatch-million-bench.md"), table);
    },
    { iterations: 1, warmupIterations: 0 },
  );
});
