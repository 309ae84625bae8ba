/**
 * The product criterion's inverted index, for the engine. A need can only score above 0 against a
 * company if one of the company's products shares its HS or NAICS two-digit prefix (code coverage
 * needs one shared level) or one of its words (text similarity needs one shared word). So the
 * needs reachable through the company's codes and words are the only ones to look at; every other
 * buyer that lists needs scores exactly 0, a buyer without needs is unknown.
 *
 * Layout (all built once; needs with the same codes, words and idf total are stored once):
 * - needs of each buyer, in the buyer's order: `buyerNeedStart` / `buyerNeeds` (CSR)
 * - buyers of each need: `needBuyerStart` / `needBuyers`
 * - needs by HS chapter and NAICS sector (maps of Int32Array), needs by word id (CSR)
 *
 * Bounds: a need reached through a code is bounded by 1; one reached through words only by
 * Σ idf of the shared words / the need's idf total (the best single product shares no more words
 * than all products together). A buyer's bound is the mean of its needs' bounds.
 */
import type { CompiledBuyer, CompiledCompany, CompiledNeed, CompiledProduct, Market } from "../score/market.js";
import type { ScoringContext, SparseIndex, SparseQuery } from "./types.js";

/** The per-need score the criterion averages (passed in so that both use the very same function). */
export type NeedScorer = (products: readonly CompiledProduct[], need: CompiledNeed, market: Market) => number;

const EMPTY = new Int32Array(0);

