/**
 * `defineCriterion`: the one way a criterion is made, built-in or the user's own. It validates the
 * specification (one BuyerMatchError listing every problem), brands the definition so options can
 * recognise it, and binds settings into the criterion the scorer and the engine call.
 */
import { z } from "zod";
import { BuyerSchema } from "../schema/buyer.js";
import { CompanySchema } from "../schema/company.js";
import { FiniteNumberSchema } from "../schema/common.js";
import { safeParseWith, throwIfAny } from "../schema/errors.js";
import type { CompiledBuyer, CompiledCompany } from "../market/market.js";
import type {
  BuyerWith,
  CompanyWith,
  Criterion,
  CriterionDefinition,
  CriterionDetail,
  CustomExclusionReason,
  ExclusionReason,
  FieldSchemas,
  Locale,
  MissingPolicy,
  SavedIndex,
  ScoringContext,
  SparseIndex,
  ViewpointWeights,
} from "./types.js";

/** Marks a definition made by `defineCriterion` (a registered symbol, so two copies of the library agree). */
export const CRITERION_BRAND: unique symbol = Symbol.for("buyermatch.criterionDefinition") as never;

/** Criterion ids and field names: a letter, then letters, digits, `-` or `_` (never `__proto__`). */
const NAME = /^[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*$/;

/** Field names the built-in schemas already use, which a criterion cannot declare again. */
export const BUILT_IN_FIELDS: { readonly company: ReadonlySet<string>; readonly buyer: ReadonlySet<string> } = {
  company: new Set(Object.keys(CompanySchema.shape)),
  buyer: new Set(Object.keys(BuyerSchema.shape)),
};

/** Everything `defineCriterion` is given. The functions receive the resolved settings last. */
export interface CriterionSpec<Shape extends z.ZodRawShape, Detail extends CriterionDetail, CompanyFields extends FieldSchemas, BuyerFields extends FieldSchemas> {
  /** A letter, then letters, digits, `-` or `_`; unique among the criteria in use. */
  readonly id: string;
  /** Weights per viewpoint when the options name none; a function of the settings when they matter. */
  readonly defaultWeight: ViewpointWeights | ((settings: z.output<z.ZodObject<Shape>>) => ViewpointWeights);
  /** Policy for missing data (default "neutral"). */
  readonly defaultMissing?: MissingPolicy;
  /** The settings under `options.criteria[id]`, as a zod object (defaults with `.default`, `.transform`). */
  readonly settings?: z.ZodObject<Shape>;
  /** The fields read on companies and buyers, beside the built-in ones: name → zod schema. */
  readonly fields?: { readonly company?: CompanyFields; readonly buyer?: BuyerFields };
  score(company: CompanyWith<CompanyFields>, buyer: BuyerWith<BuyerFields>, context: ScoringContext, settings: z.output<z.ZodObject<Shape>>): number | undefined;
  detail(company: CompanyWith<CompanyFields>, buyer: BuyerWith<BuyerFields>, context: ScoringContext, settings: z.output<z.ZodObject<Shape>>): Detail;
  describe(detail: Detail, locale: Locale): string;
  exclude?(
    company: CompanyWith<CompanyFields>,
    buyer: BuyerWith<BuyerFields>,
    context: ScoringContext,
    settings: z.output<z.ZodObject<Shape>>,
  ): ExclusionReason | Omit<CustomExclusionReason, "criterion"> | undefined;
  describeExclusion?(reason: CustomExclusionReason, locale: Locale): string;
  buyerKey?(buyer: BuyerWith<BuyerFields>, context: ScoringContext, settings: z.output<z.ZodObject<Shape>>): string;
  sparseIndex?(buyers: readonly BuyerWith<BuyerFields>[], context: ScoringContext, settings: z.output<z.ZodObject<Shape>>): SparseIndex;
  /** Snapshot hook: the index `sparseIndex` built, from what its `save()` returned (see {@link Criterion.restoreIndex}). */
  restoreIndex?(saved: SavedIndex, buyerCount: number, context: ScoringContext, settings: z.output<z.ZodObject<Shape>>): SparseIndex;
  market?(settings: z.output<z.ZodObject<Shape>>): { readonly typo?: { readonly minLength: number; readonly minSimilarity: number } };
}

const Fn = z.custom<(...args: never[]) => unknown>((value) => typeof value === "function", { error: "must be a function" });
const isZodSchema = (value: unknown): boolean => typeof value === "object" && value !== null && typeof (value as { safeParse?: unknown }).safeParse === "function";
const ZodSchemaValue = z.custom<z.ZodType>(isZodSchema, { error: "must be a zod schema" });
const ZodObjectValue = z.custom<z.ZodObject>((value) => isZodSchema(value) && typeof (value as { shape?: unknown }).shape === "object" && (value as { shape?: unknown }).shape !== null, {
  error: "must be a zod object schema (z.object({...}))",
});
const Weight = FiniteNumberSchema.refine((value) => value >= 0, { message: "a weight must be ≥ 0", params: { code: "out_of_range" } });

function fieldsOf(side: "company" | "buyer") {
  return z
    .custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), { error: "must be an object of field name → zod schema" })
    .superRefine((value, context) => {
      for (const name of Reflect.ownKeys(value)) {
        if (typeof name !== "string" || !NAME.test(name)) {
          context.addIssue({ code: "custom", path: [String(name)], message: `${JSON.stringify(String(name))} is not a field name (a letter, then letters, digits, - or _)` });
        } else if (BUILT_IN_FIELDS[side].has(name)) {
          context.addIssue({ code: "custom", path: [name], message: `"${name}" is a built-in ${side} field; choose another name` });
        } else if (!isZodSchema((value as Record<string, unknown>)[name])) {
          context.addIssue({ code: "custom", path: [name], message: "must be a zod schema" });
        }
      }
    });
}

