/**
 * What two threads can give on this machine (issue 14 part 4), with no pool and no messages: the
 * ceiling any `rankAllParallel` or pool can reach. In a child process, on the built code (dist/)
 * and the seeded generator (bench/market-generator.ts, bundled by esbuild):
 *
 * - an arithmetic loop, in 1 and in 2 threads (does the machine run two threads at once?);
 * - random reads and writes over a 64 MB array, in 1 and 2 threads (what sharing memory costs);
 * - `rankAll` of 1,000 companies × BENCH_CEILING_BUYERS (default 100,000) buyers from one shared
 *   snapshot: one worker ranking all, two workers ranking half each one after the other, and the
 *   two at once. Each worker times only its own `rankAll`, after a warm-up.
 *
 * Run: npm run bench -- bench/thread-ceiling.bench.ts. The table goes to stderr and is appended to
 * $TMPDIR/buyermatch-thread-ceiling-bench.md.
 */
import { appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bench, describe } from "vitest";
import { prepareChild } from "./child.js";

const BUYERS = Number(process.env["BENCH_CEILING_BUYERS"] ?? 100_000);
const ROOT = path.join(import.meta.dirname, "..");

/** The child: each job runs in fresh workers; prints one JSON line of milliseconds per job. */
const CHILD = `
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
const dist = ${JSON.stringify(path.join(ROOT, "dist", "index.js"))};
if (isMainThread) {
  const { createMatcher } = await import(dist);
  const { generateMarket } = await import("./generator.mjs");
  const { companies, buyers } = generateMarket({ companies: 1000, buyers: Number(process.argv[2]), seed: 2026 });
  const snapshot = createMatcher(buyers, { top: 10 }).toSnapshot({ buyers: true });
  const shared = new SharedArrayBuffer(snapshot.byteLength);
  new Uint8Array(shared).set(snapshot);
  const start = (job, part, parts) => new Worker(new URL(import.meta.url), { workerData: { job, shared, companies, part, parts } });
  const next = (worker) => new Promise((resolve) => worker.once("message", resolve));
  const run = async (job, threads, together) => {
    const workers = Array.from({ length: threads }, (_, part) => start(job, part, threads));
    await Promise.all(workers.map(next));
    let times = [];
    if (together) { workers.forEach((worker) => worker.postMessage("go")); times = await Promise.all(workers.map(next)); }
    else for (const worker of workers) { worker.postMessage("go"); times.push(await next(worker)); }
    workers.forEach((worker) => worker.terminate());
    return times;
  };
  const out = {};
  for (let round = 0; round < 2; round += 1) {
    for (const [name, job, threads, together] of [["arithmetic, 1 thread", "alu", 1, true], ["arithmetic, 2 threads at once", "alu", 2, true], ["random memory, 1 thread", "memory", 1, true], ["random memory, 2 threads at once", "memory", 2, true], ["rankAll, 1 worker, all companies", "rank", 1, true], ["rankAll, 2 workers, half each, one after the other", "rank", 2, false], ["rankAll, 2 workers, half each, at once", "rank", 2, true]]) {
      (out[name] ??= []).push(await run(job, threads, together));
    }
  }
  console.log(JSON.stringify(out));
} else {
  const { job, shared, companies, part, parts } = workerData;
  let work;
  if (job === "alu") work = () => { let x = 1; for (let i = 0; i < 2e8; i += 1) x = (x * 1103515245 + 12345) | 0; globalThis.sink = x; };
  else if (job === "memory") { const a = new Int32Array(1 << 24); work = () => { let s = 0, j = 0; for (let i = 0; i < 3e7; i += 1) { j = (j * 1103515245 + 12345) & ((1 << 24) - 1); s += a[j]; a[j] = i; } globalThis.sink = s; }; }
  else {
    const { loadMatcher } = await import(dist);
    const matcher = loadMatcher(new Uint8Array(shared));
    const mine = companies.filter((_, index) => index % parts === part);
    matcher.rankAll(companies.slice(0, 100));
    work = () => { globalThis.sink = matcher.rankAll(mine).size; };
  }
  parentPort.postMessage(0);
  parentPort.once("message", () => { const start = performance.now(); work(); parentPort.postMessage(performance.now() - start); });
}
`;

describe(`two threads on this machine, ${BUYERS.toLocaleString("en")} buyers (child process)`, () => {
  const child = prepareChild("buyermatch-ceiling-", CHILD);

  bench(
    "arithmetic, random memory and rankAll in 1 and 2 threads",
    () => {
      const { figures } = child.run<Record<string, number[][]>>(process.execPath, [child.script, String(BUYERS)]);
      const rows = Object.entries(figures).map(([name, rounds]) => `| ${name} | ${rounds.map((times) => times.map((ms) => ms.toFixed(0)).join(" + ")).join("; ")} ms |`);
      const table = `\n| two threads, ${new Date().toISOString()} | each thread's time, two rounds |\n|---|---|\n${rows.join("\n")}\n`;
      process.stderr.write(table);
      appendFileSync(path.join(tmpdir(), "buyermatch-thread-ceiling-bench.md"), table);
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
