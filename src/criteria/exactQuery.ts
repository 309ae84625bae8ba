/**
 * The sparse query of a criterion that scores its few candidates exactly when a company is prepared
 * (trade evidence, relationship): every other buyer has one known score (`floor`, 0 for both) or is
 * unknown. Candidates are kept best first and all named at the first `expand`: the query is
 * `complete`, so the engine counts every unnamed buyer at the floor and this criterion does not lower
 * the cutoff the product criterion's candidates are named to.
 */
import type { SparseQuery } from "./types.js";

/** Buffers for one index (one thread): reused by every query, valid until the next `begin`. */
export class ExactQueryBuffers {
  private readonly stamps: Int32Array;
  private readonly values: Float64Array;
  private readonly found: Int32Array;
  private readonly sorted: Int32Array;
  private stamp = 0;
  private foundCount = 0;

  /**
   * @param size - how many buyers the index holds
   */
  constructor(size: number) {
    this.stamps = new Int32Array(size);
    this.values = new Float64Array(size);
    this.found = new Int32Array(size);
    this.sorted = new Int32Array(size);
  }

  /** Starts a company: no buyer is named. */
  begin(): void {
    this.stamp += 1;
    this.foundCount = 0;
  }

  /** Whether the buyer was already named for this company. */
  has(position: number): boolean {
    return this.stamps[position] === this.stamp;
  }

  /** Names a buyer with its exact score (once per company). */
  set(position: number, value: number): void {
    if (this.stamps[position] === this.stamp) return;
    this.stamps[position] = this.stamp;
    this.values[position] = value;
    this.found[this.foundCount] = position;
    this.foundCount += 1;
  }

  /**
   * The query: candidates are the named buyers scoring above `floor`, best first (ties by
   * position), then the buyers of `rest` not named (known to score `other`), all named at the
   * first `expand`.
   *
   * @param floor - the score of every buyer not named and not in `unknown` (NaN: all such are unknown)
   * @param unknown - buyers whose score is unknown (not candidates)
   * @param other - the score of a buyer not named: `floor`, 0 for one of `rest`, NaN for an unknown one
   * @param rest - buyers to add as candidates after the named ones
   * @returns the query
   */
  query(floor: number, unknown: Int32Array, other: (position: number) => number, rest?: Int32Array): SparseQuery {
    const { stamps, values, sorted } = this;
    const stamp = this.stamp;
    const all = floor !== floor;
    let count = 0;
    for (let at = 0; at < this.foundCount; at += 1) {
      const position = this.found[at]!;
      if (all || values[position]! > floor) {
        sorted[count] = position;
        count += 1;
      }
    }
    sorted.subarray(0, count).sort((a, b) => values[b]! - values[a]! || a - b);
    if (rest !== undefined) {
      for (const position of rest) {
        if (stamps[position] === stamp) continue;
        sorted[count] = position;
        count += 1;
      }
    }
    const candidates = sorted.subarray(0, count);
    let named = 0;
    const score = (position: number): number => (stamps[position] === stamp ? values[position]! : other(position));
    return {
      floor,
      candidates,
      get candidateCount() {
        return named;
      },
      // Every candidate is named at once (they are few and scored already): the query is complete.
      complete: true,
      expand() {
        named = count;
        return named;
      },
      unknown,
      bound: score,
      score,
    };
  }
}
