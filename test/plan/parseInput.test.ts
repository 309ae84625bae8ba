/**
 * `parsePlanInput` checks the buyers with the fast buyer check (src/schema/fastBuyer.ts) and the rest of
 * the input with the planner's schema; when anything fails it parses the whole input with zod. These
 * rules hold the shortcut to the slow path: the same parsed value, and the same errors.
 */
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { BuyerMatchError } from "../../src/index.js";
import { parsePlanInput, PlanInputSchema, type Session } from "../../src/plan/input.js";
import { fromZodIssues } from "../../src/schema/errors.js";
import { buyerArbitrary, companyArbitrary } from "../engine/arbitraries.js";

const SESSIONS: Session[] = [
  { id: "chi-1", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 30, slots: 4, tables: 3 },
  { id: "det-1", city: "Detroit", date: "2027-05-12", start: "09:00", slotMinutes: 30, slots: 4, tables: 3 },
];

/** Buyers with distinct ids (the planner rejects duplicates), some padded with spaces, some naming a session. */
const buyers = fc.array(fc.tuple(buyerArbitrary("b"), fc.boolean(), fc.constantFrom(undefined, ["chi-1"], [" det-1 "])), { maxLength: 12 }).map((entries) =>
  entries.map(([buyer, pad, availability], index) => ({ ...buyer, id: pad ? `  b${index} ` : `b${index}`, ...(availability === undefined ? {} : { availability }) })),
);
const companies = fc.array(companyArbitrary("c"), { minLength: 1, maxLength: 4 }).map((list) => list.map((company, index) => ({ ...company, id: `c${index}` })));

const settings = { seed: 31, numRuns: 150 } as const;

describe("parsePlanInput's fast buyers", () => {
  test.prop([companies, buyers], settings)("an input whose buyers pass the fast check parses to exactly the schema's value", (companyList, buyerList) => {
    const input = { companies: companyList, buyers: buyerList, sessions: SESSIONS, scores: [], matchOptions: { viewpoint: "mutual" }, unknownKey: 1 };
    const expected = PlanInputSchema.parse(input);
    const parsed = parsePlanInput(input);
    expect(parsed).toStrictEqual(expected);
    expect(Object.keys(parsed)).toEqual(Object.keys(expected));
  });

  const spoil = fc.constantFrom<[string, unknown]>(["country", "XX"], ["needs", [{ name: "pads", hs: "203" }]], ["meetingCapacity", -1], ["location", { lat: 91, lon: 0 }], ["id", "  "], ["availability", ["nowhere"]]);
  test.prop([companies, buyers.filter((list) => list.length > 0), spoil, fc.nat()], settings)(
    "an input with a spoiled buyer is refused with every issue the schema finds, each with its path",
    (companyList, buyerList, [field, value], at) => {
      const spoiled = buyerList.map((buyer, index) => (index === at % buyerList.length ? { ...buyer, [field]: value } : buyer));
      const input = { companies: companyList, buyers: spoiled, sessions: SESSIONS, scores: [] };
      const zod = PlanInputSchema.safeParse(input);
      let thrown: unknown;
      try {
        parsePlanInput(input);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(BuyerMatchError);
      const issues = (thrown as BuyerMatchError).issues;
      if (!zod.success) expect(issues).toEqual(expect.arrayContaining(fromZodIssues(zod.error.issues, [])));
      expect(issues.some((issue) => issue.path[0] === "buyers" && issue.path[1] === at % buyerList.length)).toBe(true);
    },
  );

  test.prop([companies, buyers], settings)("an input that fails only a cross-check (a duplicate buyer id) is refused as before", (companyList, buyerList) => {
    const input = { companies: companyList, buyers: [...buyerList, { id: "b0", name: "Twin", country: "US" }], sessions: SESSIONS, scores: [] };
    if (buyerList.length === 0) return;
    expect(() => parsePlanInput(input)).toThrow(/appears more than once/);
  });
});
