/**
 * The one adapter around fuse.js. fuse.js scores run 0 = perfect to 1 = mismatch and ignore how much
 * longer the found word is than the query (a substring is a perfect match); this file converts once
 * into a similarity in [0, 1] where 1 is the same word, discounted by the length ratio.
 */
import Fuse from "fuse.js";

/** How words are corrected against a vocabulary. */
export interface TypoParams {
  /** Words shorter than this are never corrected (short words collide too easily). */
  readonly minLength: number;
  /** The least similarity (1 − fuse score, times the length ratio) that counts as the same word. */
  readonly minSimilarity: number;
}

/** Defaults: correct words of 4+ letters when they are at least 0.7 similar. */
export const defaultTypoParams: TypoParams = { minLength: 4, minSimilarity: 0.7 };

/** A correction: the vocabulary word a misspelt word stands for, and how similar they are. */
export interface Correction {
  readonly word: string;
  readonly similarity: number;
}

/** Corrects words against a fixed vocabulary. */
export interface TypoCorrector {
  /** The closest vocabulary word, or `undefined` when none is similar enough. */
  correct(word: string): Correction | undefined;
}

/**
 * Builds a typo corrector over `vocabulary` (unique words). Deterministic: among equally similar
 * candidates the smallest word (plain `<`) wins.
 *
 * @param vocabulary - the words of the market (buyers' needs)
 * @param params - minimum length and similarity
 * @returns a corrector that memoises its answers
 * @example
 * const corrector = createTypoCorrector(["hydraulic", "cylinder"]);
 * corrector.correct("hydrualic"); // { word: "hydraulic", similarity: ≈0.78 }
 */
export function createTypoCorrector(vocabulary: readonly string[], params: TypoParams = defaultTypoParams): TypoCorrector {
  const candidates = vocabulary.filter((word) => [...word].length >= params.minLength);
  const fuse = new Fuse(candidates, { includeScore: true, ignoreLocation: true, threshold: 1 - params.minSimilarity, isCaseSensitive: true, shouldSort: false });
  const memo = new Map<string, Correction | undefined>();
  return {
    correct(word) {
      if (memo.has(word)) return memo.get(word);
      let best: Correction | undefined;
      if ([...word].length >= params.minLength) {
        for (const result of fuse.search(word)) {
          const similarity = (1 - (result.score ?? 1)) * lengthRatio(word, result.item);
          if (similarity < params.minSimilarity) continue;
          if (best === undefined || similarity > best.similarity || (similarity === best.similarity && result.item < best.word)) {
            best = { word: result.item, similarity };
          }
        }
      }
      memo.set(word, best);
      return best;
    },
  };
}

function lengthRatio(a: string, b: string): number {
  const lengthA = [...a].length;
  const lengthB = [...b].length;
  return Math.min(lengthA, lengthB) / Math.max(lengthA, lengthB);
}

/**
 * How similar two words are, in [0, 1]: fuse.js's score (1 − score) discounted by the length ratio,
 * as the typo corrector measures it. 1 for the same word.
 *
 * @param a - a word
 * @param b - another word
 * @returns the similarity (0 when fuse.js finds no match at all)
 * @example
 * wordSimilarity("hyundai", "hyundia"); // ≈ 0.7
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const [result] = new Fuse([b], { includeScore: true, ignoreLocation: true, threshold: 0.6, isCaseSensitive: true }).search(a);
  return result === undefined ? 0 : (1 - (result.score ?? 1)) * lengthRatio(a, b);
}
