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
import type { ScoringContext, SparseIndex } from "../criteria/types.js";
import type { NormalizedBuyer, NormalizedItem } from "../normalize/records.js";
import type { ResolvedOptions } from "../criteria/options.js";
import { compileBuyer, type CompiledBuyer, type CompiledNeed, type Market } from "../market/market.js";
import { contextFor } from "../score/reference.js";

/** Buyers grouped by a key: class of each position, and one buyer per class to score. */
export interface BuyerClasses {
  readonly classOf: Int32Array;
  readonly representatives: readonly CompiledBuyer[];
  /** The position of each class's representative (the first buyer holding its key). */
  readonly representativeAt: Int32Array;
}

/** How the engine reads one criterion. */
export type Column =
  | ({ readonly kind: "keyed" } & BuyerClasses)
  | { readonly kind: "sparse"; readonly index: SparseIndex }
  | { readonly kind: "pair" };

/** A compiled market. */
export interface MarketIndex {
  readonly context: ScoringContext;
  /** How many buyers are ranked. */
  readonly size: number;
  /**
   * Buyer ids in position order. Positions cluster buyers with the same need codes (so the buyers
   * of one need sit close in memory); ties still break by id, through `idRank`.
   */
  readonly ids: readonly string[];
  /** Position → place in id order. */
  readonly idRank: Int32Array;
  /** Place in id order → position. */
  readonly byIdRank: Int32Array;
  /** Buyer id → position. */
  readonly positionOf: PositionLookup;
  /** One column per criterion, in criterion order. */
  readonly columns: readonly Column[];
  /** Buyers grouped by everything eligibility reads. */
  readonly eligibility: BuyerClasses;
  /** The compiled buyer at a position (compiled again on demand: the index keeps no records). */
  buyer(position: number): CompiledBuyer;
  /** Position → index in the list the segment was built from. */
  readonly inputOf: Int32Array;
  /** Whether `buyer` compiles records again on demand (false: it holds every compiled record). */
  readonly reloads: boolean;
}

/**
 * Orders by id with plain `<`, the library's tie-break rule.
 *
 * @param a - a record with an id
 * @param b - another
 * @returns negative, zero or positive, as for `Array.prototype.sort`
 * @example
 * records.sort(byId);
 */
export function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function group(buyers: readonly CompiledBuyer[], key: (buyer: CompiledBuyer) => string): BuyerClasses {
  const classes = new Map<string, number>();
  const classOf = new Int32Array(buyers.length);
  for (let position = 0; position < buyers.length; position += 1) {
    const value = key(buyers[position]!);
    let id = classes.get(value);
    if (id === undefined) classes.set(value, (id = classes.size));
    classOf[position] = id;
  }
  return classesOf(classOf, classes.size, buyers);
}

/** Classes numbered in order of first position, with the buyer that stands for each. */
function classesOf(classOf: Int32Array, count: number, buyers: readonly CompiledBuyer[]): BuyerClasses {
  const representatives = new Array<CompiledBuyer>(count);
  const representativeAt = new Int32Array(count);
  let seen = 0;
  for (let position = 0; position < classOf.length && seen < count; position += 1) {
    if (classOf[position] === seen) {
      representatives[seen] = buyers[position]!;
      representativeAt[seen] = position;
      seen += 1;
    }
  }
  return { classOf, representatives, representativeAt };
}

/**
 * Pairs of small integers → dense ids in order of first sight: an open-addressing table on typed
 * arrays, so that combining two class columns of 10⁶ buyers allocates no key per buyer.
 */
class PairIds {
  private firsts: Int32Array;
  private seconds: Int32Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The id of (first, second), a new one when the pair is new. */
  idOf(first: number, second: number): number {
    let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 1, 0x85ebca77)) & this.mask;
    for (;;) {
      const id = this.ids[slot]!;
      if (id === -1) break;
      if (this.firsts[slot] === first && this.seconds[slot] === second) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.size;
    this.firsts[slot] = first;
    this.seconds[slot] = second;
    this.ids[slot] = id;
    this.size += 1;
    if (this.size * 2 > this.mask) this.grow();
    return id;
  }

  private grow(): void {
    const { firsts, seconds, ids } = this;
    const capacity = (this.mask + 1) * 2;
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let slot = 0; slot < ids.length; slot += 1) {
      if (ids[slot] === -1) continue;
      let at = (Math.imul(firsts[slot]!, 0x9e3779b1) ^ Math.imul(seconds[slot]! + 1, 0x85ebca77)) & this.mask;
      while (this.ids[at] !== -1) at = (at + 1) & this.mask;
      this.firsts[at] = firsts[slot]!;
      this.seconds[at] = seconds[slot]!;
      this.ids[at] = ids[slot]!;
    }
  }
}

