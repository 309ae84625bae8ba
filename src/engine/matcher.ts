/**
 * createMatcher: compile a market of buyers once, then rank buyers for any number of companies
 * (and, through `indexCompanies`, companies for any buyer) with the exact results of the reference
 * scorer. Inputs are validated once here, at the boundary.
 */
import type { Buyer } from "../schema/buyer.js";
import type { Company } from "../schema/company.js";
import { z } from "zod";
import { describeValue, safeParseWith, throwIfAny, issueError, type BuyerMatchIssue, type IssuePath } from "../schema/errors.js";
import { fieldsFor, MatchOptionsSchema, type MatchOptions, type ResolvedOptions } from "../criteria/options.js";
import type { NormalizedBuyer, NormalizedCompany } from "../normalize/records.js";
import { createScratch } from "../score/combine.js";
import type { ScoringContext } from "../criteria/types.js";
import { compileCompany, type CompiledBuyer, type CompiledCompany } from "../market/market.js";
import { collectBuyers, collectCompanies, collectOptions, rawIdOf } from "../score/prepare.js";
import { contextFor, scoreCompiledPair, toMatch } from "../score/reference.js";
import type { Match } from "../score/types.js";
import { buildMarketIndex, buildSegment, byId, type MarketIndex } from "./marketIndex.js";
import { MarketScorer, pairScore } from "./scorer.js";
import { TopK, TopKGroups } from "./topK.js";
import { writeSnapshot, type MatcherSnapshotJson, type SnapshotOptions } from "./snapshotWrite.js";

/** What to return from one ranking call; each defaults to the matcher's options. */
export interface RankOptions {
  /** Keep at most this many matches. */
  readonly top?: number;
  /** Drop matches scoring below this. */
  readonly minScore?: number;
}

/** How a matcher is built, beyond the match options. */
export interface MatcherSetup {
  /**
   * The buyers whose needs define the market (vocabulary and word weights), when the ranked buyers
   * are one shard of a larger market: give every shard the same full list, so that scores are the
   * ones an unsharded matcher would compute and shard results can be merged with `mergeTopK`.
   */
  readonly marketBuyers?: readonly Buyer[];
  /** Internal check: `false` scores every pair instead of pruning (results must not change). */
  readonly pruning?: boolean;
}

/** Ranked companies for buyers, in the matcher's market (see {@link Matcher.indexCompanies}). */
export interface CompanyIndex {
  /** How many companies are indexed. */
  readonly size: number;
  /** Companies for one buyer of the market, best first. */
  rank(buyerId: string, options?: RankOptions): Match[];
  /** Companies for every buyer of the market, keyed by buyer id. */
  rankAll(options?: RankOptions): Map<string, Match[]>;
}

