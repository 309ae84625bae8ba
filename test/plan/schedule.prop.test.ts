import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { scheduleMeetings } from "../../src/plan/index.js";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { checkSchedule, generateSchedule, type ScheduleShape } from "./scheduleInstances.js";

/** Small forum shapes, with sessions, forbidden slots, fixed slots, precedences and sometimes a spread bound. */
const instance = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    participants: fc.integer({ min: 3, max: 12 }),
    meetings: fc.integer({ min: 1, max: 22 }),
    morningSlots: fc.integer({ min: 2, max: 6 }),
    afternoonSlots: fc.integer({ min: 0, max: 4 }),
    tables: fc.integer({ min: 1, max: 5 }),
    fixedShare: fc.constantFrom(0, 0.2, 0.4),
    precedenceShare: fc.constantFrom(0, 0.15, 0.25),
    spread: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  })
  .map(({ seed, spread, ...shape }) => ({ seed, shape: { ...shape, ...(spread === undefined ? {} : { maxBreakSpread: spread }) } as ScheduleShape }));

const params = { seed: 20260514, numRuns: 60 };

describe("scheduleMeetings on generated forums", () => {
  test.prop([instance], params)("every rule holds, the breaks are recounted exactly, and the lower bound is below them", ({ seed, shape }) => {
    const input = generateSchedule(seed, shape);
    let schedule;
    try {
      schedule = scheduleMeetings(input);
    } catch (error) {
      // Planted instances are feasible without a spread bound; with one, infeasibility is a proof.
      expect(error).toBeInstanceOf(BuyerMatchError);
      expect(shape.maxBreakSpread).toBeDefined();
      expect((error as BuyerMatchError).issues[0]?.code).toBe("infeasible");
      return;
    }
    const { broken, breaks } = checkSchedule(input, schedule);
    expect(broken).toEqual([]);
    expect(schedule.meetings).toHaveLength(input.meetings.length);
    expect([...schedule.breaksByParticipant].sort()).toEqual([...breaks].sort());
    expect(schedule.breaks).toBe([...breaks.values()].reduce((a, b) => a + b, 0));
    expect(schedule.lowerBound).toBeLessThanOrEqual(schedule.breaks);
    expect(schedule.optimal).toBe(schedule.lowerBound === schedule.breaks);
    if (shape.maxBreakSpread !== undefined) {
      const values = [...breaks.values()];
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(shape.maxBreakSpread);
    }
  });

  test.prop([instance], { seed: 7, numRuns: 25 })("without a spread bound a planted forum is always scheduled, and to the proven optimum", ({ seed, shape }) => {
    const { maxBreakSpread: _ignored, ...rest } = shape;
    const input = generateSchedule(seed, rest);
    const schedule = scheduleMeetings(input);
    expect(schedule.optimal).toBe(true);
    expect(schedule.lowerBound).toBe(schedule.breaks);
  });

  test.prop([instance], { seed: 99, numRuns: 20 })("the order of the input never shows in the output", ({ seed, shape }) => {
    const input = generateSchedule(seed, shape);
    const shuffled = { ...input, meetings: [...input.meetings].reverse(), unavailable: [...(input.unavailable ?? [])].reverse() };
    let a, b;
    try {
      a = scheduleMeetings(input);
    } catch (error) {
      expect(() => scheduleMeetings(shuffled)).toThrow(BuyerMatchError);
      return;
    }
    b = scheduleMeetings(shuffled);
    expect(b.meetings).toEqual(a.meetings);
    expect(b.breaks).toBe(a.breaks);
  });
});
