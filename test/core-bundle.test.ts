/**
 * The core entry must run in a browser and load fast: its built import graph may hold no Node
 * built-in and no mathjs. The bundles are (re)built from the current sources first
 * (`ensureBuilt`, shared with the CLI and runtime tests), so a stale or missing dist/ cannot pass.
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt } from "./cli/build.js";

const dist = resolve(ROOT, "dist");
beforeAll(ensureBuilt);
const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/** Every module specifier reachable from `entry`: relative files are followed, bare names collected. */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  const pattern = /(?:\bimport\s*(?:[\w*${}\s,]+from\s*)?|\bexport\s*[\w*${}\s,]*from\s*|\bimport\(\s*|\brequire\(\s*)["']([^"']+)["']/g;
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(pattern)) {
      const specifier = match[1]!;
      if (specifier.startsWith(".")) pending.push(join(dirname(file), specifier));
      else packages.add(specifier);
    }
  }
  return { files: [...files], packages: [...packages].sort() };
}

describe("the built core entry", () => {
  for (const entry of ["index.js", "index.cjs"]) {
    it(`${entry} imports no Node built-in and no mathjs`, () => {
      const path = join(dist, entry);
      expect(existsSync(path)).toBe(true);
      const { files, packages } = importGraph(path);
      expect(files.length).toBeGreaterThan(0);
      expect(packages.filter((name) => builtins.has(name) || name.startsWith("node:"))).toEqual([]);
      expect(packages.filter((name) => name === "mathjs" || name.startsWith("mathjs/"))).toEqual([]);
      expect(packages).toEqual(["fuse.js", "zod"]);
    });
  }

  it("the decide entry is where mathjs lives", () => {
    expect(importGraph(join(dist, "decide.js")).packages).toContain("mathjs");
  });
});
