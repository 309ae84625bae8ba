/**
 * buyermatch — the core entry: validated profiles, trade-aware criteria, explained ranked matches.
 * Pure: no I/O, no clock, no randomness, no Node built-ins; runs in browsers.
 */
export { scorePair, rankBuyers, rankCompanies } from "./score/api.js";
export { matchAll, type MatchAllResult } from "./engine/matchAll.js";
export { explainMatch, type ExplainOptions } from "./score/explain.js";
export { genuineEvidence, type GenuineEvidence } from "./score/genuine.js";
export { describeReason } from "./score/reasons.js";
export { BuyerMatchError, formatPath, type BuyerMatchIssue, type BuyerMatchIssueCode, type IssuePath, type SafeResult } from "./schema/errors.js";
export { CompanySchema, type Company, type Product } from "./schema/company.js";
export { BuyerSchema, type Buyer, type Need } from "./schema/buyer.js";
export { ImportRecordSchema, ExportRecordSchema, type ImportRecord, type ExportRecord } from "./schema/trade.js";
export { ItemSchema, TIERS, type Tier } from "./schema/common.js";
export { MatchOptionsSchema, WeightsSchema, DEFAULT_WEIGHTS, type MatchOptions, type Weights, type CriteriaOptions, type CommonSettings, type CriterionSettingsInput } from "./criteria/options.js";
export { DEFAULT_NEUTRAL } from "./schema/options.js";
export {
  CRITERION_IDS,
  type CriterionId,
  type Viewpoint,
  type Match,
  type PairScore,
  type ViewScore,
  type Breakdown,
  type CriterionBreakdown,
  type CriterionDetail,
  type IneligibleReason,
  type ExclusionReason,
  type CustomExclusionReason,
  type BuiltInDetails,
} from "./score/types.js";
export { CRITERIA, sectorCriterion, productCriterion, tierCriterion, regionCriterion, readinessCriterion, certificationCriterion, evidenceCriterion, relationshipCriterion } from "./criteria/index.js";
export type { EvidenceDetail } from "./criteria/evidence.js";
export type { RelationshipDetail, RelationshipLevel } from "./criteria/relationship.js";
// The compiled records a criterion reads (types only: a criterion is handed them, never builds them).
export type { Market, CompiledBuyer, CompiledCompany, CompiledNeed, CompiledProduct } from "./market/market.js";
export type { NormalizedBuyer, NormalizedCompany, NormalizedItem, NormalizedImport, NormalizedExport, SectorCodeSet } from "./normalize/records.js";
export type { TypoCorrector, Correction } from "./normalize/fuzzy.js";
export type { MarketRef } from "./normalize/regions.js";
export type { HsBridge, HsCode } from "./normalize/codes.js";
export type {
  Criterion,
  CriterionDefinition,
  MissingPolicy,
  Locale,
  TierMatrix,
  RegionLevels,
  RegionHub,
  ScoringContext,
  SparseIndex,
  SparseQuery,
  SavedIndex,
  FieldSchemas,
  FieldValues,
  CompanyWith,
  BuyerWith,
  ViewpointWeights,
} from "./criteria/types.js";
// Custom criteria (issue 14): the contract the built-in criteria fulfil, open to the caller.
export { defineCriterion, type CriterionSpec } from "./criteria/define.js";
export type { SectorDetail } from "./criteria/sector.js";
export type { ProductDetail, NeedDetail, CodePair } from "./criteria/product.js";
export type { TierDetail } from "./criteria/tier.js";
export type { RegionDetail } from "./criteria/region.js";
export type { ReadinessDetail } from "./criteria/readiness.js";
export type { CertificationDetail } from "./criteria/certification.js";
export { DEFAULT_TIER_MATRIX } from "./criteria/tier.js";
export { DEFAULT_REGION_LEVELS } from "./criteria/region.js";
export { DEFAULT_SECTORS, type SectorTable, type SectorCodes } from "./normalize/sectors.js";
export { normalizeHsCode, normalizeNaicsCode } from "./score/codes.js";
export type { CodeSystem } from "./normalize/codes.js";
export { WORLD_REGIONS } from "./normalize/regions.js";
export { defaultTypoParams, type TypoParams } from "./normalize/fuzzy.js";

// Engine (issue 3): a compiled market for fast, exact top-k, and the exact merge of sharded results.
export { createMatcher, type Matcher, type MatcherSetup, type CompanyIndex, type RankOptions } from "./engine/matcher.js";
export { mergeTopK, type MergeOptions } from "./engine/mergeTopK.js";
export { loadMatcher, type LoadSetup } from "./engine/snapshot.js";
export type { SnapshotOptions, MatcherSnapshotJson } from "./engine/snapshotWrite.js";

// Pictures of matches (issue 15): self-contained HTML/SVG for reports and notebooks.
export { contributionBar, contributionSum, heatMap, type ContributionBarOptions, type HeatMapOptions } from "./score/pictures.js";
