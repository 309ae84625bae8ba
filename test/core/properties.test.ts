import { fc, test } from "@fast-check/vitest";
import { afterAll, describe, expect } from "vitest";
import { CRITERION_IDS, rankBuyers, rankCompanies, scorePair, type Buyer, type Company, type Match, type MatchOptions } from "../../src/index.js";
import { buyerArb, companyArb, marketArb, optionsArb, permute } from "./arbitraries.js";

const settings = { seed: 42, numRuns: 100 } as const;
const keys = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 16, maxLength: 16 });

function contributionSum(match: Pick<Match, "breakdown">): number {
  return CRITERION_IDS.reduce((sum, id) => sum + (match.breakdown[id]?.contribution ?? 0), 0);
}

function shuffleItems<T extends Company | Buyer>(record: T, order: readonly number[]): T {
  const copy: Record<string, unknown> = { ...record };
  if ("products" in record && record.products !== undefined) copy["products"] = permute(record.products, order);
  if ("needs" in record && record.needs !== undefined) copy["needs"] = permute(record.needs, order);
  return copy as T;
}

describe("scores", () => {
  test.prop([marketArb, optionsArb], settings)("every score is in [0, 1] and never NaN, in every viewpoint", ({ companies, buyers }, options) => {
    for (const company of companies) {
      for (const buyer of buyers) {
        const pair = scorePair(company, buyer, options);
        expect(pair.score).toBeGreaterThanOrEqual(0);
        expect(pair.score).toBeLessThanOrEqual(1);
        for (const part of Object.values(pair.breakdown)) {
          expect(Number.isNaN(part.score) || Number.isNaN(part.weight) || Number.isNaN(part.contribution)).toBe(false);
        }
      }
    }
  });

  test.prop([marketArb, optionsArb], settings)("the contributions of a breakdown sum to the score", ({ companies, buyers }, options) => {
    for (const company of companies) {
      for (const match of rankBuyers(company, buyers, options)) {
        expect(contributionSum(match)).toBeCloseTo(match.score, 12);
        if (match.viewpoints !== undefined) {
          expect(contributionSum(match.viewpoints.company)).toBeCloseTo(match.viewpoints.company.score, 12);
          expect(contributionSum(match.viewpoints.buyer)).toBeCloseTo(match.viewpoints.buyer.score, 12);
        }
      }
    }
  });

  test.prop([marketArb, optionsArb], settings)("mutual is the harmonic mean of the two viewpoints and symmetric in them", ({ companies, buyers }, options) => {
    const company = companies[0]!;
    const buyer = buyers[0]!;
    const base = { ...options, viewpoint: "mutual" } as MatchOptions;
    const weightsA = { sector: 0.3, product: 0.4, tier: 0.1, region: 0.1, readiness: 0.1, certification: 0.05 };
    const weightsB = { sector: 0.05, product: 0.2, tier: 0.25, region: 0.2, readiness: 0.3, certification: 0.2 };
    const ab = scorePair(company, buyer, { ...base, viewpointWeights: { company: weightsA, buyer: weightsB } });
    const ba = scorePair(company, buyer, { ...base, viewpointWeights: { company: weightsB, buyer: weightsA } });
    expect(ab.score).toBeCloseTo(ba.score, 12);
    const a = ab.viewpoints!.company.score;
    const b = ab.viewpoints!.buyer.score;
    expect(ab.score).toBeCloseTo(a + b === 0 ? 0 : (2 * a * b) / (a + b), 12);
    expect(ab.score).toBeLessThanOrEqual(Math.max(a, b) + 1e-12);
    expect(ab.score).toBeGreaterThanOrEqual(Math.min(a, b) - 1e-12);
  });
});

