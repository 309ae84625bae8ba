/**
 * Scoring one company against a compiled market, exactly and fast.
 *
 * `prepare(company)` scores the company once per buyer class of every keyed criterion and per
 * eligibility class, and runs each sparse criterion's query. After that a buyer's exact score is a
 * few array reads plus the reference `combine` (same arithmetic, same bits), and an upper bound is
 * Σ wᵢ·vᵢ / W with each sparse criterion at its bound: `combine` is monotone in every value.
 *
 * `rank` is the MaxScore-style top-k, in rounds: the few buyers the sparse criteria rate highest
 * (then eight times as many, while that helps) are bounded, bucketed by bound and scored best bucket
 * first until no bound can reach the k-th score; the k-th score found then sets how low a sparse
 * score can be and still matter, which names the last round; every other buyer shares one bound
 * and is scored only when it can enter the top k.
 * See docs/engine.md for the exactness argument.
 */
import type { MissingPolicy, ScoringContext, SparseQuery } from "../criteria/types.js";
import type { ResolvedOptions } from "../criteria/options.js";
import { combine, createScratch, evaluateCriteria, harmonicMean, isEligible, pairCoverage, type PairScratch } from "../score/combine.js";
import type { CompiledBuyer, CompiledCompany } from "../market/market.js";
import type { MarketIndex } from "./marketIndex.js";
import type { TopK, TopKGroups } from "./topK.js";

/**
 * Slack for comparing a bound with a score: a bound is computed with sums in another order than
 * the score, so it may sit a few ulps below it. Pruning only ever drops a buyer whose bound is
 * below the threshold by more than this, so rounding can never drop a pair that belongs.
 */
export const BOUND_SLACK = 1e-9;

const KEYED = 0;
const SPARSE = 1;
const PAIR = 2;
const BUCKETS = 256;
/**
 * How many buyers the sparse queries name in the first round (at least, and per place in the top
 * k), and by how much each widening round multiplies it. Measured on the realistic market
 * (bench/realistic-market.ts): a first round of 16 buyers ranks 2× slower than one of 80, as its
 * k-th score is lower; 256 is slower again.
 */
const FIRST_ROUND_MIN = 64;
const FIRST_ROUND_PER_TOP = 8;
const WIDEN = 8;

function bucketOf(bound: number): number {
  return bound >= 1 ? BUCKETS - 1 : bound <= 0 ? 0 : Math.floor(bound * BUCKETS);
}

/** Scores companies against one market index. One scorer per thread (it owns buffers). */
/**
 * The value a criterion counts with in a bound: its value when known (not NaN), else the neutral
 * prior, 0, or NaN when it drops out ("ignore") — the same rule as the reference `combine`.
 */
function counted(value: number, policy: MissingPolicy, neutral: number): number {
  if (value === value) return value;
  return policy === "neutral" ? neutral : policy === "zero" ? 0 : Number.NaN;
}

export class MarketScorer {
  private readonly index: MarketIndex;
  private readonly options: ResolvedOptions;
  private readonly kinds: Uint8Array;
  private readonly classOf: (Int32Array | undefined)[];
  private readonly classValues: (Float64Array | undefined)[];
  private readonly classMax: Float64Array;
  private readonly classUnknown: Uint8Array;
  private readonly queries: (SparseQuery | undefined)[];
  private readonly eligibleClass: Uint8Array;
  private readonly scratch: PairScratch;
  private readonly stamps: Int32Array;
  private stamp = 0;
  private readonly candidateItems: Int32Array;
  private readonly named: Int32Array;
  private readonly namedInOrder: Int32Array;
  private readonly blockStart: Int32Array;
  private readonly candidateBounds: Float64Array;
  private readonly order: Int32Array;
  private readonly bucketStart: Int32Array;
  private readonly bucketFill: Int32Array;
  private readonly roundStart: Int32Array;
  private company: CompiledCompany | undefined;
  /** Whether every sparse query of the prepared company has a quick bound. */
  private quick = false;
  /** Whether every criterion is keyed or sparse (bounds are then read from per-class tables). */
  private readonly fast: boolean;
  /** The keyed criteria's indices, and their class columns (position → class), in that order. */
  private readonly keyedIndices: Int32Array;
  private readonly keyedColumns: Int32Array[];
  /** The sparse criteria's indices. */
  private readonly sparseIndices: Int32Array;
  /**
   * Per viewpoint side (company, buyer) and keyed criterion, per class: wᵢ·vᵢ then wᵢ (both 0 when
   * the value drops out under "ignore"), made once per company. A buyer's keyed part of the bound
   * is then one read per criterion of its class's pair: no per-buyer tuple is looked up.
   */
  private readonly contributions: Float64Array[][];
  /** The keyed part of the bound of the buyer last read, per side: Σ wᵢ·vᵢ and W. */
  private readonly partSum = new Float64Array(2);
  private readonly partTotal = new Float64Array(2);
  /** The sparse criteria's bounds of the buyer last read (in sparseIndices order). */
  private readonly sparseValues: Float64Array;
  /** How many pairs the last `rank` scored exactly (for benchmarks and tests). */
  scored = 0;

