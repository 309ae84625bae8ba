/** Messages between `rankAllParallel` and its workers, and between `createMatcherPool` and its workers. */
import type { NormalizedCompany } from "../normalize/records.js";
import type { Match } from "../score/types.js";
import type { EncodedValues } from "./codec.js";

/** A slice of companies to rank, already validated, with the ranking limits. */
interface RankSlice {
  readonly companies: readonly NormalizedCompany[];
  readonly top: number;
  readonly minScore: number;
}

/** What a `rankAllParallel` worker is given: its slice and the matcher's snapshot (shared, not copied: a SharedArrayBuffer). */
export interface WorkerJob extends RankSlice {
  readonly snapshot: SharedArrayBuffer;
}

/**
 * The worker's first answer: for each company in order, how many buyers it ranked, then the buyers
 * as (segment, position) and their scores, flat; or why it failed.
 */
export type RankedReply =
  | { readonly ok: true; readonly counts: Int32Array; readonly segments: Int32Array; readonly positions: Int32Array }
  | { readonly ok: false; readonly message: string };

/** The calling thread's answer: the input objects of the buyers the worker ranked, by (segment, position). */
export interface ShownBuyers {
  readonly segments: Int32Array;
  readonly positions: Int32Array;
  readonly inputs: readonly unknown[];
}

/**
 * The worker's second answer: its companies' explained lists (as [company id, matches] entries, in
 * compact form when they can be: see ./codec.ts), or why it failed.
 */
export type ExplainedReply =
  | { readonly ok: true; readonly encoded: EncodedValues }
  | { readonly ok: true; readonly entries: readonly (readonly [string, Match[]])[] }
  | { readonly ok: false; readonly message: string };

/** A pool worker's slice, with its call number (the pool's workers hold the snapshot already). */
export interface PoolJob extends RankSlice {
  readonly call: number;
}

/** What a slice gives back: its lists in compact form (or as they are, when they cannot be encoded). */
export type PoolReply =
  | { readonly call: number; readonly ok: true; readonly encoded: EncodedValues }
  | { readonly call: number; readonly ok: true; readonly lists: readonly Match[][] }
  | { readonly call: number; readonly ok: false; readonly message: string };
