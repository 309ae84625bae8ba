/**
 * The layers of docs/DESIGN.md §2, held: every relative import in src/ goes to the same layer or one
 * listed above it. An upward import (criteria/ reading score/, schema/ reading criteria/…) fails here
 * with the file and the import named.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Layer ranks, lowest first. schema/ and normalize/ are one level: schemas reuse the normalisers' rules, normalisers read parsed types. */
const RANK: ReadonlyMap<string, number> = new Map([
  ["data", 0],
  ["schema", 1],
  ["normalize", 1],
  ["market", 2],
  ["criteria", 3],
  ["score", 4],
  ["engine", 5],
  ["plan", 6],
  ["decide", 6],
  ["evaluate", 6],
  ["io", 7],
  ["cli", 8],
  ["node", 8],
]);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function layerOf(path: string): string {
  return relative(SRC, path).split(/[\\/]/)[0]!;
}

describe("layers", () => {
  it("every folder of src/ is a layer with a rank", () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((name) => !RANK.has(name))).toEqual([]);
  });

  it("no file imports from a layer below it in the list (imports run one way)", () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const from = layerOf(file);
      if (!RANK.has(from)) continue; // src/index.ts: the entry, above every layer
      for (const match of readFileSync(file, "utf8").matchAll(/(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"/g)) {
        const to = layerOf(resolve(dirname(file), match[1]!));
        if (RANK.has(to) && RANK.get(to)! > RANK.get(from)!) upward.push(`${relative(SRC, file)} imports ${match[1]}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("criteria/ imports nothing from score/, schema/ nothing from criteria/, market/ nothing from criteria/ or score/", () => {
    const offending = sources(SRC).flatMap((file) => {
      const from = layerOf(file);
      const banned = from === "criteria" ? ["score", "engine"] : from === "schema" ? ["criteria", "market", "score"] : from === "market" ? ["criteria", "score"] : [];
      return [...readFileSync(file, "utf8").matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)].filter((match) => banned.includes(layerOf(resolve(dirname(file), match[1]!)))).map((match) => `${relative(SRC, file)} imports ${match[1]}`);
    });
    expect(offending).toEqual([]);
  });
});
