/**
 * The public surface, recorded: every name each entry exports (values and types), with its kind, is
 * listed in `api-surface.txt` beside this file. A change to the surface fails this test until the
 * file is regenerated (`BUYERMATCH_UPDATE_SURFACE=1 npx vitest run test/contract/surface.test.ts`),
 * so adding or removing an export is a decision a reviewer sees in the diff.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { ROOT } from "../cli/build.js";

const ENTRIES: readonly (readonly [string, string])[] = [
  ["buyermatch", "src/index.ts"],
  ["buyermatch/plan", "src/plan/index.ts"],
  ["buyermatch/decide", "src/decide/index.ts"],
  ["buyermatch/evaluate", "src/evaluate/index.ts"],
  ["buyermatch/io", "src/io/index.ts"],
  ["buyermatch/node", "src/node/index.ts"],
];
const RECORD = join(ROOT, "test", "contract", "api-surface.txt");

function kindOf(symbol: ts.Symbol, checker: ts.TypeChecker): string {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const flags = target.flags;
  if (flags & ts.SymbolFlags.Class) return "class";
  if (flags & ts.SymbolFlags.Function) return "function";
  if (flags & ts.SymbolFlags.Variable) return "const";
  if (flags & ts.SymbolFlags.Interface) return "interface";
  if (flags & ts.SymbolFlags.TypeAlias) return "type";
  if (flags & ts.SymbolFlags.Enum) return "enum";
  return "other";
}

function surface(): string {
  const files = ENTRIES.map(([, file]) => join(ROOT, file));
  const program = ts.createProgram(files, { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, types: ["node"] });
  const checker = program.getTypeChecker();
  const lines: string[] = [];
  for (const [entry, file] of ENTRIES) {
    const source = program.getSourceFile(join(ROOT, file));
    const module = source === undefined ? undefined : checker.getSymbolAtLocation(source);
    if (module === undefined) throw new Error(`cannot read the exports of ${file}`);
    const names = checker.getExportsOfModule(module).map((symbol) => `${entry}\t${kindOf(symbol, checker)}\t${symbol.name}`);
    lines.push(...names.sort());
  }
  return `${lines.join("\n")}\n`;
}

it("the public surface of every entry is the one recorded in api-surface.txt", () => {
  const now = surface();
  if (process.env["BUYERMATCH_UPDATE_SURFACE"] === "1") writeFileSync(RECORD, now);
  expect(now).toBe(readFileSync(RECORD, "utf8"));
});
