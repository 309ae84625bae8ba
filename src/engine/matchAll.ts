/**
 * `matchAll`: every company against every buyer, both directions' ranked lists, on the engine (exactly
 * the reference's lists: `engine/referenceMatchAll.ts`, held by a property test).
 */
import type { MatchOptions } from "../criteria/options.js";
import type { Buyer } from "../schema/buyer.js";
import type { Company } from "../schema/company.js";
import { prepare } from "../score/prepare.js";
import type { Match } from "../score/types.js";
import { byId } from "./marketIndex.js";
import { MatcherCore } from "./matcher.js";

/** Ranked lists for every company and every buyer, keyed by id. */
export interface MatchAllResult {
  /** Company id → its buyers, best first. */
  readonly byCompany: ReadonlyMap<string, readonly Match[]>;
  /** Buyer id → its companies, best first. */
  readonly byBuyer: ReadonlyMap<string, readonly Match[]>;
}

/**
 * Scores every company against every buyer once and returns both directions' ranked lists (each list
 * cut by `top` and `minScore`). The market is the buyers. Default viewpoint: `mutual`.
 *
 * @param companies - the exporters
 * @param buyers - the buyers
 * @param options - top, minScore, viewpoint, weights, criterion settings
 * @returns lists keyed by id (a Map, so any string is a safe id)
 * @example
 * const { byCompany, byBuyer } = matchAll(companies, buyers, { top: 5 });
 * console.log(byCompany.get("jinju-01")?.map((match) => match.buyerId));
 */
export function matchAll(companies: readonly Company[], buyers: readonly Buyer[], options?: MatchOptions): MatchAllResult {
  const prepared = prepare({ companies, buyers, options, defaultViewpoint: "mutual" });
  // The engine returns exactly the reference's lists (engine/referenceMatchAll.ts, held by a property test).
  const core = new MatcherCore(prepared.options, prepared.options, prepared.buyers, prepared.buyers, true);
  const compiled = prepared.companies.map((company) => core.compile(company));
  const { top, minScore } = prepared.options;
  const byCompany = new Map<string, readonly Match[]>();
  compiled.forEach((company) => byCompany.set(company.record.id, core.rankCompiled(company, top, minScore)));
  const perBuyer = core.rankAllBuyers([...compiled].sort((a, b) => byId(a.record, b.record)), top, minScore);
  const byBuyer = new Map<string, readonly Match[]>();
  for (const buyer of prepared.buyers) byBuyer.set(buyer.id, perBuyer.get(buyer.id)!);
  return { byCompany, byBuyer };
}
