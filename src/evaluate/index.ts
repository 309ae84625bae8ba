/**
 * `buyermatch/evaluate`: the follow-up loop. Record what became of each pair, measure how well the
 * ranked lists predicted it, and learn criterion weights from it for the next mission.
 */
export { STAGES, DEFAULT_RELEVANCE, MAX_RELEVANCE, OutcomeSchema, validateOutcomes, safeValidateOutcomes } from "./outcomes.js";
export type { Stage, Outcome, ParsedOutcome, RelevanceGrades, KnownIds } from "./outcomes.js";
export type { MatchLists } from "./matchLists.js";
export { rankingMetrics } from "./rankingMetrics.js";
export type { RankedMatch, RankingMetricsOptions, RankingMetrics, CompanyMetrics, OverallMetrics } from "./rankingMetrics.js";
export { areaUnderCurve } from "./areaUnderCurve.js";
export { DEFAULT_BASELINE_WEIGHTS, DEFAULT_CALIBRATION, calibrateWeights } from "./calibrateWeights.js";
export type {
  CriterionWeights,
  HistoryMatch,
  CalibrationHistory,
  CalibrateOptions,
  CrossValidatedQuality,
  CalibrationFold,
  Calibration,
} from "./calibrateWeights.js";
