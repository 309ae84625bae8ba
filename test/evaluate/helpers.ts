/**
 * Hand-built matches and seeded synthetic missions for the evaluate tests. Matches are built here,
 * not by the core scorer, so these tests check `evaluate/` alone.
 */
import type { CriterionBreakdown, CriterionId, Match } from "../../src/score/types.js";
import type { Outcome, Stage } from "../../src/evaluate/index.js";
import { mulberry32 } from "../support/random.js";

/** A ranked match with a trivial breakdown: enough for the metrics, which read ids and ranks. */
export function match(companyId: string, buyerId: string, rank: number, score = 1 / rank): Match {
  return { companyId, buyerId, rank, score, coverage: 1, breakdown: {}, viewpoint: "company" };
}

/** A ranked list for one company, ranks 1, 2, 3... in the order given. */
export function list(companyId: string, buyerIds: readonly string[]): Match[] {
  return buyerIds.map((buyerId, index) => match(companyId, buyerId, index + 1));
}

/** A match carrying per-criterion scores, as calibration reads them. */
export function scoredMatch(companyId: string, buyerId: string, scores: Readonly<Partial<Record<CriterionId, number>>>, unknown: readonly CriterionId[] = []): Match {
  const breakdown: Partial<Record<CriterionId, CriterionBreakdown>> = {};
  for (const [id, score] of Object.entries(scores) as [CriterionId, number][]) {
    breakdown[id] = { score, weight: 0, contribution: 0, known: !unknown.includes(id), detail: { summary: "" } };
  }
  return { companyId, buyerId, rank: 1, score: 0, coverage: 1, breakdown, viewpoint: "company" };
}

/** The shared seeded PRNG, so synthetic data cannot drift between runs. */
export const prng = mulberry32;

/** Fisher–Yates with a seeded PRNG. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
}

export const LEARNED: readonly CriterionId[] = ["sector", "product", "tier", "region", "readiness"];

export interface Mission {
  readonly matches: Match[];
  readonly outcomes: Outcome[];
}

/**
 * A synthetic mission whose outcomes follow known weights: each pair gets uniform criterion scores,
 * latent = Σ wᵢ sᵢ, and reaches a relevant stage with probability σ(sharpness · (latent − threshold)).
 * Pairs that fall short are sometimes recorded as "met" (grade 0 under `{ met: 0 }`), as a real
 * follow-up file would.
 */
export function syntheticMission(
  weights: readonly number[],
  seed: number,
  { companies = 20, buyersPerCompany = 100, sharpness = 15, threshold = 0.55 } = {},
): Mission {
  const random = prng(seed);
  const matches: Match[] = [];
  const outcomes: Outcome[] = [];
  const relevantStages: readonly Stage[] = ["interest", "quote", "deal"];
  for (let c = 0; c < companies; c++) {
    const companyId = `c${String(c).padStart(3, "0")}`;
    for (let b = 0; b < buyersPerCompany; b++) {
      const buyerId = `b${String(b).padStart(4, "0")}`;
      const scores = Object.fromEntries(LEARNED.map((id) => [id, random()])) as Record<CriterionId, number>;
      const latent = LEARNED.reduce((sum, id, index) => sum + (weights[index] ?? 0) * (scores[id] ?? 0), 0);
      const probability = 1 / (1 + Math.exp(-sharpness * (latent - threshold)));
      matches.push(scoredMatch(companyId, buyerId, scores));
      if (random() < probability) {
        outcomes.push({ companyId, buyerId, stage: relevantStages[Math.floor(random() * 3)] as Stage });
        if (random() < 0.5) outcomes.push({ companyId, buyerId, stage: "met" });
      } else if (random() < 0.2) outcomes.push({ companyId, buyerId, stage: "met" });
    }
  }
  return { matches, outcomes };
}

/** The definition, O(n²): the share of (positive, negative) pairs ordered correctly, ties one half. */
export function bruteForceAuc(scores: readonly number[], labels: readonly boolean[]): number | undefined {
  let wins = 0;
  let pairs = 0;
  scores.forEach((positive, i) => {
    if (!labels[i]) return;
    scores.forEach((negative, j) => {
      if (labels[j]) return;
      pairs++;
      wins += positive > negative ? 1 : positive === negative ? 0.5 : 0;
    });
  });
  return pairs === 0 ? undefined : wins / pairs;
}
