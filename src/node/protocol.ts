/** Messages between `rankAllParallel` and its workers, and between `createMatcherPool` and its workers. */
import type { NormalizedCompany } from "../normalize/records.js";
import type { Match } from "../score/types.js";
import type { EncodedValues } from "./codec.js";

/**
 * What a worker is given: the matcher's snapshot (shared, not copied: a SharedArrayBuffer), its
 * slice of companies already validated, and the ranking limits.
 */
export interface WorkerJob {
  readonly snapshot: SharedArrayBuffer;
  readonly companies: readonly NormalizedCompany[];
  readonly top: number;
  readonly minScore: number;
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

/** A slice to rank: its call number, the companies (validated), and the limits. */
export interface PoolJob {
  readonly call: number;
  readonly companies: readonly NormalizedCompany[];
  readonly top: number;
  readonly minScore: number;
}

/** What a slice gives back: its lists in compact form (or as they are, when they cannot be encoded). */
export type PoolReply =
  | { readonly call: number; readonly ok: true; readonly encoded: EncodedValues }
  | { readonly call: number; readonly ok: true; readonly lists: readonly Match[][] }
  | { readonly call: number; readonly ok: false; readonly message: string };
