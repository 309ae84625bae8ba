import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMatcher, type MatchOptions } from "../../src/index.js";
import { generateMarket } from "../../bench/market-generator.js";

// The worker script must be found beside the built module, in both builds. This bundles the Node
// entry and its worker the way tsup lays them out in dist/ (node.js + node-worker.js for ES
// modules, node.cjs + node-worker.cjs for CommonJS) into a private folder, so the test does not
// race other builds of dist/, and runs them.
type RankAllParallel = typeof import("../../src/node/index.js").rankAllParallel;
type CreateMatcherPool = typeof import("../../src/node/index.js").createMatcherPool;
let esmPool: CreateMatcherPool;
let cjsPool: CreateMatcherPool;
let folder = "";
let esm: RankAllParallel;
let cjs: RankAllParallel;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "buyermatch-node-"));
  writeFileSync(path.join(folder, "package.json"), JSON.stringify({ type: "module" }));
  const common = { bundle: true, platform: "node" as const, target: "node20", logLevel: "silent" as const };
  await Promise.all([
    build({ ...common, format: "esm", entryPoints: { node: "src/node/index.ts", "node-worker": "src/node/worker.ts", "node-pool-worker": "src/node/poolWorker.ts" }, outdir: folder, outExtension: { ".js": ".js" } }),
    build({ ...common, format: "cjs", entryPoints: { node: "src/node/index.ts", "node-worker": "src/node/worker.ts", "node-pool-worker": "src/node/poolWorker.ts" }, outdir: folder, outExtension: { ".js": ".cjs" } }),
  ]);
  const esmModule = (await import(pathToFileURL(path.join(folder, "node.js")).href)) as { rankAllParallel: RankAllParallel; createMatcherPool: CreateMatcherPool };
  const cjsModule = createRequire(import.meta.url)(path.join(folder, "node.cjs")) as { rankAllParallel: RankAllParallel; createMatcherPool: CreateMatcherPool };
  esm = esmModule.rankAllParallel;
  cjs = cjsModule.rankAllParallel;
  esmPool = esmModule.createMatcherPool;
  cjsPool = cjsModule.createMatcherPool;
});

afterAll(() => {
  if (folder !== "") rmSync(folder, { recursive: true, force: true });
});

const { companies, buyers } = generateMarket({ companies: 9, buyers: 400, seed: 3 });
const CASES: readonly MatchOptions[] = [{ top: 10 }, { top: 4, viewpoint: "mutual", criteria: { certification: { mode: "soft" } } }];

describe("rankAllParallel", () => {
  test.each(CASES)("gives exactly rankAll's results on 1, 2 and 3 threads, from the ES module and CommonJS builds (%j)", async (options) => {
    const expected = [...createMatcher(buyers, options).rankAll(companies)];
    for (const threads of [1, 2, 3]) {
      expect([...(await esm(companies, buyers, options, { threads, minPairsPerThread: 1 }))]).toEqual(expected);
      expect([...(await cjs(companies, buyers, options, { threads, minPairsPerThread: 1 }))]).toEqual(expected);
    }
  });

  test("a matcher already built (grown by add and shrunk by remove) ranks on 2 threads exactly as it does alone", async () => {
    const matcher = createMatcher(buyers.slice(0, 300), { top: 6 });
    matcher.add(buyers.slice(300));
    matcher.remove([buyers[5]!.id, buyers[350]!.id]);
    const expected = [...matcher.rankAll(companies, { top: 3 })];
    expect([...(await esm(companies, matcher, { top: 3 }, { threads: 2, minPairsPerThread: 1 }))]).toEqual(expected);
    expect([...(await cjs(companies, matcher, { top: 3 }, { threads: 2, minPairsPerThread: 1 }))]).toEqual(expected);
    await expect(esm(companies, matcher, { top: 3, viewpoint: "buyer" } as never, { threads: 2, minPairsPerThread: 1 })).rejects.toMatchObject({ name: "BuyerMatchError" });
    await expect(esm(companies, {} as never, {}, { threads: 2, minPairsPerThread: 1 })).rejects.toMatchObject({ name: "BuyerMatchError", issues: [expect.objectContaining({ path: ["buyers"] })] });
  });

  test("a pool of workers loads the matcher once and answers every call exactly as the matcher does, from both builds", async () => {
    const matcher = createMatcher(buyers, { top: 6 });
    for (const create of [esmPool, cjsPool]) {
      const pool = await create(matcher, { threads: 2 });
      expect([...(await pool.rankAll(companies))]).toEqual([...matcher.rankAll(companies)]);
      expect([...(await pool.rankAll(companies.slice(2), { top: 2, minScore: 0.3 }))]).toEqual([...matcher.rankAll(companies.slice(2), { top: 2, minScore: 0.3 })]);
      await expect(pool.rankAll(companies, { top: 0 })).rejects.toMatchObject({ name: "BuyerMatchError", issues: [expect.objectContaining({ path: ["options", "top"] })] });
      await pool.close();
      await expect(pool.rankAll(companies)).rejects.toThrow(/closed/);
    }
    await expect(esmPool({} as never, { threads: 40 })).rejects.toMatchObject({ name: "BuyerMatchError", issues: [expect.objectContaining({ path: ["matcher"] }), expect.objectContaining({ path: ["parallel", "threads"] })] });
  });

  test("a shard of buyers with the full market gives the shard's lists of the whole market's scores", async () => {
    const shard = buyers.filter((_, index) => index % 2 === 0);
    const expected = [...createMatcher(shard, { top: 5 }, { marketBuyers: buyers }).rankAll(companies)];
    expect([...(await esm(companies, shard, { top: 5 }, { threads: 2, marketBuyers: buyers, minPairsPerThread: 1 }))]).toEqual(expected);
  });

  test("bad input fails before any thread starts, with every problem listed", async () => {
    await expect(esm([{ id: "c", name: "", country: "KR" }], buyers, { top: 0 }, { threads: 2, minPairsPerThread: 1 })).rejects.toMatchObject({
      name: "BuyerMatchError",
      issues: expect.arrayContaining([expect.objectContaining({ path: ["options", "top"] }), expect.objectContaining({ path: ["companies", 0, "name"] })]),
    });
    await expect(esm(companies, buyers, {}, { threads: 0 })).rejects.toMatchObject({ name: "BuyerMatchError" });
  });
});