/**
 * Classes of the tuple of several class columns, numbered in order of first position: two buyers
 * share a class when they share a class in every column (the same classes as grouping on a key
 * that lists each column's key, without building a key per buyer).
 */
function combine(size: number, parts: readonly Int32Array[]): { readonly classOf: Int32Array; readonly count: number } {
  let classOf = new Int32Array(size);
  let count = size === 0 ? 0 : 1;
  for (const part of parts) {
    const ids = new PairIds(Math.min(size, 1024));
    const next = new Int32Array(size);
    for (let position = 0; position < size; position += 1) next[position] = ids.idOf(classOf[position]!, part[position]!);
    classOf = next;
    count = ids.size;
  }
  return { classOf, count };
}

/**
 * Whether the criterion at `at` weighs 0 in both viewpoints. Its value then never reaches a score
 * (a term wᵢ·vᵢ of 0, no weight to drop under "ignore", none in coverage), so the engine keeps one
 * class for it whatever its hooks: evidence and relationship, at their default weight 0, cost nothing.
 * Explanations still read it (they score the shown pairs from the records).
 *
 * @param options - resolved options
 * @param at - the criterion's place in `options.criteria`
 * @returns true when both weights are 0
 * @example
 * weightless(options, 6); // true for evidence at its default weight
 */
export function weightless(options: ResolvedOptions, at: number): boolean {
  return options.weights.company[at] === 0 && options.weights.buyer[at] === 0;
}

function columnFor(options: ResolvedOptions, at: number, buyers: readonly CompiledBuyer[], context: ScoringContext): Column {
  const criterion = options.criteria[at]!;
  if (weightless(options, at)) return { kind: "keyed", ...group(buyers, () => "") };
  if (criterion.buyerKey !== undefined) {
    const buyerKey = criterion.buyerKey.bind(criterion);
    return { kind: "keyed", ...group(buyers, (buyer) => buyerKey(buyer, context)) };
  }
  if (criterion.sparseIndex !== undefined) return { kind: "sparse", index: criterion.sparseIndex(buyers, context) };
  return { kind: "pair" };
}

/** How many compiled buyers the on-demand cache keeps before it starts over. */
const CACHE_LIMIT = 8192;

/**
 * Compiles the ranked buyers against the market built from `marketBuyers` (the same list, or a
 * superset when the buyers are one shard of a larger market).
 *
 * Memory: normalised records are the bulk of a large market (about 1.6 KB per buyer), so when
 * `reload` is given the index keeps none: it keeps typed arrays, the sparse indexes and the ids,
 * and compiles the few buyers it must show again from `reload(input index)`.
 *
 * @param options - resolved options (settings and criteria; weights are read at query time)
 * @param buyers - the buyers to rank, normalised
 * @param marketBuyers - the buyers whose needs define vocabulary and idf
 * @param reload - the record of the buyer at an input index, normalised again
 * @returns the index
 * @example
 * const index = buildMarketIndex(options, buyers, buyers);
 */
export function buildMarketIndex(
  options: ResolvedOptions,
  buyers: readonly NormalizedBuyer[],
  marketBuyers: readonly NormalizedBuyer[],
  reload?: (inputIndex: number) => NormalizedBuyer,
): MarketIndex {
  return buildSegment(options, contextFor(options, marketBuyers), buyers, reload);
}

/**
 * Compiles buyers against a market already built (one segment of a matcher that grows by `add`).
 *
 * @param options - resolved options
 * @param context - the market and settings every segment shares
 * @param buyers - the buyers of this segment, normalised
 * @param reload - the record of the buyer at an input index, normalised again
 * @returns the index of these buyers
 * @example
 * const segment = buildSegment(options, index.context, added, (at) => added[at]!);
 */
