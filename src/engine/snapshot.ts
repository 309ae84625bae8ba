/**
 * loadMatcher: a matcher restored from its snapshot (see `Matcher.toSnapshot`). Every list is
 * checked against the others before it is used (ranges, permutations, id order), so a damaged
 * snapshot is reported, never read out of bounds; the checksum catches changed bytes first.
 */
import { createTypoCorrector } from "../normalize/fuzzy.js";
import type { NormalizedBuyer } from "../normalize/records.js";
import type { Buyer } from "../schema/buyer.js";
import { z } from "zod";
import { BuyerMatchError, describeValue, issueError, safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import type { ResolvedOptions } from "../criteria/options.js";
import type { CriterionDefinition, SavedIndex, ScoringContext } from "../criteria/types.js";
import { CRITERION_IDS } from "../criteria/index.js";
import { compileBuyer, type CompiledBuyer, type Market } from "../market/market.js";
import { collectBuyers, collectOptions, rawIdOf } from "../score/prepare.js";
import { buyerAccess, positionLookup, weightless, type BuyerClasses, type Column, type MarketIndex } from "./marketIndex.js";
import { MatcherCore, matcherFromCore, type Matcher, type Segment } from "./matcher.js";
import { checkRange, fromBase64, snapshotFault, SnapshotFault, SnapshotReader } from "./snapshotCodec.js";
import { KIND_KEYED, KIND_PAIR, KIND_SPARSE, type MatcherSnapshotJson } from "./snapshotWrite.js";

/**
 * The buyers given to the loader, matched to the snapshot's positions: in the order the matcher
 * received them when they come in that order (no map of ids is built then), else by id.
 */
interface Source {
  readonly list: readonly unknown[];
  /** How many of `list` the segments read so far matched in order. */
  cursor: number;
  /** Id → index in `list`, built when the order differs. */
  byId: Map<string, number> | undefined;
  /** Indexes of `list` some segment took (by id). */
  readonly used: Set<number>;
  readonly issues: BuyerMatchIssue[];
}

function bytesOf(snapshot: unknown): Uint8Array {
  if (snapshot instanceof Uint8Array) return snapshot;
  if (typeof snapshot === "object" && snapshot !== null && !Array.isArray(snapshot)) {
    const { format, version, data } = snapshot as Partial<Record<keyof MatcherSnapshotJson, unknown>>;
    if (format !== "buyermatch-snapshot") snapshotFault(`it is not a buyermatch snapshot (format is ${describeValue(format)}, not "buyermatch-snapshot")`);
    if (typeof version !== "number" || typeof data !== "string") snapshotFault("its JSON form needs a version (a number) and data (base64 text)");
    return fromBase64(data);
  }
  throw issueError("invalid_input", ["snapshot"], `must be the bytes (a Uint8Array) or the JSON form ({ format, version, data }) of a snapshot, not ${describeValue(snapshot)}`);
}


function sourceOf(buyers: unknown): Source | undefined {
  if (buyers === undefined) return undefined;
  if (!Array.isArray(buyers)) throw issueError("invalid_input", ["buyers"], `must be the array of buyers the snapshot was taken of, not ${describeValue(buyers)}`);
  return { list: buyers, cursor: 0, byId: undefined, used: new Set(), issues: [] };
}

function mapById(source: Source): Map<string, number> {
  if (source.byId !== undefined) return source.byId;
  const byId = new Map<string, number>();
  for (let at = 0; at < source.list.length; at += 1) {
    const id = rawIdOf(source.list[at]);
    if (id === undefined) source.issues.push({ code: "invalid_input", path: ["buyers", at, "id"], message: "must be a buyer with an id (a string)" });
    else if (byId.has(id)) source.issues.push({ code: "duplicate_id", path: ["buyers", at, "id"], message: `duplicate id ${JSON.stringify(id)}` });
    else byId.set(id, at);
  }
  source.byId = byId;
  return byId;
}

/**
 * For each live position of a segment, the index in the given list of its buyer: the next ones
 * in order while they match, else by id.
 */
function matchSource(source: Source, ids: readonly string[], inputOf: Int32Array, removed: Uint8Array | undefined): Int32Array {
  const size = ids.length;
  const at = new Int32Array(size).fill(-1);
  const byInput = new Int32Array(size);
  inputOf.forEach((inputIndex, position) => (byInput[inputIndex] = position));
  if (source.byId === undefined) {
    let cursor = source.cursor;
    let inOrder = true;
    for (let inputIndex = 0; inputIndex < size && inOrder; inputIndex += 1) {
      const position = byInput[inputIndex]!;
      if (removed !== undefined && removed[position] === 1) continue;
      const item = source.list[cursor] as { readonly id?: unknown } | null | undefined;
      // The id as written is the usual case; a padded one is trimmed as validation trims it.
      if (cursor < source.list.length && typeof item === "object" && item !== null && (item.id === ids[position] || rawIdOf(item) === ids[position])) at[position] = cursor++;
      else inOrder = false;
    }
    if (inOrder) {
      source.cursor = cursor;
      return at;
    }
    // The earlier segments matched in order: their part of the list is taken.
    for (let index = 0; index < source.cursor; index += 1) source.used.add(index);
  }
  const byId = mapById(source);
  for (let position = 0; position < size; position += 1) {
    if (removed !== undefined && removed[position] === 1) continue;
    const index = byId.get(ids[position]!);
    if (index === undefined) source.issues.push({ code: "unknown_reference", path: ["buyers"], message: `buyer ${JSON.stringify(ids[position])} of the snapshot is not among the buyers given` });
    else {
      at[position] = index;
      source.used.add(index);
    }
  }
  return at;
}

function readSaved(reader: SnapshotReader): SavedIndex {
  const ints: Int32Array[] = [];
  const floats: Float64Array[] = [];
  const texts: string[][] = [];
  const intCount = reader.u32("a sparse index");
  for (let at = 0; at < intCount; at += 1) ints.push(reader.ints("a sparse index's list"));
  const floatCount = reader.u32("a sparse index");
  for (let at = 0; at < floatCount; at += 1) floats.push(reader.floats("a sparse index's list"));
  const textCount = reader.u32("a sparse index");
  for (let at = 0; at < textCount; at += 1) texts.push(reader.strings("a sparse index's codes"));
  return { ints, floats, texts, json: reader.json("a sparse index's header") };
}

/** Checks that `idRank` is a permutation and that ids in rank order strictly ascend (ties break by id). */
function idOrder(ids: readonly string[], idRank: Int32Array): Int32Array {
  const size = ids.length;
  if (idRank.length !== size) snapshotFault("its tie-break ranks do not cover its buyers");
  checkRange(idRank, size, "its tie-break ranks");
  const byIdRank = new Int32Array(size).fill(-1);
  idRank.forEach((rank, position) => {
    if (byIdRank[rank] !== -1) snapshotFault("its tie-break ranks repeat a rank");
    byIdRank[rank] = position;
  });
  for (let rank = 1; rank < size; rank += 1) if (!(ids[byIdRank[rank - 1]!]! < ids[byIdRank[rank]!]!)) snapshotFault("its ids are not in the order of their ranks (or repeat)");
  return byIdRank;
}

function classes(classOf: Int32Array, representativeAt: Int32Array, size: number, compiledAt: ReadonlyMap<number, CompiledBuyer>, what: string): BuyerClasses {
  if (classOf.length !== size) snapshotFault(`${what} does not cover every buyer`);
  checkRange(classOf, representativeAt.length, what);
  checkRange(representativeAt, size, what);
  const representatives = Array.from(representativeAt, (position, id) => {
    if (classOf[position] !== id) snapshotFault(`${what} names a representative outside its class`);
    const buyer = compiledAt.get(position);
    if (buyer === undefined) snapshotFault(`${what} names a representative whose record is not in the snapshot`);
    return buyer;
  });
  return { classOf, representatives, representativeAt };
}

function readMarket(reader: SnapshotReader, options: ResolvedOptions): Market {
  const words = reader.strings("the vocabulary");
  for (let at = 1; at < words.length; at += 1) if (!(words[at - 1]! < words[at]!)) snapshotFault("its vocabulary is not sorted");
  const idf = reader.floats("the word weights");
  if (idf.length !== words.length) snapshotFault("its word weights do not cover its vocabulary");
  const needCount = reader.f64("the number of needs");
  if (!Number.isInteger(needCount) || needCount < 0) snapshotFault("its number of needs is not a whole number");
  const vocabulary = new Map<string, number>();
  words.forEach((word, id) => vocabulary.set(word, id));
  return { vocabulary, words, idf, needCount, corrector: createTypoCorrector(words, options.market.typo) };
}

/** A buyer's record from JSON of its input, validated again (a representative, or an embedded record). */
function recordFrom(input: unknown, options: ResolvedOptions, id: string): NormalizedBuyer {
  const record = collectBuyers([input], ["buyers"], options.sectors, [], options.fields.buyer)[0];
  if (record === undefined || record.id !== id) snapshotFault(`the record of buyer ${JSON.stringify(id)} in it is not valid`);
  return record;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    snapshotFault(`${what} is not valid JSON`);
  }
}

