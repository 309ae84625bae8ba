import { describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { CRITERION_IDS, type CriterionId, type Match } from "../../src/score/types.js";
import { DEFAULT_BASELINE_WEIGHTS, type Outcome, calibrateWeights } from "../../src/evaluate/index.js";
import { LEARNED, prng, scoredMatch, shuffle, syntheticMission } from "./helpers.js";

function issuesOf(run: () => unknown): { code: string; path: readonly (string | number)[]; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return (error as BuyerMatchError).issues.map(({ code, path, message }) => ({ code, path, message }));
  }
  throw new Error("expected a BuyerMatchError");
}

const baselineVector = LEARNED.map((id) => DEFAULT_BASELINE_WEIGHTS[id] ?? 0);

// True weights: five integers 1..20, normalised, so some pairs differ clearly and some barely.
const trueWeights = fc
  .array(fc.integer({ min: 1, max: 20 }), { minLength: 5, maxLength: 5 })
  .map((raw) => raw.map((value) => value / raw.reduce((sum, entry) => sum + entry, 0)));

describe("calibrateWeights on synthetic missions with known weights", () => {
  test.prop([trueWeights, fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(12, 60)], { seed: 42, numRuns: 10 })(
    "learned weights keep the order of true weights that differ by at least 0.1 and never cross-validate worse than the design defaults",
    (truth, seed, sharpness) => {
      // sharpness 12 is a soft logistic link; 60 is close to a hard threshold with a little noise.
      const mission = syntheticMission(truth, seed, { sharpness });
      const result = calibrateWeights(mission, { relevance: { met: 0 } });
      const learned = LEARNED.map((id) => result.learnedWeights[id] ?? Number.NaN);

      expect(result.criteria).toEqual(LEARNED);
      for (const weight of learned) expect(weight).toBeGreaterThanOrEqual(0);
      expect(learned.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 12);
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 5; j++) {
          if ((truth[i] as number) - (truth[j] as number) >= 0.1) expect(learned[i]).toBeGreaterThan(learned[j] as number);
        }
      }

      // The learning procedure itself, not just the returned choice, holds up out of sample.
      expect(result.after.auc).toBeGreaterThanOrEqual(result.before.auc - 0.005);
      const distance = truth.reduce((sum, weight, index) => sum + Math.abs(weight - (baselineVector[index] as number)), 0);
      if (distance >= 0.4) {
        expect(result.after.auc).toBeGreaterThan(result.before.auc);
        expect(result.chosen).toBe("calibrated");
      }
      // Whatever is returned is never worse than the baseline.
      const chosenAuc = result.chosen === "calibrated" ? result.after.auc : result.before.auc;
      expect(chosenAuc).toBeGreaterThanOrEqual(result.before.auc);
      expect(result.weights).toEqual(result.chosen === "calibrated" ? result.learnedWeights : result.baselineWeights);
    },
  );

  test.prop([trueWeights, fc.integer({ min: 1, max: 1_000_000 })], { seed: 7, numRuns: 4 })(
    "identical input gives identical weights, whatever the order and shape of the input",
    (truth, seed) => {
      const mission = syntheticMission(truth, seed, { companies: 8, buyersPerCompany: 60 });
      const first = calibrateWeights(mission, { relevance: { met: 0 } });
      expect(calibrateWeights(mission, { relevance: { met: 0 } })).toEqual(first);

      const byCompany = new Map<string, Match[]>();
      for (const match of shuffle(mission.matches, seed + 1)) byCompany.set(match.companyId, [...(byCompany.get(match.companyId) ?? []), match]);
      const reordered = { matches: new Map(shuffle([...byCompany.entries()], seed + 2)), outcomes: shuffle(mission.outcomes, seed + 3) };
      expect(calibrateWeights(reordered, { relevance: { met: 0 } })).toEqual(first);
    },
  );
});

