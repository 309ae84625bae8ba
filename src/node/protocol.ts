/** Messages between `rankAllParallel` and its workers. */
import type { NormalizedBuyer } from "../normalize/records.js";
import type { Company } from "../schema/company.js";
import type { MatchOptions } from "../criteria/options.js";
import type { Match } from "../score/types.js";

/**
 * What a worker is given: the buyers already validated and normalised by the calling thread (so no
 * worker repeats that, the larger part of building a market), the options as written, and its slice
 * of companies.
 */
export interface WorkerJob {
  readonly buyers: readonly NormalizedBuyer[];
  readonly marketBuyers: readonly NormalizedBuyer[] | undefined;
  readonly options: MatchOptions | undefined;
  readonly companies: readonly Company[];
}

/** What a worker answers: its companies' lists, or why it failed. */
export type WorkerReply = { readonly ok: true; readonly entries: readonly (readonly [string, Match[]])[] } | { readonly ok: false; readonly message: string };
