import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { rankBuyers, type Buyer, type Company } from "../../src/index.js";
import { ROOT, ensureBuilt } from "../cli/build.js";

const EXAMPLE = join(ROOT, "examples", "trade-mission");
const companies = JSON.parse(readFileSync(join(EXAMPLE, "companies.json"), "utf8")) as Company[];
const buyers = JSON.parse(readFileSync(join(EXAMPLE, "buyers.json"), "utf8")) as Buyer[];
/** What every runtime must print: the same three buyers with bit-identical scores. */
const expected = rankBuyers(companies[1]!, buyers, { top: 3 }).map((match) => [match.buyerId, match.score]);
const CSV_BUYERS = buyers.length;

function node(args: readonly string[]): string {
  return execFileSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
}

beforeAll(ensureBuilt);

describe("the built package", () => {
  it("imports from Node ESM by its own name, every entry", () => {
    const script = `
      const { rankBuyers } = await import("buyermatch");
      const { loadBuyers } = await import("buyermatch/io");
      const { planMeetings } = await import("buyermatch/plan");
      const { ahpWeights } = await import("buyermatch/decide");
      const { rankingMetrics } = await import("buyermatch/evaluate");
      const { readFileSync } = await import("node:fs");
      const read = (name) => JSON.parse(readFileSync("examples/trade-mission/" + name, "utf8"));
      const companies = read("companies.json"), buyers = read("buyers.json");
      const ranked = rankBuyers(companies[1], buyers, { top: 3 }).map((match) => [match.buyerId, match.score]);
      const loaded = await loadBuyers("examples/trade-mission/buyers.csv");
      console.log(JSON.stringify({ ranked, csvBuyers: loaded.records.length, functions: [planMeetings, ahpWeights, rankingMetrics].map((f) => typeof f) }));`;
    const output = JSON.parse(node(["--input-type=module", "-e", script])) as { ranked: unknown; csvBuyers: number; functions: string[] };
    expect(output).toEqual({ ranked: expected, csvBuyers: CSV_BUYERS, functions: ["function", "function", "function"] });
  });

  it("requires from Node CommonJS, every entry", () => {
    const script = `
      const { rankBuyers } = require("buyermatch");
      const { loadBuyers } = require("buyermatch/io");
      const { planMeetings } = require("buyermatch/plan");
      const { topsis } = require("buyermatch/decide");
      const { calibrateWeights } = require("buyermatch/evaluate");
      const read = (name) => JSON.parse(require("node:fs").readFileSync("examples/trade-mission/" + name, "utf8"));
      const ranked = rankBuyers(read("companies.json")[1], read("buyers.json"), { top: 3 }).map((match) => [match.buyerId, match.score]);
      loadBuyers("examples/trade-mission/buyers.csv").then((loaded) =>
        console.log(JSON.stringify({ ranked, csvBuyers: loaded.records.length, functions: [planMeetings, topsis, calibrateWeights].map((f) => typeof f) })));`;
    const output = JSON.parse(node(["-e", script])) as unknown;
    expect(output).toEqual({ ranked: expected, csvBuyers: CSV_BUYERS, functions: ["function", "function", "function"] });
  });

  it("runs under Deno, imported by path", () => {
    const deno = join(ROOT, "node_modules", ".bin", "deno");
    const script = join(ROOT, "test", "runtimes", "fixtures", "deno-smoke.ts");
    const environment = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
    const output = JSON.parse(execFileSync(deno, ["run", "-A", script], { cwd: ROOT, env: environment, encoding: "utf8" })) as { ranked: unknown; csvBuyers: number; meetings: number };
    expect(output.ranked).toEqual(expected);
    expect(output.csvBuyers).toBe(CSV_BUYERS);
    expect(output.meetings).toBeGreaterThan(0);
  });
});