function readSegment(reader: SnapshotReader, options: ResolvedOptions, context: ScoringContext, source: Source | undefined): Segment {
  const ids = reader.strings("the buyer ids");
  const size = ids.length;
  const idRank = reader.ints("the tie-break ranks");
  const byIdRank = idOrder(ids, idRank);
  const inputOf = reader.ints("the input order");
  if (inputOf.length !== size) snapshotFault("its input order does not cover its buyers");
  checkRange(inputOf, size, "its input order");
  const seenInput = new Uint8Array(size);
  for (const inputIndex of inputOf) {
    if (seenInput[inputIndex] === 1) snapshotFault("its input order repeats a buyer");
    seenInput[inputIndex] = 1;
  }
  type Pending = { kind: number; classOf?: Int32Array; representativeAt?: Int32Array; saved?: SavedIndex | undefined };
  const pending: Pending[] = options.criteria.map(() => {
    const kind = reader.u32("a column");
    if (kind === KIND_KEYED) return { kind, classOf: reader.ints("a criterion's classes"), representativeAt: reader.ints("a criterion's representatives") };
    if (kind === KIND_SPARSE) return { kind, saved: reader.u32("a sparse index") === 1 ? readSaved(reader) : undefined };
    if (kind === KIND_PAIR) return { kind };
    snapshotFault(`it holds a column of unknown kind ${kind}`);
  });
  const eligibilityOf = reader.ints("the eligibility classes");
  const eligibilityAt = reader.ints("the eligibility representatives");
  const representativeAt = reader.ints("the representatives");
  const representativeTexts = reader.strings("the representatives' records");
  const removedBytes = reader.bytesOf("the removed buyers");
  const embedded = reader.u32("the embedded buyers") === 1 ? reader.strings("the embedded buyers") : undefined;
  if (representativeTexts.length !== representativeAt.length) snapshotFault("its representatives' records do not match their positions");
  if (embedded !== undefined && embedded.length !== size) snapshotFault("its embedded buyers do not cover its buyers");
  checkRange(representativeAt, size, "the representatives");
  if (removedBytes.length !== 0 && removedBytes.length !== size) snapshotFault("its removed buyers do not cover its buyers");
  let live = size;
  for (const byte of removedBytes) {
    if (byte > 1) snapshotFault("its removed buyers hold a value that is neither 0 nor 1");
    live -= byte;
  }
  const removed = removedBytes.length === 0 ? undefined : removedBytes.slice();
  const isLive = (position: number): boolean => removed === undefined || removed[position] === 0;

  // Where each buyer's input comes from: the snapshot's embedded JSON, or the given buyers.
  let input: ((position: number) => unknown) | undefined;
  if (embedded !== undefined) input = (position) => (isLive(position) ? parseJson(embedded[position]!, "an embedded buyer") : undefined);
  else if (source !== undefined) {
    const at = matchSource(source, ids, inputOf, removed);
    input = (position) => source.list[at[position]!];
  }
  const compiledAt = new Map<number, CompiledBuyer>();
  const saved = new Map<number, string>();
  representativeAt.forEach((position, at) => {
    const text = representativeTexts[at]!;
    saved.set(position, text);
    compiledAt.set(position, compileBuyer(recordFrom(parseJson(text, "a representative's record"), options, ids[position]!), context.market));
  });
  // Columns that cannot be restored from lists (pair criteria, sparse ones without a restore hook) need every record.
  const needsAll = pending.some((column, at) => column.kind === KIND_PAIR || (column.kind === KIND_SPARSE && (column.saved === undefined || options.criteria[at]!.restoreIndex === undefined)));
  let all: CompiledBuyer[] | undefined;
  if (needsAll) {
    if (input === undefined) throw issueError("invalid_input", ["buyers"], "this snapshot's criteria need every buyer's record: give the buyers to loadMatcher");
    if (source !== undefined) throwIfAny(source.issues);
    all = ids.map((id, position) => compileBuyer(recordFrom(input!(position), options, id), context.market));
  }
  const columns = pending.map((column, at): Column => {
    const criterion = options.criteria[at]!;
    if (column.kind === KIND_KEYED) {
      if (criterion.buyerKey === undefined && !weightless(options, at)) snapshotFault(`criterion ${criterion.id} was saved as keyed but has no buyerKey`);
      return { kind: "keyed", ...classes(column.classOf!, column.representativeAt!, size, compiledAt, `criterion ${criterion.id}'s classes`) };
    }
    if (column.kind === KIND_SPARSE) {
      if (criterion.sparseIndex === undefined || criterion.buyerKey !== undefined || weightless(options, at)) snapshotFault(`criterion ${criterion.id} was saved as sparse but is not`);
      if (all !== undefined && (column.saved === undefined || criterion.restoreIndex === undefined)) return { kind: "sparse", index: criterion.sparseIndex(all, context) };
      try {
        return { kind: "sparse", index: criterion.restoreIndex!(column.saved!, size, context) };
      } catch (error) {
        if (error instanceof BuyerMatchError || error instanceof SnapshotFault) throw error;
        snapshotFault(error instanceof Error ? error.message : `criterion ${criterion.id}'s index could not be restored`);
      }
    }
    if (criterion.buyerKey !== undefined || criterion.sparseIndex !== undefined || weightless(options, at)) snapshotFault(`criterion ${criterion.id} was saved as scored per pair but is not`);
    return { kind: "pair" };
  });
  const eligibility = classes(eligibilityOf, eligibilityAt, size, compiledAt, "the eligibility classes");
  const reloadAt = input === undefined ? undefined : (position: number): NormalizedBuyer => recordFrom(input!(position), options, ids[position]!);
  const buyer =
    all !== undefined
      ? buyerAccess(all, undefined, context)
      : reloadAt !== undefined
        ? buyerAccess(undefined, reloadAt, context)
        : (): CompiledBuyer => {
            throw issueError("invalid_input", ["buyers"], "this matcher was loaded from a snapshot without its buyers, so it cannot show them: give the buyers to loadMatcher");
          };
  const index: MarketIndex = {
    context,
    size,
    ids,
    idRank,
    byIdRank,
    positionOf: positionLookup(ids, byIdRank),
    columns,
    eligibility,
    inputOf,
    buyer,
    reloads: all === undefined,
  };
  // The segment's input at a position; `segmentOf` maps input indexes, so this goes through inputOf's inverse.
  return { index, removed, live, input, embedded, saved };
}

