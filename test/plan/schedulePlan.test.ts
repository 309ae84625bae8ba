import { describe, expect, it } from "vitest";
import { planMeetings } from "../../src/plan/index.js";
import { parsePlanInput } from "../../src/plan/input.js";
import { buildModel } from "../../src/plan/model.js";
import { slotCity, type SlotRequest } from "../../src/plan/slot.js";
import { countPlanBreaks } from "../../src/plan/slotBreaks.js";
import { brokenRules, randomInstance, type InstanceShape } from "./instances.js";

const shape: InstanceShape = {
  companies: 8,
  buyers: 24,
  cities: [{ name: "Chicago", sessions: 2, slots: 4, tables: 6 }],
  scoredPerCompany: 10,
  maxBudget: 6,
  maxCapacity: 3,
  minScore: 0.2,
};

/** Breaks of the edge colouring alone, for the same allocated meetings. */
function colouringBreaks(input: ReturnType<typeof randomInstance>, pairs: ReadonlySet<string>): number {
  const model = buildModel(parsePlanInput(input));
  const requests: SlotRequest[] = [];
  model.pairs.forEach((pair, index) => {
    if (pairs.has(`${model.companies[pair.company]!.id}\u0000${model.buyers[pair.buyer]!.id}`)) {
      requests.push({ pair: index, company: pair.company, buyer: pair.buyer, score: pair.score, mustMeet: pair.mustMeet });
    }
  });
  return countPlanBreaks(model, slotCity(model, 0, requests).placed).total;
}

describe("planMeetings slots with the fewest breaks", () => {
  it("never has more breaks than edge colouring of the same meetings, and usually fewer; the rules and totals hold", () => {
    let planned = 0;
    let coloured = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const input = randomInstance(seed, shape);
      const agenda = planMeetings(input);
      expect(brokenRules(input, agenda)).toEqual([]);
      const pairs = new Set(agenda.meetings.map((m) => `${m.companyId}\u0000${m.buyerId}`));
      const baseline = colouringBreaks(input, pairs);
      expect(agenda.totals.breaks).toBeLessThanOrEqual(baseline);
      planned += agenda.totals.breaks;
      coloured += baseline;
      const perParticipant = [...agenda.totals.breaksByCompany.values(), ...agenda.totals.breaksByBuyer.values()].reduce((a, b) => a + b, 0);
      expect(perParticipant).toBe(agenda.totals.breaks);
      // Recount from the agenda (this generator holds each session on its own date): per participant and
      // date, consecutive meetings more than one slot apart are a break.
      let recount = 0;
      for (const own of [...agenda.byCompany.values(), ...agenda.byBuyer.values()]) {
        const slots = own.map((m) => ({ date: m.date, slot: m.slot })).sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.slot - y.slot));
        for (let k = 1; k < slots.length; k++) if (slots[k]!.date === slots[k - 1]!.date && slots[k]!.slot - slots[k - 1]!.slot > 1) recount++;
      }
      expect(recount).toBe(agenda.totals.breaks);
    }
    expect(planned).toBeLessThan(coloured);
  });
});
