import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/build.js";

const DENO = join(ROOT, "node_modules", ".bin", "deno");

/** The example scripts import the sources (so tsc checks them); Deno runs them with sloppy imports (".js" → ".ts"). */
function runExample(name: string): string {
  return execFileSync(DENO, ["run", "-A", "--unstable-sloppy-imports", join(ROOT, "examples", name)], {
    cwd: ROOT,
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("example scripts", () => {
  it("rank.ts ranks every exporter from the CSV files", () => {
    expect(runExample("rank.ts")).toMatch(/^11 exporters, 90 buyers/);
  });

  it("plan.ts plans meetings", () => {
    expect(runExample("plan.ts")).toMatch(/^\d+ meetings, mean score 0\.\d{3}/);
  });

  it("weights.ts derives AHP weights and reranks", () => {
    const output = runExample("weights.ts");
    expect(output).toContain("AHP weights");
    expect(output).toMatch(/^AHP {10}\S+ \d\.\d\d/m);
  });
});
