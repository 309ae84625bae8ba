import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ROOT, ensureBuilt } from "../cli/build.js";

/** Debian's chromium; CI installs it. Missing means the test fails, never that it is skipped. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const EXAMPLE = join(ROOT, "examples", "trade-mission");
const ARTIFACTS = join(ROOT, "test", "artifacts");
const REPORT = join(ARTIFACTS, "report.html");
const REPORT_KO = join(ARTIFACTS, "report-ko.html");
const TOP = 5;

const exporters = JSON.parse(readFileSync(join(EXAMPLE, "companies.json"), "utf8")) as { id: string; name: string }[];

function cli(args: readonly string[]): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`buyermatch ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

// The tests' tsconfig has no DOM library; these are the two browser APIs the page checks use.
type Browserish = { getComputedStyle(element: unknown): { backgroundColor: string; breakBefore: string } };
type Boxed = { getBBox(): { width: number } };

let browser: Browser;
let page: Page;
const requests: string[] = [];
let agenda: { meetings: { date: string; city: string; sessionId: string }[] };

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`).toBe(true);
  await ensureBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const files = [join(EXAMPLE, "companies.json"), join(EXAMPLE, "buyers.json"), join(EXAMPLE, "sessions.json")];
  cli(["report", ...files, "--top", String(TOP), "--out", REPORT]);
  cli(["report", ...files, "--locale", "ko", "--out", REPORT_KO]);
  agenda = JSON.parse(cli(["plan", ...files, "--format", "json"])) as typeof agenda;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  // Anything but the file itself is a request the report must not make.
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(REPORT).href);
});

afterAll(async () => {
  await browser?.close();
});

describe("the mission report in Chromium", () => {
  it("loads with no network request and saves a screenshot", async () => {
    expect(await page.title()).toBe("Trade mission report");
    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    expect(existsSync(join(ARTIFACTS, "report.png"))).toBe(true);
    expect(requests).toEqual([]);
  });

  it("draws a heat map row per exporter, each scored cell coloured and labelled with its score", async () => {
    const rows = page.locator("table.heatmap tbody tr");
    expect(await rows.count()).toBe(exporters.length);
    expect(await rows.locator("th").allInnerTexts()).toEqual(exporters.map((exporter) => exporter.name));
    const cells = await page.locator("table.heatmap td[data-score]").evaluateAll((elements) =>
      elements.map((element) => ({ score: Number(element.getAttribute("data-score")), text: element.textContent, background: (globalThis as unknown as Browserish).getComputedStyle(element).backgroundColor })),
    );
    expect(cells.length).toBeGreaterThan(exporters.length);
    for (const cell of cells) {
      // The cell shows the score in percent, rounded; data-score carries three decimals of it.
      expect(Math.abs(Number(cell.text) - cell.score * 100)).toBeLessThanOrEqual(0.5 + 0.05);
      expect(cell.background).not.toBe("rgba(0, 0, 0, 0)");
    }
  });

  it("gives every exporter a section with its top buyers and one bar per buyer whose segments add up to the score", async () => {
    const sections = page.locator("section.exporter");
    expect(await sections.count()).toBe(exporters.length);
    for (const [index, exporter] of exporters.entries()) {
      const section = sections.nth(index);
      expect(await section.locator("h2").innerText()).toBe(exporter.name);
      const rows = section.locator("tr.match");
      const count = await rows.count();
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(TOP);
      for (let row = 0; row < count; row++) {
        const score = Number(await rows.nth(row).locator("td.score").innerText());
        const widths = await rows.nth(row).locator("svg.bar rect.segment").evaluateAll((rects) => rects.map((rect) => (rect as unknown as Boxed).getBBox().width));
        const barWidth = await rows.nth(row).locator("svg.bar").evaluate((svg) => (svg as unknown as Boxed).getBBox().width);
        expect(widths.length).toBeGreaterThan(0);
        expect(widths.reduce((sum, width) => sum + width, 0) / barWidth).toBeCloseTo(score, 2);
      }
    }
  });

  it("shows the agenda as one grid per city and day, with every planned meeting in it", async () => {
    const days = new Set(agenda.meetings.map((meeting) => `${meeting.city} — ${meeting.date}`));
    const titles = await page.locator(".agenda .day h3").allInnerTexts();
    expect(titles).toHaveLength(days.size);
    expect(new Set(titles)).toEqual(days);
    expect(await page.locator(".agenda td.meeting").count()).toBe(agenda.meetings.length);
  });

  it("prints exactly one A4 page per exporter: Chromium's PDF has one page per printed section, and nothing is cut off", async () => {
    await page.emulateMedia({ media: "print" });
    const breaks = await page.locator("section.exporter").evaluateAll((sections) => sections.map((section) => (globalThis as unknown as Browserish).getComputedStyle(section).breakBefore));
    expect(breaks).toEqual(exporters.map(() => "page"));
    // Each printed section is one page box; content taller than the box would be clipped, so none may be.
    const clipped = await page.locator("section.page").evaluateAll((sections) =>
      sections.flatMap((section) => {
        const box = section as unknown as { scrollHeight: number; clientHeight: number; className: string; id: string };
        return box.scrollHeight > box.clientHeight + 1 ? [`${box.className} ${box.id}`] : [];
      }),
    );
    expect(clipped).toEqual([]);
    const days = new Set(agenda.meetings.map((meeting) => `${meeting.date}|${meeting.city}`)).size;
    const buyersWhoMeet = new Set(agenda.meetings.map((meeting) => (meeting as unknown as { buyerId: string }).buyerId)).size;
    // Totals, heat map, one page per day, one per exporter, eight buyers' agendas per page.
    const expected = 1 + 1 + days + exporters.length + Math.ceil(buyersWhoMeet / 8);
    expect(await page.locator("section.page").count()).toBe(expected);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    writeFileSync(join(ARTIFACTS, "report.pdf"), pdf);
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBe(expected);
    await page.locator("section.exporter").first().screenshot({ path: join(ARTIFACTS, "report-exporter-page.png") });
    await page.emulateMedia({ media: "screen" });
  });

  it("renders in Korean with --locale ko", async () => {
    const korean = await browser.newPage();
    await korean.goto(pathToFileURL(REPORT_KO).href);
    expect(await korean.locator("h1").innerText()).toBe("무역사절단 보고서");
    expect(await korean.locator("html").getAttribute("lang")).toBe("ko");
    await korean.screenshot({ path: join(ARTIFACTS, "report-ko.png") });
    await korean.close();
  });
});