  /**
   * @param index - the compiled market
   * @param options - resolved options (viewpoint and weights are read from here)
   */
  constructor(index: MarketIndex, options: ResolvedOptions) {
    this.index = index;
    this.options = options;
    const count = options.criteria.length;
    this.kinds = Uint8Array.from(index.columns, (column) => (column.kind === "keyed" ? KEYED : column.kind === "sparse" ? SPARSE : PAIR));
    this.classOf = index.columns.map((column) => (column.kind === "keyed" ? column.classOf : undefined));
    this.classValues = index.columns.map((column) => (column.kind === "keyed" ? new Float64Array(column.representatives.length) : undefined));
    this.classMax = new Float64Array(count);
    this.classUnknown = new Uint8Array(count);
    this.queries = index.columns.map(() => undefined);
    this.eligibleClass = new Uint8Array(index.eligibility.representatives.length);
    this.scratch = createScratch(count);
    const size = index.size;
    this.stamps = new Int32Array(size);
    this.candidateItems = new Int32Array(size);
    this.named = new Int32Array(size);
    this.namedInOrder = new Int32Array(size);
    this.blockStart = new Int32Array((size >>> 8) + 2);
    this.candidateBounds = new Float64Array(size);
    this.order = new Int32Array(size);
    this.bucketStart = new Int32Array(BUCKETS + 1);
    this.bucketFill = new Int32Array(BUCKETS);
    this.roundStart = new Int32Array(count);
    this.fast = this.kinds.every((kind) => kind !== PAIR);
    const keyed = index.columns.flatMap((column, at) => (column.kind === "keyed" ? [at] : []));
    this.keyedIndices = Int32Array.from(keyed);
    this.keyedColumns = keyed.map((at) => this.classOf[at]!);
    this.sparseIndices = Int32Array.from(index.columns.flatMap((column, at) => (column.kind === "sparse" ? [at] : [])));
    this.contributions = [0, 1].map(() => keyed.map((at) => new Float64Array(2 * this.classValues[at]!.length)));
    this.sparseValues = new Float64Array(this.sparseIndices.length);
  }

  /**
   * Scores the company once per class and per eligibility class, and runs the sparse queries.
   *
   * @param company - compiled against the index's market
   */
  prepare(company: CompiledCompany): void {
    const { columns, context, eligibility } = this.index;
    this.company = company;
    columns.forEach((column, criterionIndex) => {
      if (column.kind === "keyed") {
        const values = this.classValues[criterionIndex]!;
        const criterion = this.options.criteria[criterionIndex]!;
        let max = Number.NEGATIVE_INFINITY;
        let unknown = 0;
        column.representatives.forEach((buyer, classIndex) => {
          const value = criterion.score(company, buyer, context);
          if (value === undefined) {
            values[classIndex] = Number.NaN;
            unknown = 1;
          } else {
            values[classIndex] = value;
            if (value > max) max = value;
          }
        });
        this.classMax[criterionIndex] = max;
        this.classUnknown[criterionIndex] = unknown;
      } else if (column.kind === "sparse") {
        this.queries[criterionIndex] = column.index.query(company);
      }
    });
    this.quick = this.sparseIndices.length > 0;
    for (let at = 0; at < this.sparseIndices.length; at += 1) if (this.queries[this.sparseIndices[at]!]!.quickBound === undefined) this.quick = false;
    eligibility.representatives.forEach((buyer, classIndex) => {
      this.eligibleClass[classIndex] = isEligible(this.options, context, company, buyer) ? 1 : 0;
    });
    const { weights, missing, neutral } = this.options;
    for (let side = 0; side < 2; side += 1) {
      const sideWeights = side === 0 ? weights.company : weights.buyer;
      this.keyedIndices.forEach((criterionIndex, at) => {
        const table = this.contributions[side]![at]!;
        const values = this.classValues[criterionIndex]!;
        const weight = sideWeights[criterionIndex]!;
        for (let classIndex = 0; classIndex < values.length; classIndex += 1) {
          const value = counted(values[classIndex]!, missing[criterionIndex]!, neutral[criterionIndex]!);
          table[2 * classIndex] = value === value ? weight * value : 0;
          table[2 * classIndex + 1] = value === value ? weight : 0;
        }
      });
    }
  }

