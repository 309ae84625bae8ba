/**
 * `buyermatch plan --format ics` on the example Chicago + Detroit mission (examples/trade-mission):
 * the README's command as written, zones per city, calendars per participant, re-issues.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../cli/inprocess.js";

const ROOT = resolve(__dirname, "../..");
const EXAMPLE = join(ROOT, "examples", "trade-mission");
const FILES: Record<string, string> = {
  "companies.csv": join(EXAMPLE, "companies.csv"),
  "buyers.csv": join(EXAMPLE, "buyers.csv"),
  "sessions.csv": join(EXAMPLE, "sessions.json"),
};
const directory = mkdtempSync(join(tmpdir(), "buyermatch-calendar-"));

interface Event {
  readonly uid: string;
  readonly sequence: number;
  readonly tzid: string | null;
  readonly local: string;
  readonly utc: string;
}

function events(ics: string): Event[] {
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const tzid = component.getFirstProperty("dtstart")?.getParameter("tzid");
    return { uid: event.uid, sequence: event.sequence, tzid: typeof tzid === "string" ? tzid : null, local: event.startDate.toString(), utc: event.startDate.toJSDate().toISOString() };
  });
}

/** Hours behind UTC in May (daylight time), from the published rules. */
const MAY_OFFSET: Record<string, number> = { "America/Chicago": 5, "America/Detroit": 4 };

function expectTrueInstants(list: readonly Event[]): void {
  expect(list.length).toBeGreaterThan(0);
  for (const event of list) {
    expect(event.tzid === "America/Chicago" || event.tzid === "America/Detroit").toBe(true);
    const [date, time] = event.local.split("T") as [string, string];
    const [year, month, day] = date.split("-").map(Number) as [number, number, number];
    const [hours, minutes] = time.split(":").map(Number) as [number, number];
    expect(month).toBe(5);
    expect(event.utc).toBe(new Date(Date.UTC(year, month - 1, day, hours + MAY_OFFSET[event.tzid!]!, minutes)).toISOString());
  }
}

describe("plan --format ics", () => {
  it("runs the README's command as written, with Detroit meetings in America/Detroit", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const line = readme.split("\n").find((text) => text.includes("plan companies.csv") && text.includes("--timezone") && text.includes("--format ics"));
    expect(line).toBeDefined();
    const args = line!
      .replace(/^npx buyermatch /, "")
      .trim()
      .split(/\s+/)
      .map((word) => FILES[word] ?? (word === "agenda.ics" ? join(directory, "agenda.ics") : word));
    const result = await runInProcess(args);
    expect(result.stderr).not.toMatch(/bad input|internal/);
    expect(result.code).toBe(0);
    const list = events(readFileSync(join(directory, "agenda.ics"), "utf8"));
    expectTrueInstants(list);
    expect(list.some((event) => event.tzid === "America/Detroit")).toBe(true);
    expect(list.some((event) => event.tzid === "America/Chicago")).toBe(true);
  });

  it("takes each city's zone from the gazetteer when --timezone is not given", async () => {
    const result = await runInProcess(["plan", FILES["companies.csv"]!, FILES["buyers.csv"]!, FILES["sessions.csv"]!, "--format", "ics"]);
    expect(result.code).toBe(0);
    expectTrueInstants(events(result.stdout));
  });

  it("keeps UIDs and raises SEQUENCE when the plan is issued again", async () => {
    const args = ["plan", FILES["companies.csv"]!, FILES["buyers.csv"]!, FILES["sessions.csv"]!, "--format", "ics"];
    const first = events((await runInProcess([...args, "--sequence", "4"])).stdout);
    const second = events((await runInProcess([...args, "--sequence", "5"])).stdout);
    expect(second.map((event) => event.uid)).toEqual(first.map((event) => event.uid));
    expect(first.every((event) => event.sequence === 4) && second.every((event) => event.sequence === 5)).toBe(true);
    // Without --sequence the clock gives it: minutes since 2024-01-01, so later runs are never lower.
    const clocked = events((await runInProcess(args)).stdout);
    expect(clocked[0]!.sequence).toBeGreaterThan(1_000_000);
  });

  it("writes one calendar per exporter and per buyer into --out DIR", async () => {
    const out = join(directory, "calendars");
    const result = await runInProcess(["plan", FILES["companies.csv"]!, FILES["buyers.csv"]!, FILES["sessions.csv"]!, "--format", "ics", "--per", "participant", "--out", out]);
    expect(result.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(result.stdout).toContain(`${files.length} calendars written to ${out}`);
    expect(files.some((file) => file.startsWith("company-"))).toBe(true);
    expect(files.some((file) => file.startsWith("buyer-"))).toBe(true);
    const mission = events((await runInProcess(["plan", FILES["companies.csv"]!, FILES["buyers.csv"]!, FILES["sessions.csv"]!, "--format", "ics", "--sequence", "1"])).stdout);
    let total = 0;
    for (const file of files) {
      const list = events(readFileSync(join(out, file), "utf8"));
      expectTrueInstants(list);
      total += list.length;
    }
    expect(total).toBe(2 * mission.length);
  });

  it("treats a malformed --timezone or --per as a usage error and an unknown zone or city as bad input", async () => {
    const base = ["plan", FILES["companies.csv"]!, FILES["buyers.csv"]!, FILES["sessions.csv"]!, "--format", "ics"];
    for (const extra of [["--timezone", "Chicago="], ["--timezone", "America/Chicago,America/Detroit"], ["--per", "participant"], ["--per", "everyone", "--out", directory], ["--sequence", "-1"]]) {
      const result = await runInProcess([...base, ...extra]);
      expect(result.code, extra.join(" ")).toBe(2);
    }
    const unknown = await runInProcess([...base, "--timezone", "Chicago=America/Chicago,Toledo=America/Detroit,Detroit=Mars/Olympus"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("options.timezone.Toledo");
    expect(unknown.stderr).toContain("options.timezone.Detroit");
    expect((await runInProcess(["plan", FILES["companies.csv"]!, FILES["buyers.csv"]!, FILES["sessions.csv"]!, "--per", "buyer", "--out", directory])).code).toBe(2);
  });
});
