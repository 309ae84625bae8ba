/**
 * A built file's import graph: relative specifiers are followed, bare names collected. The core
 * bundle test follows every kind of import (a browser must be able to load any of them); the CLI
 * start-up test follows only static ones (what `import()` names is loaded on first use).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const EVERY = /(?:\bimport\s*(?:[\w*${}\s,]+from\s*)?|\bexport\s*[\w*${}\s,]*from\s*|\bimport\(\s*|\brequire\(\s*)["']([^"']+)["']/g;
const STATIC = /(?:^|[\n;])\s*(?:import\s*(?:[\w*${}\s,]+from\s*)?|export\s*[\w*${}\s,]*from\s*)["']([^"']+)["']/g;

/**
 * Every file and package reachable from `entry`.
 *
 * @param entry - a built file
 * @param dynamic - whether `import()` and `require()` count (false: static imports only)
 * @returns the files read and the package specifiers, sorted
 * @example
 * const { packages } = importGraph("dist/index.js", true);
 */
export function importGraph(entry: string, dynamic: boolean): { files: string[]; packages: string[] } {
  const pattern = dynamic ? EVERY : STATIC;
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
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