  /** Whether the prepared company may be ranked with the buyer at `position`. */
  eligible(position: number): boolean {
    return this.eligibleClass[this.index.eligibility.classOf[position]!] === 1;
  }

  /** Fills the scratch with exact values, or with sparse bounds when `bounded`. */
  private fill(position: number, bounded: boolean): void {
    const kinds = this.kinds;
    const raw = this.scratch.raw;
    const known = this.scratch.known;
    for (let criterionIndex = 0; criterionIndex < kinds.length; criterionIndex += 1) {
      const kind = kinds[criterionIndex]!;
      let value: number;
      if (kind === KEYED) value = this.classValues[criterionIndex]![this.classOf[criterionIndex]![position]!]!;
      else if (kind === SPARSE) value = bounded ? this.queries[criterionIndex]!.bound(position) : this.queries[criterionIndex]!.score(position);
      else value = this.options.criteria[criterionIndex]!.score(this.company!, this.index.buyer(position), this.index.context) ?? Number.NaN;
      if (value === value) {
        known[criterionIndex] = 1;
        raw[criterionIndex] = value;
      } else {
        known[criterionIndex] = 0;
        raw[criterionIndex] = 0;
      }
    }
  }

  /** The viewpoint's score of the scratch, with the reference arithmetic. */
  private combined(): number {
    const { weights, missing, neutral, viewpoint } = this.options;
    if (viewpoint === "mutual") return harmonicMean(combine(this.scratch, weights.company, missing, neutral), combine(this.scratch, weights.buyer, missing, neutral));
    return combine(this.scratch, weights[viewpoint], missing, neutral);
  }

  /**
   * The exact score of the prepared company with the buyer at `position` (eligible or not).
   *
   * @param position - the buyer's position in the index
   * @returns the score, bit for bit the reference's
   */
  exact(position: number): number {
    this.fill(position, false);
    return this.combined();
  }

  /**
   * Whether the pair last scored by {@link exact} reaches `minCoverage` (its known flags are still in
   * the scratch). Dropping a pair here only keeps it out of the heap, so no bound is affected.
   */
  covered(): boolean {
    return this.options.minCoverage === 0 || pairCoverage(this.scratch, this.options) >= this.options.minCoverage;
  }

  /**
   * An upper bound of {@link exact}, cheap for sparse candidates. Σ wᵢ·vᵢ / W is the score's real
   * value (the reference sums wᵢ·vᵢ/W term by term, so the two differ by rounding only, which
   * BOUND_SLACK covers); the keyed terms come from per-class tables made once per company.
   */
  bound(position: number): number {
    if (!this.fast) {
      this.fill(position, true);
      return this.combined();
    }
    if (!this.eligible(position)) return Number.NEGATIVE_INFINITY;
    this.readParts(position, false);
    return this.partsBound(false);
  }

  /**
   * Reads the buyer's keyed part of the bound (per side in use) and, unless `keyedOnly`, its sparse
   * criteria's bounds.
   */
  private readParts(position: number, keyedOnly: boolean): void {
    const viewpoint = this.options.viewpoint;
    const columns = this.keyedColumns;
    for (let side = viewpoint === "buyer" ? 1 : 0; side < (viewpoint === "company" ? 1 : 2); side += 1) {
      const tables = this.contributions[side]!;
      let sum = 0;
      let total = 0;
      for (let at = 0; at < columns.length; at += 1) {
        const slot = 2 * columns[at]![position]!;
        const table = tables[at]!;
        sum += table[slot]!;
        total += table[slot + 1]!;
      }
      this.partSum[side] = sum;
      this.partTotal[side] = total;
    }
    if (!keyedOnly) this.readSparse(position);
  }

