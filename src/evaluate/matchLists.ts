/**
 * Reads the several shapes a caller may hold ranked lists in (a Map or record keyed by company id, an
 * array of per-company lists, or one flat array of matches) into one shape: company id → entries,
 * each checked with a zod schema and remembering its path for issues.
 */
import type { z } from "zod";
import { type BuyerMatchIssue, type IssuePath, safeParseWith } from "../schema/errors.js";
import { compareIds } from "./outcomes.js";

/**
 * Ranked lists per company: a Map or record from company id to its list, an array of per-company
 * lists, or a flat array of matches (grouped by `companyId`).
 */
export type MatchLists<M> =
  | ReadonlyMap<string, readonly M[]>
  | Readonly<Record<string, readonly M[]>>
  | readonly (readonly M[])[]
  | readonly M[];

/** One checked entry and where it came from. */
export interface ListEntry<T> {
  readonly item: T;
  readonly path: IssuePath;
}

/** What {@link readMatchLists} found: entries per company (sorted by company id) and every problem. */
export interface ReadLists<T> {
  readonly lists: Map<string, ListEntry<T>[]>;
  readonly issues: BuyerMatchIssue[];
}

/**
 * Groups and checks ranked lists. A pair (company, buyer) may appear once; in keyed forms each
 * match's `companyId` must equal its key; in the array-of-lists form each list holds one company.
 *
 * @param input - the lists in any accepted shape
 * @param itemSchema - the zod schema of one match (must yield `companyId` and `buyerId`)
 * @param basePath - where the lists sit in the caller's input
 * @returns the entries per company and the issues found
 * @example
 * const { lists, issues } = readMatchLists(matchLists, RankedMatchSchema, ["matchLists"]);
 */
export function readMatchLists<S extends z.ZodType<{ companyId: string; buyerId: string }>>(
  input: unknown,
  itemSchema: S,
  basePath: IssuePath,
): ReadLists<z.output<S>> {
  const issues: BuyerMatchIssue[] = [];
  const lists = new Map<string, ListEntry<z.output<S>>[]>();
  const seenPairs = new Map<string, Set<string>>();

  const add = (raw: unknown, path: IssuePath, expectedCompany: string | undefined): string | undefined => {
    const result = safeParseWith(itemSchema, raw, path);
    if (!result.success) {
      issues.push(...result.issues);
      return undefined;
    }
    const item = result.data;
    if (expectedCompany !== undefined && item.companyId !== expectedCompany) {
      issues.push({
        code: "invalid_input",
        path: [...path, "companyId"],
        message: `${JSON.stringify(item.companyId)} differs from this list's company ${JSON.stringify(expectedCompany)}`,
      });
      return undefined;
    }
    let buyers = seenPairs.get(item.companyId);
    if (buyers === undefined) seenPairs.set(item.companyId, (buyers = new Set()));
    if (buyers.has(item.buyerId)) {
      issues.push({
        code: "duplicate_id",
        path: [...path, "buyerId"],
        message: `buyer ${JSON.stringify(item.buyerId)} appears twice for company ${JSON.stringify(item.companyId)}`,
      });
      return undefined;
    }
    buyers.add(item.buyerId);
    let list = lists.get(item.companyId);
    if (list === undefined) lists.set(item.companyId, (list = []));
    list.push({ item, path });
    return item.companyId;
  };

  const addKeyed = (key: string, list: unknown, path: IssuePath): void => {
    if (!lists.has(key)) lists.set(key, []);
    if (!Array.isArray(list)) {
      issues.push({ code: "invalid_input", path, message: "must be an array of matches" });
      return;
    }
    list.forEach((raw: unknown, index) => add(raw, [...path, index], key));
  };

  if (input instanceof Map) {
    for (const [key, list] of input as Map<unknown, unknown>) {
      if (typeof key !== "string") issues.push({ code: "invalid_input", path: basePath, message: `key ${String(key)} must be a company id string` });
      else addKeyed(key, list, [...basePath, key]);
    }
  } else if (Array.isArray(input)) {
    const nested = input.filter((element) => Array.isArray(element)).length;
    if (nested > 0 && nested < input.length) {
      issues.push({ code: "invalid_input", path: basePath, message: "must be either an array of lists or an array of matches, not both" });
    } else if (nested > 0) {
      const listOfCompany = new Map<string, number>();
      (input as unknown[][]).forEach((list, listIndex) => {
        let companyId: string | undefined;
        list.forEach((raw, index) => {
          const added = add(raw, [...basePath, listIndex, index], companyId);
          companyId ??= added;
        });
        if (companyId === undefined) return;
        const earlier = listOfCompany.get(companyId);
        if (earlier !== undefined) {
          issues.push({
            code: "duplicate_id",
            path: [...basePath, listIndex],
            message: `company ${JSON.stringify(companyId)} already has a list at index ${earlier}`,
          });
        } else listOfCompany.set(companyId, listIndex);
      });
    } else {
      input.forEach((raw: unknown, index) => add(raw, [...basePath, index], undefined));
    }
  } else if (typeof input === "object" && input !== null) {
    for (const [key, list] of Object.entries(input)) addKeyed(key, list, [...basePath, key]);
  } else {
    issues.push({ code: "invalid_input", path: basePath, message: "must be a Map, a record or an array of ranked lists" });
  }

  const sorted = new Map([...lists.entries()].sort(([a], [b]) => compareIds(a, b)));
  return { lists: sorted, issues };
}
