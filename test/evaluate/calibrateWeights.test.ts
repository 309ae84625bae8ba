import { afterAll, describe, expect, it } from "vitest";
import { test, fc } from "@fast-check/vitest";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { CRITERION_IDS, type CriterionId, type Match } from "../../src/score/types.js";
import { DEFAULT_BASELINE_WEIGHTS, type Outcome, calibrateWeights } from "../../src/evaluate/index.js";
import { bruteForceAuc, LEARNED, type Mission, prng, scoredMatch, shuffle, syntheticMission } from "./helpers.js";

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

// Independent statements of what docs/evaluate.md promises, computed from the raw mission without the
// library: which pairs are relevant, how companies are dealt into folds, and the AUC by its definition.
const key = (companyId: string, buyerId: string) => `${companyId}\u0000${buyerId}`;

/** Pairs with an outcome past "met" (the grades of `relevance: { met: 0 }`). */
function relevantPairs(mission: Mission): Set<string> {
  return new Set(mission.outcomes.filter((outcome) => outcome.stage !== "met").map((outcome) => key(outcome.companyId, outcome.buyerId)));
}


/** The AUC of Σ wᵢxᵢ over the pairs of the given companies (all companies when none are named). */
function aucOf(mission: Mission, weights: readonly number[], companies?: ReadonlySet<string>): number | null {
  const relevant = relevantPairs(mission);
  const held = mission.matches.filter((match) => companies === undefined || companies.has(match.companyId));
  const scores = held.map((match) => LEARNED.reduce((sum, id, index) => sum + (weights[index] as number) * (match.breakdown[id]?.score ?? 0), 0));
  return bruteForceAuc(scores, held.map((match) => relevant.has(key(match.companyId, match.buyerId)))) ?? null;
}

/** Companies sorted by (positives descending, id), dealt round-robin into min(5, companies) folds. */
function dealtFolds(mission: Mission): { companyIds: string[]; positives: number; negatives: number }[] {
  const relevant = relevantPairs(mission);
  const counts = new Map<string, { positives: number; negatives: number }>();
  for (const match of mission.matches) {
    const count = counts.get(match.companyId) ?? { positives: 0, negatives: 0 };
    if (relevant.has(key(match.companyId, match.buyerId))) count.positives++;
    else count.negatives++;
    counts.set(match.companyId, count);
  }
  const order = [...counts.keys()].sort((a, b) => counts.get(b)!.positives - counts.get(a)!.positives || (a < b ? -1 : a > b ? 1 : 0));
  const folds = Array.from({ length: Math.min(5, order.length) }, () => ({ companyIds: [] as string[], positives: 0, negatives: 0 }));
  order.forEach((companyId, index) => {
    const fold = folds[index % folds.length]!;
    fold.companyIds.push(companyId);
    fold.positives += counts.get(companyId)!.positives;
    fold.negatives += counts.get(companyId)!.negatives;
  });
  return folds;
}

