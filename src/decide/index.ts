/**
 * buyermatch/decide: the multi-criteria decision tools of the mission-selection step. AHP priorities
 * from pairwise judgements, TOPSIS rankings, weight sensitivity of a weighted-sum ranking, checked
 * score formulas, and the applicant shortlist. The only entry that loads mathjs.
 */
export { ahpWeights, SAATY_RANDOM_INDEX, CONSISTENCY_THRESHOLD } from "./ahp.js";
export type { AhpOptions, AhpResult } from "./ahp.js";
export { topsis } from "./topsis.js";
export type { CriterionKind, TopsisNormalization, TopsisOptions, TopsisResult } from "./topsis.js";
export { sensitivity, perturbWeights } from "./sensitivity.js";
export type { SensitivityOptions, SensitivityResult, PairSensitivity, WeightChange } from "./sensitivity.js";
export { compileFormula, breakdownScores, FORMULA_FUNCTIONS, MAX_FORMULA_LENGTH } from "./formula.js";
export type { CompiledFormula, FormulaOptions, FormulaScores } from "./formula.js";
export { shortlistCompanies, SHORTLIST_CRITERIA, DEFAULT_SHORTLIST_WEIGHTS, DEFAULT_STRONG_SCORE, DEFAULT_TOP_K, DEFAULT_EVIDENCE_LIFT } from "./shortlist.js";
export type { Shortlist, ShortlistEntry, ShortlistOptions, ShortlistCriterion, ShortlistCriterionValue, ShortlistDemand } from "./shortlist.js";