const SpecSchema = z.object({
  id: z.string({ error: "must be a string" }).regex(NAME, "must be a letter, then letters, digits, - or _"),
  defaultWeight: z.union([z.strictObject({ company: Weight, buyer: Weight }), Fn], { error: "must be { company, buyer } weights ≥ 0, or a function of the settings returning them" }),
  defaultMissing: z.enum(["neutral", "ignore", "zero"]).optional(),
  settings: ZodObjectValue.optional(),
  fields: z.strictObject({ company: fieldsOf("company").optional(), buyer: fieldsOf("buyer").optional() }).optional(),
  score: Fn,
  detail: Fn,
  describe: Fn,
  exclude: Fn.optional(),
  describeExclusion: Fn.optional(),
  buyerKey: Fn.optional(),
  sparseIndex: Fn.optional(),
  restoreIndex: Fn.optional(),
  market: Fn.optional(),
});

const EMPTY_SETTINGS = z.object({});

/**
 * Defines a criterion: the same contract the built-in ones fulfil. Pass the definition in the
 * options' `customCriteria` (it is added after the built-in criteria, in the order given) and set
 * its weights through `weights` / `viewpointWeights` and its settings through
 * `options.criteria[id]` (validated by `settings`, beside `missing` and `neutral`).
 *
 * Records carry the criterion's `fields` as ordinary properties (`{ id, name, …, employees: 120 }`),
 * validated by their schemas with every problem reported at its path; the criterion reads the parsed
 * values with `company.record.fields.get("employees")` (a `Map`, typed by the schemas).
 *
 * `score` must be pure and must not allocate. Without hooks the engine calls it for every pair it
 * looks at; with `buyerKey` (buyers with one key score alike) or `sparseIndex` (candidates with
 * upper bounds) it is pruned like the built-ins, and stays exact either way.
 *
 * @param spec - id, default weights and missing-data policy, settings schema, fields, and functions
 * @returns the definition, to pass in `customCriteria` (and to `explainMatch` to describe its lines)
 * @throws BuyerMatchError listing every problem of the specification
 * @example
 * import { z } from "zod";
 * const size = defineCriterion({
 *   id: "companySize",
 *   defaultWeight: { company: 0.05, buyer: 0.1 },
 *   settings: z.object({ fullAt: z.number().positive().default(100) }),
 *   fields: { company: { employees: z.number().int().min(0) } },
 *   score: (company, _buyer, _context, settings) => {
 *     const employees = company.record.fields.get("employees");
 *     return employees === undefined ? undefined : Math.min(1, employees / settings.fullAt);
 *   },
 *   buyerKey: () => "",
 *   detail: (company) => ({ summary: `${company.record.fields.get("employees") ?? "?"} employees`, employees: company.record.fields.get("employees") }),
 *   describe: (detail, locale) => (locale === "ko" ? `직원 수: ${detail.employees ?? "알 수 없음"}` : `Employees: ${detail.employees ?? "unknown"}`),
 * });
 * rankBuyers({ id: "c", name: "C", country: "KR", employees: 80 }, buyers, { customCriteria: [size], weights: { companySize: 0.2 } });
 */
