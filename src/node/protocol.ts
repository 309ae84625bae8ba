/** Messages between `rankAllParallel` and its workers. */
import type { NormalizedCompany } from "../normalize/records.js";

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
 * What a worker answers: for each company in order, how many buyers it ranked, then the buyers as
 * (segment, position) and their scores, flat; or why it failed. The calling thread explains them.
 */
export type WorkerReply =
  | { readonly ok: true; readonly counts: Int32Array; readonly segments: Int32Array; readonly positions: Int32Array; readonly scores: Float64Array }
  | { readonly ok: false; readonly message: string };
