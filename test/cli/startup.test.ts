/**
 * What `buyermatch` loads before it runs a command is paid by every command. The calendars
 * (ical-generator, @date-fns/tz), the `schedule` command and the progress bar (cli-progress) are
 * loaded on first use, so `match`, `plan` and `report` start without them.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI, ensureBuilt } from "./build.js";

beforeAll(ensureBuilt);

/** The packages the bin's static imports reach (files followed, `import()` left out: that is loaded on first use). */
function staticPackages(entry: string): string[] {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  const pattern = /(?:^|[\n;])\s*(?:import\s*(?:[\w*${}\s,]+from\s*)?|export\s*[\w*${}\s,]*from\s*)["']([^"']+)["']/g;
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
  return [...packages].sort();
}

describe("the buyermatch bin at start-up", () => {
  it("loads neither the calendar packages nor the progress bar until a command needs them", () => {
    const packages = staticPackages(CLI);
    expect(packages).toContain("zod");
    for (const name of ["ical-generator", "@date-fns/tz", "cli-progress", "mathjs", "exceljs"]) expect(packages.filter((specifier) => specifier === name || specifier.startsWith(`${name}/`))).toEqual([]);
  });
});
