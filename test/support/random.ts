/**
 * mulberry32: a tiny seeded PRNG shared by the tests and the benchmarks, so generated data never
 * drifts between runs. Returns floats in [0, 1).
 *
 * @example
 * const random = mulberry32(42);
 * random(); // the same number on every run
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
