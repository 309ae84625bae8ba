/**
 * The pictures (heat map, contribution bar, agenda grid) and the report's printed page: names escaped,
 * contributions that add up as printed, real reasons for excluded buyers, the viewpoint named.
 * Real names and codes from the example mission (examples/trade-mission, S&P 500 buyers).
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { contributionBar, createMatcher, heatMap, rankBuyers, type Buyer, type Company } from "../../src/index.js";
import { contributionSum, drawHeatMap, escapeHtml, roundToTotal } from "../../src/score/pictures.js";
import { marketArbitrary } from "../engine/arbitraries.js";
import { agendaDays, agendaGrid, planMeetings } from "../../src/plan/index.js";
import { renderReport } from "../../src/cli/report.js";

const companies: Company[] = [
  { id: "jinju-02-hanil-brake", name: '=HYPERLINK("http://x","click")', country: "KR", languages: ["ko"], sectors: ["auto-parts"], products: [{ name: "brake caliper housings", hs: "870830" }], meetingBudget: 3 },
  { id: "jinju-05-samsan-seal", name: "<script>alert(1)</script> Samsan Seal", country: "KR", languages: ["ko", "en"], sectors: ["auto-parts"], products: [{ name: "rubber seals", hs: "401693" }], meetingBudget: 3 },
];
const buyers: Buyer[] = [
  { id: "zf-north-america", name: "ZF North America", country: "US", city: "Northville", sectors: ["automotive"], needs: [{ name: "brake components", hs: "870830" }], languages: ["en"], meetingCapacity: 2 },
  { id: "parker-hannifin", name: "Parker Hannifin", country: "US", city: "Detroit", sectors: ["automotive"], needs: [{ name: "seals", hs: "401693" }, { name: "brake parts", hs: "870830" }], languages: ["en"], meetingCapacity: 2 },
  // Sources only from Mexico and the US: excluded by a hard rule for every Korean exporter.
  { id: "ford-motor", name: "Ford Motor Company", country: "US", city: "Detroit", sectors: ["automotive"], needs: [{ name: "brake components", hs: "870830" }], sourcingCountries: ["MX", "US"], meetingCapacity: 2 },
];
const sessions = [{ id: "detroit-2027-05-12", city: "Detroit", date: "2027-05-12", start: "09:00", slotMinutes: 45, slots: 3, tables: 2 }];
const lists = new Map(companies.map((company) => [company.id, rankBuyers(company, buyers, { viewpoint: "mutual" })]));
const agenda = planMeetings({ companies, buyers, sessions });
const names = new Map([...companies, ...buyers].map((party) => [party.id, party.name]));

describe("pictures", () => {
  it("escape names in the heat map, the bar and the agenda grid, so a name is text and never markup", () => {
    const html = [heatMap(lists, { names }), agendaGrid(agenda, agendaDays(agenda)[0]!, { names }), renderReport({ companies, buyers, lists, agenda })].join("\n");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Samsan Seal");
    expect(html).toContain("=HYPERLINK(&quot;http://x&quot;,&quot;click&quot;)");
    expect(html).not.toContain('HYPERLINK("');
  });

  it("are self-contained: inline styles, no script, no external resource", () => {
    for (const picture of [heatMap(lists, { names }), contributionBar(lists.get(companies[0]!.id)![0]!), agendaGrid(agenda, agendaDays(agenda)[0]!)]) {
      expect(picture).not.toMatch(/<script|<link|src=|@import|url\(/i);
      expect(picture).toMatch(/style="/);
    }
  });

  it("draw one heat-map row per list and one coloured cell per scored pair", () => {
    const html = heatMap(lists, { names });
    expect(html.match(/<tr><th scope="row"/g)).toHaveLength(companies.length);
    expect(html.match(/data-score=/g)).toHaveLength([...lists.values()].flat().length);
  });

  it("draw the agenda grid of one day with every meeting of that day", () => {
    const [day] = agendaDays(agenda);
    expect(day).toEqual({ date: "2027-05-12", city: "Detroit" });
    expect(agendaGrid(agenda, day!).match(/<td class="meeting"/g)).toHaveLength(agenda.meetings.length);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 4 })], { seed: 15, numRuns: 300 })(
    "rounded parts add up to the rounded total and each moves by less than one unit",
    (parts, decimals) => {
      const rounded = roundToTotal(parts, decimals);
      const unit = 10 ** decimals;
      expect(Math.round(rounded.reduce((sum, part) => sum + part, 0) * unit)).toBe(Math.round(parts.reduce((sum, part) => sum + part, 0) * unit));
      rounded.forEach((part, index) => expect(Math.abs(part - parts[index]!)).toBeLessThan(1 / unit + 1e-9));
    },
  );

  it("print contributions that add up to the score shown", () => {
    for (const match of [...lists.values()].flat()) {
      const [total, rest] = contributionSum(match).split(" = ") as [string, string];
      const parts = rest.split(" + ").map((part) => Number(part.split(" ").pop()));
      expect(Math.round(parts.reduce((sum, part) => sum + part, 0) * 1000)).toBe(Math.round(Number(total) * 1000));
      expect(total).toBe(match.score.toFixed(3));
    }
  });
});

describe("escapeHtml", () => {
  const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  test.prop([fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom("a", "&", "<", ">", '"', "'", "×", "한") }))], { seed: 42, numRuns: 300 })(
    "gives what replacing every special character gives, for text with and without one",
    (text) => {
      expect(escapeHtml(text)).toBe(text.replace(/[&<>"']/g, (character) => entities[character]!));
    },
  );
});

describe("the report's heat map without a second validation", () => {
  // The report draws the engine's own lists with drawHeatMap; heatMap validates what a caller gives first.
  test.prop([marketArbitrary(4, 30), fc.integer({ min: 1, max: 8 }), fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), fc.boolean()], { seed: 41, numRuns: 60 })(
    "lists the engine made draw the same HTML whether they are validated again or not",
    ({ companies: someCompanies, buyers: someBuyers }, top, maxBuyers, linkRows) => {
      const matcher = createMatcher(someBuyers, { viewpoint: "mutual", top });
      const ranked = new Map(someCompanies.map((company) => [company.id, matcher.rank(company)]));
      const options = { names: new Map([...someCompanies, ...someBuyers].map((party) => [party.id, party.name])), linkRows, emptyTitle: "not eligible", ...(maxBuyers === undefined ? {} : { maxBuyers }) };
      expect(drawHeatMap(ranked, options)).toBe(heatMap(ranked, options));
    },
  );
});

describe("the printed report", () => {
  const html = renderReport({ companies, buyers, lists, agenda, viewpoint: "mutual" });

  it("names the viewpoint of its scores on the first page and on every exporter page", () => {
    expect(html.match(/Scores are mutual/g)?.length).toBe(1 + companies.length);
  });

  it("gives an excluded buyer its real reason, not 'no company was scored'", () => {
    const totals = html.slice(html.indexOf('class="page totals"'), html.indexOf("</section>"));
    expect(totals).toContain("Ford Motor Company");
    expect(totals).toMatch(/excluded by a hard rule for every exporter: [^<]*sources only from MX, US/);
    expect(html).not.toContain("no company was scored");
  });

  it("opens with mission totals: meetings per city and day, interpreters, online meetings", () => {
    const row = /<tr class="day-total"><td>Detroit<\/td><td>2027-05-12<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/.exec(html);
    expect(Number(row?.[1])).toBe(agenda.meetings.length);
    expect(Number(row?.[2])).toBe(agenda.meetings.filter((meeting) => meeting.interpreter).length);
    expect(Number(row?.[3])).toBe(agenda.meetings.filter((meeting) => meeting.online).length);
  });

  it("has a page of agendas for the buyers who meet", () => {
    const met = new Set(agenda.meetings.map((meeting) => meeting.buyerId));
    expect(html.match(/<div class="buyer-agenda"/g)).toHaveLength(met.size);
  });
});