/**
 * Restores a matcher from its snapshot (`matcher.toSnapshot()`), with every answer identical to
 * the matcher's. A snapshot leaves the buyers' own records out unless it was taken with
 * `{ buyers: true }`: give the same buyers (any order) as the second argument, so that the matcher
 * can show and explain them. Without them, a matcher still ranks, but only when the snapshot
 * embedded the buyers; otherwise `rank` raises an error naming what is missing. A snapshot written by
 * another format version, a truncated or changed one gives a BuyerMatchError (`invalid_snapshot`).
 * No Node built-ins: works in browsers.
 *
 * @param snapshot - the bytes (`Uint8Array`, also over a SharedArrayBuffer) or the JSON form
 * @param buyers - the buyers the snapshot was taken of (required unless it embeds them)
 * @param setup - `{ customCriteria }`: the custom criteria the matcher was built with, given again
 * @returns the matcher
 * @example
 * const bytes = createMatcher(buyers, { top: 10 }).toSnapshot();
 * const matcher = loadMatcher(bytes, buyers);
 * matcher.rank(company);
 */
export function loadMatcher(snapshot: Uint8Array | MatcherSnapshotJson, buyers?: readonly Buyer[], setup?: LoadSetup): Matcher {
  const parsed = safeParseWith(LoadSetupSchema, setup ?? {}, ["setup"]);
  if (!parsed.success) throwIfAny(parsed.issues);
  return matcherFromCore(loadCore(snapshot, buyers, parsed.success ? parsed.data.customCriteria : undefined));
}