export function buildSegment(options: ResolvedOptions, context: ScoringContext, buyers: readonly NormalizedBuyer[], reload?: (inputIndex: number) => NormalizedBuyer): MarketIndex {
  const positions = positionsOf(buyers);
  const { inputOf, idRank, byIdRank } = positions;
  const compiled = compileAll(buyers, positions, context.market);
  const ids = compiled.map((buyer) => buyer.record.id);
  const columns = options.criteria.map((_criterion, at) => columnFor(options, at, compiled, context));
  // Eligibility reads the constraints in force and each excluding criterion (through its key, that is
  // its column's classes, when it has one; a criterion without a key sets each buyer apart).
  const size = compiled.length;
  const parts = options.constraints.map((constraint) => group(compiled, (buyer) => constraint.buyerKey(buyer)).classOf);
  options.criteria.forEach((criterion, at) => {
    if (criterion.exclude === undefined) return;
    const column = columns[at]!;
    // A weightless column has one class whatever the key: eligibility needs the key's own classes.
    if (column.kind === "keyed" && !weightless(options, at)) parts.push(column.classOf);
    else if (criterion.buyerKey !== undefined) {
      const buyerKey = criterion.buyerKey.bind(criterion);
      parts.push(group(compiled, (buyer) => buyerKey(buyer, context)).classOf);
    } else {
      const apart = new Int32Array(size);
      for (let position = 0; position < size; position += 1) apart[position] = position;
      parts.push(apart);
    }
  });
  const eligible = combine(size, parts);
  const eligibility = classesOf(eligible.classOf, eligible.count, compiled);
  const keep = reload === undefined || columns.some((column) => column.kind === "pair") ? compiled : undefined;
  const buyer = buyerAccess(keep, reload === undefined ? undefined : reloadIn(reload, inputOf), context);
  return indexOf({ context, size, ids, idRank, byIdRank, columns, eligibility, buyer, inputOf, reloads: keep === undefined });
}

/** `reload` by position (in its own function, so that the closure keeps only these two). */
function reloadIn(reload: (inputIndex: number) => NormalizedBuyer, inputOf: Int32Array): (position: number) => NormalizedBuyer {
  return (position) => reload(inputOf[position]!);
}

/** Buyer id → position, found by binary search in id order (no map of every id to build). */
export interface PositionLookup {
  get(id: string): number | undefined;
}

/**
 * The position of each id by binary search over the positions in id order (`byIdRank`, ids ordered
 * by plain `<`): a lookup costs about 17 comparisons in 100,000 buyers, and nothing is built, so
 * `add` (which checks every new id) and loading a snapshot stay cheap.
 *
 * @param ids - ids in position order
 * @param byIdRank - place in id order → position
 * @returns the lookup
 * @example
 * positionLookup(index.ids, index.byIdRank).get("gm-detroit");
 */
export function positionLookup(ids: readonly string[], byIdRank: Int32Array): PositionLookup {
  return {
    get(id) {
      let low = 0;
      let high = byIdRank.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const position = byIdRank[middle]!;
        const other = ids[position]!;
        if (other === id) return position;
        if (other < id) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    },
  };
}

function indexOf(fields: Omit<MarketIndex, "positionOf">): MarketIndex {
  return { ...fields, positionOf: positionLookup(fields.ids, fields.byIdRank) };
}

/** Where each buyer goes, and the distinct lists of needs (`listOf[inputIndex]` indexes `lists`). */
interface Positions {
  readonly inputOf: Int32Array;
  readonly idRank: Int32Array;
  readonly byIdRank: Int32Array;
  readonly lists: readonly (readonly NormalizedItem[])[];
  readonly listOf: Int32Array;
}

/**
 * The order of the buyers in the index: clustered by need codes (the buyer's HS codes, sorted and
 * joined, compared with `<`; buyers of one need sit close in memory), and by id within a cluster.
 * A counting sort on ranks, not a comparison sort: the clusters are few.
 */
