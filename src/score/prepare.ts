/**
 * The boundary: every public input is parsed here once, all problems collected into one
 * BuyerMatchError, and the records normalised. Nothing past this point re-validates.
 */
import { z } from "zod";
import { BuyerSchema } from "../schema/buyer.js";
import { createBuyerCheck } from "../schema/fastBuyer.js";
import { CompanySchema } from "../schema/company.js";
import { safeParseWith, throwIfAny, type BuyerMatchIssue, type IssuePath } from "../schema/errors.js";
import { cachedOptionsSchema, definitionsFor, fieldsFor, resolveOptions, type FieldSpec, type ResolvedOptions } from "../criteria/options.js";
import { createNormalizeCache, normalizeBuyer, normalizeCompany, type NormalizeCache, type NormalizedBuyer, type NormalizedCompany } from "../normalize/records.js";
import type { SectorTable } from "../normalize/sectors.js";
import type { Viewpoint } from "./types.js";

/**
 * Parses and resolves match options, adding problems to `issues`. Returns `undefined` when the
 * options themselves are invalid.
 */
export function collectOptions(input: unknown, defaultViewpoint: Viewpoint, issues: BuyerMatchIssue[], path: IssuePath = ["options"]): ResolvedOptions | undefined {
  // The schema is assembled from the criteria in use: the built-in ones and the options' customCriteria.
  const clashes: BuyerMatchIssue[] = [];
  const definitions = definitionsFor(input ?? {}, clashes, path);
  const parsed = safeParseWith(cachedOptionsSchema(definitions), input ?? {}, path);
  issues.push(...clashes);
  if (!parsed.success) {
    issues.push(...parsed.issues);
    return undefined;
  }
  if (clashes.length > 0) return undefined;
  const options = resolveOptions(parsed.data, defaultViewpoint, definitions);
  const sides: ("company" | "buyer")[] = options.viewpoint === "mutual" ? ["company", "buyer"] : [options.viewpoint];
  for (const side of sides) {
    if (options.weights[side].every((weight) => weight === 0)) {
      issues.push({ code: "out_of_range", path: [...path, "weights"], message: `the ${side} viewpoint's weights are all 0: at least one must be positive` });
    }
  }
  return options;
}

function checkArray(input: unknown, path: IssuePath, issues: BuyerMatchIssue[]): readonly unknown[] {
  if (Array.isArray(input)) return input;
  issues.push({ code: "invalid_input", path, message: `must be an array, not ${input === null ? "null" : typeof input}` });
  return [];
}

/**
 * The trimmed id of a raw record, when it has a non-empty string id (for duplicate checks before
 * validation).
 *
 * @param item - any value
 * @returns the trimmed id, or undefined
 * @example
 * rawIdOf({ id: " gm " }); // "gm"
 */
export function rawIdOf(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null || !Object.hasOwn(item, "id")) return undefined;
  const id: unknown = (item as { id: unknown }).id;
  return typeof id === "string" && id.trim() !== "" ? id.trim() : undefined;
}

function collect<S extends z.ZodType, R>(
  schema: S,
  items: readonly unknown[],
  path: IssuePath,
  sectors: SectorTable,
  normalize: (parsed: z.output<S>, sectors: SectorTable, path: IssuePath, issues: BuyerMatchIssue[], cache: NormalizeCache) => R & { readonly id: string },
  issues: BuyerMatchIssue[],
  fields: readonly FieldSpec[] = [],
  fast?: (item: unknown) => z.output<S> | undefined,
): R[] {
  const out: R[] = [];
  const cache = createNormalizeCache(sectors);
  const seen = new Map<string, number>();
  // While the ids rise strictly (a file sorted by id, a generated market) none can repeat, so they
  // are only kept in order; the map of first places is built when they first do not rise.
  let rising: (string | undefined)[] | undefined = [];
  let last: string | undefined;
  // A plain loop, not forEach: a hole in a sparse array is a missing record to report, not one to skip.
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const itemPath = [...path, index];
    // Duplicates are found on the raw id, so a duplicate is reported even beside an invalid record.
    const rawId = rawIdOf(item);
    if (rising !== undefined) {
      if (rawId === undefined || last === undefined || last < rawId) {
        rising.push(rawId);
        if (rawId !== undefined) last = rawId;
      } else {
        rising.forEach((id, at) => {
          if (id !== undefined) seen.set(id, at);
        });
        rising = undefined;
      }
    }
    const first = rising !== undefined || rawId === undefined ? undefined : seen.get(rawId);
    if (rising === undefined && rawId !== undefined && first === undefined) seen.set(rawId, index);
    if (first !== undefined) issues.push({ code: "duplicate_id", path: [...itemPath, "id"], message: `duplicate id ${JSON.stringify(rawId)} (first at index ${first})` });
    // A well-formed record passes the fast check (which builds zod's own parsed value); anything
    // else goes through zod, which reports every problem with its path. The criteria's own fields
    // are checked either way.
    const values = fields.length === 0 ? undefined : fieldValues(item, fields, itemPath, issues);
    let data = fast?.(item);
    if (data === undefined) {
      const parsed = safeParseWith(schema, item, itemPath);
      if (!parsed.success) {
        issues.push(...parsed.issues);
        continue;
      }
      data = parsed.data;
    }
    const record = normalize(data, sectors, itemPath, issues, cache);
    if (values !== undefined) Object.assign(record, { fields: values });
    if (first === undefined) out.push(record);
  }
  return out;
}

