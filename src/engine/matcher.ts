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
import { compileCompany, type CompiledCompany } from "../market/market.js";
import { collectBuyers, collectCompanies, collectOptions } from "../score/prepare.js";
import { scoreCompiledPair, toMatch } from "../score/reference.js";
import type { Match } from "../score/types.js";
import { buildMarketIndex, byId, type MarketIndex } from "./marketIndex.js";
import { MarketScorer, pairScore } from "./scorer.js";
import { TopK, TopKGroups } from "./topK.js";

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
  /** Buyers for one company, best first. */
  rank(company: Company, options?: RankOptions): Match[];
  /** Buyers for each company, keyed by company id (in input order). */
  rankAll(companies: readonly Company[], options?: RankOptions): Map<string, Match[]>;
  /** Indexes companies in this market, for the other direction (companies for a buyer). */
  indexCompanies(companies: readonly Company[]): CompanyIndex;
}

const RankOptionsSchema = MatchOptionsSchema.pick({ top: true, minScore: true });
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

/** The internal side of a matcher, built from already validated records (also used by `matchAll`). */
export class MatcherCore {
  readonly index: MarketIndex;
  readonly options: ResolvedOptions;
  readonly buyerOptions: ResolvedOptions;
  readonly pruning: boolean;
  private readonly scorer: MarketScorer;

  /**
   * @param options - options for buyers-for-a-company
   * @param buyerOptions - options for companies-for-a-buyer (differ only in the default viewpoint)
   * @param buyers - the ranked buyers
   * @param marketBuyers - the market's buyers
   * @param pruning - prune (true) or score every pair
   * @param reload - a buyer's record normalised again from its input (lets the index keep no records)
   */
  constructor(
    options: ResolvedOptions,
    buyerOptions: ResolvedOptions,
    buyers: readonly NormalizedBuyer[],
    marketBuyers: readonly NormalizedBuyer[],
    pruning: boolean,
    reload?: (inputIndex: number) => NormalizedBuyer,
  ) {
    this.options = options;
    this.buyerOptions = buyerOptions;
    this.pruning = pruning;
    this.index = buildMarketIndex(options, buyers, marketBuyers, reload);
    this.scorer = new MarketScorer(this.index, options);
  }

  /** Compiles a normalised company against this market. */
  compile(company: NormalizedCompany): CompiledCompany {
    return compileCompany(company, this.index.context.market);
  }

  /** Buyers for one compiled company, best first, with breakdowns. */
  rankCompiled(company: CompiledCompany, top: number, minScore: number): Match[] {
    const heap = new TopK(capacity(top, this.index.size), this.index.idRank);
    this.scorer.prepare(company);
    this.scorer.rank(heap, minScore, this.pruning);
    const scratch = createScratch(this.options.criteria.length);
    return heap.sorted().map(({ item }, index) => toMatch(scoreCompiledPair(this.options, this.index.context, company, this.index.buyer(item), scratch), index + 1));
  }

  /** Companies for every buyer, keyed by buyer id in id order. */
  rankAllBuyers(companies: readonly CompiledCompany[], top: number, minScore: number): Map<string, Match[]> {
    const groups = new TopKGroups(this.index.size, capacity(top, companies.length));
    const scorer = new MarketScorer(this.index, this.buyerOptions);
    companies.forEach((company, item) => {
      scorer.prepare(company);
      scorer.offerToBuyers(groups, item, minScore, this.pruning);
    });
    const scratch = createScratch(this.options.criteria.length);
    const out = new Map<string, Match[]>();
    this.index.byIdRank.forEach((position) => {
      const buyer = this.index.buyer(position);
      out.set(
        this.index.ids[position]!,
        groups.sorted(position).map(({ item }, index) => toMatch(scoreCompiledPair(this.buyerOptions, this.index.context, companies[item]!, buyer, scratch), index + 1)),
      );
    });
    return out;
  }

  /** Companies for one buyer position, best first. */
  rankOneBuyer(companies: readonly CompiledCompany[], position: number, top: number, minScore: number): Match[] {
    const buyer = this.index.buyer(position);
    const heap = new TopK(capacity(top, companies.length));
    const scratch = createScratch(this.options.criteria.length);
    companies.forEach((company, item) => {
      const score = pairScore(this.buyerOptions, this.index.context, company, buyer, scratch);
      if (score === score && score >= minScore) heap.offer(score, item);
    });
    return heap.sorted().map(({ item }, index) => toMatch(scoreCompiledPair(this.buyerOptions, this.index.context, companies[item]!, buyer, scratch), index + 1));
  }
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
  const reload = (inputIndex: number): NormalizedBuyer => {
    const record = collectBuyers([buyers[inputIndex]], ["buyers"], resolved.sectors, [], resolved.fields.buyer)[0];
    if (record === undefined) throw issueError("invalid_input", ["buyers", inputIndex], "this buyer was changed after createMatcher compiled it and is no longer valid");
    return record;
  };
  const core = new MatcherCore(resolved, buyerOptions!, records, marketRecords, given.pruning ?? true, reload);
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
  return {
    size: core.index.size,
    rank(company, rankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      return core.rankCompiled(core.compile(collectOne(company, ["company"], options)), top, minScore);
    },
    rankAll(companies, rankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      const issues: BuyerMatchIssue[] = [];
      const records = collectCompanies(companies, ["companies"], options.sectors, issues, options.fields.company);
      throwIfAny(issues);
      const out = new Map<string, Match[]>();
      for (const record of records) out.set(record.id, core.rankCompiled(core.compile(record), top, minScore));
      return out;
    },
    indexCompanies(companies) {
      const issues: BuyerMatchIssue[] = [];
      const records = collectCompanies(companies, ["companies"], options.sectors, issues, options.fields.company);
      throwIfAny(issues);
      return companyIndexFromCore(core, records);
    },
  };
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
  const compiled = [...records].sort(byId).map((record) => core.compile(record));
  const options = core.buyerOptions;
  return {
    size: compiled.length,
    rank(buyerId, rankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      const position = typeof buyerId === "string" ? core.index.positionOf.get(buyerId) : undefined;
      if (typeof buyerId !== "string") throw issueError("invalid_input", ["buyerId"], `must be a buyer id (a string), not ${describeValue(buyerId)}`);
      if (position === undefined) throw issueError("unknown_reference", ["buyerId"], `${JSON.stringify(buyerId)} is not a buyer of this matcher`);
      return core.rankOneBuyer(compiled, position, top, minScore);
    },
    rankAll(rankOptions) {
      const { top, minScore } = rankLimits(rankOptions, options);
      return core.rankAllBuyers(compiled, top, minScore);
    },
  };
}