function csr(lists: readonly (readonly number[])[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  for (let index = 0; index < lists.length; index += 1) start[index + 1] = start[index]! + lists[index]!.length;
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((list, index) => items.set(list, start[index]!));
  return { start, items };
}

function pushTo(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function frozen(map: Map<string, number[]>): Map<string, Int32Array> {
  return new Map([...map].map(([key, list]) => [key, Int32Array.from(list)]));
}

/**
 * Builds the product index over `buyers` (positions in this list are the buyer numbers).
 *
 * @param buyers - compiled buyers, in engine order
 * @param context - the market and settings
 * @param needScore - the criterion's per-need score
 * @returns an index answering one company at a time
 * @example
 * const index = buildProductIndex(buyers, context, needScore);
 * const query = index.query(company);
 */
export function buildProductIndex(buyers: readonly CompiledBuyer[], context: ScoringContext, needScore: NeedScorer): SparseIndex {
  const market = context.market;
  const needIds = new Map<string, number>();
  const needs: CompiledNeed[] = [];
  const buyerNeedLists: number[][] = [];
  const needBuyerLists: number[][] = [];
  const withoutNeeds: number[] = [];
  buyers.forEach((buyer, buyerIndex) => {
    const list: number[] = [];
    for (const need of buyer.needs) {
      const key = `${need.item.hs ?? ""}|${need.item.naics ?? ""}|${need.idfTotal}|${need.wordIds.join(",")}`;
      let id = needIds.get(key);
      if (id === undefined) {
        id = needs.length;
        needIds.set(key, id);
        needs.push(need);
        needBuyerLists.push([]);
      }
      list.push(id);
      const owners = needBuyerLists[id]!;
      if (owners[owners.length - 1] !== buyerIndex) owners.push(buyerIndex);
    }
    if (list.length === 0) withoutNeeds.push(buyerIndex);
    buyerNeedLists.push(list);
  });
  const { start: buyerNeedStart, items: buyerNeeds } = csr(buyerNeedLists);
  const { start: needBuyerStart, items: needBuyers } = csr(needBuyerLists);
  const byChapter = new Map<string, number[]>();
  const bySector = new Map<string, number[]>();
  const byWord: number[][] = Array.from({ length: market.words.length }, () => []);
  needs.forEach((need, id) => {
    if (need.item.hs !== undefined) pushTo(byChapter, need.item.hs.slice(0, 2), id);
    if (need.item.naics !== undefined) pushTo(bySector, need.item.naics.slice(0, 2), id);
    for (const word of need.wordIds) byWord[word]!.push(id);
  });
  const chapterNeeds = frozen(byChapter);
  const sectorNeeds = frozen(bySector);
  const { start: wordStart, items: wordNeeds } = csr(byWord);
  const idfTotal = Float64Array.from(needs, (need) => need.idfTotal);
  const unknown = Int32Array.from(withoutNeeds);

  // Query buffers, reused for every company: stamps avoid clearing arrays between companies.
  const needCount = needs.length;
  const needStamp = new Int32Array(needCount);
  const needBound = new Float64Array(needCount);
  const needByCode = new Uint8Array(needCount);
  const exactStamp = new Int32Array(needCount);
  const needExact = new Float64Array(needCount);
  const touched = new Int32Array(needCount);
  const buyerStamp = new Int32Array(buyers.length);
  const buyerBound = new Float64Array(buyers.length);
  const candidates = new Int32Array(buyers.length);
  const wordStamp = new Int32Array(market.words.length);
  let stamp = 0;
  let current: CompiledCompany | undefined;

  const query: SparseQuery & { floor: number; candidateCount: number; unknown: Int32Array } = {
    floor: Number.NaN,
    candidates,
    candidateCount: 0,
    unknown,
    bound(buyer) {
      if (current === undefined || current.products.length === 0) return Number.NaN;
      if (buyerStamp[buyer] === stamp) return buyerBound[buyer]!;
      return buyerNeedStart[buyer + 1] === buyerNeedStart[buyer] ? Number.NaN : 0;
    },
    score(buyer) {
      const company = current;
      if (company === undefined || company.products.length === 0) return Number.NaN;
      const first = buyerNeedStart[buyer]!;
      const end = buyerNeedStart[buyer + 1]!;
      if (first === end) return Number.NaN;
      // Same sum, same order as the criterion's `score`: a need no product reaches adds exactly 0.
      let sum = 0;
      for (let slot = first; slot < end; slot += 1) {
        const need = buyerNeeds[slot]!;
        if (needStamp[need] !== stamp) continue;
        if (exactStamp[need] !== stamp) {
          exactStamp[need] = stamp;
          needExact[need] = needScore(company.products, needs[need]!, market);
        }
        sum += needExact[need]!;
      }
      return sum / (end - first);
    },
  };

  function touch(need: number, count: number): number {
    if (needStamp[need] === stamp) return count;
    needStamp[need] = stamp;
    needBound[need] = 0;
    needByCode[need] = 0;
    touched[count] = need;
    return count + 1;
  }

  return {
    query(company) {
      stamp += 1;
      current = company;
      query.candidateCount = 0;
      if (company.products.length === 0) {
        query.floor = Number.NaN;
        query.unknown = EMPTY;
        return query;
      }
      query.floor = 0;
      query.unknown = unknown;
      let touchedCount = 0;
      for (const product of company.products) {
        const codeLists = [product.item.hs === undefined ? undefined : chapterNeeds.get(product.item.hs.slice(0, 2)), product.item.naics === undefined ? undefined : sectorNeeds.get(product.item.naics.slice(0, 2))];
        for (const list of codeLists) {
          if (list === undefined) continue;
          for (const need of list) {
            touchedCount = touch(need, touchedCount);
            needByCode[need] = 1;
          }
        }
        for (const word of product.wordIds) {
          if (wordStamp[word] === stamp) continue;
          wordStamp[word] = stamp;
          const weight = market.idf[word]!;
          for (let slot = wordStart[word]!; slot < wordStart[word + 1]!; slot += 1) {
            const need = wordNeeds[slot]!;
            touchedCount = touch(need, touchedCount);
            needBound[need] = needBound[need]! + weight;
          }
        }
      }
      let candidateCount = 0;
      for (let position = 0; position < touchedCount; position += 1) {
        const need = touched[position]!;
        const text = idfTotal[need] === 0 ? 0 : needBound[need]! / idfTotal[need]!;
        needBound[need] = needByCode[need] === 1 || text > 1 ? 1 : text;
        for (let slot = needBuyerStart[need]!; slot < needBuyerStart[need + 1]!; slot += 1) {
          const buyer = needBuyers[slot]!;
          if (buyerStamp[buyer] === stamp) continue;
          buyerStamp[buyer] = stamp;
          candidates[candidateCount] = buyer;
          candidateCount += 1;
        }
      }
      for (let position = 0; position < candidateCount; position += 1) {
        const buyer = candidates[position]!;
        const first = buyerNeedStart[buyer]!;
        const end = buyerNeedStart[buyer + 1]!;
        let sum = 0;
        for (let slot = first; slot < end; slot += 1) {
          const need = buyerNeeds[slot]!;
          if (needStamp[need] === stamp) sum += needBound[need]!;
        }
        buyerBound[buyer] = sum / (end - first);
      }
      query.candidateCount = candidateCount;
      return query;
    },
  };
}
