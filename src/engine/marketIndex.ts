/**
 * The compiled market index: the buyers compiled once against the market (vocabulary, idf, typo
 * corrector), sorted by id so that a buyer's position is its tie-break rank, and one column per
 * criterion, built from what the criterion declares about itself:
 *
 * - `keyed`: the criterion's score depends on the buyer only through a key (`buyerKey`), so buyers
 *   are grouped into classes (`classOf[position]`) and a company is scored once per class;
 * - `sparse`: the criterion keeps its own inverted index (`sparseIndex`) that names candidates;
 * - `pair`: neither; the engine calls `score` for each pair it looks at.
 *
 * Eligibility (sourcing countries, verification, each criterion's `exclude`) is grouped the same way.
 */
import type { Criterion, ScoringContext, SparseIndex } from "../criteria/types.js";
import type { NormalizedBuyer } from "../normalize/records.js";
import type { ResolvedOptions } from "../schema/options.js";
import { compileBuyer, type CompiledBuyer } from "../score/market.js";
import { contextFor } from "../score/reference.js";

/** Buyers grouped by a key: class of each position, and one buyer per class to score. */
export interface BuyerClasses {
  readonly classOf: Int32Array;
  readonly representatives: readonly CompiledBuyer[];
}

/** How the engine reads one criterion. */
export type Column =
  | ({ readonly kind: "keyed" } & BuyerClasses)
  | { readonly kind: "sparse"; readonly index: SparseIndex }
  | { readonly kind: "pair" };

/** A compiled market. */
export interface MarketIndex {
  readonly context: ScoringContext;
  /** The ranked buyers, compiled, in id order (position = tie-break rank). */
  readonly buyers: readonly CompiledBuyer[];
  /** Buyer id → position. */
  readonly positionOf: ReadonlyMap<string, number>;
  /** One column per criterion, in criterion order. */
  readonly columns: readonly Column[];
  /** Buyers grouped by everything eligibility reads. */
  readonly eligibility: BuyerClasses;
}

/** Orders by id with plain `<`, the library's tie-break rule. */
export function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function group(buyers: readonly CompiledBuyer[], key: (buyer: CompiledBuyer, position: number) => string): BuyerClasses {
  const classes = new Map<string, number>();
  const representatives: CompiledBuyer[] = [];
  const classOf = new Int32Array(buyers.length);
  buyers.forEach((buyer, position) => {
    const value = key(buyer, position);
    let id = classes.get(value);
    if (id === undefined) {
      id = representatives.length;
      classes.set(value, id);
      representatives.push(buyer);
    }
    classOf[position] = id;
  });
  return { classOf, representatives };
}

function columnFor(criterion: Criterion, buyers: readonly CompiledBuyer[], context: ScoringContext): Column {
  if (criterion.buyerKey !== undefined) {
    const buyerKey = criterion.buyerKey.bind(criterion);
    return { kind: "keyed", ...group(buyers, (buyer) => buyerKey(buyer, context)) };
  }
  if (criterion.sparseIndex !== undefined) return { kind: "sparse", index: criterion.sparseIndex(buyers, context) };
  return { kind: "pair" };
}

/**
 * Compiles the ranked buyers against the market built from `marketBuyers` (the same list, or a
 * superset when the buyers are one shard of a larger market).
 *
 * @param options - resolved options (settings and criteria; weights are read at query time)
 * @param buyers - the buyers to rank, normalised
 * @param marketBuyers - the buyers whose needs define vocabulary and idf
 * @returns the index
 * @example
 * const index = buildMarketIndex(options, buyers, buyers);
 */
export function buildMarketIndex(options: ResolvedOptions, buyers: readonly NormalizedBuyer[], marketBuyers: readonly NormalizedBuyer[]): MarketIndex {
  const context = contextFor(options, marketBuyers);
  const compiled = [...buyers].sort(byId).map((buyer) => compileBuyer(buyer, context.market));
  const positionOf = new Map<string, number>();
  compiled.forEach((buyer, position) => positionOf.set(buyer.record.id, position));
  const columns = options.criteria.map((criterion) => columnFor(criterion, compiled, context));
  // Eligibility reads sourcing, verification and each excluding criterion (through its key when it has one).
  const excluding = options.criteria.filter((criterion) => criterion.exclude !== undefined);
  const eligibility = group(compiled, (buyer, position) => {
    const parts: string[] = [JSON.stringify(buyer.record.sourcingCountries ?? null), options.requireVerified && buyer.record.verified !== true ? "unverified" : ""];
    for (const criterion of excluding) parts.push(criterion.buyerKey === undefined ? `#${position}` : criterion.buyerKey(buyer, context));
    return JSON.stringify(parts);
  });
  return { context, buyers: compiled, positionOf, columns, eligibility };
}
