import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../cli/inprocess.js";

const meetings = "examples/forum/meetings.csv";
const sessions = "examples/forum/sessions.csv";

describe("buyermatch schedule", () => {
  it("schedules the example forum as written in the README, with the proven fewest breaks", async () => {
    const { code, stdout, stderr } = await runInProcess(["schedule", meetings, sessions, "--max-break-spread", "2"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("22 meetings, 2 breaks (lower bound 2, optimal)");
  });

  it("writes JSON, CSV and iCalendar", async () => {
    const json = JSON.parse((await runInProcess(["schedule", meetings, sessions, "--format", "json"])).stdout) as { meetings: unknown[]; breaks: number; optimal: boolean };
    expect(json.meetings).toHaveLength(22);
    expect(json.optimal).toBe(true);
    const csv = (await runInProcess(["schedule", meetings, sessions, "--format", "csv"])).stdout.trim().split("\r\n");
    expect(csv).toHaveLength(23);
    // The fixed slot of m01 (session detroit-am, slot 1) is kept.
    expect(csv[1]).toContain("09:00,09:30,Detroit,detroit-am,1,");
    const ics = (await runInProcess(["schedule", meetings, sessions, "--format", "ics", "--timezone", "America/Detroit"])).stdout;
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(22);
  });

  it("reports an unschedulable file as bad input with the path, exit code 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "buyermatch-schedule-"));
    const file = path.join(dir, "meetings.csv");
    writeFileSync(file, "participant1,participant2,after\na,b,m2\nc,d,m1\n");
    const { code, stderr } = await runInProcess(["schedule", file, sessions]);
    expect(code).toBe(1);
    expect(stderr).toContain("meetings[");
    expect(stderr).toContain("cycle");
  });

  it("plan --format json lists the breaks of every exporter and buyer", async () => {
    const { code, stdout } = await runInProcess(["plan", "examples/trade-mission/companies.csv", "examples/trade-mission/buyers.csv", "examples/trade-mission/sessions.json", "--format", "json"]);
    expect(code).toBe(0);
    const totals = (JSON.parse(stdout) as { totals: { breaks: number; breaksByCompany: { id: string; breaks: number }[]; breaksByBuyer: { id: string; breaks: number }[] } }).totals;
    expect(totals.breaksByCompany).toHaveLength(11);
    expect(totals.breaksByBuyer.length).toBeGreaterThan(0);
    const sum = [...totals.breaksByCompany, ...totals.breaksByBuyer].reduce((total, entry) => total + entry.breaks, 0);
    expect(sum).toBe(totals.breaks);
  });

  it("refuses schedule flags on other commands", async () => {
    const { code, stderr } = await runInProcess(["match", "a.csv", "b.csv", "--max-break-spread", "2"]);
    expect(code).toBe(2);
    expect(stderr).toContain("for schedule only");
  });
});
