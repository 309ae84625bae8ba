/**
 * Shard-and-merge: a market too large for one process is split into buyer shards; each shard ranks
 * the same company with a matcher whose market is the full one (`marketBuyers`), and the shards'
 * top-k lists are merged here. The global top k is always inside the union of the shards' top k
 * (a buyer beaten by k others in its shard is beaten by them globally), so the merge is exact.
 */
import { z } from "zod";
import { MatchLikeSchema } from "../score/matchSchema.js";
import type { Match } from "../score/types.js";
import { safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { MatchOptionsSchema } from "../criteria/options.js";

/** Options of {@link mergeTopK}. */
export interface MergeOptions {
  /** Keep at most this many (default: all). */
  readonly top?: number;
  /**
   * The ranked side: `"buyerId"` (default) for lists of buyers for one company, `"companyId"` for
   * lists of companies for one buyer. Ties break by this id.
   */
  readonly by?: "buyerId" | "companyId";
}

const MergeOptionsSchema = z.object({ top: MatchOptionsSchema.shape.top, by: z.enum(["buyerId", "companyId"]).optional() });
const ListsSchema = z.array(z.array(MatchLikeSchema, { error: "must be an array of matches" }), { error: "must be an array of match lists" });

/**
 * Merges ranked lists of the same company (or the same buyer) from disjoint shards into one list,
 * best first, ties by id, renumbered from 1.
 *
 * @param lists - each shard's ranked matches (each already cut to its top k)
 * @param options - top and the ranked side
 * @returns the merged top k
 * @example
 * const shards = [shardA, shardB].map((buyers) => createMatcher(buyers, { top: 10 }, { marketBuyers: allBuyers }));
 * const merged = mergeTopK(shards.map((matcher) => matcher.rank(company)), { top: 10 });
 */
export function mergeTopK(lists: readonly (readonly Match[])[], options: MergeOptions = {}): Match[] {
  const issues: BuyerMatchIssue[] = [];
  const parsed = safeParseWith(MergeOptionsSchema, options, ["options"]);
  if (!parsed.success) issues.push(...parsed.issues);
  const listed = safeParseWith(ListsSchema, lists, ["lists"]);
  if (!listed.success) issues.push(...listed.issues);
  throwIfAny(issues);
  const given = parsed.success ? parsed.data : {};
  const side = given.by ?? "buyerId";
  const top = given.top ?? Number.POSITIVE_INFINITY;
  const all: Match[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const match of list) {
      // A pair listed by two shards (overlapping shards) counts once.
      const key = `${match.companyId}\u0000${match.buyerId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(match);
    }
  }
  all.sort((a, b) => (a.score !== b.score ? b.score - a.score : a[side] < b[side] ? -1 : a[side] > b[side] ? 1 : 0));
  return all.slice(0, top).map((match, index) => ({ ...match, rank: index + 1 }));
}