/** A compiled market of buyers. */
export interface Matcher {
  /** How many buyers are ranked. */
  readonly size: number;
  /**
   * Whether buyers were added or removed since the market's statistics (vocabulary, word weights,
   * typo corrector) were computed. While stale, answers equal those of
   * `createMatcher(currentBuyers, options, { marketBuyers: buyersAtLastBuildOrRefresh })`; after
   * `refresh()` they equal those of `createMatcher(currentBuyers, options)`.
   */
  readonly stale: boolean;
  /**
   * Adds buyers (validated; an id already in the matcher is a `duplicate_id`). They are compiled
   * against the current market, whose statistics stay as they are until `refresh()`.
   *
   * @example
   * matcher.add([{ id: "new-buyer", name: "New Buyer", country: "US", needs: [{ name: "valves", hs: "8481" }] }]);
   */
  add(buyers: readonly Buyer[]): void;
  /**
   * Removes buyers by id (each must be in the matcher). Statistics stay until `refresh()`.
   *
   * @example
   * matcher.remove(["gm-detroit"]);
   */
  remove(ids: readonly string[]): void;
  /**
   * Replaces a buyer by a new version with the same id (remove, then add).
   *
   * @example
   * matcher.update({ ...buyer, needs: [...buyer.needs, { name: "brake pads", hs: "870830" }] });
   */
  update(buyer: Buyer): void;
  /**
   * Recomputes the market's statistics from the current buyers and compiles them again into one
   * segment, so that every answer equals a matcher built from scratch on them (the cost of a
   * build). A shard's market (`setup.marketBuyers`) is kept as given.
   *
   * @example
   * matcher.add(newBuyers);
   * matcher.refresh(); // matcher ≡ createMatcher([...buyers, ...newBuyers], options)
   */
  refresh(): void;
  /**
   * A compact, versioned snapshot: `loadMatcher(snapshot, buyers)` restores a matcher whose every
   * answer is identical. The buyers' own records are left out (give the same buyers to
   * `loadMatcher`), unless `{ buyers: true }`; `{ json: true }` returns a JSON-safe object.
   *
   * @example
   * const bytes = matcher.toSnapshot();
   * const again = loadMatcher(bytes, buyers);
   */
  toSnapshot(options?: SnapshotOptions & { readonly json?: false }): Uint8Array;
  toSnapshot(options: SnapshotOptions & { readonly json: true }): MatcherSnapshotJson;
  /** Buyers for one company, best first. */
  rank(company: Company, options?: RankOptions): Match[];
  /** Buyers for each company, keyed by company id (in input order). */
  rankAll(companies: readonly Company[], options?: RankOptions): Map<string, Match[]>;
  /** Indexes companies in this market, for the other direction (companies for a buyer). */
  indexCompanies(companies: readonly Company[]): CompanyIndex;
}

const RankOptionsSchema = MatchOptionsSchema.pick({ top: true, minScore: true });
const IdsSchema = z.array(z.string({ error: "must be a buyer id (a string)" }), { error: "must be an array of buyer ids" });

const SetupSchema = z.object({ marketBuyers: z.array(z.unknown()).optional(), pruning: z.boolean().optional() }, { error: "must be an object ({ marketBuyers?, pruning? })" });

function rankLimits(input: RankOptions | undefined, options: ResolvedOptions): { top: number; minScore: number } {
  if (input === undefined) return { top: options.top, minScore: options.minScore };
  const parsed = safeParseWith(RankOptionsSchema, input, ["options"]);
  if (!parsed.success) throwIfAny(parsed.issues);
  const value = parsed.success ? parsed.data : {};
  return { top: value.top ?? options.top, minScore: value.minScore ?? options.minScore };
}

function capacity(top: number, size: number): number {
  return Math.max(1, Math.min(top, size));
}

/**
 * One compiled part of a market. A matcher starts as one segment; `add` appends a segment compiled
 * against the same market, `remove` marks positions as removed.
 */
export interface Segment {
  readonly index: MarketIndex;
  /** 1 at a removed position; undefined while none is. */
  removed: Uint8Array | undefined;
  /** How many positions are not removed. */
  live: number;
  /** The input object of the buyer at a position (undefined when the matcher was loaded without its buyers). */
  readonly input: ((position: number) => unknown) | undefined;
  /** JSON of the input of the buyer at a position, kept from a snapshot that embedded its buyers. */
  readonly embedded: readonly string[] | undefined;
  /** JSON of the inputs of the buyers that stand for a class, kept from a loaded snapshot. */
  readonly saved?: ReadonlyMap<number, string>;
}

/** A buyer's place: its segment and its position there. */
export interface Place {
  readonly segment: number;
  readonly position: number;
}

/** The internal side of a matcher, built from already validated records (also used by `matchAll`). */
export class MatcherCore {
  readonly options: ResolvedOptions;
  readonly buyerOptions: ResolvedOptions;
  readonly pruning: boolean;
  /** The market every segment is compiled against. */
  context: ScoringContext;
  segments: Segment[];
  /** Whether buyers were added or removed since the market's statistics were computed. */
  stale = false;
  /** The market was given (`setup.marketBuyers`, a shard): `refresh` keeps it. */
  readonly sharedMarket: boolean;
  /**
   * The match options as given, as JSON without `customCriteria` (functions, given again to
   * loadMatcher), for snapshots; set by createMatcher and loadMatcher. Undefined when they cannot be
   * written as JSON.
   */
  optionsInput: string | undefined = undefined;