function positionsOf(buyers: readonly NormalizedBuyer[]): Positions {
  const size = buyers.length;
  const inputIds = buyers.map((buyer) => buyer.id);
  const byIdOrder = new Int32Array(size);
  for (let inputIndex = 0; inputIndex < size; inputIndex += 1) byIdOrder[inputIndex] = inputIndex;
  byIdOrder.sort((a, b) => (inputIds[a]! < inputIds[b]! ? -1 : inputIds[a]! > inputIds[b]! ? 1 : 0));
  const idRankOfInput = new Int32Array(size);
  for (let rank = 0; rank < size; rank += 1) idRankOfInput[byIdOrder[rank]!] = rank;
  // Each distinct list of needs once (records with the same needs share one list), with its cluster.
  const listIds = new Map<readonly NormalizedItem[], number>();
  const lists: (readonly NormalizedItem[])[] = [];
  const clusterOfList: number[] = [];
  const clusterIds = new Map<string, number>();
  const listOf = new Int32Array(size);
  const clusterOf = new Int32Array(size);
  for (let inputIndex = 0; inputIndex < size; inputIndex += 1) {
    const needs = buyers[inputIndex]!.needs;
    let list = listIds.get(needs);
    if (list === undefined) {
      const key =
        needs.length === 0
          ? ""
          : needs.length === 1
            ? (needs[0]!.hs ?? "")
            : needs
                .map((need) => need.hs ?? "")
                .sort()
                .join(",");
      let cluster = clusterIds.get(key);
      if (cluster === undefined) clusterIds.set(key, (cluster = clusterIds.size));
      listIds.set(needs, (list = lists.length));
      lists.push(needs);
      clusterOfList.push(cluster);
    }
    listOf[inputIndex] = list;
    clusterOf[inputIndex] = clusterOfList[list]!;
  }
  // Rank the clusters by key, then place the buyers cluster by cluster, in id order within each.
  const keys = [...clusterIds.keys()];
  const byKey = Int32Array.from(keys.keys()).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  const start = new Int32Array(keys.length + 1);
  const rankOfCluster = new Int32Array(keys.length);
  for (let rank = 0; rank < byKey.length; rank += 1) rankOfCluster[byKey[rank]!] = rank;
  for (let inputIndex = 0; inputIndex < size; inputIndex += 1) {
    const rank = rankOfCluster[clusterOf[inputIndex]!]!;
    start[rank + 1] = start[rank + 1]! + 1;
  }
  for (let rank = 0; rank < keys.length; rank += 1) start[rank + 1] = start[rank + 1]! + start[rank]!;
  const inputOf = new Int32Array(size);
  for (let rank = 0; rank < size; rank += 1) {
    const inputIndex = byIdOrder[rank]!;
    inputOf[start[rankOfCluster[clusterOf[inputIndex]!]!]!++] = inputIndex;
  }
  const idRank = new Int32Array(size);
  const byIdRank = new Int32Array(size);
  for (let position = 0; position < size; position += 1) {
    const rank = idRankOfInput[inputOf[position]!]!;
    idRank[position] = rank;
    byIdRank[rank] = position;
  }
  return { inputOf, idRank, byIdRank, lists, listOf };
}

/**
 * Compiles every buyer in position order, each distinct need once: a market repeats the same needs
 * many times, and a compiled need (sorted word ids, idf total) depends on nothing but the need.
 * Equal to `compileBuyer` per buyer, through `compileBuyer` itself.
 */
function compileAll(buyers: readonly NormalizedBuyer[], { inputOf, lists, listOf }: Positions, market: Market): CompiledBuyer[] {
  // Normalisation shares one item object between records with the same need, and one list between
  // records with the same needs, so most needs are found by identity; an equal need in another
  // object is found by its key, computed once per object. Each distinct list is compiled once.
  const byItem = new Map<NormalizedItem, CompiledNeed>();
  const byKey = new Map<string, CompiledNeed>();
  const compileNeed = (item: NormalizedItem): CompiledNeed => {
    let need = byItem.get(item);
    if (need === undefined) {
      const key = `${JSON.stringify(item.name)}|${item.hs ?? ""}|${item.naics ?? ""}|${item.words.join(" ")}`;
      need = byKey.get(key);
      if (need === undefined) {
        // compileBuyer reads only the record's needs: a one-need stand-in, not a copy of the record.
        need = compileBuyer({ needs: [item] } as unknown as NormalizedBuyer, market).needs[0]!;
        byKey.set(key, need);
      }
      byItem.set(item, need);
    }
    return need;
  };
  const compiledLists = new Array<readonly CompiledNeed[] | undefined>(lists.length);
  const compiled = new Array<CompiledBuyer>(inputOf.length);
  for (let position = 0; position < inputOf.length; position += 1) {
    const inputIndex = inputOf[position]!;
    const list = listOf[inputIndex]!;
    let needs = compiledLists[list];
    if (needs === undefined) compiledLists[list] = needs = lists[list]!.map(compileNeed);
    compiled[position] = { record: buyers[inputIndex]!, needs };
  }
  return compiled;
}

/**
 * The on-demand accessor, in its own function so that its closure holds only what it needs (a
 * closure keeps its whole enclosing scope alive, and the build's scope holds every record).
 */
export function buyerAccess(keep: readonly CompiledBuyer[] | undefined, reloadAt: ((position: number) => NormalizedBuyer) | undefined, context: ScoringContext): (position: number) => CompiledBuyer {
  if (keep !== undefined) return (position) => keep[position]!;
  const cache = new Map<number, CompiledBuyer>();
  return (position) => {
    let buyer = cache.get(position);
    if (buyer === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      buyer = compileBuyer(reloadAt!(position), context.market);
      cache.set(position, buyer);
    }
    return buyer;
  };
}