  /** Reads the sparse criteria's quick bounds (each query has one when `quick`). */
  private readQuick(position: number): void {
    for (let at = 0; at < this.sparseIndices.length; at += 1) this.sparseValues[at] = this.queries[this.sparseIndices[at]!]!.quickBound!(position);
  }

  private readSparse(position: number): void {
    for (let at = 0; at < this.sparseIndices.length; at += 1) this.sparseValues[at] = this.queries[this.sparseIndices[at]!]!.bound(position);
  }

  /** The bound from the parts read last: the sparse criteria at their bounds, or at 1 (their largest value, which bounds any policy for unknown data too). */
  private partsBound(sparseAtOne: boolean): number {
    const viewpoint = this.options.viewpoint;
    if (viewpoint === "mutual") return harmonicMean(this.sideBound(0, sparseAtOne), this.sideBound(1, sparseAtOne));
    return this.sideBound(viewpoint === "company" ? 0 : 1, sparseAtOne);
  }

  private sideBound(side: number, sparseAtOne: boolean): number {
    const { weights, missing, neutral } = this.options;
    const sideWeights = side === 0 ? weights.company : weights.buyer;
    let sum = this.partSum[side]!;
    let total = this.partTotal[side]!;
    for (let at = 0; at < this.sparseIndices.length; at += 1) {
      const criterionIndex = this.sparseIndices[at]!;
      const value = counted(sparseAtOne ? 1 : this.sparseValues[at]!, missing[criterionIndex]!, neutral[criterionIndex]!);
      if (value === value) {
        sum += sideWeights[criterionIndex]! * value;
        total += sideWeights[criterionIndex]!;
      }
    }
    if (total === 0) return 0;
    const score = sum / total;
    return score > 1 ? 1 : score;
  }

  /**
   * An upper bound of the score of every buyer that no sparse criterion names (as candidate or
   * unknown): each keyed criterion at its best class (or unknown, when some class is), each sparse
   * one at most max(floor, `cap`) — at its floor when its query is `complete` (every buyer above the
   * floor is a candidate). With `unknownIn`, the bound of the buyers in that sparse criterion's
   * `unknown` list instead: unknown there, any value up to max(floor, `cap`) or unknown in the other
   * sparse criteria that list unknown buyers. Unknown data under "ignore" changes the denominator,
   * so every mix of known and unknown is tried; a criterion that weighs nothing is tried once.
   */
  private restBound(cap: number, unknownIn = -1): number {
    const { weights, missing, neutral, viewpoint } = this.options;
    const count = this.kinds.length;
    const scratch = this.scratch;
    let bestCompany = Number.NEGATIVE_INFINITY;
    let bestBuyer = Number.NEGATIVE_INFINITY;
    const visit = (criterionIndex: number): void => {
      if (criterionIndex === count) {
        if (viewpoint !== "buyer") bestCompany = Math.max(bestCompany, combine(scratch, weights.company, missing, neutral));
        if (viewpoint !== "company") bestBuyer = Math.max(bestBuyer, combine(scratch, weights.buyer, missing, neutral));
        return;
      }
      const kind = this.kinds[criterionIndex]!;
      let knownMax: number;
      let mayBeUnknown: boolean;
      if (kind === KEYED) {
        knownMax = this.classMax[criterionIndex]!;
        mayBeUnknown = this.classUnknown[criterionIndex] === 1;
      } else if (kind === SPARSE) {
        const query = this.queries[criterionIndex]!;
        const floor = query.floor;
        if (criterionIndex === unknownIn) {
          knownMax = Number.NEGATIVE_INFINITY;
          mayBeUnknown = true;
        } else {
          knownMax = floor !== floor ? Number.NEGATIVE_INFINITY : unknownIn < 0 && query.complete === true ? floor : Math.max(floor, cap);
          mayBeUnknown = floor !== floor || (unknownIn >= 0 && query.unknown.length > 0);
        }
      } else {
        knownMax = 1;
        mayBeUnknown = true;
      }
      if (knownMax !== Number.NEGATIVE_INFINITY) {
        scratch.known[criterionIndex] = 1;
        scratch.raw[criterionIndex] = knownMax;
        visit(criterionIndex + 1);
      }
      if (mayBeUnknown) {
        scratch.known[criterionIndex] = 0;
        scratch.raw[criterionIndex] = 0;
        visit(criterionIndex + 1);
      }
    };
    visit(0);
    if (viewpoint === "company") return bestCompany;
    if (viewpoint === "buyer") return bestBuyer;
    return harmonicMean(bestCompany, bestBuyer);
  }

