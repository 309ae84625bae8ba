import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createMatcher, rankBuyers, type Buyer, type Company } from "../../src/index.js";
import { planMeetings } from "../../src/plan/index.js";
import { escapeHtml, renderReport, whyLines } from "../../src/cli/report.js";
import { explanationLines } from "../../src/score/explain.js";
import { marketArbitrary, optionsArbitrary } from "../engine/arbitraries.js";

const companies: Company[] = [
  { id: "c1", name: "Brakes <b>&</b> Co", country: "KR", sectors: ["auto-parts"], products: [{ name: "brake pads", hs: "870830" }], meetingBudget: 4 },
  { id: "c2", name: "Pumps Co", country: "KR", sectors: ["hydraulics"], products: [{ name: "gear pumps", hs: "841360" }], meetingBudget: 4 },
];
const buyers: Buyer[] = [
  { id: "b1", name: "Detroit Axles", country: "US", city: "Detroit", sectors: ["automotive"], needs: [{ name: "brakes", hs: "870830" }], meetingCapacity: 4 },
  { id: "b2", name: "Lake Hydraulics", country: "US", city: "Detroit", sectors: ["hydraulics"], needs: [{ name: "pumps", hs: "841360" }], meetingCapacity: 4 },
];
// Two sessions on one day in one city: the report shows them as one grid.
const sessions = [
  { id: "am", city: "Detroit", date: "2027-05-12", start: "09:00", slotMinutes: 30, slots: 1, tables: 2 },
  { id: "pm", city: "Detroit", date: "2027-05-12", start: "14:00", slotMinutes: 30, slots: 1, tables: 2 },
];
const lists = new Map(companies.map((company) => [company.id, rankBuyers(company, buyers, { viewpoint: "mutual" })]));
const scores = [...lists.values()].flat().map(({ companyId, buyerId, score }) => ({ companyId, buyerId, score }));
const agenda = planMeetings({ companies, buyers, sessions, scores });

describe("renderReport", () => {
  const html = renderReport({ companies, buyers, lists, agenda, top: 2 });

  it("draws one agenda grid per city and day, one row per slot of each session that day", () => {
    expect(agenda.meetings.length).toBeGreaterThan(0);
    expect(html.match(/<div class="day">/g)).toHaveLength(1);
    const slots = new Set(agenda.meetings.map((meeting) => `${meeting.sessionId}/${meeting.slot}`));
    expect(slots).toEqual(new Set(["am/1", "pm/1"]));
    const grid = html.slice(html.indexOf('<div class="day">'), html.indexOf("</table>", html.indexOf('<div class="day">')));
    expect(grid.match(/<tr><th scope="row"/g)).toHaveLength(slots.size);
    expect(grid.match(/<td class="meeting"/g)).toHaveLength(agenda.meetings.length);
  });

  it("escapes names, so a name is text and never markup", () => {
    expect(html).toContain("Brakes &lt;b&gt;&amp;&lt;/b&gt; Co");
    expect(html).not.toContain("<b>&</b>");
    expect(escapeHtml(`"'<>&`)).toBe("&quot;&#39;&lt;&gt;&amp;");
  });

  it("is the same document for the same input (no clock, no randomness)", () => {
    expect(renderReport({ companies, buyers, lists, agenda, top: 2 })).toBe(html);
  });

  it("says there is no agenda when no sessions were planned", () => {
    expect(renderReport({ companies, buyers, lists })).toContain("No sessions were given");
  });
});

/** The slow path: the whole explanation, cut to the lines a page shows, without the weight arithmetic. */
function shown(match: Parameters<typeof explanationLines>[0], locale: "en" | "ko"): string[] {
  return explanationLines(match, { locale })
    .slice(1, 4)
    .map((line) => line.replace(/\s+—\s+[\d.]+%\s+×\s+[\d.]+\s+=\s+\+[\d.]+/, "").trim());
}

describe("the exporter page's explanation lines", () => {
  // The report puts into words only the lines it shows; the slow path words every criterion and cuts.
  test.prop([marketArbitrary(3, 25), optionsArbitrary, fc.constantFrom("en" as const, "ko" as const)], { seed: 43, numRuns: 80 })(
    "are lines 1 to 3 of the match's whole explanation, without the weight arithmetic, in either locale",
    ({ companies: someCompanies, buyers: someBuyers }, options, locale) => {
      const matcher = createMatcher(someBuyers, options);
      for (const company of someCompanies) {
        for (const match of matcher.rank(company)) expect(whyLines(match, locale)).toEqual(shown(match, locale));
      }
    },
  );

  it("says why an excluded pair is excluded, as the whole explanation does", () => {
    const pair = { ...lists.get("c1")![0]!, eligible: false, whyNot: [] };
    expect(whyLines(pair, "en")).toEqual(shown(pair, "en"));
  });
});
