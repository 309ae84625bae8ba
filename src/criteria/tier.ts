/**
 * Tier: supply-chain compatibility of the company's position with the buyer's. A Tier-2 vendor sells
 * to Tier-1 system suppliers, a Tier-1 to OEMs; anyone can sell through a distributor; selling
 * upstream (to one's own suppliers) rarely makes sense. Read from a matrix (company tier → buyer
 * tier) that users can override. Unknown when either tier is missing.
 */
import { z } from "zod";
import { TIERS, UnitIntervalSchema, type Tier } from "../schema/common.js";
import { defineCriterion } from "./define.js";
import type { CriterionDetail, TierMatrix } from "./types.js";

/**
 * The default compatibility matrix. One step downstream 1.0, two steps 0.5, three 0.25; same tier
 * 0.3; upstream 0.1; any → distributor 0.7; a distributor to anyone 0.3.
 */
export const DEFAULT_TIER_MATRIX: TierMatrix = {
  oem: { oem: 0.3, tier1: 0.1, tier2: 0.1, tier3: 0.1, distributor: 0.7 },
  tier1: { oem: 1, tier1: 0.3, tier2: 0.1, tier3: 0.1, distributor: 0.7 },
  tier2: { oem: 0.5, tier1: 1, tier2: 0.3, tier3: 0.1, distributor: 0.7 },
  tier3: { oem: 0.25, tier1: 0.5, tier2: 1, tier3: 0.3, distributor: 0.7 },
  distributor: { oem: 0.3, tier1: 0.3, tier2: 0.3, tier3: 0.3, distributor: 0.3 },
};

const TIER_NAMES: Readonly<Record<Tier, { en: string; ko: string }>> = {
  oem: { en: "OEM", ko: "완성품 제조사(OEM)" },
  tier1: { en: "Tier 1", ko: "1차 협력사" },
  tier2: { en: "Tier 2", ko: "2차 협력사" },
  tier3: { en: "Tier 3", ko: "3차 협력사" },
  distributor: { en: "distributor", ko: "유통사" },
};

const TierRowSchema = z.strictObject(Object.fromEntries(TIERS.map((tier) => [tier, UnitIntervalSchema.optional()])) as Record<Tier, z.ZodOptional<typeof UnitIntervalSchema>>);

/** The tier criterion's settings: overrides of the matrix, filled in from {@link DEFAULT_TIER_MATRIX}. */
const TierSettings = z.strictObject({
  matrix: z
    .partialRecord(z.enum(TIERS), TierRowSchema)
    .optional()
    .transform((override): TierMatrix => Object.fromEntries(TIERS.map((from) => [from, Object.fromEntries(TIERS.map((to) => [to, override?.[from]?.[to] ?? DEFAULT_TIER_MATRIX[from][to]]))])) as unknown as TierMatrix),
});

/** What the tier criterion found. */
export interface TierDetail extends CriterionDetail {
  readonly companyTier: Tier | undefined;
  readonly buyerTier: Tier | undefined;
  /** The matrix value, when both tiers are known. */
  readonly compatibility?: number;
}

/** The tier criterion. */
export const tierCriterion = defineCriterion({
  id: "tier",
  defaultWeight: { company: 0.15, buyer: 0.2 },
  defaultMissing: "neutral",
  settings: TierSettings,
  score(company, buyer, _context, settings) {
    const from = company.record.tier;
    const to = buyer.record.tier;
    return from === undefined || to === undefined ? undefined : settings.matrix[from][to];
  },
  buyerKey(buyer) {
    return buyer.record.tier ?? "";
  },
  detail(company, buyer, _context, settings): TierDetail {
    const from = company.record.tier;
    const to = buyer.record.tier;
    if (from === undefined || to === undefined) return { summary: "tier unknown", companyTier: from, buyerTier: to };
    const score = settings.matrix[from][to];
    return { summary: `${TIER_NAMES[from].en} → ${TIER_NAMES[to].en} (${score})`, companyTier: from, buyerTier: to, compatibility: score };
  },
  describe(detail: TierDetail, locale) {
    const from = detail.companyTier;
    const to = detail.buyerTier;
    if (from === undefined || to === undefined || detail.compatibility === undefined) return locale === "ko" ? "공급망 단계: 알 수 없음" : "Tier: unknown";
    const score = detail.compatibility;
    return locale === "ko"
      ? `공급망 단계: ${TIER_NAMES[from].ko} → ${TIER_NAMES[to].ko} (적합도 ${score})`
      : `Tier: ${TIER_NAMES[from].en} supplier → ${TIER_NAMES[to].en} buyer (compatibility ${score})`;
  },
});