  /**
   * The largest cutoff c in [0, 1] such that a buyer whose sparse scores are at most c cannot
   * reach `threshold` (by {@link restBound}); 0 when even c = 0 may reach it. Bisection: the bound
   * grows with c.
   */
  private cutoffFor(threshold: number): number {
    if (this.restBound(1) + BOUND_SLACK < threshold) return 1;
    if (!(this.restBound(0) + BOUND_SLACK < threshold)) return 0;
    let low = 0;
    let high = 1;
    for (let step = 0; step < 30; step += 1) {
      const middle = (low + high) / 2;
      if (this.restBound(middle) + BOUND_SLACK < threshold) low = middle;
      else high = middle;
    }
    return low;
  }

  /**
   * The cutoff at which each sparse query that can tell names at least `wanted` of the buyers it
   * rates highest; 1 − 1e-9 (the buyers bounded by 1) when none can.
   */
  private namingCutoff(wanted: number): number {
    let cutoff = 1 - 1e-9;
    for (const query of this.queries) if (query?.cutoffNaming !== undefined) cutoff = Math.min(cutoff, query.cutoffNaming(wanted));
    return cutoff;
  }

  /** Names the buyers above `cutoff` in every sparse criterion. */
  private expandAll(cutoff: number): void {
    for (const query of this.queries) if (query !== undefined) query.expand(cutoff);
  }

  /** Adds a named buyer to this round's list (once per company) when it may enter the top k. */
  private take(position: number, count: number, threshold: number): number {
    let bound: number;
    if (this.fast) {
      if (!this.eligible(position)) return count;
      // First the keyed part with every sparse criterion at 1: candidates dropped on it cost no read
      // of their sparse data. Then the full bound, which orders the round's buckets.
      this.readParts(position, true);
      if (this.partsBound(true) + BOUND_SLACK < threshold) return count;
      if (this.quick) {
        this.readQuick(position);
        if (this.partsBound(false) + BOUND_SLACK < threshold) return count;
      }
      this.readSparse(position);
      bound = this.partsBound(false);
    } else {
      if (!this.eligible(position)) return count;
      bound = this.bound(position);
    }
    if (bound + BOUND_SLACK < threshold) return count;
    this.candidateItems[count] = position;
    this.candidateBounds[count] = bound;
    return count + 1;
  }