describe("rankings", () => {
  test.prop([marketArb, optionsArb, keys], settings)("the ranking does not depend on the order of buyers, products or needs", ({ companies, buyers }, options, order) => {
    for (const company of companies) {
      const plain = rankBuyers(company, buyers, options);
      const shuffled = rankBuyers(
        shuffleItems(company, order),
        permute(buyers, order).map((buyer) => shuffleItems(buyer, [...order].reverse())),
        options,
      );
      expect(shuffled).toEqual(plain);
    }
  });

  test.prop([marketArb, optionsArb, keys], settings)("the ranking of companies does not depend on their order", ({ companies, buyers }, options, order) => {
    const buyer = buyers[0]!;
    expect(rankCompanies(buyer, permute(companies, order), options)).toEqual(rankCompanies(buyer, companies, options));
  });

  test.prop([marketArb, optionsArb, fc.integer({ min: 1, max: 8 })], settings)("top k is a prefix of top k + 1", ({ companies, buyers }, options, k) => {
    const company = companies[0]!;
    const shorter = rankBuyers(company, buyers, { ...options, top: k });
    const longer = rankBuyers(company, buyers, { ...options, top: k + 1 });
    expect(longer.slice(0, shorter.length)).toEqual(shorter);
    expect(shorter.length).toBeLessThanOrEqual(k);
  });

  test.prop([marketArb, optionsArb, fc.double({ min: 0, max: 1, noNaN: true })], settings)("a ranking is sorted best first, ties by id, with no pair below minScore", ({ companies, buyers }, options, minScore) => {
    const matches = rankBuyers(companies[0]!, buyers, { ...options, minScore });
    matches.forEach((match, index) => {
      expect(match.rank).toBe(index + 1);
      expect(match.score).toBeGreaterThanOrEqual(minScore);
      const next = matches[index + 1];
      if (next !== undefined) expect(match.score > next.score || (match.score === next.score && match.buyerId < next.buyerId)).toBe(true);
    });
  });

  /**
   * Eligibility recomputed from the raw profiles, from the rules as docs/DESIGN.md states them and
   * without the library's normalisation or criteria: a buyer that names sourcing countries excludes
   * other origins; `requireVerified` excludes unverified buyers; in the hard certification mode (the
   * default) a buyer's required certification the company does not hold excludes the pair. The
   * arbitraries spell every certification and country one way, so plain string comparison suffices.
   */
  function expectedExclusions(company: Company, buyer: Buyer, options: MatchOptions): string[] {
    const reasons: string[] = [];
    if (buyer.sourcingCountries !== undefined && !buyer.sourcingCountries.includes(company.country)) reasons.push("sourcing");
    if (options.requireVerified === true && buyer.verified !== true) reasons.push("verified");
    const mode = options.criteria?.certification?.mode ?? "hard";
    const held = company.certifications ?? [];
    if (mode === "hard" && (buyer.requiredCertifications ?? []).some((required) => !held.includes(required))) reasons.push("certification");
    return reasons;
  }
  const eligibilityCases = fc.tuple(
    marketArb,
    optionsArb,
    fc.boolean(),
    fc.array(fc.constantFrom("KR", "US", "MX", "JP", "CA"), { minLength: 4, maxLength: 4 }),
  );
  const eligibilitySeen = { eligible: 0, sourcing: 0, verified: 0, certification: 0 };
  afterAll(() => {
    // Every rule must have excluded some pairs and some pairs must pass, or the check is vacuous.
    expect(eligibilitySeen.eligible).toBeGreaterThan(100);
    expect(eligibilitySeen.sourcing).toBeGreaterThan(100);
    expect(eligibilitySeen.verified).toBeGreaterThan(100);
    expect(eligibilitySeen.certification).toBeGreaterThan(100);
  });

  test.prop([eligibilityCases], { seed: 42, numRuns: 200 })(
    "a pair is eligible exactly when the buyer's sourcing countries, verification and required certifications allow it, and only eligible pairs are ranked",
    ([{ companies, buyers }, baseOptions, requireVerified, countries]) => {
      const options: MatchOptions = { ...baseOptions, requireVerified };
      companies.forEach((raw, index) => {
        const company: Company = { ...raw, country: countries[index] as string };
        const ranked = new Set(rankBuyers(company, buyers, options).map((match) => match.buyerId));
        for (const buyer of buyers) {
          const reasons = expectedExclusions(company, buyer, options);
          const pair = scorePair(company, buyer, options);
          expect(pair.eligible, `${company.id}–${buyer.id}: ${reasons.join(", ") || "eligible"}`).toBe(reasons.length === 0);
          expect(pair.whyNot.length === 0).toBe(reasons.length === 0);
          if (reasons.length > 0) expect(ranked.has(buyer.id)).toBe(false);
          else if (pair.score >= (options.minScore ?? 0)) expect(ranked.has(buyer.id)).toBe(true);
          if (reasons.length === 0) eligibilitySeen.eligible++;
          for (const reason of reasons) eligibilitySeen[reason as "sourcing" | "verified" | "certification"]++;
        }
      });
    },
  );
});

describe("monotonicity: raising one criterion's input quality never lowers the score", () => {
  const pairArb = fc.tuple(companyArb("c"), buyerArb("b"), optionsArb);

  test.prop([pairArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })], settings)("higher readiness", ([company, buyer, options], x, y) => {
    const [low, high] = x <= y ? [x, y] : [y, x];
    const before = scorePair({ ...company, readiness: low }, buyer, options).score;
    const after = scorePair({ ...company, readiness: high }, buyer, options).score;
    expect(after).toBeGreaterThanOrEqual(before - 1e-12);
  });

  test.prop([pairArb, companyArb("extra")], settings)("one more product line (when the company already lists one)", ([company, buyer, options], extra) => {
    fc.pre(company.products !== undefined && extra.products !== undefined);
    const before = scorePair(company, buyer, options).score;
    const after = scorePair({ ...company, products: [...company.products!, ...extra.products!] }, buyer, options).score;
    expect(after).toBeGreaterThanOrEqual(before - 1e-12);
  });

  test.prop([pairArb, fc.constantFrom("US", "US-MI", "US-IL", "north-america", "CA-ON", "MX")], settings)("one more target market (when the company already names one)", ([company, buyer, options], market) => {
    fc.pre(company.targetMarkets !== undefined);
    const before = scorePair(company, buyer, options).score;
    const after = scorePair({ ...company, targetMarkets: [...company.targetMarkets!, market] }, buyer, options).score;
    expect(after).toBeGreaterThanOrEqual(before - 1e-12);
  });

  test.prop([pairArb, fc.constantFrom("ISO 9001", "IATF 16949", "ISO 14001", "CE", "UL")], settings)("one more certification held (soft mode)", ([company, buyer, options], certification) => {
    const soft = { ...options, criteria: { ...options.criteria, certification: { mode: "soft" as const } } };
    const before = scorePair(company, buyer, soft).score;
    const after = scorePair({ ...company, certifications: [...(company.certifications ?? []), certification] }, buyer, soft).score;
    expect(after).toBeGreaterThanOrEqual(before - 1e-12);
  });
});
