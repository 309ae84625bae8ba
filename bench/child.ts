/**
 * The child process two benches run their measurement in (`million.bench.ts`, `thread-ceiling.bench.ts`):
 * a fresh directory holding the seeded generator bundled by esbuild (`./generator.mjs`) and the
 * child's source (`child.mjs`), and a runner that gives the child's last stdout line as JSON.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";

/**
 * Writes the child beside the bundled generator and returns a runner for it.
 *
 * @param prefix - the temporary directory's name prefix
 * @param source - the child's ES module source; it imports `./generator.mjs`
 * @returns `run(command, args)`: spawns `command` with `args` (the child's path is `script`), throws on a
 *   failed child, returns its stderr and its last stdout line parsed as JSON
 * @example
 * const child = prepareChild("buyermatch-million-", "console.log(JSON.stringify({ ok: 1 }));");
 * const { figures } = child.run(process.execPath, [child.script]);
 */
export function prepareChild(prefix: string, source: string): { script: string; run: <T>(command: string, args: readonly string[]) => { figures: T; stderr: string } } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  buildSync({ entryPoints: [path.join(import.meta.dirname, "market-generator.ts")], bundle: true, format: "esm", platform: "node", outfile: path.join(dir, "generator.mjs"), logLevel: "error" });
  const script = path.join(dir, "child.mjs");
  writeFileSync(script, source);
  const run = <T>(command: string, args: readonly string[]): { figures: T; stderr: string } => {
    const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 24 });
    if (result.status !== 0) throw new Error(`the child failed (status ${result.status}): ${result.stderr.slice(-2000)}`);
    return { figures: JSON.parse(result.stdout.trim().split("\n").pop()!) as T, stderr: result.stderr };
  };
  return { script, run };
}
