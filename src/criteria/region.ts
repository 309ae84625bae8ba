/**
 * Region: is the buyer where the company wants to sell? The buyer's location is compared with each of
 * the company's target markets, and the deepest level they share (up to the target's own depth)
 * scores: city or subdivision 1.0, country 0.8, same world region 0.4, else 0. With a hub set, the
 * score halves every `halfDistanceKm` between the buyer and the hub (a mission's venue, say).
 * Unknown when the company names no target markets.
 */
import { distanceKm, worldRegionOf, type MarketRef } from "../normalize/regions.js";
import type { NormalizedBuyer } from "../normalize/records.js";
import { z } from "zod";
import { FiniteNumberSchema, LocationSchema, UnitIntervalSchema } from "../schema/common.js";
import { defineCriterion } from "./define.js";
import type { CriterionDetail, RegionHub, RegionLevels } from "./types.js";

/** Default scores per level. */
export const DEFAULT_REGION_LEVELS: RegionLevels = { city: 1, subdivision: 1, country: 0.8, world: 0.4 };

type Level = keyof RegionLevels;

/** The region criterion's settings: level scores (filled in from the defaults) and an optional hub. */
const RegionSettings = z.strictObject({
  levels: z
    .strictObject({ city: UnitIntervalSchema.optional(), subdivision: UnitIntervalSchema.optional(), country: UnitIntervalSchema.optional(), world: UnitIntervalSchema.optional() })
    .optional()
    .transform((given): RegionLevels => ({
      city: given?.city ?? DEFAULT_REGION_LEVELS.city,
      subdivision: given?.subdivision ?? DEFAULT_REGION_LEVELS.subdivision,
      country: given?.country ?? DEFAULT_REGION_LEVELS.country,
      world: given?.world ?? DEFAULT_REGION_LEVELS.world,
    })),
  hub: LocationSchema.extend({ halfDistanceKm: FiniteNumberSchema.refine((value) => value > 0, { message: "must be > 0", params: { code: "out_of_range" } }) })
    .optional()
    .transform((hub): RegionHub | undefined => hub),
});

/** What the region criterion found. */
export interface RegionDetail extends CriterionDetail {
  /** The buyer's place as written (city, subdivision or country); absent when the company names no target markets. */
  readonly where?: string;
  /** The deepest level shared with a target market, or "none"; absent when unknown. */
  readonly level?: Level | "none";
  /** The target market reached. */
  readonly target?: string;
  /** The buyer's distance from the hub, when a hub is set and the buyer has a location. */
  readonly distanceKm?: number | undefined;
}

function reachedLevel(target: MarketRef, buyer: NormalizedBuyer): Level | undefined {
  if (target.level === "world") return worldRegionOf(buyer.country) === target.region ? "world" : undefined;
  if (target.country !== buyer.country) return worldRegionOf(target.country) === worldRegionOf(buyer.country) ? "world" : undefined;
  if (target.level === "country" || buyer.region !== target.subdivision) return "country";
  if (target.level === "subdivision" || buyer.city !== target.city) return "subdivision";
  return "city";
}

function targetText(target: MarketRef): string {
  switch (target.level) {
    case "world":
      return target.region;
    case "country":
      return target.country;
    case "subdivision":
      return target.subdivision;
    case "city":
      return `${target.subdivision}:${target.city}`;
  }
}

/** The region criterion. */
export const regionCriterion = defineCriterion({
  id: "region",
  defaultWeight: { company: 0.15, buyer: 0.1 },
  defaultMissing: "neutral",
  settings: RegionSettings,
  score(company, buyer, _context, settings) {
    const targets = company.record.targets;
    if (targets.length === 0) return undefined;
    const levels = settings.levels;
    let best = 0;
    for (const target of targets) {
      const level = reachedLevel(target, buyer.record);
      if (level !== undefined && levels[level] > best) best = levels[level];
    }
    const hub = settings.hub;
    const location = buyer.record.location;
    if (hub === undefined || location === undefined) return best;
    return best * Math.pow(0.5, distanceKm(hub, location) / hub.halfDistanceKm);
  },
  buyerKey(buyer, _context, settings) {
    // The score reads the buyer's country, subdivision and city, and its location only when a hub is set.
    const { country, region, city, location } = buyer.record;
    // Country and subdivision codes hold no "|"; the city, which may hold anything, is quoted last.
    const where = `${country}|${region ?? ""}|${city === undefined ? "" : JSON.stringify(city)}|`;
    return settings.hub === undefined || location === undefined ? where : `${where}${location.lat},${location.lon}`;
  },
  detail(company, buyer, _context, settings): RegionDetail {
    const targets = company.record.targets;
    if (targets.length === 0) return { summary: "region unknown: the company names no target markets" };
    const levels = settings.levels;
    let best: { level: Level; target: MarketRef } | undefined;
    for (const target of targets) {
      const level = reachedLevel(target, buyer.record);
      if (level !== undefined && (best === undefined || levels[level] > levels[best.level])) best = { level, target };
    }
    const hub = settings.hub;
    const distance = hub !== undefined && buyer.record.location !== undefined ? distanceKm(hub, buyer.record.location) : undefined;
    const where = [buyer.record.cityLabel, buyer.record.region ?? buyer.record.country].filter((part) => part !== undefined).join(", ");
    if (best === undefined) return { summary: `${where} is outside the target markets`, where, level: "none", distanceKm: distance };
    return { summary: `${where} in target ${targetText(best.target)} (${best.level})`, where, level: best.level, target: targetText(best.target), distanceKm: distance };
  },
  describe(detail: RegionDetail, locale) {
    const level = detail.level;
    if (level === undefined) return locale === "ko" ? "지역: 목표 시장 정보 없음 (알 수 없음)" : "Region: unknown (no target markets)";
    const distance = typeof detail.distanceKm === "number" ? Math.round(detail.distanceKm) : undefined;
    const suffix = distance === undefined ? "" : locale === "ko" ? `, 거점에서 ${distance}km` : `, ${distance} km from the hub`;
    const levelKo: Record<Level | "none", string> = { city: "도시 일치", subdivision: "주/도 일치", country: "국가 일치", world: "같은 권역", none: "목표 시장 밖" };
    if (level === "none") return locale === "ko" ? `지역: ${String(detail.where)} — 목표 시장 밖${suffix}` : `Region: ${String(detail.where)} is outside the target markets${suffix}`;
    const target = String(detail.target);
    const levelEn: Record<Level, string> = { city: `in target city ${target}`, subdivision: `in target ${target}`, country: `same country as target ${target}`, world: `same world region as target ${target}` };
    return locale === "ko"
      ? `지역: ${String(detail.where)} — 목표 ${target} (${levelKo[level]})${suffix}`
      : `Region: ${String(detail.where)} — ${levelEn[level]}${suffix}`;
  },
});