const vector = (weights: Readonly<Partial<Record<CriterionId, number>>>) => LEARNED.map((id) => weights[id] ?? Number.NaN);
const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe("calibrateWeights against independently computed folds and AUCs", () => {
  const tally = { calibrated: 0, refused: 0 };
  afterAll(() => {
    // Both branches are exercised: most missions are calibrated, some are too small and refused.
    expect(tally.calibrated + tally.refused).toBe(120);
    expect(tally.calibrated).toBeGreaterThan(70);
    expect(tally.refused).toBeGreaterThan(5);
  });

  test.prop([trueWeights, fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(12, 60), fc.integer({ min: 2, max: 9 }), fc.constantFrom(5, 30, 30)], { seed: 42, numRuns: 120 })(
    "the folds, the baseline's fold AUCs and their mean equal the documented rules computed from the raw mission; a refusal happens exactly when the data is too thin",
    (truth, seed, sharpness, companies, buyersPerCompany) => {
      const mission = syntheticMission(truth, seed, { sharpness, companies, buyersPerCompany });
      const folds = dealtFolds(mission);
      const positives = folds.reduce((sum, fold) => sum + fold.positives, 0);
      const negatives = folds.reduce((sum, fold) => sum + fold.negatives, 0);
      const usableFolds = folds.filter((fold) => fold.positives > 0 && fold.negatives > 0).length;
      const tooThin = positives < 10 || negatives < 10 || usableFolds < 2;
      let result;
      try {
        result = calibrateWeights(mission, { relevance: { met: 0 } });
      } catch (error) {
        expect(error).toBeInstanceOf(BuyerMatchError);
        expect((error as BuyerMatchError).issues[0]?.code).toBe("insufficient_data");
        expect(tooThin, `refused with ${positives} positives, ${negatives} negatives, ${usableFolds} usable folds`).toBe(true);
        tally.refused++;
        return;
      }
      expect(tooThin).toBe(false);
      tally.calibrated++;
      expect(result.examples).toMatchObject({ total: mission.matches.length, positives, negatives, companies });
      expect(result.folds.map((fold) => ({ companyIds: [...fold.companyIds].sort(), positives: fold.positives, negatives: fold.negatives }))).toEqual(
        folds.map((fold) => ({ ...fold, companyIds: [...fold.companyIds].sort() })),
      );
      // The baseline's quality, fold by fold, by the O(n²) definition on the held-out companies.
      const baselineFolds = folds.map((fold) => aucOf(mission, baselineVector, new Set(fold.companyIds)));
      result.before.foldAuc.forEach((auc, index) => {
        const expected = baselineFolds[index];
        if (expected === null || expected === undefined) expect(auc).toBeNull();
        else expect(auc).toBeCloseTo(expected, 12);
      });
      expect(result.before.auc).toBeCloseTo(mean(baselineFolds.filter((auc): auc is number => auc !== null)), 12);
      // The learned weights are judged on the same folds: null where the baseline's is, the mean of the rest.
      expect(result.after.foldAuc.map((auc) => auc === null)).toEqual(baselineFolds.map((auc) => auc === null));
      expect(result.after.auc).toBeCloseTo(mean(result.after.foldAuc.filter((auc): auc is number => auc !== null)), 12);
      const learned = vector(result.learnedWeights);
      for (const weight of learned) expect(weight).toBeGreaterThanOrEqual(0);
      expect(learned.reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1, 12);
    },
  );

  test.prop([trueWeights, fc.integer({ min: 1, max: 1_000_000 })], { seed: 11, numRuns: 4 })(
    "each fold's 'after' AUC is the AUC, on that fold, of the weights learned from the other folds' companies alone",
    (truth, seed) => {
      const mission = syntheticMission(truth, seed, { sharpness: 30, companies: 6, buyersPerCompany: 40 });
      const result = calibrateWeights(mission, { relevance: { met: 0 } });
      result.folds.forEach((fold, index) => {
        const heldOut = new Set(fold.companyIds);
        const training = { matches: mission.matches.filter((match) => !heldOut.has(match.companyId)), outcomes: mission.outcomes.filter((outcome) => !heldOut.has(outcome.companyId)) };
        const learnedElsewhere = vector(calibrateWeights(training, { relevance: { met: 0 } }).learnedWeights);
        const expected = aucOf(mission, learnedElsewhere, heldOut);
        if (expected === null) expect(result.after.foldAuc[index]).toBeNull();
        else expect(result.after.foldAuc[index]).toBeCloseTo(expected, 9);
      });
    },
  );
});

describe("calibrateWeights on synthetic missions with known weights", () => {
  test.prop([trueWeights, fc.integer({ min: 1, max: 1_000_000 }), fc.constantFrom(12, 60)], { seed: 42, numRuns: 12 })(
    "the learned weights are close to the planted ones and rank a fresh mission from the same market about as well as the planted weights do",
    (truth, seed, sharpness) => {
      // sharpness 12 is a soft logistic link; 60 is close to a hard threshold with a little noise.
      const shape = { sharpness, companies: 10, buyersPerCompany: 60 };
      const mission = syntheticMission(truth, seed, shape);
      const result = calibrateWeights(mission, { relevance: { met: 0 } });
      const learned = vector(result.learnedWeights);
      expect(result.criteria).toEqual(LEARNED);

      // The model is the one the outcomes were drawn from (a logistic link on Σ wᵢsᵢ), so the fitted
      // proportions recover the planted ones: measured L1 distance ≤ 0.14 over 20 such missions.
      const distance = learned.reduce((sum, weight, index) => sum + Math.abs(weight - (truth[index] as number)), 0);
      expect(distance).toBeLessThan(0.25);
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < 5; j++) {
          if ((truth[i] as number) - (truth[j] as number) >= 0.1) expect(learned[i]).toBeGreaterThan(learned[j] as number);
        }
      }

      // Out of sample, on a mission the calibration never saw: the returned weights, whichever were
      // chosen, rank it within 0.02 AUC of the planted weights (measured gap ≤ 0.008).
      const fresh = syntheticMission(truth, seed + 1, shape);
      const best = aucOf(fresh, truth) as number;
      expect(aucOf(fresh, learned) as number).toBeGreaterThan(best - 0.02);
      expect(aucOf(fresh, vector(result.weights)) as number).toBeGreaterThan(best - 0.02);
      // Far from the design defaults, calibration must be chosen, and it must be the better ranking.
      const fromBaseline = truth.reduce((sum, weight, index) => sum + Math.abs(weight - (baselineVector[index] as number)), 0);
      if (fromBaseline >= 0.4) {
        expect(result.chosen).toBe("calibrated");
        expect(aucOf(fresh, vector(result.weights)) as number).toBeGreaterThan(aucOf(fresh, baselineVector) as number);
      }
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
