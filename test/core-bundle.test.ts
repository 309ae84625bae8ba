/**
 * The core entry must run in a browser and load fast: its built import graph may hold no Node
 * built-in and no mathjs. The bundles are (re)built from the current sources first
 * (`ensureBuilt`, shared with the CLI and runtime tests), so a stale or missing dist/ cannot pass.
 */
import { existsSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt } from "./cli/build.js";
import { importGraph } from "./support/importGraph.js";

const dist = resolve(ROOT, "dist");
beforeAll(ensureBuilt);
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

describe("the built core entry", () => {
  for (const entry of ["index.js", "index.cjs"]) {
    it(`${entry} imports no Node built-in and no mathjs`, () => {
      const path = join(dist, entry);
      expect(existsSync(path)).toBe(true);
      const { files, packages } = importGraph(path, true);
      expect(files.length).toBeGreaterThan(0);
      expect(packages.filter((name) => builtins.has(name) || name.startsWith("node:"))).toEqual([]);
      expect(packages.filter((name) => name === "mathjs" || name.startsWith("mathjs/"))).toEqual([]);
      expect(packages).toEqual(["fuse.js", "zod"]);
    });
  }

  it("the decide entry is where mathjs lives", () => {
    expect(importGraph(join(dist, "decide.js"), true).packages).toContain("mathjs");
  });
});
