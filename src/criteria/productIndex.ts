/**
 * The product criterion's inverted index, for the engine. A need can only score above 0 against a
 * company if one of the company's products shares its HS or NAICS two-digit prefix (code coverage
 * needs one shared level; a bridged HS code counts in NAICS through the industries it maps to) or
 * one of its words (text similarity needs one shared word). So the
 * needs reachable through the company's codes and words are the only ones to look at; every other
 * buyer that lists needs scores exactly 0, and a buyer without needs is unknown.
 *
 * Layout (built once; needs with the same codes, words and idf total are stored once):
 * - needs of each buyer, in the buyer's order (CSR), and buyers of each need (CSR);
 * - the distinct codes of each system, grouped by two-digit prefix, each with its needs (CSR);
 * - needs by word id (CSR).
 *
 * Bounds, per company: a code's bound is the best code match of it by a product's code (computed
 * once per distinct code, not per need); a need's text bound is Σ idf of the words it shares with
 * any product / its idf total (the best single product shares no more than all together). A need
 * is bounded by the larger (the criterion's evidence value never exceeds max(code, text)), a buyer
 * by the mean over its needs, so a buyer whose needs are all
 * bounded by c scores at most c.
 *
 * Naming, per company: at a cutoff c at or above a level L (0.3, then 0.12), every need bounded
 * above L adds its excess over L to each of its buyers (term at a time), which gives every buyer a
 * loose bound L + Σ (bound − L) / its need count without reading its list; `expand(c)` names the
 * buyers whose loose bound exceeds c, and `quickBound` is that loose bound. Below the last level,
 * `expand(c)` follows the codes and needs bounded above c and names all their buyers.
 */
import { codeMatch, type CodeSystem } from "../normalize/codes.js";
import type { CompiledBuyer, CompiledCompany, CompiledNeed, CompiledProduct, Market } from "../market/market.js";
import type { NormalizedItem } from "../normalize/records.js";
import type { SavedIndex, ScoringContext, SparseIndex, SparseQuery } from "./types.js";

/** The per-need score the criterion averages (passed in so that both use the very same function). */
export type NeedScorer = (products: readonly CompiledProduct[], need: CompiledNeed, market: Market) => number;

/**
 * The most a need can score given a bound on its code evidence and one on its text evidence (from the
 * criterion, so the bound follows its evidence rule).
 */
export type EvidenceBound = (code: number, text: number) => number;

const EMPTY = new Int32Array(0);
const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_FLOATS = new Float64Array(0);

/**
 * The levels of the loose bounds, highest first. At level L a need bounded at most L is light: a
 * buyer's loose bound counts it at L without visiting it. A company starts at the first level; a
 * cutoff below it moves to the highest level at or below the cutoff (the lower, the more needs are
 * visited); below the last, buyers are named by any need above the cutoff. The last level is just
 * above a same-chapter HS match (1/9), so that the many needs a product reaches through its chapter
 * alone are never visited; the first is where the realistic market's cutoffs mostly lie above.
 */
const LEVELS: readonly number[] = [0.3, 0.12];
/** Buckets of the loose bounds' histogram (for `cutoffNaming` and `expand`); the last holds 1. */
const HISTOGRAM = 1024;

function bucketOf(value: number): number {
  return value >= 1 ? HISTOGRAM : value <= 0 ? 0 : Math.floor(value * HISTOGRAM);
}

