/** Messages between `rankAllParallel` and its workers. */
import type { Buyer } from "../schema/buyer.js";
import type { Company } from "../schema/company.js";
import type { MatchOptions } from "../schema/options.js";
import type { Match } from "../score/types.js";

/** What a worker is given. */
export interface WorkerJob {
  readonly buyers: readonly Buyer[];
  readonly marketBuyers: readonly Buyer[] | undefined;
  readonly options: MatchOptions | undefined;
  readonly companies: readonly Company[];
}

/** What a worker answers: its companies' lists, or why it failed. */
export type WorkerReply = { readonly ok: true; readonly entries: readonly (readonly [string, Match[]])[] } | { readonly ok: false; readonly message: string };
