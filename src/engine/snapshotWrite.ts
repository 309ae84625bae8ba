/**
 * Writing a matcher's snapshot: the options it was built with, the market (vocabulary, word
 * weights), and per segment the compiled index as typed arrays — ids, tie-break ranks, each
 * criterion's classes or saved sparse index, eligibility and signatures — plus the inputs of the
 * few buyers that stand for a class (they are compiled again on load). The buyers' own records are
 * left out unless asked for (`buyers: true`), as the index itself keeps none.
 */
import { z } from "zod";
import { issueError, safeParseWith, throwIfAny } from "../schema/errors.js";
import type { MatcherCore, Segment } from "./matcher.js";
import { SnapshotWriter, toBase64, SNAPSHOT_FORMAT } from "./snapshotCodec.js";

/** How to write a snapshot. */
export interface SnapshotOptions {
  /** Return the JSON-safe form (`{ format, version, data }`, the bytes in base64) instead of bytes. */
  readonly json?: boolean;
  /**
   * Embed every buyer's own record (as JSON), so that `loadMatcher(snapshot)` needs no buyers.
   * Larger (about the size of the buyers' JSON), and still loaded lazily: a buyer's record is read
   * only when it is shown.
   */
  readonly buyers?: boolean;
}

/** A snapshot in its JSON-safe form. */
export interface MatcherSnapshotJson {
  readonly format: "buyermatch-snapshot";
  readonly version: number;
  /** The snapshot's bytes in base64. */
  readonly data: string;
}

export const SnapshotOptionsSchema = z.strictObject({ json: z.boolean().optional(), buyers: z.boolean().optional() }, { error: "must be an object ({ json?, buyers? })" });

export const KIND_KEYED = 0;
export const KIND_SPARSE = 1;
export const KIND_PAIR = 2;

function inputText(segment: Segment, position: number): string {
  if (segment.embedded !== undefined) return segment.embedded[position]!;
  const saved = segment.saved?.get(position);
  if (saved !== undefined) return saved;
  if (segment.input === undefined) throw issueError("invalid_input", ["options", "buyers"], "this matcher was loaded from a snapshot without its buyers: give them to loadMatcher before embedding them in a new snapshot");
  let text: string | undefined;
  try {
    text = JSON.stringify(segment.input(position));
  } catch {
    text = undefined;
  }
  if (typeof text !== "string") throw issueError("invalid_input", ["buyers"], `the buyer ${JSON.stringify(segment.index.ids[position])} cannot be written as JSON`);
  return text;
}

function writeSegment(writer: SnapshotWriter, segment: Segment, embed: boolean): void {
  const index = segment.index;
  writer.strings(index.ids);
  writer.ints(index.idRank);
  writer.ints(index.inputOf);
  const representatives = new Set<number>();
  index.columns.forEach((column) => {
    if (column.kind === "keyed") {
      writer.u32(KIND_KEYED);
      writer.ints(column.classOf);
      writer.ints(column.representativeAt);
      for (const position of column.representativeAt) representatives.add(position);
    } else if (column.kind === "sparse") {
      writer.u32(KIND_SPARSE);
      const saved = column.index.save?.();
      writer.u32(saved === undefined ? 0 : 1);
      if (saved === undefined) return;
      writer.u32(saved.ints.length);
      for (const list of saved.ints) writer.ints(list);
      writer.u32(saved.floats.length);
      for (const list of saved.floats) writer.floats(list);
      writer.u32(saved.texts.length);
      for (const list of saved.texts) writer.strings(list);
      writer.string(JSON.stringify(saved.json) ?? "null");
    } else writer.u32(KIND_PAIR);
  });
  writer.ints(index.eligibility.classOf);
  writer.ints(index.eligibility.representativeAt);
  for (const position of index.eligibility.representativeAt) representatives.add(position);
  const at = Int32Array.from(representatives).sort();
  writer.ints(at);
  writer.strings(Array.from(at, (position) => inputText(segment, position)));
  writer.bytesOf(segment.removed ?? new Uint8Array(0));
  writer.u32(embed ? 1 : 0);
  if (embed) writer.strings(Array.from({ length: index.size }, (_, position) => (segment.removed?.[position] === 1 ? "null" : inputText(segment, position))));
}

/**
 * Writes a matcher's snapshot (the matcher's `toSnapshot`).
 *
 * @param core - the matcher's internal side
 * @param options - `{ json?, buyers? }`
 * @returns the bytes, or the JSON-safe form
 * @example
 * const bytes = writeSnapshot(core, {});
 */
export function writeSnapshot(core: MatcherCore, options: unknown): Uint8Array | MatcherSnapshotJson {
  const parsed = safeParseWith(SnapshotOptionsSchema, options ?? {}, ["options"]);
  if (!parsed.success) throwIfAny(parsed.issues);
  const given = parsed.success ? parsed.data : {};
  if (core.optionsInput === undefined) throw issueError("invalid_input", ["matcher"], "this matcher's options cannot be written as JSON, so it has no snapshot");
  const writer = new SnapshotWriter();
  writer.string(
    JSON.stringify({
      options: JSON.parse(core.optionsInput) as unknown,
      criteria: core.options.criteria.map((criterion) => criterion.id),
      pruning: core.pruning,
      sharedMarket: core.sharedMarket,
      stale: core.stale,
    }),
  );
  const market = core.context.market;
  writer.strings(market.words);
  writer.floats(market.idf);
  writer.f64(market.needCount);
  writer.u32(core.segments.length);
  for (const segment of core.segments) writeSegment(writer, segment, given.buyers === true);
  const bytes = writer.finish();
  return given.json === true ? { format: "buyermatch-snapshot", version: SNAPSHOT_FORMAT, data: toBase64(bytes) } : bytes;
}