export function defineCriterion<
  Shape extends z.ZodRawShape = Record<never, never>,
  Detail extends CriterionDetail = CriterionDetail,
  CompanyFields extends FieldSchemas = Record<never, never>,
  BuyerFields extends FieldSchemas = Record<never, never>,
>(spec: CriterionSpec<Shape, Detail, CompanyFields, BuyerFields>): CriterionDefinition<Shape, Detail, CompanyFields, BuyerFields> {
  const parsed = safeParseWith(SpecSchema, spec, ["criterion"]);
  if (!parsed.success) throwIfAny(parsed.issues);
  type Settings = z.output<z.ZodObject<Shape>>;
  const id = spec.id;
  const settings = (spec.settings ?? EMPTY_SETTINGS) as z.ZodObject<Shape>;
  const fields = { company: (spec.fields?.company ?? {}) as CompanyFields, buyer: (spec.fields?.buyer ?? {}) as BuyerFields };
  const given = spec.defaultWeight;
  const defaultWeight = (resolved: Settings): ViewpointWeights => {
    const weights = typeof given === "function" ? given(resolved) : given;
    return { company: weights.company, buyer: weights.buyer };
  };
  // The typed records are the compiled ones with their fields typed: one cast, at the binding.
  type C = CompanyWith<CompanyFields>;
  type B = BuyerWith<BuyerFields>;
  const definition: CriterionDefinition<Shape, Detail, CompanyFields, BuyerFields> = {
    id,
    settings,
    fields,
    defaultMissing: spec.defaultMissing ?? "neutral",
    defaultWeight,
    describe: (detail, locale) => spec.describe(detail, locale),
    ...(spec.describeExclusion === undefined ? {} : { describeExclusion: (reason: CustomExclusionReason, locale: Locale) => spec.describeExclusion!(reason, locale) }),
    ...(spec.market === undefined ? {} : { market: (resolved: Settings) => spec.market!(resolved) }),
    bind(resolved: Settings): Criterion<Detail> {
      const criterion: { -readonly [K in keyof Criterion<Detail>]: Criterion<Detail>[K] } = {
        id,
        definition: definition as unknown as CriterionDefinition,
        defaultWeight: defaultWeight(resolved),
        defaultMissing: spec.defaultMissing ?? "neutral",
        score: (company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext) => spec.score(company as C, buyer as B, context, resolved),
        detail: (company: CompiledCompany, buyer: CompiledBuyer, context: ScoringContext) => spec.detail(company as C, buyer as B, context, resolved),
        describe: (detail: Detail, locale: Locale) => spec.describe(detail, locale),
      };
      if (spec.exclude !== undefined) {
        const exclude = spec.exclude;
        criterion.exclude = (company, buyer, context) => {
          const reason = exclude(company as C, buyer as B, context, resolved);
          // The reason names its criterion; a custom one is given its id (allocates only when excluding).
          return reason === undefined || (reason as { criterion?: unknown }).criterion === id ? (reason as ExclusionReason | CustomExclusionReason | undefined) : ({ ...reason, criterion: id } as CustomExclusionReason);
        };
      }
      if (spec.buyerKey !== undefined) {
        const buyerKey = spec.buyerKey;
        criterion.buyerKey = (buyer, context) => buyerKey(buyer as B, context, resolved);
      }
      if (spec.sparseIndex !== undefined) {
        const sparseIndex = spec.sparseIndex;
        criterion.sparseIndex = (buyers, context) => sparseIndex(buyers as readonly B[], context, resolved);
      }
      if (spec.restoreIndex !== undefined) {
        const restoreIndex = spec.restoreIndex;
        criterion.restoreIndex = (saved, buyerCount, context) => restoreIndex(saved, buyerCount, context, resolved);
      }
      return criterion;
    },
  };
  Object.defineProperty(definition, CRITERION_BRAND, { value: 1, enumerable: false });
  return Object.freeze(definition);
}

/**
 * Whether a value is a criterion definition made by {@link defineCriterion} (by this or another copy
 * of the library).
 *
 * @param value - anything
 * @returns true for a definition
 * @example
 * isCriterionDefinition(sectorCriterion); // true
 */
export function isCriterionDefinition(value: unknown): value is CriterionDefinition {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[CRITERION_BRAND] === 1;
}
