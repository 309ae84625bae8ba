/**
 * `planMeetings` on a mission of 200 companies × 2,000 buyers, each company scored against 100 seeded
 * random buyers (continuous scores), 2 cities × 2 sessions × 8 slots × 40 tables (1,280 seats), budgets
 * 0–16, capacities 0–3, 10 % online buyers, minScore 0.2. Measured end to end: validation, allocation,
 * slotting, agenda. Goal: ≤ 2 s per plan. The min-cost flow's two algorithms are measured on the same
 * run for comparison (network simplex is the default).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bench, describe } from "vitest";
import { generateMarket } from "./market-generator.js";
import { planMeetings, type PlanInput } from "../src/plan/index.js";
import { allocate } from "../src/plan/allocate.js";
import { parsePlanInput } from "../src/plan/input.js";
import { buildModel } from "../src/plan/model.js";
import { FlowNetwork, solveMinCostFlow } from "../src/plan/minCostFlow.js";
import { MISSION_200_BY_2000, randomInstance } from "../test/plan/instances.js";

const ROOT_DIR = fileURLToPath(new URL("..", import.meta.url));

const input: PlanInput = randomInstance(2026, MISSION_200_BY_2000);

let sink = 0;
const options = {
  iterations: 6,
  warmupIterations: 1,
  teardown: (): void => {
    if (!Number.isFinite(sink)) throw new Error("results were not finite");
  },
};

describe("planMeetings: 200 companies × 2,000 buyers, 4 sessions × 8 slots × 40 tables", () => {
  bench("planMeetings, fairness 0", () => {
    sink += planMeetings(input).totals.totalScore;
  }, options);

  bench("planMeetings, fairness 0.5, minPerCompany 2", () => {
    sink += planMeetings({ ...input, fairness: 0.5, minPerCompany: 2 }).totals.totalScore;
  }, options);
});

/**
 * The mission's company–buyer b-matching (budgets, capacities, pair arcs; no cities) as a plain
 * network, so both flow algorithms solve the same thing; rebuilt each iteration since solving consumes it.
 */
const model = buildModel(parsePlanInput(input));
function allocationNetwork(): { network: FlowNetwork; source: number; sink: number } {
  const network = new FlowNetwork();
  const source = network.addNode();
  const target = network.addNode();
  const companyNodes = model.companies.map((company) => {
    const node = network.addNode();
    network.addArc(source, node, company.budget, 0);
    return node;
  });
  const buyerNodes = model.buyers.map((buyer) => {
    const node = network.addNode();
    network.addArc(node, target, buyer.capacity, 0);
    return node;
  });
  for (const pair of model.pairs) network.addArc(companyNodes[pair.company] as number, buyerNodes[pair.buyer] as number, 1, -pair.score);
  return { network, source, sink: target };
}

describe(`min-cost flow on the mission's company–buyer network (${model.pairs.length} pair arcs)`, () => {
  bench("network simplex", () => {
    const { network, source, sink: target } = allocationNetwork();
    sink += solveMinCostFlow(network, source, target, { algorithm: "network-simplex" }).cost;
  }, options);

  bench("successive shortest paths", () => {
    const { network, source, sink: target } = allocationNetwork();
    sink += solveMinCostFlow(network, source, target, { algorithm: "successive-shortest-paths" }).cost;
  }, options);

  bench("allocate (planner network, both cities)", () => {
    sink += allocate(model, new Map()).length;
  }, options);
});

/**
 * The CLI end to end at mission scale (`plan` and `report`), each run a child process under
 * `/usr/bin/time -v` so peak memory (maximum resident set size) is measured with the time. Markets
 * from the seeded generator, written once to a temporary folder; the example mission's four Chicago and
 * Detroit sessions. Goals: 30 × 100,000 ≤ 30 s within 1 GB; 30 × 10,000 ≤ 5 s; 200 × 2,000 ≤ 2 s.
 * Set BENCH_SCALE=100000 to include the largest market (about a minute per iteration on a busy machine).
 */
const SCALE_SESSIONS = JSON.parse(readFileSync(join(ROOT_DIR, "examples", "trade-mission", "sessions.json"), "utf8")) as unknown[];
const scaleDir = mkdtempSync(join(tmpdir(), "buyermatch-scale-"));
const SIZES: [number, number][] = [
  [200, 2000],
  [30, 10000],
  ...(process.env["BENCH_SCALE"] === "100000" ? ([[30, 100000]] as [number, number][]) : []),
];
for (const [companies, buyers] of SIZES) {
  const dir = join(scaleDir, `${companies}x${buyers}`);
  mkdirSync(dir, { recursive: true });
  const market = generateMarket({ companies, buyers, seed: 2026 });
  writeFileSync(join(dir, "companies.json"), JSON.stringify(market.companies));
  writeFileSync(join(dir, "buyers.json"), JSON.stringify(market.buyers));
  writeFileSync(join(dir, "sessions.json"), JSON.stringify(SCALE_SESSIONS));
}

/** Runs the built CLI once; returns the peak resident set size in MB (and records the CPU seconds). */
function cliPeakMegabytes(command: "plan" | "report", dir: string, name: string): number {
  const files = ["companies.json", "buyers.json", "sessions.json"].map((file) => join(dir, file));
  const result = spawnSync("/usr/bin/time", ["-v", process.execPath, join(ROOT_DIR, "dist", "cli.js"), command, ...files, "--out", join(dir, `${command}.out`)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  const kilobytes = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1]);
  // On a shared machine wall time carries other jobs' load; user + system time is this run's own work.
  const cpu = Number(/User time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(result.stderr)?.[1]);
  cpuSeconds.set(name, [...(cpuSeconds.get(name) ?? []), cpu]);
  return kilobytes / 1024;
}

const peaks = new Map<string, number>();
const cpuSeconds = new Map<string, number[]>();
describe("CLI at mission scale (child process; peak RSS printed after the run)", () => {
  for (const [companies, buyers] of SIZES) {
    for (const command of ["plan", "report"] as const) {
      const name = `${command} ${companies} × ${buyers.toLocaleString("en")}`;
      bench(
        name,
        () => {
          peaks.set(name, Math.max(peaks.get(name) ?? 0, cliPeakMegabytes(command, join(scaleDir, `${companies}x${buyers}`), name)));
        },
        {
          iterations: 2,
          warmupIterations: 0,
          teardown: () => {
            const cpu = cpuSeconds.get(name) ?? [];
            console.log(`${name}: peak RSS ${Math.round(peaks.get(name) ?? 0)} MB, CPU (user + system) ${cpu.map((seconds) => seconds.toFixed(2)).join(" / ")} s`);
          },
        },
      );
    }
  }
});
