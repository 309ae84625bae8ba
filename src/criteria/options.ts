/**
 * Match options, assembled from the list of criteria in use: the built-in ones, then the caller's
 * `customCriteria`. Each criterion owns its settings schema and defaults; this file only puts them
 * together (`weights` and `viewpointWeights` get one key per criterion id, `criteria` one entry per
 * criterion with its settings plus `missing` and `neutral`) and never asks which criterion it holds.
 * Validated once with zod and resolved into {@link ResolvedOptions}, in which every default is
 * filled in, every criterion is bound to its settings and weights are arrays in criterion order.
 */
import { z } from "zod";
import { defaultTypoParams, type TypoParams } from "../normalize/fuzzy.js";
import { DEFAULT_SECTORS, type SectorTable } from "../normalize/sectors.js";
import { normalizeHsCode, normalizeNaicsCode } from "../normalize/codes.js";
import { safeParseWith, type BuyerMatchIssue, type IssuePath } from "../schema/errors.js";
import { BaseOptionsShape, CommonCriterionShape, DEFAULT_NEUTRAL, WeightSchema } from "../schema/options.js";
import { constraintsFor } from "./constraints.js";
import { isCriterionDefinition } from "./define.js";
import { CRITERIA, type CriterionId } from "./index.js";
import type { certificationCriterion, evidenceCriterion, relationshipCriterion, productCriterion, readinessCriterion, regionCriterion, sectorCriterion, tierCriterion } from "./index.js";
import type { Constraint, Criterion, CriterionDefinition, MissingPolicy } from "./types.js";

/** Whose view to score from. */
export type Viewpoint = "company" | "buyer" | "mutual";

/** Weights by criterion id (built-in ids, and the ids of the custom criteria in use); unnamed criteria keep their defaults. */
export type Weights = { readonly [K in CriterionId]?: number } & { readonly [id: string]: number | undefined };

/** What `options.criteria[id]` accepts for a criterion definition `D`: its settings as written, plus `missing` and `neutral`. */
export type CriterionSettingsInput<D> = D extends { readonly settings: infer S } ? (S extends z.ZodType ? (string extends keyof z.input<S> ? CommonSettings : z.input<S> & CommonSettings) : CommonSettings) : CommonSettings;

/** What every criterion accepts under `options.criteria[id]`, beside its own settings. */
export interface CommonSettings {
  /** What the criterion counts as when one side lacks its data. */
  readonly missing?: MissingPolicy;
  /** The neutral prior under "neutral" (default 0.5). */
  readonly neutral?: number;
}

/** Per-criterion settings: the built-in criteria's, and any custom criterion's by its id. */
export type CriteriaOptions = {
  readonly sector?: CriterionSettingsInput<typeof sectorCriterion>;
  readonly product?: CriterionSettingsInput<typeof productCriterion>;
  readonly tier?: CriterionSettingsInput<typeof tierCriterion>;
  readonly region?: CriterionSettingsInput<typeof regionCriterion>;
  readonly readiness?: CriterionSettingsInput<typeof readinessCriterion>;
  readonly certification?: CriterionSettingsInput<typeof certificationCriterion>;
  readonly evidence?: CriterionSettingsInput<typeof evidenceCriterion>;
  readonly relationship?: CriterionSettingsInput<typeof relationshipCriterion>;
} & { readonly [id: string]: object | undefined };

/** Options as a user writes them. */
export interface MatchOptions {
  /** Keep at most this many matches per list (default: all). */
  readonly top?: number | undefined;
  /** Drop matches scoring below this (default 0). */
  readonly minScore?: number | undefined;
  /** Drop matches whose coverage (the share of the criteria's weight resting on known data) is below this (default 0). */
  readonly minCoverage?: number | undefined;
  /** Whose view to score from; the default depends on the function. */
  readonly viewpoint?: Viewpoint | undefined;
  /** Weights for the viewpoint(s) in use, by criterion id. */
  readonly weights?: Weights | undefined;
  /** Separate weights per viewpoint (take precedence over `weights`). */
  readonly viewpointWeights?: { readonly company?: Weights | undefined; readonly buyer?: Weights | undefined } | undefined;
  /** Per-criterion behaviour and settings, by criterion id. */
  readonly criteria?: CriteriaOptions | undefined;
  /** Criteria of the caller's own (from `defineCriterion`), scored after the built-in ones in this order. */
  readonly customCriteria?: readonly CriterionDefinition[] | undefined;
  /** Extra or replacement named sectors: name → { hs, naics }. */
  readonly sectors?: { readonly [name: string]: { readonly hs?: readonly string[] | undefined; readonly naics?: readonly string[] | undefined } } | undefined;
  /** Exclude buyers not marked `verified: true`. */
  readonly requireVerified?: boolean | undefined;
  /** Exclude buyers that are neither `verified: true` nor show trade evidence for the company (an import record of one of its product codes). */
  readonly requireEvidence?: boolean | undefined;
}

