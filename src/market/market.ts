/**
 * The market: the vocabulary of what buyers want, with the inverse document frequency of each word
 * over all needs, and a typo corrector over that vocabulary. Companies and buyers are compiled
 * against a market once (words to integer ids, sorted), so scoring compares integer arrays.
 */
import { createTypoCorrector, defaultTypoParams, type TypoCorrector, type TypoParams } from "../normalize/fuzzy.js";
import type { NormalizedBuyer, NormalizedCompany, NormalizedItem } from "../normalize/records.js";

/** A compiled market: the buyers' vocabulary, word weights and typo corrector (the engine builds it; criteria read it). */
export interface Market {
  /** Word → id; ids follow the sorted order of the words. */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** Id → word. */
  readonly words: readonly string[];
  /** Id → inverse document frequency over the needs. */
  readonly idf: Float64Array;
  /** How many needs the market holds. */
  readonly needCount: number;
  readonly corrector: TypoCorrector;
}

/** A need compiled against a market. */
export interface CompiledNeed {
  readonly item: NormalizedItem;
  /** Word ids, ascending. */
  readonly wordIds: Int32Array;
  /** Σ idf of the need's words, summed in id order. */
  readonly idfTotal: number;
}

/** A product compiled against a market: its words mapped into the vocabulary, typos corrected. */
export interface CompiledProduct {
  readonly item: NormalizedItem;
  /** Vocabulary ids of its words (corrected where misspelt), ascending, unique. */
  readonly wordIds: Int32Array;
  /** The words that were corrected, for explanations. */
  readonly corrections: readonly { readonly from: string; readonly to: string; readonly similarity: number }[];
}

/** A company ready to be scored in a market. */
export interface CompiledCompany {
  readonly record: NormalizedCompany;
  readonly products: readonly CompiledProduct[];
}

/** A buyer ready to be scored in a market. */
export interface CompiledBuyer {
  readonly record: NormalizedBuyer;
  readonly needs: readonly CompiledNeed[];
}

/**
 * Inverse document frequency, smoothed so it is positive and finite for every word:
 * idf(w) = ln(1 + (N + 1) / (df(w) + 1)), with N needs in the market and df(w) of them using w.
 *
 * @example
 * inverseDocumentFrequency(100, 1); // ln(1 + 101/2) ≈ 3.94
 */
export function inverseDocumentFrequency(needCount: number, documentFrequency: number): number {
  return Math.log(1 + (needCount + 1) / (documentFrequency + 1));
}

/**
 * Builds the market from buyers' needs: vocabulary, idf and typo corrector. The result does not
 * depend on the order of buyers or needs.
 *
 * @param buyers - normalised buyers
 * @param typo - typo-correction parameters
 * @example
 * const market = buildMarket(buyers.map((buyer) => buyer.record));
 */
export function buildMarket(buyers: readonly NormalizedBuyer[], typo: TypoParams = defaultTypoParams): Market {
  // Records share their normalised items, so needs are counted per item object first and words per
  // distinct item after: one lookup by identity a need instead of one by string a word.
  const perItem = new Map<NormalizedItem, number>();
  let needCount = 0;
  for (const buyer of buyers) {
    for (const need of buyer.needs) {
      needCount += 1;
      perItem.set(need, (perItem.get(need) ?? 0) + 1);
    }
  }
  const documentFrequency = new Map<string, number>();
  for (const [item, count] of perItem) for (const word of item.words) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + count);
  const words = [...documentFrequency.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const vocabulary = new Map<string, number>();
  const idf = new Float64Array(words.length);
  words.forEach((word, id) => {
    vocabulary.set(word, id);
    idf[id] = inverseDocumentFrequency(needCount, documentFrequency.get(word)!);
  });
  return { vocabulary, words, idf, needCount, corrector: createTypoCorrector(words, typo) };
}

/**
 * Compiles a buyer's needs against a market. Words outside the market vocabulary (possible when
 * the buyer was not part of the market) are dropped from matching but still counted in idfTotal
 * with the idf of an unseen word, so a need is never easier to cover than it reads.
 *
 * @example
 * const compiled = compileBuyer(record, market);
 */
export function compileBuyer(record: NormalizedBuyer, market: Market): CompiledBuyer {
  const needs = record.needs.map((item): CompiledNeed => {
    const ids: number[] = [];
    let unseen = 0;
    for (const word of item.words) {
      const id = market.vocabulary.get(word);
      if (id === undefined) unseen += 1;
      else ids.push(id);
    }
    const wordIds = Int32Array.from(ids).sort();
    let idfTotal = 0;
    for (const id of wordIds) idfTotal += market.idf[id]!;
    for (let index = 0; index < unseen; index += 1) idfTotal += inverseDocumentFrequency(market.needCount, 0);
    return { item, wordIds, idfTotal };
  });
  return { record, needs };
}

/**
 * Compiles a company's products against a market: each word is looked up in the vocabulary, and a
 * word that is not there is corrected to the closest vocabulary word when one is similar enough.
 *
 * @example
 * const compiled = compileCompany(record, market);
 */
export function compileCompany(record: NormalizedCompany, market: Market): CompiledCompany {
  const products = record.products.map((item): CompiledProduct => {
    const ids = new Set<number>();
    const corrections: { from: string; to: string; similarity: number }[] = [];
    for (const word of item.words) {
      const id = market.vocabulary.get(word);
      if (id !== undefined) {
        ids.add(id);
        continue;
      }
      const correction = market.corrector.correct(word);
      if (correction === undefined) continue;
      ids.add(market.vocabulary.get(correction.word)!);
      corrections.push({ from: word, to: correction.word, similarity: correction.similarity });
    }
    return { item, wordIds: Int32Array.from(ids).sort(), corrections };
  });
  return { record, products };
}