describe("calibrateWeights on hand-made histories", () => {
  /** 6 companies × 20 buyers; positives are exactly the pairs whose product score is above 0.5. */
  function productOnly(): { matches: Match[]; outcomes: Outcome[] } {
    const random = prng(3);
    const matches: Match[] = [];
    const outcomes: Outcome[] = [];
    for (let c = 0; c < 6; c++) {
      for (let b = 0; b < 20; b++) {
        const product = (b + 0.5) / 20;
        const scores = { sector: random(), product, tier: random(), region: random(), readiness: random() };
        matches.push(scoredMatch(`c${c}`, `b${b}`, scores));
        if (product > 0.5) outcomes.push({ companyId: `c${c}`, buyerId: `b${b}`, stage: "interest" });
      }
    }
    return { matches, outcomes };
  }

  it("puts nearly all weight on the one criterion that separates the outcomes", () => {
    const result = calibrateWeights(productOnly());
    expect(result.learnedWeights.product).toBeGreaterThan(0.8);
    expect(result.chosen).toBe("calibrated");
    expect(result.after.auc).toBeGreaterThan(0.99);
    expect(result.examples).toEqual({ total: 120, positives: 60, negatives: 60, companies: 6, unusedOutcomes: 0 });
    // Companies are dealt round-robin by (positives descending, id): every company has 10, so by id.
    expect(result.folds.map((fold) => fold.companyIds)).toEqual([["c0", "c5"], ["c1"], ["c2"], ["c3"], ["c4"]]);
  });

  it("counts outcomes whose pair was never matched as unused rather than guessing features for them", () => {
    const { matches, outcomes } = productOnly();
    const result = calibrateWeights({ matches, outcomes: [...outcomes, { companyId: "c0", buyerId: "outside-the-list", stage: "deal" }] });
    expect(result.examples).toMatchObject({ total: 120, positives: 60, unusedOutcomes: 1 });
  });

  it("keeps the baseline, and says so, when learning cannot beat it", () => {
    // The baseline already ranks every held-out fold perfectly (AUC 1): a tie is not an improvement.
    const baseline = { sector: 0, product: 1, tier: 0, region: 0, readiness: 0 };
    const result = calibrateWeights(productOnly(), { baseline });
    expect(result.before.auc).toBe(1);
    expect(result.chosen).toBe("baseline");
    expect(result.weights).toEqual(baseline);
    expect(result.note).toContain("baseline weights are kept");
  });

  it("learns nothing from a criterion whose data was unknown, whatever score the policy filled in", () => {
    // tier's recorded score equals the label, but tier is marked unknown everywhere: it must not be learned.
    const random = prng(11);
    const matches: Match[] = [];
    const outcomes: Outcome[] = [];
    for (let c = 0; c < 5; c++) {
      for (let b = 0; b < 30; b++) {
        const positive = random() < 0.4;
        const sector = positive ? 0.5 + random() / 2 : random() / 2 + 0.1;
        matches.push(scoredMatch(`c${c}`, `b${b}`, { sector, product: random(), tier: positive ? 1 : 0 }, ["tier"]));
        if (positive) outcomes.push({ companyId: `c${c}`, buyerId: `b${b}`, stage: "deal" });
      }
    }
    // Unknown everywhere means the feature is the neutral 0.5 everywhere: constant, so left out by default...
    const result = calibrateWeights({ matches, outcomes });
    expect(result.criteria).toEqual(["sector", "product"]);
    expect(result.constantCriteria).toEqual(["tier"]);
    // Baseline over sector, product, tier = 0.2, 0.35, 0.15 → tier keeps 0.15 / 0.7; the other two share the rest.
    expect(result.learnedWeights.tier).toBeCloseTo(0.15 / 0.7, 12);
    expect((result.learnedWeights.sector ?? 0) + (result.learnedWeights.product ?? 0)).toBeCloseTo(1 - 0.15 / 0.7, 12);
    // ...and, when named, learned as worthless despite its recorded score matching every label.
    const named = calibrateWeights({ matches, outcomes }, { criteria: ["sector", "product", "tier"] });
    expect(named.learnedWeights.tier).toBeLessThan(0.05);
    expect(named.learnedWeights.sector).toBeGreaterThan(0.6);
  });

  it("does not learn a criterion that scored every pair alike and keeps its baseline weight", () => {
    // Certification in hard mode scores 1 for every eligible pair: no signal, so no learned weight.
    const { matches, outcomes } = productOnly();
    const withCertification = matches.map((match) => scoredMatch(match.companyId, match.buyerId, { ...Object.fromEntries(Object.entries(match.breakdown).map(([id, entry]) => [id, entry.score])), certification: 1 }));
    const result = calibrateWeights({ matches: withCertification, outcomes });
    expect(result.constantCriteria).toEqual(["certification"]);
    expect(result.criteria).toEqual(LEARNED);
    // It keeps its baseline share, 0 (a constraint, not a score), stated explicitly for the core.
    expect(result.learnedWeights.certification).toBe(0);
    expect(result.weights.certification).toBe(0);
    // Named explicitly, it is kept (and learns next to nothing).
    const named = calibrateWeights({ matches: withCertification, outcomes }, { criteria: ["product", "certification"] });
    expect(named.criteria).toEqual(["product", "certification"]);
    expect(named.constantCriteria).toEqual([]);
  });

  it("returns weights keyed by criterion ids only, summing to 1, ready for the core's weights option", () => {
    const result = calibrateWeights(productOnly());
    for (const weights of [result.weights, result.learnedWeights, result.baselineWeights]) {
      for (const key of Object.keys(weights)) expect(CRITERION_IDS).toContain(key);
      expect(Object.values(weights).reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe("calibrateWeights refusals", () => {
  function tiny(positives: number, companies = 4, perCompany = 10): { matches: Match[]; outcomes: Outcome[] } {
    const matches: Match[] = [];
    const outcomes: Outcome[] = [];
    let given = 0;
    for (let b = 0; b < perCompany; b++) {
      for (let c = 0; c < companies; c++) {
        matches.push(scoredMatch(`c${c}`, `b${b}`, { product: b / perCompany, sector: c / companies }));
        if (given < positives) {
          outcomes.push({ companyId: `c${c}`, buyerId: `b${b}`, stage: "quote" });
          given++;
        }
      }
    }
    return { matches, outcomes };
  }

  it("refuses with insufficient_data when there are too few positive examples", () => {
    const issues = issuesOf(() => calibrateWeights(tiny(5)));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("insufficient_data");
    expect(issues[0]?.path).toEqual(["outcomes"]);
    expect(issues[0]?.message).toContain("5 positive examples (need ≥ 10)");
  });

  it("refuses when there are too few negative examples", () => {
    expect(issuesOf(() => calibrateWeights(tiny(36)))[0]?.message).toContain("4 negative examples (need ≥ 10)");
  });

  it("refuses when there is only one company to cross-validate over", () => {
    expect(issuesOf(() => calibrateWeights(tiny(15, 1, 40)))[0]?.message).toContain("1 company with matches (need ≥ 2");
  });

  it("refuses when fewer than two folds hold both classes", () => {
    // All 10 positives sit in c0's list (10 buyers, 10 quotes): fold 0 = {c0} only positives.
    const { matches } = tiny(0, 3, 10);
    const outcomes: Outcome[] = Array.from({ length: 10 }, (_, b) => ({ companyId: "c0", buyerId: `b${b}`, stage: "quote" }));
    expect(issuesOf(() => calibrateWeights({ matches, outcomes }))[0]?.message).toContain("folds hold both positive and negative examples");
  });

  it("lowers the thresholds when asked", () => {
    expect(calibrateWeights(tiny(5), { minPositives: 4 }).examples.positives).toBe(5);
  });
});

describe("calibrateWeights input checks", () => {
  it("reports bad outcomes, bad breakdowns and bad options together, each with its path", () => {
    const matches = [
      scoredMatch("c1", "b1", { product: 0.5 }),
      { ...scoredMatch("c1", "b2", { product: 0.5 }), breakdown: { product: { score: 1.5, known: true }, luck: { score: 1, known: true } } },
      scoredMatch("c1", "b1", { product: 0.2 }),
    ] as unknown as Match[];
    const outcomes = [
      { companyId: "c9", buyerId: "b1", stage: "deal" },
      { companyId: "c1", buyerId: "b1", stage: "done" },
      { companyId: "c1", buyerId: "b1", stage: "deal", value: -100 },
    ] as unknown as Outcome[];
    const issues = issuesOf(() => calibrateWeights({ matches, outcomes }, { folds: 1, criteria: ["luck" as CriterionId] }));
    expect(issues.map(({ code, path }) => ({ code, path }))).toEqual([
      { code: "invalid_input", path: ["options", "criteria", 0] },
      { code: "out_of_range", path: ["options", "folds"] },
      { code: "out_of_range", path: ["matches", 1, "breakdown", "product", "score"] },
      { code: "invalid_input", path: ["matches", 1, "breakdown"] },
      { code: "duplicate_id", path: ["matches", 2, "buyerId"] },
      { code: "unknown_reference", path: ["outcomes", 0, "companyId"] },
      { code: "invalid_input", path: ["outcomes", 1, "stage"] },
      { code: "out_of_range", path: ["outcomes", 2, "value"] },
    ]);
  });

  it("checks buyer ids when they are given", () => {
    const matches = [scoredMatch("c1", "b1", { product: 0.5 })];
    const outcomes: Outcome[] = [{ companyId: "c1", buyerId: "b2", stage: "met" }];
    expect(issuesOf(() => calibrateWeights({ matches, outcomes }, { buyerIds: ["b1"] })).map(({ path }) => path)).toEqual([["outcomes", 0, "buyerId"]]);
  });

  it("rejects a history and options that are not objects without a TypeError", () => {
    const issues = issuesOf(() => calibrateWeights(null as never, null as never));
    expect(issues.map(({ path }) => path)).toEqual([["options"], ["matches"], ["outcomes"]]);
  });
});