  /**
   * @param options - options for buyers-for-a-company
   * @param buyerOptions - options for companies-for-a-buyer (differ only in the default viewpoint)
   * @param buyers - the ranked buyers
   * @param marketBuyers - the market's buyers
   * @param pruning - prune (true) or score every pair
   * @param reload - a buyer's record normalised again from its input (lets the index keep no records)
   * @param input - the input object at an input index (for `refresh` and snapshots)
   */
  constructor(
    options: ResolvedOptions,
    buyerOptions: ResolvedOptions,
    buyers: readonly NormalizedBuyer[],
    marketBuyers: readonly NormalizedBuyer[],
    pruning: boolean,
    reload?: (inputIndex: number) => NormalizedBuyer,
    input?: (inputIndex: number) => unknown,
    restored?: { readonly context: ScoringContext; readonly segments: Segment[]; readonly sharedMarket: boolean; readonly stale: boolean },
  ) {
    this.options = options;
    this.buyerOptions = buyerOptions;
    this.pruning = pruning;
    if (restored !== undefined) {
      this.sharedMarket = restored.sharedMarket;
      this.context = restored.context;
      this.segments = restored.segments;
      this.stale = restored.stale;
      return;
    }
    this.sharedMarket = marketBuyers !== buyers;
    const index = buildMarketIndex(options, buyers, marketBuyers, reload);
    this.context = index.context;
    this.segments = [segmentOf(index, input)];
  }

  /** The first segment (the whole market until buyers are added). */
  get index(): MarketIndex {
    return this.segments[0]!.index;
  }

  /** How many buyers are ranked. */
  get size(): number {
    let size = 0;
    for (const segment of this.segments) size += segment.live;
    return size;
  }

  /** Where a buyer of the market sits, or undefined when it is not (or no longer) there. */
  placeOf(id: string): Place | undefined {
    for (let segment = this.segments.length - 1; segment >= 0; segment -= 1) {
      const { index, removed } = this.segments[segment]!;
      const position = index.positionOf.get(id);
      if (position !== undefined && (removed === undefined || removed[position] === 0)) return { segment, position };
    }
    return undefined;
  }

  /** Compiles a normalised company against this market. */
  compile(company: NormalizedCompany): CompiledCompany {
    return compileCompany(company, this.context.market);
  }

  /**
   * The best buyers of each segment for a company, merged: (segment, position, score), best first,
   * ties by id. Exact: the top k of a union is the top k of the segments' top k.
   */
  rankPlaces(company: CompiledCompany, top: number, minScore: number): { segment: number; position: number; score: number }[] {
    const found: { segment: number; position: number; score: number }[] = [];
    this.segments.forEach((segment, at) => {
      if (segment.live === 0) return;
      const index = segment.index;
      const heap = new TopK(capacity(top, index.size), index.idRank, segment.removed);
      const scorer = scorerOf(segment, this.options);
      scorer.prepare(company);
      scorer.rank(heap, minScore, this.pruning);
      for (const { item, score } of heap.sorted()) found.push({ segment: at, position: item, score });
    });
    if (this.segments.length > 1) {
      const idAt = (place: Place): string => this.segments[place.segment]!.index.ids[place.position]!;
      found.sort((a, b) => (a.score !== b.score ? b.score - a.score : idAt(a) < idAt(b) ? -1 : 1));
    }
    return found.slice(0, Math.max(0, top));
  }

  /** The compiled buyer at a place. */
  buyerAt(place: Place): CompiledBuyer {
    return this.segments[place.segment]!.index.buyer(place.position);
  }

  /** Buyers for one compiled company, best first, with breakdowns. */
  rankCompiled(company: CompiledCompany, top: number, minScore: number): Match[] {
    return this.explainPlaces(company, this.rankPlaces(company, top, minScore));
  }

  /** The explained matches of a company with buyers at these places, ranked in the order given. */
  explainPlaces(company: CompiledCompany, places: readonly Place[]): Match[] {
    const scratch = createScratch(this.options.criteria.length);
    return places.map((place, index) => toMatch(scoreCompiledPair(this.options, this.context, company, this.buyerAt(place), scratch), index + 1));
  }