/** Options as parsed (before defaults are filled in). */
interface ParsedOptions {
  readonly top?: number | undefined;
  readonly minScore?: number | undefined;
  readonly minCoverage?: number | undefined;
  readonly viewpoint?: Viewpoint | undefined;
  readonly weights?: Readonly<Record<string, number | undefined>> | undefined;
  readonly viewpointWeights?: { readonly company?: Readonly<Record<string, number | undefined>> | undefined; readonly buyer?: Readonly<Record<string, number | undefined>> | undefined } | undefined;
  readonly criteria?: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>> | undefined;
  readonly sectors?: Readonly<Record<string, { readonly hs?: readonly string[] | undefined; readonly naics?: readonly string[] | undefined }>> | undefined;
  readonly requireVerified?: boolean | undefined;
  readonly requireEvidence?: boolean | undefined;
}

/** A record field a criterion declares: its name, its schema and the criterion that reads it. */
export interface FieldSpec {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly criterion: string;
}

/** Options with every default filled in. Weights and policies are arrays in criterion order. */
export interface ResolvedOptions {
  readonly top: number;
  readonly minScore: number;
  readonly minCoverage: number;
  readonly viewpoint: Viewpoint;
  /** The criteria in use, bound to their settings, in scoring order. */
  readonly criteria: readonly Criterion[];
  /** The exclusion-only rules in force (sourcing, and verification with `requireVerified`). */
  readonly constraints: readonly Constraint[];
  readonly weights: { readonly company: Float64Array; readonly buyer: Float64Array };
  readonly missing: readonly MissingPolicy[];
  readonly neutral: Float64Array;
  /** What the criteria ask of the compiled market (typo correction). */
  readonly market: { readonly typo: TypoParams };
  /** The record fields the criteria declare, per side. */
  readonly fields: { readonly company: readonly FieldSpec[]; readonly buyer: readonly FieldSpec[] };
  readonly sectors: SectorTable;
  readonly requireVerified: boolean;
  readonly requireEvidence: boolean;
}

function weightsSchemaFor(definitions: readonly CriterionDefinition[]) {
  return z.strictObject(Object.fromEntries(definitions.map((definition) => [definition.id, WeightSchema.optional()])));
}

const CustomCriterionSchema = z.custom<CriterionDefinition>(isCriterionDefinition, { error: "must be a criterion made by defineCriterion" });

/**
 * The options schema for a list of criteria: `weights` and `viewpointWeights` with one key per
 * criterion id, `criteria` with each criterion's own settings schema (plus `missing` and `neutral`),
 * and the criteria-free options.
 *
 * @param definitions - the criteria in use, built-in ones included
 * @returns a zod schema of the options
 * @example
 * const schema = optionsSchemaFor([...CRITERIA, companySize]);
 */
export function optionsSchemaFor(definitions: readonly CriterionDefinition[]) {
  const weights = weightsSchemaFor(definitions);
  const criteria = z.strictObject(Object.fromEntries(definitions.map((definition) => [definition.id, z.strictObject({ ...definition.settings.shape, ...CommonCriterionShape }).optional()])));
  return z.strictObject({
    ...BaseOptionsShape,
    weights: weights.optional(),
    viewpointWeights: z.strictObject({ company: weights.optional(), buyer: weights.optional() }).optional(),
    criteria: criteria.optional(),
    customCriteria: z.array(CustomCriterionSchema).optional(),
  });
}

/** Weights per criterion id, for the built-in criteria (a custom criterion's id is accepted when it is in use). */
export const WeightsSchema = weightsSchemaFor(CRITERIA as readonly CriterionDefinition[]);

/**
 * The options of `scorePair`, `rankBuyers`, `rankCompanies`, `matchAll` and matchers, for the
 * built-in criteria. With `customCriteria`, the functions assemble the schema of the criteria in use
 * (`optionsSchemaFor`), so a custom criterion's weights and settings are validated like these.
 */
export const MatchOptionsSchema = optionsSchemaFor(CRITERIA as readonly CriterionDefinition[]);

const defaultSettingsCache = new WeakMap<CriterionDefinition, Readonly<Record<string, unknown>>>();

/** A definition's settings with every default filled in (its schema applied to `{}`). */
function defaultSettings(definition: CriterionDefinition): Readonly<Record<string, unknown>> {
  let settings = defaultSettingsCache.get(definition);
  if (settings === undefined) {
    const parsed = safeParseWith(definition.settings, {}, ["criteria", definition.id]);
    // A settings schema that rejects `{}` needs its settings written; bound with the empty object, it is
    // reported by the options schema (the option is then required), so this is never scored.
    settings = parsed.success ? (parsed.data as Record<string, unknown>) : {};
    defaultSettingsCache.set(definition, settings);
  }
  return settings;
}

