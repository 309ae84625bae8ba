import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine, parseWeights, UsageError } from "../../src/cli/args.js";
import { csv, displayWidth, table } from "../../src/cli/text.js";
import { ROOT } from "./build.js";
import { runInProcess } from "./inprocess.js";

const EXAMPLE = join(ROOT, "examples", "trade-mission");

const run = runInProcess;

describe("progress bar", () => {
  it("is drawn on stderr when stderr is a terminal, and never on stdout", async () => {
    const result = await run(["match", join(EXAMPLE, "companies.json"), join(EXAMPLE, "buyers.json"), "--top", "1", "--format", "csv"], { tty: true });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("companies");
    expect(result.stdout).not.toContain("ranking");
    expect(result.stdout.startsWith("company_id,")).toBe(true);
  });

  it("is not drawn when stderr is a pipe or file", async () => {
    const result = await run(["match", join(EXAMPLE, "companies.json"), join(EXAMPLE, "buyers.json"), "--top", "1"]);
    expect(result.stderr).toBe("");
  });
});

describe("command line", () => {
  it("prints the version", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: "9.9.9\n", stderr: "" });
  });

  it("reads inline weights with = or :, spaces allowed", () => {
    expect(parseWeights("product=0.5, sector:0.2")).toEqual({ product: 0.5, sector: 0.2 });
    expect(parseWeights('{"tier": 0}')).toEqual({ tier: 0 });
    expect(() => parseWeights("product=lots")).toThrow(UsageError);
    expect(() => parseWeights("missing.json")).toThrow(/cannot read/);
  });

  it("rejects flags that do not belong to the command", () => {
    expect(() => parseCommandLine(["match", "a", "b", "--buyer", "x"], "1")).toThrow(/explain only/);
    expect(() => parseCommandLine(["match", "a", "b", "--timezone", "UTC"], "1")).toThrow(/ics only/);
    expect(() => parseCommandLine(["match", "-", "-"], "1")).toThrow(/only one file/);
    expect(() => parseCommandLine(["report", "a", "b", "c", "d"], "1")).toThrow(/\[sessions\]/);
    expect(() => parseCommandLine(["plan", "a", "b", "c", "--format", "html"], "1")).toThrow(/--format/);
    expect(() => parseCommandLine(["match", "a", "b", "--min-score", "1.5"], "1")).toThrow(/between 0 and 1/);
  });

  it("takes a report's sessions file as optional", () => {
    const parsed = parseCommandLine(["report", "a", "b"], "1");
    expect(parsed.kind === "run" && parsed.settings.files).toEqual(["a", "b"]);
  });

  it("exits 1 when no row of a file is usable", async () => {
    const result = await run(["match", "-", join(EXAMPLE, "buyers.json")], { stdin: "id,name,country\nx,,ZZ\n" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("stdin: 1 row, 0 loaded, 1 dropped; 2 errors, 0 warnings:");
    expect(result.stderr).toContain("error: row 2 (id x), column name: is empty, but a value is required");
    // Most (all) rows failed: the run stops with one sentence on the likely cause.
    expect(result.stderr).toContain("stdin: 1 of 1 rows were dropped: the most common problem is column");
  });
});

describe("text output", () => {
  it("lines up columns holding Korean text (two columns per Hangul syllable)", () => {
    expect(displayWidth("유압 실린더")).toBe(11);
    const lines = table(["name", "n"], [["유압", "1"], ["pump", "22"]], [1]).split("\n");
    // "name"/"유압"/"pump" are 4 columns wide, then two spaces, then the right-aligned "n"/"1"/"22".
    expect(lines.map((line) => displayWidth(line))).toEqual([8, 8, 8, 8, 0]);
    expect(lines[2]).toBe("유압   1");
  });

  it("quotes CSV fields that need it (RFC 4180)", () => {
    expect(csv(["a", "b"], [["x,y", 'say "hi"']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n');
  });

  it("keeps the example CSV and JSON exporters' names identical in the table output", async () => {
    const fromCsv = await run(["match", join(EXAMPLE, "companies.csv"), join(EXAMPLE, "buyers.csv"), "--top", "1"]);
    const names = (JSON.parse(readFileSync(join(EXAMPLE, "companies.json"), "utf8")) as { name: string }[]).map((company) => company.name);
    for (const name of names) expect(fromCsv.stdout).toContain(name);
  });
});