  /** Companies for every buyer, keyed by buyer id in id order. */
  rankAllBuyers(companies: readonly CompiledCompany[], top: number, minScore: number): Map<string, Match[]> {
    const entries: [string, Match[]][] = [];
    const scratch = createScratch(this.options.criteria.length);
    for (const segment of this.segments) {
      if (segment.live === 0) continue;
      const index = segment.index;
      const groups = new TopKGroups(index.size, capacity(top, companies.length));
      const scorer = new MarketScorer(index, this.buyerOptions);
      companies.forEach((company, item) => {
        scorer.prepare(company);
        scorer.offerToBuyers(groups, item, minScore, this.pruning);
      });
      index.byIdRank.forEach((position) => {
        if (segment.removed !== undefined && segment.removed[position] === 1) return;
        const buyer = index.buyer(position);
        entries.push([
          index.ids[position]!,
          groups.sorted(position).map(({ item }, rank) => toMatch(scoreCompiledPair(this.buyerOptions, this.context, companies[item]!, buyer, scratch), rank + 1)),
        ]);
      });
    }
    if (this.segments.length > 1) entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return new Map(entries);
  }

  /** Companies for one buyer, best first. */
  rankOneBuyer(companies: readonly CompiledCompany[], place: Place, top: number, minScore: number): Match[] {
    const buyer = this.buyerAt(place);
    const heap = new TopK(capacity(top, companies.length));
    const scratch = createScratch(this.options.criteria.length);
    companies.forEach((company, item) => {
      const score = pairScore(this.buyerOptions, this.context, company, buyer, scratch);
      if (score === score && score >= minScore) heap.offer(score, item);
    });
    return heap.sorted().map(({ item }, index) => toMatch(scoreCompiledPair(this.buyerOptions, this.context, companies[item]!, buyer, scratch), index + 1));
  }

  /**
   * Adds validated buyers as a new segment compiled against the current market (its statistics
   * stay those of the last build or refresh). Past {@link MAX_SEGMENTS}, the added segments are
   * compiled again into one.
   */
  addRecords(records: readonly NormalizedBuyer[], inputs: readonly unknown[]): void {
    if (records.length === 0) return;
    this.segments.push(this.segmentOver(inputs, records));
    this.stale = !this.sharedMarket || this.stale;
    if (this.segments.length > MAX_SEGMENTS && this.segments.slice(1).every((segment) => segment.input !== undefined)) this.mergeFrom(1);
  }

  /** Marks buyers (places already checked) as removed. */
  removePlaces(places: readonly Place[]): void {
    for (const { segment, position } of places) {
      const part = this.segments[segment]!;
      if (part.removed === undefined) part.removed = new Uint8Array(part.index.size);
      if (part.removed[position] === 1) continue;
      part.removed[position] = 1;
      part.live -= 1;
    }
    if (places.length > 0) this.stale = !this.sharedMarket || this.stale;
  }

  /** The live buyers' inputs of the segments from `first` on, in id order (undefined when a segment has none). */
  private liveInputs(first = 0): unknown[] | undefined {
    const entries: [string, unknown][] = [];
    for (const segment of this.segments.slice(first)) {
      if (segment.live === 0) continue;
      if (segment.input === undefined) return undefined;
      const { index, removed } = segment;
      for (let position = 0; position < index.size; position += 1) if (removed === undefined || removed[position] === 0) entries.push([index.ids[position]!, segment.input(position)]);
    }
    return entries.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((entry) => entry[1]);
  }

  /** One segment over inputs already normalised into `records`, compiled against the current market. */
  private segmentOver(inputs: readonly unknown[], records: readonly NormalizedBuyer[]): Segment {
    const reload = (at: number): NormalizedBuyer => normalizeAgain(inputs[at], this.options, at);
    return segmentOf(buildSegment(this.options, this.context, records, reload), (at) => inputs[at]);
  }

