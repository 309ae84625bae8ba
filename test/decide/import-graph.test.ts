import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SPECIFIER = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every module specifier a source file names (static imports, re-exports, dynamic imports). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(SPECIFIER)].map((match) => (match[1] ?? match[2]) as string);
}

/** The files reachable from `entry` through relative imports, and the bare packages they name. */
function importGraph(entry: string): { files: Set<string>; packages: Map<string, string[]> } {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith(".")) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.set(specifier, [...new Set([...(packages.get(specifier) ?? []), relative(ROOT, file)])]);
    }
  }
  return { files, packages };
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith(".ts") ? [join(directory, entry.name)] : [],
  );
}

describe("mathjs stays in buyermatch/decide", () => {
  it("the core entry's import graph holds no mathjs", () => {
    const { files, packages } = importGraph(join(ROOT, "src/index.ts"));
    expect(files.size).toBeGreaterThan(5);
    expect(packages.get("mathjs"), `imported by ${packages.get("mathjs")?.join(", ")}`).toBeUndefined();
    expect([...files].filter((file) => file.includes("/decide/"))).toEqual([]);
  });

  it("within src/, only the adapter src/decide/mathjs.ts imports mathjs", () => {
    const importers = sourceFiles(join(ROOT, "src"))
      .filter((file) => specifiers(file).some((specifier) => specifier === "mathjs" || specifier.startsWith("mathjs/")))
      .map((file) => relative(ROOT, file));
    expect(importers).toEqual(["src/decide/mathjs.ts"]);
  });

  it("the decide entry reaches mathjs only through its adapter", () => {
    const { packages } = importGraph(join(ROOT, "src/decide/index.ts"));
    expect(packages.get("mathjs")).toEqual(["src/decide/mathjs.ts"]);
  });
});
