/**
 * Cold import time of the built core entry (dist/index.js) in a fresh node process, against mathjs
 * (which the core must never pull in). Goal: the core imports in ≤ 0.3 s.
 *
 * Build first (`npx tsup`, or `npm run bench`, which builds), then run:
 * npx vitest bench --run --config test/vitest.config.ts bench/import.bench.ts
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bench, describe } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const core = path.join(root, "dist", "index.js");
const mathjs = createRequire(path.join(root, "package.json")).resolve("mathjs");

/** Milliseconds a fresh node process spends in `await import(target)`, measured inside it. */
function coldImport(target: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(target)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
}

const times: Record<string, number[]> = { core: [], mathjs: [] };
let reported = false;

function report(): void {
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  if (reported || times["core"]!.length < 5 || times["mathjs"]!.length < 5) return;
  reported = true;
  process.stderr.write(`\ncold import, median: buyermatch core ${median(times["core"]!).toFixed(0)} ms, mathjs ${median(times["mathjs"]!).toFixed(0)} ms\n`);
}

describe("cold import in a fresh node process", () => {
  if (!existsSync(core)) throw new Error("dist/index.js is missing: run `npx tsup` first");
  const options = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 };
  bench("buyermatch core (dist/index.js)", () => void times["core"]!.push(coldImport(pathToFileURL(core).href)), options);
  bench("mathjs", () => {
    times["mathjs"]!.push(coldImport(pathToFileURL(mathjs).href));
    report();
  }, options);
});