  /**
   * Compiles every live buyer again into one segment: with a market computed from them (unless the
   * market was given for a shard), so that the matcher equals one built from scratch.
   */
  refresh(): void {
    const inputs = this.liveInputs();
    if (inputs === undefined) throw issueError("invalid_input", ["matcher"], "this matcher was loaded from a snapshot without its buyers: give them to loadMatcher to refresh it");
    const records = normalizeAll(inputs, this.options);
    if (!this.sharedMarket) this.context = contextFor(this.options, records);
    this.segments = [this.segmentOver(inputs, records)];
    this.stale = false;
  }

  /** Compiles the segments from `first` on again into one (same market; every one has its inputs). */
  private mergeFrom(first: number): void {
    const inputs = this.liveInputs(first)!;
    this.segments = [...this.segments.slice(0, first), this.segmentOver(inputs, normalizeAll(inputs, this.options))];
  }
}

/**
 * Match options as JSON for a snapshot, without `customCriteria` (their functions cannot be written;
 * loadMatcher is given them again). Taken when the matcher is built, so later changes to the
 * caller's object do not show.
 *
 * @param options - the match options as given (already validated)
 * @returns JSON text, or undefined when the options cannot be written as JSON
 * @example
 * core.optionsInput = optionsJson({ top: 10 }); // '{"top":10}'
 */
export function optionsJson(options: unknown): string | undefined {
  if (options === undefined || options === null) return "{}";
  try {
    const { customCriteria: _custom, ...rest } = options as { customCriteria?: unknown };
    return JSON.stringify(rest);
  } catch {
    return undefined;
  }
}

/** Segments a matcher keeps before the added ones are compiled again into one. */
export const MAX_SEGMENTS = 8;

/** A segment over an index with nothing removed. */
export function segmentOf(index: MarketIndex, input: ((inputIndex: number) => unknown) | undefined): Segment {
  const inputOf = index.inputOf;
  return { index, removed: undefined, live: index.size, input: input === undefined ? undefined : (position) => input(inputOf[position]!), embedded: undefined };
}

const scorers = new WeakMap<MarketIndex, MarketScorer>();

/** One company-view scorer per segment, kept with the index (it owns buffers the size of the segment). */
function scorerOf(segment: Segment, options: ResolvedOptions): MarketScorer {
  let scorer = scorers.get(segment.index);
  if (scorer === undefined) {
    scorer = new MarketScorer(segment.index, options);
    scorers.set(segment.index, scorer);
  }
  return scorer;
}

/** Every buyer's record normalised again, in one pass (validated: an input may have been changed since). */
function normalizeAll(inputs: readonly unknown[], options: ResolvedOptions): NormalizedBuyer[] {
  const issues: BuyerMatchIssue[] = [];
  const records = collectBuyers(inputs, ["buyers"], options.sectors, issues, options.fields.buyer);
  if (issues.length > 0) throw issueError("invalid_input", issues[0]!.path, `a buyer was changed after the matcher compiled it and is no longer valid: ${issues[0]!.message}`);
  return records;
}

/** A buyer's record normalised again from its input (validated: it may have been changed since). */
function normalizeAgain(input: unknown, options: ResolvedOptions, at: number): NormalizedBuyer {
  const record = collectBuyers([input], ["buyers"], options.sectors, [], options.fields.buyer)[0];
  if (record === undefined) throw issueError("invalid_input", ["buyers", at], "this buyer was changed after the matcher compiled it and is no longer valid");
  return record;
}

function collectOne(company: unknown, path: IssuePath, options: ResolvedOptions): NormalizedCompany {
  const local: BuyerMatchIssue[] = [];
  const records = collectCompanies([company], ["__single__"], options.sectors, local, options.fields.company);
  throwIfAny(local.map((issue) => ({ ...issue, path: [...path, ...issue.path.slice(2)] })));
  return records[0]!;
}