/** What `loadMatcher` needs beyond the snapshot. */
export interface LoadSetup {
  /** The custom criteria the matcher was built with (`options.customCriteria`: functions are not in a snapshot). */
  readonly customCriteria?: readonly CriterionDefinition[];
}

const LoadSetupSchema = z.strictObject({ customCriteria: z.array(z.unknown()).optional() }, { error: "must be an object ({ customCriteria? })" });

/**
 * The internal side of {@link loadMatcher} (workers rank with it without the buyers' records).
 *
 * @param snapshot - bytes or JSON form
 * @param buyers - the buyers, or undefined
 * @returns the core
 * @example
 * const core = loadCore(bytes, undefined);
 */
export function loadCore(snapshot: unknown, buyers: unknown, customCriteria?: readonly unknown[]): MatcherCore {
  const source = sourceOf(buyers);
  try {
    const reader = new SnapshotReader(bytesOf(snapshot));
    const header = reader.json("its header");
    if (typeof header !== "object" || header === null) snapshotFault("its header is not an object");
    const { options: saved, criteria, pruning, sharedMarket, stale } = header as Record<string, unknown>;
    if (typeof saved !== "object" || saved === null || Array.isArray(saved)) snapshotFault("its options are not an object");
    if (!Array.isArray(criteria) || !criteria.every((id) => typeof id === "string")) snapshotFault("its criteria are not a list of ids");
    const given = new Set<string>(CRITERION_IDS);
    for (const definition of customCriteria ?? []) if (typeof definition === "object" && definition !== null && typeof (definition as { id?: unknown }).id === "string") given.add((definition as { id: string }).id);
    const missing = (criteria as string[]).filter((id) => !given.has(id));
    if (missing.length > 0) throw issueError("invalid_snapshot", ["setup", "customCriteria"], `this snapshot was written with the custom criteria ${missing.map((id) => JSON.stringify(id)).join(", ")}: give their definitions to loadMatcher (setup.customCriteria)`);
    const optionsInput = customCriteria === undefined ? saved : { ...saved, customCriteria };
    const optionIssues: BuyerMatchIssue[] = [];
    const companyOptions = collectOptions(optionsInput, "company", optionIssues, ["snapshot", "options"]);
    const buyerOptions = collectOptions(optionsInput, "buyer", [], ["snapshot", "options"]);
    if (companyOptions === undefined || buyerOptions === undefined) snapshotFault(`its options are not valid (${optionIssues.map((issue) => issue.message).join("; ")})`);
    const options = companyOptions;
    const ids = options.criteria.map((criterion) => criterion.id);
    if (!Array.isArray(criteria) || criteria.length !== ids.length || criteria.some((id, at) => id !== ids[at])) {
      throw issueError(
        "invalid_snapshot",
        customCriteria === undefined ? ["snapshot"] : ["setup", "customCriteria"],
        `this snapshot was written with the criteria ${JSON.stringify(criteria)}; the options give ${JSON.stringify(ids)} (give loadMatcher the same customCriteria in its third argument)`,
      );
    }
    if (typeof pruning !== "boolean" || typeof sharedMarket !== "boolean" || typeof stale !== "boolean") snapshotFault("its header is incomplete");
    const context: ScoringContext = { market: readMarket(reader, options) };
    const count = reader.u32("the number of segments");
    if (count < 1 || count > 1024) snapshotFault(`it claims ${count} segments`);
    const segments: Segment[] = [];
    for (let at = 0; at < count; at += 1) segments.push(readSegment(reader, options, context, source));
    reader.done();
    // One segment's ids strictly ascend (checked), so only several segments can repeat a live id.
    if (segments.length > 1) {
      const live = new Set<string>();
      for (const segment of segments) {
        segment.index.ids.forEach((id, position) => {
          if (segment.removed !== undefined && segment.removed[position] === 1) return;
          if (live.has(id)) snapshotFault(`buyer ${JSON.stringify(id)} is live in two segments`);
          live.add(id);
        });
      }
    }
    if (source !== undefined && segments.every((segment) => segment.embedded === undefined)) {
      // Every given buyer must be one of the snapshot's.
      for (let at = 0; at < source.list.length; at += 1) {
        if (source.byId === undefined ? at < source.cursor : source.used.has(at)) continue;
        const id = rawIdOf(source.list[at]);
        source.issues.push({ code: "unknown_reference", path: ["buyers", at], message: id === undefined ? "is not a buyer of the snapshot (it has no id)" : `buyer ${JSON.stringify(id)} is not in the snapshot` });
      }
      throwIfAny(source.issues);
    }
    const core = new MatcherCore(options, buyerOptions, [], [], pruning, undefined, undefined, { context, segments, sharedMarket, stale });
    core.optionsInput = JSON.stringify(saved);
    return core;
  } catch (error) {
    if (error instanceof BuyerMatchError) throw error;
    // Anything else a damaged snapshot could provoke is reported the same way, never as a TypeError.
    const reason = error instanceof SnapshotFault ? error.message : `it is damaged (${error instanceof Error ? error.message : describeValue(error)})`;
    throw issueError("invalid_snapshot", ["snapshot"], `cannot load this snapshot: ${reason}`);
  }
}