/**
 * The fields custom criteria declare, read from a record's own properties and parsed by their
 * schemas (every problem added to `issues` at its path). Names are the criteria's, values a `Map`.
 */
function fieldValues(item: unknown, fields: readonly FieldSpec[], path: IssuePath, issues: BuyerMatchIssue[]): Map<string, unknown> {
  const values = new Map<string, unknown>();
  if (typeof item !== "object" || item === null) return values;
  for (const field of fields) {
    let value: unknown;
    try {
      if (!Object.hasOwn(item, field.name)) continue;
      value = (item as Record<string, unknown>)[field.name];
    } catch {
      issues.push({ code: "invalid_input", path: [...path, field.name], message: "could not be read" });
      continue;
    }
    if (value === undefined) continue;
    const parsed = safeParseWith(field.schema, value, [...path, field.name]);
    if (parsed.success) values.set(field.name, parsed.data);
    else issues.push(...parsed.issues);
  }
  return values;
}

/** Parses a list of companies, adding problems (with paths under `path`) to `issues`; `fields` are the criteria's own. */
export function collectCompanies(input: unknown, path: IssuePath, sectors: SectorTable, issues: BuyerMatchIssue[], fields?: readonly FieldSpec[]): NormalizedCompany[] {
  return collect(CompanySchema, checkArray(input, path, issues), path, sectors, normalizeCompany, issues, fields);
}

/** Parses a list of buyers, adding problems (with paths under `path`) to `issues`; `fields` are the criteria's own. */
export function collectBuyers(input: unknown, path: IssuePath, sectors: SectorTable, issues: BuyerMatchIssue[], fields?: readonly FieldSpec[]): NormalizedBuyer[] {
  return collect(BuyerSchema, checkArray(input, path, issues), path, sectors, normalizeBuyer, issues, fields, createBuyerCheck());
}

/** Parsed, normalised input of a matching call. */
export interface PreparedInput {
  readonly options: ResolvedOptions;
  readonly companies: readonly NormalizedCompany[];
  readonly buyers: readonly NormalizedBuyer[];
}

/**
 * Validates companies, buyers and options together and throws one BuyerMatchError listing every
 * problem. Single records are passed as one-element lists with their own path.
 *
 * @example
 * const { options, companies, buyers } = prepare({ companies: [company], companyPath: ["company"], buyers, options, defaultViewpoint: "company" });
 */
export function prepare(input: {
  readonly companies: unknown;
  readonly buyers: unknown;
  readonly options: unknown;
  readonly defaultViewpoint: Viewpoint;
  readonly companyPath?: IssuePath;
  readonly buyerPath?: IssuePath;
}): PreparedInput {
  const issues: BuyerMatchIssue[] = [];
  const options = input.options === undefined ? collectOptions({}, input.defaultViewpoint, issues) : collectOptions(input.options, input.defaultViewpoint, issues);
  const sectors = options?.sectors ?? resolveOptions({}, input.defaultViewpoint).sectors;
  const fields = options?.fields ?? fieldsFor(input.options);
  const companies =
    input.companyPath === undefined
      ? collectCompanies(input.companies, ["companies"], sectors, issues, fields.company)
      : collectSingle(input.companies, input.companyPath, sectors, issues, (value, path, table, found) => collectCompanies(value, path, table, found, fields.company));
  const buyers =
    input.buyerPath === undefined
      ? collectBuyers(input.buyers, ["buyers"], sectors, issues, fields.buyer)
      : collectSingle(input.buyers, input.buyerPath, sectors, issues, (value, path, table, found) => collectBuyers(value, path, table, found, fields.buyer));
  throwIfAny(issues);
  return { options: options!, companies, buyers };
}

function collectSingle<R>(
  value: unknown,
  path: IssuePath,
  sectors: SectorTable,
  issues: BuyerMatchIssue[],
  many: (input: unknown, path: IssuePath, sectors: SectorTable, issues: BuyerMatchIssue[]) => R[],
): R[] {
  // A single record is validated as a list of one, then its paths are rewritten to the record's own.
  const local: BuyerMatchIssue[] = [];
  const records = many([value], ["__single__"], sectors, local);
  for (const issue of local) issues.push({ ...issue, path: [...path, ...issue.path.slice(2)] });
  return records;
}