/**
 * Compiles a market of buyers once for fast, exact ranking: dense ids, typed-array columns per
 * criterion, inverted lists of codes and words, the vocabulary and its typo corrector. `rank`
 * returns exactly what `rankBuyers` returns for the same buyers and options; only buyers whose
 * score bound can still enter the top k are scored (safe pruning). Default viewpoint: `company`
 * for `rank`, `buyer` for `indexCompanies`, unless the options name one. To stay small (about
 * 100 bytes per buyer) the index keeps no records: it reads the given buyer objects again to explain
 * the buyers it returns, so do not change them after this call.
 *
 * @param buyers - the buyers to rank
 * @param options - match options (top and minScore are the defaults of each call)
 * @param setup - a larger market for a shard of buyers (`marketBuyers`)
 * @returns the matcher
 * @example
 * const matcher = createMatcher(buyers, { top: 10 });
 * const matches = matcher.rank(company);
 * const forBuyer = matcher.indexCompanies(companies).rank("gm-detroit", { top: 5 });
 */
export function createMatcher(buyers: readonly Buyer[], options?: MatchOptions, setup: MatcherSetup = {}): Matcher {
  const issues: BuyerMatchIssue[] = [];
  const companyOptions = collectOptions(options ?? {}, "company", issues);
  const buyerOptions = collectOptions(options ?? {}, "buyer", []);
  const sectors = companyOptions?.sectors ?? {};
  const buyerFields = companyOptions?.fields.buyer ?? fieldsFor(options).buyer;
  const records = collectBuyers(buyers, ["buyers"], sectors, issues, buyerFields);
  const parsedSetup = safeParseWith(SetupSchema, setup, ["setup"]);
  if (!parsedSetup.success) issues.push(...parsedSetup.issues);
  const given = parsedSetup.success ? parsedSetup.data : {};
  const marketRecords = given.marketBuyers === undefined ? records : collectBuyers(given.marketBuyers, ["setup", "marketBuyers"], sectors, issues, buyerFields);
  throwIfAny(issues);
  const resolved = companyOptions!;
  // The index keeps no records; the few buyers it shows are normalised again from the input.
  const reload = (inputIndex: number): NormalizedBuyer => normalizeAgain(buyers[inputIndex], resolved, inputIndex);
  const core = new MatcherCore(resolved, buyerOptions!, records, marketRecords, given.pruning ?? true, reload, (inputIndex) => buyers[inputIndex]);
  core.optionsInput = optionsJson(options);
  return matcherFromCore(core);
}

/**
 * Wraps a core in the public interface.
 *
 * @param core - a compiled market
 * @returns the matcher
 * @example
 * const matcher = matcherFromCore(new MatcherCore(options, buyerOptions, records, records, true));
 */
