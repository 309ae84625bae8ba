import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { ROOT, ensureBuilt } from "../cli/build.js";

/** Debian's python3 with jupyter-nbconvert and python3-nbclient; CI installs them. */
const PYTHON = "/usr/bin/python3";
const ARTIFACTS = join(ROOT, "test", "artifacts");
const EXECUTED = join(ARTIFACTS, "notebook.executed.ipynb");
const environment = { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };

interface Cell {
  readonly cell_type: string;
  readonly outputs?: readonly { readonly output_type: string; readonly ename?: string; readonly evalue?: string }[];
}

beforeAll(async () => {
  expect(existsSync(PYTHON), `${PYTHON} is missing`).toBe(true);
  await ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  // Idempotent: (re)writes the Deno kernelspec so it points at this checkout's deno binary.
  execFileSync(join(ROOT, "node_modules", ".bin", "deno"), ["jupyter", "--install", "--force"], { cwd: ROOT, env: environment, stdio: "pipe" });
});

it("examples/notebook.ipynb runs headless on the Deno kernel without an error", () => {
  execFileSync(
    PYTHON,
    ["-m", "nbconvert", "--to", "notebook", "--execute", join(ROOT, "examples", "notebook.ipynb"), "--output-dir", ARTIFACTS, "--output", "notebook.executed.ipynb", "--ExecutePreprocessor.timeout=180", "--ExecutePreprocessor.kernel_name=deno"],
    { cwd: ROOT, env: environment, stdio: "pipe" },
  );
  const notebook = JSON.parse(readFileSync(EXECUTED, "utf8")) as { cells: Cell[] };
  const code = notebook.cells.filter((cell) => cell.cell_type === "code");
  expect(code.length).toBeGreaterThanOrEqual(5);
  // The kernel sometimes drops a cell's output (TOOLCHAIN.md), so only errors are checked, not outputs.
  const errors = code.flatMap((cell) => (cell.outputs ?? []).filter((output) => output.output_type === "error"));
  expect(errors).toEqual([]);
});