  /**
   * Bounds, buckets and scores the candidates named since the last round (`from` per query), best
   * bucket first, until no bound can reach the k-th score.
   */
  private scoreRound(heap: TopK, minScore: number, from: Int32Array, withUnknown: boolean): void {
    const items = this.candidateItems;
    const bounds = this.candidateBounds;
    const threshold = Math.max(minScore, heap.threshold);
    let count = 0;
    const queries = this.queries;
    // The named buyers, once each, then in position order (by blocks of 256 positions, a counting
    // sort): their data is then read in memory order rather than at random.
    const named = this.named;
    const stamps = this.stamps;
    const stamp = this.stamp;
    let namedCount = 0;
    for (let criterionIndex = 0; criterionIndex < queries.length; criterionIndex += 1) {
      const query = queries[criterionIndex];
      if (query === undefined) continue;
      const candidates = query.candidates;
      const end = query.candidateCount;
      for (let slot = from[criterionIndex]!; slot < end; slot += 1) {
        const position = candidates[slot]!;
        if (stamps[position] === stamp) continue;
        stamps[position] = stamp;
        named[namedCount++] = position;
      }
      from[criterionIndex] = end;
      if (withUnknown) {
        for (let slot = 0; slot < query.unknown.length; slot += 1) {
          const position = query.unknown[slot]!;
          if (stamps[position] === stamp) continue;
          stamps[position] = stamp;
          named[namedCount++] = position;
        }
      }
    }
    const blocks = this.blockStart;
    blocks.fill(0);
    for (let slot = 0; slot < namedCount; slot += 1) {
      const block = (named[slot]! >>> 8) + 1;
      blocks[block] = blocks[block]! + 1;
    }
    for (let block = 1; block < blocks.length; block += 1) blocks[block] = blocks[block]! + blocks[block - 1]!;
    const inOrder = this.namedInOrder;
    for (let slot = 0; slot < namedCount; slot += 1) {
      const position = named[slot]!;
      const block = position >>> 8;
      inOrder[blocks[block]!] = position;
      blocks[block] = blocks[block]! + 1;
    }
    for (let slot = 0; slot < namedCount; slot += 1) count = this.take(inOrder[slot]!, count, threshold);
    // Best bounds first: a counting sort into buckets of bound, then stop at the first bucket whose
    // upper edge cannot reach the k-th score.
    const starts = this.bucketStart;
    starts.fill(0);
    for (let slot = 0; slot < count; slot += 1) {
      const bucket = bucketOf(bounds[slot]!) + 1;
      starts[bucket] = starts[bucket]! + 1;
    }
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) starts[bucket + 1] = starts[bucket + 1]! + starts[bucket]!;
    const fillAt = this.bucketFill;
    fillAt.set(starts.subarray(0, BUCKETS));
    for (let slot = 0; slot < count; slot += 1) {
      const bucket = bucketOf(bounds[slot]!);
      this.order[fillAt[bucket]!] = slot;
      fillAt[bucket] = fillAt[bucket]! + 1;
    }
    for (let bucket = BUCKETS - 1; bucket >= 0; bucket -= 1) {
      const upper = bucket === BUCKETS - 1 ? Number.POSITIVE_INFINITY : (bucket + 1) / BUCKETS;
      if (upper + BOUND_SLACK < Math.max(minScore, heap.threshold)) break;
      for (let at = starts[bucket]!; at < starts[bucket + 1]!; at += 1) {
        const slot = this.order[at]!;
        if (bounds[slot]! + BOUND_SLACK < Math.max(minScore, heap.threshold)) continue;
        const position = items[slot]!;
        const score = this.exact(position);
        this.scored += 1;
        if (score >= minScore && this.covered()) heap.offer(score, position);
      }
    }
  }

  /**
   * Ranks the buyers for a prepared company into `heap` (which it resets). Only eligible pairs at
   * or above `minScore` are offered.
   *
   * The widening rounds score the buyers the sparse criteria rate highest (about max(64, 8·k) of
   * them by `cutoffNaming`, else those bounded by 1), then eight times as many while that cutoff is
   * above the one the k-th score so far sets; the last round asks only for buyers that can still
   * beat the k-th score; every other buyer shares one bound and is scored only when that bound can
   * reach the top k.
   *
   * @param heap - receives positions and scores
   * @param minScore - the least score kept
   * @param prune - false scores every pair (the check that pruning changes nothing)
   */
  rank(heap: TopK, minScore: number, prune = true): void {
    heap.reset();
    this.scored = 0;
    const size = this.index.size;
    if (!prune) {
      for (let position = 0; position < size; position += 1) {
        if (!this.eligible(position)) continue;
        const score = this.exact(position);
        this.scored += 1;
        if (score >= minScore && this.covered()) heap.offer(score, position);
      }
      return;
    }
    this.stamp += 1;
    const from = this.roundStart;
    from.fill(0);
    // Widening rounds: the buyers the sparse criteria rate highest first, a few times `top` of them,
    // then eight times as many while the buyers left below the next cutoff could still reach the
    // k-th score so far (else the last round's cutoff lies above it).
    let wanted = Math.max(FIRST_ROUND_MIN, FIRST_ROUND_PER_TOP * heap.capacity);
    let widened = this.namingCutoff(wanted);
    this.expandAll(widened);
    this.scoreRound(heap, minScore, from, false);
    while (widened > 0 && wanted < size) {
      wanted *= WIDEN;
      const next = this.namingCutoff(wanted);
      if (!(next < widened) || this.restBound(next) + BOUND_SLACK < Math.max(minScore, heap.threshold)) break;
      widened = next;
      this.expandAll(widened);
      this.scoreRound(heap, minScore, from, false);
    }
    // Buyers a sparse criterion knows nothing about are looked at one by one only when the best
    // they could score together can still enter the top k.
    let withUnknown = false;
    for (let criterionIndex = 0; criterionIndex < this.queries.length && !withUnknown; criterionIndex += 1) {
      const query = this.queries[criterionIndex];
      if (query !== undefined && query.unknown.length > 0) withUnknown = !(this.restBound(1, criterionIndex) + BOUND_SLACK < Math.max(minScore, heap.threshold));
    }
    const cutoff = this.cutoffFor(Math.max(minScore, heap.threshold));
    if (cutoff < 1 - 1e-9 || withUnknown) {
      this.expandAll(cutoff);
      this.scoreRound(heap, minScore, from, withUnknown);
    }
    if (this.restBound(cutoff) + BOUND_SLACK < Math.max(minScore, heap.threshold)) return;
    const stamp = this.stamp;
    for (let position = 0; position < size; position += 1) {
      if (this.stamps[position] === stamp || !this.eligible(position)) continue;
      const score = this.exact(position);
      this.scored += 1;
      if (score >= minScore && this.covered()) heap.offer(score, position);
    }
  }

  /**
   * Offers the prepared company (as item `companyItem`) to every buyer's heap it can enter: the
   * other direction, companies for each buyer. A buyer that no sparse criterion names is skipped
   * when the shared bound cannot reach its heap's threshold.
   *
   * @param groups - one heap per buyer position
   * @param companyItem - the company's position (tie-break rank)
   * @param minScore - the least score kept
   * @param prune - false scores every pair
   */
  offerToBuyers(groups: TopKGroups, companyItem: number, minScore: number, prune = true): void {
    const size = this.index.size;
    this.stamp += 1;
    const stamp = this.stamp;
    let rest = Number.POSITIVE_INFINITY;
    if (prune) {
      this.expandAll(0);
      rest = this.restBound(0) + BOUND_SLACK;
      for (const query of this.queries) {
        if (query === undefined) continue;
        for (let slot = 0; slot < query.candidateCount; slot += 1) this.stamps[query.candidates[slot]!] = stamp;
        for (const position of query.unknown) this.stamps[position] = stamp;
      }
    }
    for (let position = 0; position < size; position += 1) {
      const threshold = Math.max(minScore, groups.threshold(position));
      const named = this.stamps[position] === stamp;
      if (!named && rest < threshold) continue;
      if (!this.eligible(position)) continue;
      if (named && this.bound(position) + BOUND_SLACK < threshold) continue;
      const score = this.exact(position);
      if (score >= minScore && this.covered()) groups.offer(position, score, companyItem);
    }
  }
}

/**
 * One pair's score and eligibility with the reference's arithmetic, straight from the compiled
 * pair (for ranking one buyer's companies without preparing each company).
 *
 * @param options - resolved options (viewpoint and weights)
 * @param context - the market and settings
 * @param company - the compiled company
 * @param buyer - the compiled buyer
 * @param scratch - reused per-pair space
 * @returns the score, or NaN when the pair is not eligible or below `minCoverage`
 * @example
 * const score = pairScore(options, context, company, buyer, scratch);
 */
export function pairScore(options: ResolvedOptions, context: ScoringContext, company: CompiledCompany, buyer: CompiledBuyer, scratch: PairScratch): number {
  if (!isEligible(options, context, company, buyer)) return Number.NaN;
  evaluateCriteria(options, context, company, buyer, scratch);
  const { weights, missing, neutral, viewpoint } = options;
  if (options.minCoverage > 0 && pairCoverage(scratch, options) < options.minCoverage) return Number.NaN;
  if (viewpoint === "mutual") return harmonicMean(combine(scratch, weights.company, missing, neutral), combine(scratch, weights.buyer, missing, neutral));
  return combine(scratch, weights[viewpoint], missing, neutral);
}