/**
 * Default weights per viewpoint of the built-in criteria, in a readable form (certification weighs 0
 * in its default hard mode: it is a constraint there, not a score).
 */
export const DEFAULT_WEIGHTS: Readonly<Record<"company" | "buyer", Readonly<Record<CriterionId, number>>>> = {
  company: Object.fromEntries(CRITERIA.map((definition) => [definition.id, (definition as CriterionDefinition).defaultWeight(defaultSettings(definition as CriterionDefinition)).company])) as Record<CriterionId, number>,
  buyer: Object.fromEntries(CRITERIA.map((definition) => [definition.id, (definition as CriterionDefinition).defaultWeight(defaultSettings(definition as CriterionDefinition)).buyer])) as Record<CriterionId, number>,
};

const RESERVED_IDS: ReadonlySet<string> = new Set(["sourcing", "verified"]);

/**
 * The criteria an options object asks for: the built-in ones, then its `customCriteria` (those that
 * are definitions; the options schema reports the others). Ids that clash and fields two criteria
 * declare with different schemas are added to `issues`.
 *
 * @param input - the options as given
 * @param issues - receives clashes, with paths under `path`
 * @param path - where the options are
 * @returns the definitions in scoring order
 * @example
 * const definitions = definitionsFor({ customCriteria: [companySize] }, issues);
 */
export function definitionsFor(input: unknown, issues: BuyerMatchIssue[], path: IssuePath = ["options"]): readonly CriterionDefinition[] {
  let custom: unknown;
  try {
    custom = typeof input === "object" && input !== null && Object.hasOwn(input, "customCriteria") ? (input as { customCriteria: unknown }).customCriteria : undefined;
  } catch {
    return CRITERIA; // an unreadable property is reported by the options schema
  }
  if (!Array.isArray(custom) || custom.length === 0) return CRITERIA;
  const out: CriterionDefinition[] = [...(CRITERIA as readonly CriterionDefinition[])];
  const ids = new Map<string, number>();
  const fields = { company: new Map<string, z.ZodType>(), buyer: new Map<string, z.ZodType>() };
  for (let index = 0; index < custom.length; index += 1) {
    const definition: unknown = custom[index];
    if (!isCriterionDefinition(definition)) continue;
    const at = [...path, "customCriteria", index];
    const builtIn = CRITERIA.some((known) => known.id === definition.id);
    if (builtIn || RESERVED_IDS.has(definition.id)) {
      issues.push({ code: "invalid_input", path: [...at, "id"], message: `"${definition.id}" is the id of a built-in ${builtIn ? "criterion" : "rule"}; choose another id` });
      continue;
    }
    if (ids.has(definition.id)) {
      issues.push({ code: "duplicate_id", path: [...at, "id"], message: `duplicate criterion id "${definition.id}" (first at customCriteria[${ids.get(definition.id)}])` });
      continue;
    }
    ids.set(definition.id, index);
    let clash = false;
    for (const side of ["company", "buyer"] as const) {
      for (const [name, schema] of Object.entries(definition.fields[side])) {
        const earlier = fields[side].get(name);
        if (earlier !== undefined && earlier !== schema) {
          issues.push({ code: "invalid_input", path: [...at, "fields", side, name], message: `the ${side} field "${name}" is declared by another criterion with another schema; share one schema object or rename it` });
          clash = true;
        } else fields[side].set(name, schema);
      }
    }
    if (!clash) out.push(definition);
  }
  return out;
}

const schemaCache = new WeakMap<CriterionDefinition, { definitions: readonly CriterionDefinition[]; schema: ReturnType<typeof optionsSchemaFor> }[]>();

/**
 * The options schema of a list of definitions, built once per list of the same definitions.
 *
 * @param definitions - from {@link definitionsFor}
 * @returns the schema
 * @example
 * const schema = cachedOptionsSchema(definitionsFor(options, issues));
 */
export function cachedOptionsSchema(definitions: readonly CriterionDefinition[]): ReturnType<typeof optionsSchemaFor> {
  if (definitions === CRITERIA) return MatchOptionsSchema;
  const last = definitions[definitions.length - 1]!;
  const entries = schemaCache.get(last) ?? [];
  const found = entries.find((entry) => entry.definitions.length === definitions.length && entry.definitions.every((definition, index) => definition === definitions[index]));
  if (found !== undefined) return found.schema;
  const schema = optionsSchemaFor(definitions);
  if (entries.length < 8) entries.push({ definitions, schema });
  schemaCache.set(last, entries);
  return schema;
}

