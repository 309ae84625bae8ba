/**
 * Builds the package once for the test files that run or read dist/ (CLI, report, runtimes, core bundle). `npm test` has
 * just run tsup, so the build is normally fresh and nothing happens; otherwise the first test file
 * to get here runs `tsup` under a lock while the others wait, so no file reads a half-cleaned dist/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The built CLI. */
export const CLI = join(ROOT, "dist", "cli.js");

const OUTPUTS = ["cli.js", "index.js", "index.cjs", "io.js", "plan.js", "decide.js"].map((file) => join(ROOT, "dist", file));
const LOCK = join(tmpdir(), `buyermatch-build-${Buffer.from(ROOT).toString("hex").slice(-32)}.lock`);

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

function fresh(): boolean {
  if (!OUTPUTS.every((file) => existsSync(file))) return false;
  const built = Math.min(...OUTPUTS.map((file) => statSync(file).mtimeMs));
  return built >= Math.max(newest(join(ROOT, "src")), newest(join(ROOT, "tsup.config.ts")), newest(join(ROOT, "package.json")));
}

const sleep = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Makes sure dist/ is built from the current sources. */
export async function ensureBuilt(): Promise<void> {
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another test file is building; a lock older than five minutes is left over from a killed run.
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock !== undefined && Date.now() - lock.mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (!fresh()) execFileSync(process.execPath, [join(ROOT, "node_modules", "tsup", "dist", "cli-default.js"), "--silent"], { cwd: ROOT, stdio: "inherit" });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}