export function matcherFromCore(core: MatcherCore): Matcher {
  const options = core.options;
  const matcher: Matcher = {
    get size() {
      return core.size;
    },
    get stale() {
      return core.stale;
    },
    rank(company: Company, rankOptions?: RankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      return core.rankCompiled(core.compile(collectOne(company, ["company"], options)), top, minScore);
    },
    rankAll(companies: readonly Company[], rankOptions?: RankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      const issues: BuyerMatchIssue[] = [];
      const records = collectCompanies(companies, ["companies"], options.sectors, issues, options.fields.company);
      throwIfAny(issues);
      const out = new Map<string, Match[]>();
      for (const record of records) out.set(record.id, core.rankCompiled(core.compile(record), top, minScore));
      return out;
    },
    indexCompanies(companies: readonly Company[]) {
      const issues: BuyerMatchIssue[] = [];
      const records = collectCompanies(companies, ["companies"], options.sectors, issues, options.fields.company);
      throwIfAny(issues);
      return companyIndexFromCore(core, records);
    },
    add(buyers: readonly Buyer[]) {
      const issues: BuyerMatchIssue[] = [];
      const records = collectBuyers(buyers, ["buyers"], options.sectors, issues, options.fields.buyer);
      if (Array.isArray(buyers)) {
        const firstAt = new Map<string, number>();
        for (let at = 0; at < buyers.length; at += 1) {
          const id = rawIdOf(buyers[at]);
          if (id !== undefined && !firstAt.has(id)) firstAt.set(id, at);
        }
        for (const record of records) {
          if (core.placeOf(record.id) !== undefined) issues.push({ code: "duplicate_id", path: ["buyers", firstAt.get(record.id) ?? 0, "id"], message: `${JSON.stringify(record.id)} is already a buyer of this matcher (use update to replace it)` });
        }
      }
      throwIfAny(issues);
      core.addRecords(records, [...buyers]);
    },
    remove(ids: readonly string[]) {
      const parsed = safeParseWith(IdsSchema, ids, ["ids"]);
      if (!parsed.success) throwIfAny(parsed.issues);
      const list = parsed.success ? parsed.data : [];
      const issues: BuyerMatchIssue[] = [];
      const places: Place[] = [];
      const seen = new Set<string>();
      list.forEach((id, at) => {
        const place = core.placeOf(id);
        if (seen.has(id)) issues.push({ code: "duplicate_id", path: ["ids", at], message: `${JSON.stringify(id)} is listed twice` });
        else if (place === undefined) issues.push({ code: "unknown_reference", path: ["ids", at], message: `${JSON.stringify(id)} is not a buyer of this matcher` });
        else places.push(place);
        seen.add(id);
      });
      throwIfAny(issues);
      core.removePlaces(places);
    },
    update(buyer: Buyer) {
      const issues: BuyerMatchIssue[] = [];
      const records = collectBuyers([buyer], ["__single__"], options.sectors, issues, options.fields.buyer);
      throwIfAny(issues.map((issue) => ({ ...issue, path: ["buyer", ...issue.path.slice(2)] })));
      const record = records[0]!;
      const place = core.placeOf(record.id);
      if (place === undefined) throw issueError("unknown_reference", ["buyer", "id"], `${JSON.stringify(record.id)} is not a buyer of this matcher (use add for a new buyer)`);
      core.removePlaces([place]);
      core.addRecords(records, [buyer]);
    },
    refresh() {
      core.refresh();
    },
    toSnapshot: ((snapshotOptions?: SnapshotOptions) => writeSnapshot(core, snapshotOptions)) as Matcher["toSnapshot"],
  };
  // A registered symbol, not a module-local WeakMap: the Node entry is a separate bundle with its
  // own copy of this module, and must still find the core of a matcher made by the core entry.
  Object.defineProperty(matcher, CORE, { value: core, enumerable: false });
  return matcher;
}

const CORE = Symbol.for("buyermatch.matcherCore");

/**
 * The internal side of a matcher made by this library (for the Node entry's threads).
 *
 * @param matcher - any value
 * @returns its core, or undefined when it is not such a matcher
 * @example
 * const core = coreOf(matcher);
 */
export function coreOf(matcher: unknown): MatcherCore | undefined {
  if (typeof matcher !== "object" || matcher === null || !Object.hasOwn(matcher, CORE)) return undefined;
  const core: unknown = (matcher as Record<symbol, unknown>)[CORE];
  return typeof core === "object" && core !== null && "rankPlaces" in core ? (core as MatcherCore) : undefined;
}

/**
 * The other direction over validated company records.
 *
 * @param core - a compiled market
 * @param records - validated, normalised companies
 * @returns companies for each buyer of the market
 * @example
 * const index = companyIndexFromCore(core, prepared.companies);
 */
export function companyIndexFromCore(core: MatcherCore, records: readonly NormalizedCompany[]): CompanyIndex {
  const sorted = [...records].sort(byId);
  let compiledFor = core.context;
  let compiledList = sorted.map((record) => core.compile(record));
  // A refresh gives the matcher a new market: the companies are compiled again against it.
  const current = (): readonly CompiledCompany[] => {
    if (compiledFor !== core.context) {
      compiledFor = core.context;
      compiledList = sorted.map((record) => core.compile(record));
    }
    return compiledList;
  };
  const options = core.buyerOptions;
  return {
    size: sorted.length,
    rank(buyerId, rankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      const place = typeof buyerId === "string" ? core.placeOf(buyerId) : undefined;
      if (typeof buyerId !== "string") throw issueError("invalid_input", ["buyerId"], `must be a buyer id (a string), not ${describeValue(buyerId)}`);
      if (place === undefined) throw issueError("unknown_reference", ["buyerId"], `${JSON.stringify(buyerId)} is not a buyer of this matcher`);
      return core.rankOneBuyer(current(), place, top, minScore);
    },
    rankAll(rankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      return core.rankAllBuyers(current(), top, minScore);
    },
  };
}