function csr(lists: readonly (readonly number[])[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  for (let index = 0; index < lists.length; index += 1) start[index + 1] = start[index]! + lists[index]!.length;
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((list, index) => items.set(list, start[index]!));
  return { start, items };
}

/** The distinct codes of one system among the needs, by two-digit prefix, with their needs. */
interface CodeTable {
  readonly system: CodeSystem;
  /** "own": needs under their own code; "bridged": needs under the NAICS industries their HS code bridges to. */
  readonly kind: "own" | "bridged";
  /** Need → the factor its matches through this table count with (the bridge's weight; 1 for own codes). */
  readonly factor: Float64Array;
  readonly codes: readonly string[];
  /** Two-digit prefix → code ids. */
  readonly byPrefix: ReadonlyMap<string, readonly number[]>;
  /** Need → its code ids (CSR): a need's own code and, in NAICS, the industries its HS code bridges to. */
  readonly codeStart: Int32Array;
  readonly codeIds: Int32Array;
  readonly needStart: Int32Array;
  readonly needs: Int32Array;
}

/** The codes a need is indexed under in a table. */
function indexedCodes(system: CodeSystem, kind: "own" | "bridged", need: CompiledNeed): readonly string[] {
  if (kind === "bridged") return need.item.bridge?.naics ?? [];
  const code = system === "hs" ? need.item.hs : need.item.naics;
  return code === undefined ? [] : [code];
}

function codeTable(system: CodeSystem, kind: "own" | "bridged", needs: readonly CompiledNeed[]): CodeTable {
  const ids = new Map<string, number>();
  const codes: string[] = [];
  const lists: number[][] = [];
  const byPrefix = new Map<string, number[]>();
  const perNeed: number[][] = [];
  const factor = new Float64Array(needs.length).fill(1);
  needs.forEach((need, needId) => {
    const own: number[] = [];
    if (kind === "bridged" && need.item.bridge !== undefined) factor[needId] = need.item.bridge.weight;
    for (const code of indexedCodes(system, kind, need)) {
      let id = ids.get(code);
      if (id === undefined) {
        id = codes.length;
        ids.set(code, id);
        codes.push(code);
        lists.push([]);
        const prefix = code.slice(0, 2);
        const group = byPrefix.get(prefix);
        if (group === undefined) byPrefix.set(prefix, [id]);
        else group.push(id);
      }
      own.push(id);
      lists[id]!.push(needId);
    }
    perNeed.push(own);
  });
  const { start, items } = csr(lists);
  const { start: codeStart, items: codeIds } = csr(perNeed);
  return { system, kind, factor, codes, byPrefix, codeStart, codeIds, needStart: start, needs: items };
}

/**
 * Builds the product index over `buyers` (positions in this list are the buyer numbers).
 *
 * @param buyers - compiled buyers, in engine order
 * @param context - the market and settings
 * @param needScore - the criterion's per-need score
 * @param evidenceBound - the criterion's bound of a need's value from code and text bounds
 * @returns an index answering one company at a time
 * @example
 * const index = buildProductIndex(buyers, context, needScore, evidenceBound);
 * const query = index.query(company);
 */
export function buildProductIndex(buyers: readonly CompiledBuyer[], context: ScoringContext, needScore: NeedScorer, evidenceBound: EvidenceBound): SparseIndex {
  return productQueries(needLayout(buyers, context.market.words.length), context.market, needScore, evidenceBound);
}

const TABLE_KINDS = [
  ["hs", "own"],
  ["naics", "own"],
  ["naics", "bridged"],
] as const;

/** The layout as plain arrays, for a snapshot (see {@link restoreProductIndex}). */
function saveLayout(layout: NeedLayout): SavedIndex {
  const needWords = csr(layout.needs.map((need) => Array.from(need.wordIds)));
  const ints: Int32Array[] = [layout.buyerNeedStart, layout.buyerNeeds, layout.needBuyerStart, layout.needBuyers, layout.wordStart, layout.wordNeeds, layout.unknown, needWords.start, needWords.items];
  const floats: Float64Array[] = [Float64Array.from(layout.needs, (need) => need.idfTotal)];
  const texts: (readonly string[])[] = [];
  for (const table of layout.tables) {
    ints.push(table.codeStart, table.codeIds, table.needStart, table.needs);
    floats.push(table.factor);
    texts.push(table.codes);
  }
  const items = layout.needs.map(({ item }) => [item.name, item.hs ?? null, item.hsLine ?? null, item.hsNomenclature ?? null, item.naics ?? null, item.words, item.scripts]);
  return { ints, floats, texts, json: { buyerCount: layout.buyerCount, items } };
}

function damaged(what: string): never {
  throw new Error(`the product index is damaged (${what})`);
}

function checkRows(start: Int32Array, rows: number, items: Int32Array, limit: number, what: string): void {
  if (start.length !== rows + 1 || start[0] !== 0 || start[rows] !== items.length) damaged(what);
  for (let row = 0; row < rows; row += 1) if (start[row + 1]! < start[row]!) damaged(what);
  for (let index = 0; index < items.length; index += 1) if (!(items[index]! >= 0 && items[index]! < limit)) damaged(what);
}

function optionalText(value: unknown, what: string): string | undefined {
  if (value === null) return undefined;
  if (typeof value !== "string") damaged(what);
  return value;
}

/** A need's item from its saved form, its bridge derived again from its HS code. */
function restoreItem(saved: unknown, bridgeOf: (hs: string) => NormalizedItem["bridge"]): NormalizedItem {
  if (!Array.isArray(saved) || saved.length !== 7) damaged("a need");
  const [name, hs, hsLine, hsNomenclature, naics, words, scripts] = saved as unknown[];
  if (typeof name !== "string" || !Array.isArray(words) || !words.every((word) => typeof word === "string") || typeof scripts !== "number" || !Number.isInteger(scripts)) damaged("a need");
  const code = optionalText(hs, "a need's code");
  return {
    name,
    hs: code,
    hsLine: optionalText(hsLine, "a need's line"),
    hsNomenclature: optionalText(hsNomenclature, "a need's nomenclature"),
    naics: optionalText(naics, "a need's code"),
    bridge: code === undefined ? undefined : bridgeOf(code),
    words: words as string[],
    scripts,
  };
}

/**
 * Restores an index saved by its `save()`, checking every list against the others (a damaged list
 * throws, never indexes out of bounds).
 *
 * @param saved - what `save()` returned (read back from a snapshot)
 * @param buyerCount - how many buyers the index must cover
 * @param context - the market and settings the index was built in
 * @param needScore - the criterion's per-need score
 * @param evidenceBound - the criterion's bound
 * @param bridgeOf - the HS–NAICS bridge of an HS code
 * @returns the index
 * @example
 * const index = restoreProductIndex(built.save!(), buyers.length, context, needScore, evidenceBound, hsBridge);
 */
export function restoreProductIndex(
  saved: SavedIndex,
  buyerCount: number,
  context: ScoringContext,
  needScore: NeedScorer,
  evidenceBound: EvidenceBound,
  bridgeOf: (hs: string) => NormalizedItem["bridge"],
): SparseIndex {
  const { ints, floats, texts, json } = saved;
  if (ints.length !== 9 + 4 * TABLE_KINDS.length || floats.length !== 1 + TABLE_KINDS.length || texts.length !== TABLE_KINDS.length) damaged("its lists");
  if (typeof json !== "object" || json === null) damaged("its header");
  const { buyerCount: savedCount, items } = json as { buyerCount?: unknown; items?: unknown };
  if (savedCount !== buyerCount || !Array.isArray(items)) damaged("its header");
  const [buyerNeedStart, buyerNeeds, needBuyerStart, needBuyers, wordStart, wordNeeds, unknown, needWordStart, needWords] = ints as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const needCount = items.length;
  const wordCount = context.market.words.length;
  const idfTotals = floats[0]!;
  if (idfTotals.length !== needCount) damaged("the needs' word weights");
  checkRows(buyerNeedStart, buyerCount, buyerNeeds, needCount, "the buyers' needs");
  checkRows(needBuyerStart, needCount, needBuyers, buyerCount, "the needs' buyers");
  // Each need's buyers strictly ascending, as built (the repeat counts search them).
  for (let need = 0; need < needCount; need += 1) {
    for (let slot = needBuyerStart[need]! + 1; slot < needBuyerStart[need + 1]!; slot += 1) if (!(needBuyers[slot - 1]! < needBuyers[slot]!)) damaged("the needs' buyers");
  }
  checkRows(wordStart, wordCount, wordNeeds, needCount, "the words' needs");
  checkRows(needWordStart, needCount, needWords, wordCount, "the needs' words");
  for (let index = 0; index < unknown.length; index += 1) if (!(unknown[index]! >= 0 && unknown[index]! < buyerCount)) damaged("the buyers without needs");
  const needs: CompiledNeed[] = items.map((item, id) => ({
    item: restoreItem(item, bridgeOf),
    wordIds: needWords.subarray(needWordStart[id]!, needWordStart[id + 1]!),
    idfTotal: idfTotals[id]!,
  }));
  const tables = TABLE_KINDS.map(([system, kind], slot): CodeTable => {
    const [codeStart, codeIds, needStart, tableNeeds] = ints.slice(9 + 4 * slot, 13 + 4 * slot) as [Int32Array, Int32Array, Int32Array, Int32Array];
    const codes = texts[slot]!;
    const factor = floats[1 + slot]!;
    if (factor.length !== needCount) damaged("a code table's factors");
    checkRows(codeStart, needCount, codeIds, codes.length, "a code table's needs");
    checkRows(needStart, codes.length, tableNeeds, needCount, "a code table's codes");
    const byPrefix = new Map<string, number[]>();
    codes.forEach((code, id) => {
      const prefix = code.slice(0, 2);
      const group = byPrefix.get(prefix);
      if (group === undefined) byPrefix.set(prefix, [id]);
      else group.push(id);
    });
    return { system, kind, factor, codes, byPrefix, codeStart, codeIds, needStart, needs: tableNeeds };
  });
  const layout: NeedLayout = { needs, buyerCount, buyerNeedStart, buyerNeeds, needBuyerStart, needBuyers, tables, wordStart, wordNeeds, unknown };
  return productQueries(layout, context.market, needScore, evidenceBound);
}

/** The index's arrays (built in their own scope, so that no query closure keeps the build's lists alive). */
interface NeedLayout {
  readonly needs: readonly CompiledNeed[];
  readonly buyerCount: number;
  readonly buyerNeedStart: Int32Array;
  readonly buyerNeeds: Int32Array;
  readonly needBuyerStart: Int32Array;
  readonly needBuyers: Int32Array;
  readonly tables: readonly CodeTable[];
  readonly wordStart: Int32Array;
  readonly wordNeeds: Int32Array;
  readonly unknown: Int32Array;
}

function needLayout(buyers: readonly CompiledBuyer[], wordCount: number): NeedLayout {
  const needIds = new Map<string, number>();
  // Buyers share compiled needs and lists of them (the index compiles each distinct list once):
  // most are found by identity.
  const idOfNeed = new Map<CompiledNeed, number>();
  const idsOfList = new Map<readonly CompiledNeed[], Int32Array>();
  const needs: CompiledNeed[] = [];
  const withoutNeeds: number[] = [];
  const idOf = (need: CompiledNeed): number => {
    let id = idOfNeed.get(need);
    if (id === undefined) {
      // Everything the need's score reads: codes (the bridge follows from the HS code), scripts, words.
      const key = `${need.item.hs ?? ""}|${need.item.hsNomenclature ?? ""}:${need.item.hsLine ?? ""}|${need.item.naics ?? ""}|${need.item.scripts}|${need.idfTotal}|${need.wordIds.join(",")}`;
      id = needIds.get(key);
      if (id === undefined) {
        id = needs.length;
        needIds.set(key, id);
        needs.push(need);
      }
      idOfNeed.set(need, id);
    }
    return id;
  };
  // Pass 1: each buyer's need ids (CSR), and how many buyers hold each need.
  const listOf = new Array<Int32Array>(buyers.length);
  const buyerNeedStart = new Int32Array(buyers.length + 1);
  let owners = new Int32Array(64);
  let lastOwner = new Int32Array(64).fill(-1);
  for (let buyerIndex = 0; buyerIndex < buyers.length; buyerIndex += 1) {
    const compiledNeeds = buyers[buyerIndex]!.needs;
    let list = idsOfList.get(compiledNeeds);
    if (list === undefined) {
      list = new Int32Array(compiledNeeds.length);
      for (let index = 0; index < list.length; index += 1) list[index] = idOf(compiledNeeds[index]!);
      idsOfList.set(compiledNeeds, list);
    }
    if (needs.length > owners.length) {
      const grown = new Int32Array(Math.max(needs.length, owners.length * 2));
      grown.set(owners);
      owners = grown;
      const last = new Int32Array(grown.length).fill(-1);
      last.set(lastOwner);
      lastOwner = last;
    }
    listOf[buyerIndex] = list;
    buyerNeedStart[buyerIndex + 1] = buyerNeedStart[buyerIndex]! + list.length;
    if (list.length === 0) withoutNeeds.push(buyerIndex);
    for (const id of list) {
      if (lastOwner[id] === buyerIndex) continue;
      lastOwner[id] = buyerIndex;
      owners[id] = owners[id]! + 1;
    }
  }
  // Pass 2: the lists themselves; each need's buyers in ascending order.
  const buyerNeeds = new Int32Array(buyerNeedStart[buyers.length]!);
  const needBuyerStart = new Int32Array(needs.length + 1);
  for (let id = 0; id < needs.length; id += 1) needBuyerStart[id + 1] = needBuyerStart[id]! + owners[id]!;
  const needBuyers = new Int32Array(needBuyerStart[needs.length]!);
  const fill = needBuyerStart.slice(0, needs.length);
  lastOwner.fill(-1);
  for (let buyerIndex = 0; buyerIndex < buyers.length; buyerIndex += 1) {
    const list = listOf[buyerIndex]!;
    buyerNeeds.set(list, buyerNeedStart[buyerIndex]!);
    for (const id of list) {
      if (lastOwner[id] === buyerIndex) continue;
      lastOwner[id] = buyerIndex;
      needBuyers[fill[id]!++] = buyerIndex;
    }
  }
  const byWord: number[][] = Array.from({ length: wordCount }, () => []);
  needs.forEach((need, id) => {
    for (const word of need.wordIds) byWord[word]!.push(id);
  });
  const { start: wordStart, items: wordNeeds } = csr(byWord);
  return {
    needs,
    buyerCount: buyers.length,
    buyerNeedStart,
    buyerNeeds,
    needBuyerStart,
    needBuyers,
    tables: [codeTable("hs", "own", needs), codeTable("naics", "own", needs), codeTable("naics", "bridged", needs)],
    wordStart,
    wordNeeds,
    unknown: Int32Array.from(withoutNeeds),
  };
}

function productQueries(layout: NeedLayout, market: Market, needScore: NeedScorer, evidenceBound: EvidenceBound): SparseIndex {
  const save = (): SavedIndex => saveLayout(layout);
  const { needs, buyerNeedStart, buyerNeeds, needBuyerStart, needBuyers, tables, wordStart, wordNeeds, unknown } = layout;
  const idfTotal = Float64Array.from(needs, (need) => need.idfTotal);

  // Query buffers, reused for every company: stamps avoid clearing arrays between companies.
  const needCount = needs.length;
  const textStamp = new Int32Array(needCount);
  const textBound = new Float64Array(needCount);
  const textTouched = new Int32Array(needCount);
  let textCount = 0;
  const expandedStamp = new Int32Array(needCount);
  const exactStamp = new Int32Array(needCount);
  const needExact = new Float64Array(needCount);
  const codeState = tables.map((table) => ({
    stamp: new Int32Array(table.codes.length),
    bound: new Float64Array(table.codes.length),
    touched: new Int32Array(table.codes.length),
    count: 0,
  }));
  const buyerStamp = new Int32Array(layout.buyerCount);
  const candidates = new Int32Array(layout.buyerCount);
  const wordStamp = new Int32Array(market.words.length);
  let stamp = 0;
  let current: CompiledCompany | undefined;

  // A need's bound for the current company, kept once computed (needs are shared by many buyers):
  // NaN until then; the needs computed are listed, to be set back to NaN for the next company.
  const boundValue = new Float64Array(needCount).fill(Number.NaN);
  const boundComputed = new Int32Array(needCount);
  let computedCount = 0;

  /** The bound of one need for the current company (0: no product reaches it, so it scores 0). */
  function needBound(need: number): number {
    const known = boundValue[need]!;
    if (known === known) return known;
    const value = computeNeedBound(need);
    boundValue[need] = value;
    boundComputed[computedCount] = need;
    computedCount += 1;
    return value;
  }

  function computeNeedBound(need: number): number {
    const text = textStamp[need] === stamp ? textBound[need]! : 0;
    let code = 0;
    for (let system = 0; system < tables.length; system += 1) {
      const state = codeState[system]!;
      if (state.count === 0) continue;
      const table = tables[system]!;
      for (let slot = table.codeStart[need]!; slot < table.codeStart[need + 1]!; slot += 1) {
        const id = table.codeIds[slot]!;
        if (state.stamp[id] === stamp && table.factor[need]! * state.bound[id]! > code) code = table.factor[need]! * state.bound[id]!;
      }
    }
    return code === 0 && text === 0 ? 0 : evidenceBound(code, text);
  }

  function expandNeed(need: number, count: number): number {
    if (expandedStamp[need] === stamp) return count;
    expandedStamp[need] = stamp;
    let next = count;
    for (let slot = needBuyerStart[need]!; slot < needBuyerStart[need + 1]!; slot += 1) {
      const buyer = needBuyers[slot]!;
      if (buyerStamp[buyer] === stamp) continue;
      buyerStamp[buyer] = stamp;
      candidates[next] = buyer;
      next += 1;
    }
    return next;
  }

  // How many times each buyer lists each of its needs (aligned with needBuyers, which lists a buyer
  // once per need): 1 but for buyers that repeat a need. A buyer that repeats one more than 255
  // times is bounded by reading its list instead. Made with the first loose bounds, not with the
  // index (as are the buffers below), so that a build's peak memory does not hold them.
  let multiplicity = EMPTY_BYTES;
  let irregular = EMPTY_BYTES;
  function countRepeats(): void {
    multiplicity = new Uint8Array(needBuyers.length).fill(1);
    irregular = new Uint8Array(layout.buyerCount);
    const seen = new Int32Array(needCount).fill(-1);
    for (let buyer = 0; buyer < layout.buyerCount; buyer += 1) {
      const first = buyerNeedStart[buyer]!;
      const end = buyerNeedStart[buyer + 1]!;
      for (let slot = first; slot < end; slot += 1) {
        const need = buyerNeeds[slot]!;
        if (seen[need] !== buyer) {
          seen[need] = buyer;
          continue;
        }
        // A repeat: find the buyer's posting of the need (need lists are in ascending buyer order).
        let low = needBuyerStart[need]!;
        let high = needBuyerStart[need + 1]! - 1;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (needBuyers[middle]! < buyer) low = middle + 1;
          else high = middle;
        }
        // (A posting not found — lists that disagree — or a count past one byte: read its list.)
        if (needBuyers[low] !== buyer || multiplicity[low] === 255) irregular[buyer] = 1;
        else multiplicity[low] = multiplicity[low]! + 1;
      }
    }
  }

  /** A buyer's bound: the mean of its needs' bounds, read from its list. */
  function listMean(buyer: number): number {
    const first = buyerNeedStart[buyer]!;
    const end = buyerNeedStart[buyer + 1]!;
    let sum = 0;
    for (let slot = first; slot < end; slot += 1) sum += needBound(buyerNeeds[slot]!);
    return sum / (end - first);
  }

  // Loose bounds, made once per company and level (lazily), term at a time over the heavy needs only
  // (bound above the level L): a buyer's needs count at L, and each heavy need adds (its bound − L)
  // × how many times the buyer lists it, over the buyer's need count. A buyer reached by no heavy
  // need has bound at most L. So at a cutoff ≥ L a buyer is named only when its mean can exceed the
  // cutoff, not whenever one of its needs does, without reading its list; and the many needs
  // reached through their chapter alone are never visited. (The sum is the mean's in another order:
  // it may differ from it by rounding, which the engine's slack covers.) `excess` is 0 for a buyer
  // not reached yet (a heavy need adds more than 0), then its sum, then its loose bound.
  let excess = EMPTY_FLOATS;
  let reached = EMPTY;
  let reachedCount = 0;
  let needSeen = EMPTY;
  let looseMade = 0;
  /** Counts the loose bounds made (per company and level): needSeen holds it for the needs visited. */
  let made = 0;
  let looseLevel = Number.NaN;
  /** The level of the current company's loose bounds. */
  let level = LEVELS[0]!;
  const histogram = new Int32Array(HISTOGRAM + 1);
  // Reached buyers in descending buckets: bucket b holds byBound[bucketEnd[b + 1] .. bucketEnd[b]).
  let byBound = EMPTY;
  const bucketEnd = new Int32Array(HISTOGRAM + 2);
  const bucketFill = new Int32Array(HISTOGRAM + 1);

  function addHeavy(need: number): void {
    if (needSeen[need] === made) return;
    needSeen[need] = made;
    const above = needBound(need) - level;
    if (!(above > 0)) return;
    for (let slot = needBuyerStart[need]!; slot < needBuyerStart[need + 1]!; slot += 1) {
      const buyer = needBuyers[slot]!;
      const sum = excess[buyer]!;
      if (sum === 0) {
        reached[reachedCount] = buyer;
        reachedCount += 1;
      }
      excess[buyer] = sum + above * multiplicity[slot]!;
    }
  }

  function makeLoose(): void {
    if (looseMade === stamp && looseLevel === level) return;
    looseMade = stamp;
    looseLevel = level;
    made += 1;
    if (made === 1) {
      countRepeats();
      excess = new Float64Array(layout.buyerCount);
      reached = new Int32Array(layout.buyerCount);
      needSeen = new Int32Array(needCount);
      byBound = new Int32Array(layout.buyerCount);
    }
    for (let at = 0; at < reachedCount; at += 1) excess[reached[at]!] = 0;
    reachedCount = 0;
    for (let system = 0; system < tables.length; system += 1) {
      const table = tables[system]!;
      const state = codeState[system]!;
      for (let position = 0; position < state.count; position += 1) {
        const code = state.touched[position]!;
        // A need's bound is at most the larger of its code and text bounds (and ≤ its table's factor × the code's).
        if (!(state.bound[code]! > level)) continue;
        for (let slot = table.needStart[code]!; slot < table.needStart[code + 1]!; slot += 1) addHeavy(table.needs[slot]!);
      }
    }
    for (let position = 0; position < textCount; position += 1) {
      const need = textTouched[position]!;
      if (textBound[need]! > level) addHeavy(need);
    }
    // The reached buyers by bucket of loose bound, best first (a counting sort), so that `expand`
    // reads only the buckets above its cutoff.
    histogram.fill(0);
    for (let at = 0; at < reachedCount; at += 1) {
      const buyer = reached[at]!;
      const value = irregular[buyer] === 1 ? Math.max(level, listMean(buyer)) : level + excess[buyer]! / (buyerNeedStart[buyer + 1]! - buyerNeedStart[buyer]!);
      excess[buyer] = value;
      const bucket = bucketOf(value);
      histogram[bucket] = histogram[bucket]! + 1;
    }
    bucketEnd[HISTOGRAM + 1] = 0;
    for (let bucket = HISTOGRAM; bucket >= 0; bucket -= 1) bucketEnd[bucket] = bucketEnd[bucket + 1]! + histogram[bucket]!;
    bucketFill.set(bucketEnd.subarray(1));
    for (let at = 0; at < reachedCount; at += 1) {
      const buyer = reached[at]!;
      const bucket = bucketOf(excess[buyer]!);
      byBound[bucketFill[bucket]!] = buyer;
      bucketFill[bucket] = bucketFill[bucket]! + 1;
    }
  }

  /** Whether the buyer's product score is unknown: the company offers no products, or it lists no needs. */
  function surelyUnknown(buyer: number): boolean {
    return current === undefined || current.products.length === 0 || buyerNeedStart[buyer] === buyerNeedStart[buyer + 1];
  }

  /** A buyer's loose bound: its own when a heavy need reached it, else the level (after makeLoose). */
  function loose(buyer: number): number {
    const value = excess[buyer]!;
    return value === 0 ? level : value;
  }

  const query: SparseQuery & { floor: number; candidateCount: number; unknown: Int32Array } = {
    floor: Number.NaN,
    candidates,
    candidateCount: 0,
    unknown,
    bound(buyer) {
      return surelyUnknown(buyer) ? Number.NaN : listMean(buyer);
    },
    quickBound(buyer) {
      if (surelyUnknown(buyer)) return Number.NaN;
      makeLoose();
      return loose(buyer);
    },
    expand(cutoff) {
      let count = query.candidateCount;
      if (cutoff < level) for (const lower of LEVELS) if (lower <= cutoff && lower < level) { level = lower; break; }
      if (cutoff >= level) {
        makeLoose();
        const end = bucketEnd[bucketOf(cutoff)]!;
        for (let at = 0; at < end; at += 1) {
          const buyer = byBound[at]!;
          if (!(excess[buyer]! > cutoff) || buyerStamp[buyer] === stamp) continue;
          buyerStamp[buyer] = stamp;
          candidates[count] = buyer;
          count += 1;
        }
        query.candidateCount = count;
        return count;
      }
      // Below the last level, every buyer with a need bounded above the cutoff.
      tables.forEach((table, system) => {
        const state = codeState[system]!;
        for (let position = 0; position < state.count; position += 1) {
          const code = state.touched[position]!;
          if (!(state.bound[code]! > cutoff)) continue;
          for (let slot = table.needStart[code]!; slot < table.needStart[code + 1]!; slot += 1) count = expandNeed(table.needs[slot]!, count);
        }
      });
      for (let position = 0; position < textCount; position += 1) {
        const need = textTouched[position]!;
        if (textBound[need]! > cutoff) count = expandNeed(need, count);
      }
      query.candidateCount = count;
      return count;
    },
    cutoffNaming(count) {
      if (current === undefined || current.products.length === 0) return 1;
      makeLoose();
      let named = 0;
      for (let bucket = HISTOGRAM; bucket > 0; bucket -= 1) {
        named += histogram[bucket]!;
        if (named >= count) return Math.max(level, bucket / HISTOGRAM - 1e-12);
      }
      return level;
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
        if (exactStamp[need] !== stamp) {
          exactStamp[need] = stamp;
          needExact[need] = needBound(need) === 0 ? 0 : needScore(company.products, needs[need]!, market);
        }
        sum += needExact[need]!;
      }
      return sum / (end - first);
    },
  };

  return {
    save,
    query(company) {
      stamp += 1;
      for (let at = 0; at < computedCount; at += 1) boundValue[boundComputed[at]!] = Number.NaN;
      computedCount = 0;
      current = company;
      query.candidateCount = 0;
      textCount = 0;
      for (const state of codeState) state.count = 0;
      if (company.products.length === 0) {
        query.floor = Number.NaN;
        query.unknown = EMPTY;
        return query;
      }
      query.floor = 0;
      query.unknown = unknown;
      level = LEVELS[0]!;
      for (const product of company.products) {
        tables.forEach((table, system) => {
          const state = codeState[system]!;
          const offer = (offered: string, factor: number): void => {
            for (const code of table.byPrefix.get(offered.slice(0, 2)) ?? []) {
              const value = factor * codeMatch(table.system, offered, table.codes[code]!);
              if (state.stamp[code] !== stamp) {
                state.stamp[code] = stamp;
                state.bound[code] = value;
                state.touched[state.count] = code;
                state.count += 1;
              } else if (value > state.bound[code]!) state.bound[code] = value;
            }
          };
          if (table.system === "hs") {
            // The harmonised six digits bound a national line's match (more levels only lower it).
            if (product.item.hs !== undefined) offer(product.item.hs, 1);
            return;
          }
          // NAICS: the product's own code reaches needs by their own code and (in the bridged
          // table, where each need's bridge weight is applied in needBound) by the industries their
          // HS code bridges to; the product's bridged HS code reaches needs by their own NAICS code
          // at the product's bridge weight. Two HS codes never meet through the bridge.
          if (product.item.naics !== undefined) offer(product.item.naics, 1);
          const bridge = product.item.bridge;
          if (table.kind === "own" && bridge !== undefined) for (const code of bridge.naics) offer(code, bridge.weight);
        });
        for (const word of product.wordIds) {
          if (wordStamp[word] === stamp) continue;
          wordStamp[word] = stamp;
          const weight = market.idf[word]!;
          for (let slot = wordStart[word]!; slot < wordStart[word + 1]!; slot += 1) {
            const need = wordNeeds[slot]!;
            if (textStamp[need] !== stamp) {
              textStamp[need] = stamp;
              textBound[need] = 0;
              textTouched[textCount] = need;
              textCount += 1;
            }
            textBound[need] = textBound[need]! + weight;
          }
        }
      }
      for (let position = 0; position < textCount; position += 1) {
        const need = textTouched[position]!;
        const text = idfTotal[need] === 0 ? 0 : textBound[need]! / idfTotal[need]!;
        textBound[need] = text > 1 ? 1 : text;
      }
      return query;
    },
  };
}