function weightArray(side: "company" | "buyer", options: ParsedOptions, criteria: readonly Criterion[]): Float64Array {
  const given = options.viewpointWeights?.[side] ?? options.weights ?? {};
  return Float64Array.from(criteria, (criterion) => (Object.hasOwn(given, criterion.id) ? given[criterion.id] : undefined) ?? criterion.defaultWeight[side]);
}

/**
 * The record fields an options object's criteria declare, even when the rest of the options is
 * invalid (so that records are still checked and every problem is reported in one error).
 *
 * @param input - the options as given
 * @returns the fields per side
 * @example
 * const fields = fieldsFor({ customCriteria: [companySize] }).company; // [{ name: "employees", … }]
 */
export function fieldsFor(input: unknown): ResolvedOptions["fields"] {
  const definitions = definitionsFor(input, []);
  return { company: fieldSpecs(definitions, "company"), buyer: fieldSpecs(definitions, "buyer") };
}

function fieldSpecs(definitions: readonly CriterionDefinition[], side: "company" | "buyer"): FieldSpec[] {
  const out: FieldSpec[] = [];
  const seen = new Set<string>();
  for (const definition of definitions) {
    for (const [name, schema] of Object.entries(definition.fields[side])) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, schema, criterion: definition.id });
    }
  }
  return out;
}

/**
 * Fills in every default and binds each criterion to its settings. Expects options already parsed
 * by the schema of `definitions` ({@link optionsSchemaFor}).
 *
 * @param options - parsed options
 * @param defaultViewpoint - the viewpoint when the options name none
 * @param definitions - the criteria in use (default: the built-in ones)
 * @returns the resolved options
 * @example
 * const resolved = resolveOptions(MatchOptionsSchema.parse({ top: 10 }), "company");
 */
export function resolveOptions(options: ParsedOptions, defaultViewpoint: Viewpoint, definitions: readonly CriterionDefinition[] = CRITERIA): ResolvedOptions {
  const criteriaOptions = options.criteria ?? {};
  const own = (id: string): Readonly<Record<string, unknown>> | undefined => (Object.hasOwn(criteriaOptions, id) ? criteriaOptions[id] : undefined);
  const settings = definitions.map((definition) => {
    const given = own(definition.id);
    return given === undefined ? defaultSettings(definition) : settingsOf(given);
  });
  const criteria = definitions.map((definition, index) => definition.bind(settings[index]!));
  // The market's typo correction is asked for by a criterion (the product one); the first that asks decides.
  let typo: TypoParams = defaultTypoParams;
  for (let index = definitions.length - 1; index >= 0; index -= 1) {
    const asked = definitions[index]!.market?.(settings[index]!);
    if (asked?.typo !== undefined) typo = { minLength: asked.typo.minLength, minSimilarity: asked.typo.minSimilarity };
  }
  // Sector names are user text: a null-prototype table makes "__proto__" an ordinary name (lookups use Object.hasOwn).
  const sectors = Object.create(null) as Record<string, { hs: string[]; naics: string[] }>;
  for (const [name, codes] of Object.entries(DEFAULT_SECTORS)) sectors[name] = { hs: [...(codes.hs ?? [])], naics: [...(codes.naics ?? [])] };
  for (const [name, codes] of Object.entries(options.sectors ?? {})) {
    sectors[name.trim().toLowerCase()] = {
      hs: (codes.hs ?? []).map((code) => normalizeHsCode(code)!),
      naics: (codes.naics ?? []).map((code) => normalizeNaicsCode(code)!),
    };
  }
  const requireVerified = options.requireVerified ?? false;
  const requireEvidence = options.requireEvidence ?? false;
  return {
    top: options.top ?? Number.POSITIVE_INFINITY,
    minScore: options.minScore ?? 0,
    minCoverage: options.minCoverage ?? 0,
    viewpoint: options.viewpoint ?? defaultViewpoint,
    criteria,
    constraints: constraintsFor(requireVerified, requireEvidence),
    weights: { company: weightArray("company", options, criteria), buyer: weightArray("buyer", options, criteria) },
    missing: criteria.map((criterion) => (own(criterion.id)?.["missing"] as MissingPolicy | undefined) ?? criterion.defaultMissing),
    neutral: Float64Array.from(criteria, (criterion) => (own(criterion.id)?.["neutral"] as number | undefined) ?? DEFAULT_NEUTRAL),
    market: { typo },
    fields: { company: fieldSpecs(definitions, "company"), buyer: fieldSpecs(definitions, "buyer") },
    sectors,
    requireVerified,
    requireEvidence,
  };
}

function settingsOf(given: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const { missing: _missing, neutral: _neutral, ...rest } = given;
  return rest;
}
