/**
 * Where a file's content comes from: a path, a URL, or any stream of chunks (stdin). The first 64 KiB
 * (or the whole input when shorter) settle the format, the encoding and the CSV separator, so an input
 * streamed in tiny chunks, or one that starts with white space, reads the same as the whole file.
 * The format is the option's, else the file extension's, else what the content looks like (a zip
 * archive is an Excel workbook; `[` starts JSON, `{` JSONL; anything else is CSV).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { BuyerMatchError, type BuyerMatchIssue } from "../schema/errors.js";
import { decodeStrictly, settleEncoding, type SettledEncoding, type TextEncoding } from "./encoding.js";

/** The formats the loaders read. */
export type LoadFormat = "csv" | "json" | "jsonl" | "xlsx";

/** A file path, a `file:` URL, or a stream of chunks (a Node stream such as `process.stdin` is one). */
export type LoadSource = string | URL | AsyncIterable<string | Uint8Array>;

const EXTENSIONS: ReadonlyMap<string, LoadFormat> = new Map([
  [".csv", "csv"],
  [".tsv", "csv"],
  [".txt", "csv"],
  [".json", "json"],
  [".jsonl", "jsonl"],
  [".ndjson", "jsonl"],
  [".xlsx", "xlsx"],
  [".xlsm", "xlsx"],
]);

/** How much of the input settles format, encoding and separator. */
const PEEK_BYTES = 64 * 1024;

function sourceError(message: string, path: readonly (string | number)[] = ["source"]): BuyerMatchError {
  return new BuyerMatchError([{ code: "invalid_input", path, message } satisfies BuyerMatchIssue]);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return value !== null && typeof value === "object" && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === "function";
}

/**
 * Checks that a loader was given something it can read.
 *
 * @param source - what the caller passed
 * @returns the source, typed
 * @throws BuyerMatchError when it is not a path, a `file:` URL or an async iterable
 * @example
 * checkSource("buyers.csv");
 */
export function checkSource(source: unknown): LoadSource {
  if (typeof source === "string") {
    if (source.trim() === "") throw sourceError("must be a file path, not an empty string");
    return source;
  }
  if (source instanceof URL) {
    if (source.protocol !== "file:") throw sourceError(`must be a file: URL (got ${source.protocol} URL)`);
    return source;
  }
  if (isAsyncIterable(source)) return source as LoadSource;
  const what = source === null ? "null" : Array.isArray(source) ? "an array" : typeof source;
  throw sourceError(`must be a file path, a file: URL or a stream of text or bytes (got ${what})`);
}

/** The source's file name, when it has one (for messages). */
export function sourceName(source: LoadSource): string | undefined {
  if (typeof source === "string") return source;
  if (source instanceof URL) return fileURLToPath(source);
  return undefined;
}

async function openStream(source: LoadSource): Promise<AsyncIterable<string | Uint8Array>> {
  if (typeof source !== "string" && !(source instanceof URL)) return source;
  const name = sourceName(source)!;
  try {
    const info = await stat(source);
    if (info.isDirectory()) throw sourceError(`${name} is a directory, not a file`);
  } catch (error) {
    if (error instanceof BuyerMatchError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw sourceError(code === "ENOENT" ? `${name}: no such file` : code === "EACCES" ? `${name}: permission denied` : `${name}: cannot be read (${(error as Error).message})`);
  }
  return createReadStream(source, { highWaterMark: PEEK_BYTES });
}

/** Pulls chunks until `enough` says so or the input ends; hands back what was read and the rest. */
async function peek<T>(iterator: AsyncIterator<T>, enough: (taken: readonly T[]) => boolean): Promise<{ taken: T[]; done: boolean }> {
  const taken: T[] = [];
  while (!enough(taken)) {
    const next = await iterator.next();
    if (next.done === true) return { taken, done: true };
    taken.push(next.value);
  }
  return { taken, done: false };
}

async function* replay<T>(taken: readonly T[], iterator: AsyncIterator<T>, done: boolean): AsyncGenerator<T> {
  yield* taken;
  if (done) return;
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return;
    yield next.value;
  }
}

function toBytes(chunk: string | Uint8Array): Uint8Array {
  return typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
}

function joinBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Counts a character outside quoted parts of one line. */
function countOutsideQuotes(line: string, character: string): number {
  let count = 0;
  let quoted = false;
  for (const each of line) {
    if (each === '"') quoted = !quoted;
    else if (!quoted && each === character) count++;
  }
  return count;
}

/**
 * Guesses a CSV file's separator from its header line: the most frequent of `,`, `;` and tab outside
 * quotes (a comma on a tie, then a tab).
 *
 * @param firstLine - the header line
 * @returns the separator
 * @example
 * guessDelimiter("id;name;lat;lon"); // ";"
 */
export function guessDelimiter(firstLine: string): string {
  let best = ",";
  let most = 0;
  for (const candidate of [",", "\t", ";"]) {
    const count = countOutsideQuotes(firstLine, candidate);
    if (count > most) {
      best = candidate;
      most = count;
    }
  }
  return best;
}

/** What the caller may say about a source. */
export interface SourceOptions {
  readonly format?: LoadFormat | undefined;
  readonly delimiter?: string | undefined;
  readonly encoding?: TextEncoding | undefined;
}

/** An opened source: its format and either its text (CSV, JSON, JSONL) or its bytes (a workbook). */
export type OpenedSource =
  | {
      readonly format: "csv" | "json" | "jsonl";
      /** The separator of a CSV file: given, `\t` for `.tsv`, or guessed from the header line. */
      readonly delimiter: string;
      readonly encoding: SettledEncoding;
      readonly chunks: AsyncIterable<string>;
    }
  | { readonly format: "xlsx"; readonly bytes: AsyncIterable<Uint8Array> };

function firstLineOf(text: string): string {
  const end = text.search(/[\r\n]/);
  return end === -1 ? text : text.slice(0, end);
}

/**
 * Opens a source: reads enough of it to settle format, encoding and separator, then hands back all
 * of it from the start.
 *
 * @param source - a path, URL or stream
 * @param options - the format, separator and encoding, when the caller knows them
 * @returns the settled format and the content
 * @throws BuyerMatchError when the source cannot be read, or is an old binary `.xls` workbook
 * @example
 * const opened = await openSource("buyers.csv");
 */
export async function openSource(source: LoadSource, options: SourceOptions = {}): Promise<OpenedSource> {
  const name = sourceName(source);
  const extension = name === undefined ? "" : extname(name).toLowerCase();
  if (options.format === undefined && extension === ".xls") {
    throw sourceError(`${name}: the old binary .xls format is not read; save the sheet as .xlsx (Excel Workbook) or CSV UTF-8`);
  }
  const stream = await openStream(source);
  const raw = stream[Symbol.asyncIterator]();
  // Strings from a text stream are taken as they are; bytes are decoded below.
  const first = await peek(raw, (taken) => taken.length > 0);
  const textStream = first.taken.length > 0 && typeof first.taken[0] === "string";
  if (textStream) {
    return openText(replay(first.taken, raw, first.done) as AsyncIterator<string>, { encoding: "utf-8", source: "default", skip: 0 }, extension, options);
  }
  const bytesIterator = (async function* () {
    for await (const chunk of replay(first.taken, raw, first.done)) yield toBytes(chunk);
  })();
  const head = await peek(bytesIterator, (taken) => taken.reduce((sum, chunk) => sum + chunk.length, 0) >= PEEK_BYTES);
  const headBytes = joinBytes(head.taken);
  const bytes = replay(head.taken, bytesIterator, head.done);
  const zip = headBytes[0] === 0x50 && headBytes[1] === 0x4b && headBytes[2] === 0x03 && headBytes[3] === 0x04;
  const format = options.format ?? EXTENSIONS.get(extension) ?? (zip ? "xlsx" : undefined);
  if (format === "xlsx") return { format, bytes };
  if (zip) throw sourceError(`${name ?? "the input"} is a zip archive (an Excel workbook?), not ${format?.toUpperCase() ?? "text"}: name it .xlsx or pass format "xlsx"`);
  const settled = settleEncoding(headBytes, options.encoding);
  const text = decodeStrictly(bytes, settled, name)[Symbol.asyncIterator]();
  return openText(text, settled, extension, options, format);
}

async function openText(text: AsyncIterator<string>, encoding: SettledEncoding, extension: string, options: SourceOptions, known?: LoadFormat): Promise<OpenedSource> {
  if ((known ?? options.format) === "xlsx") throw sourceError("a stream of text cannot be an Excel workbook: pass the workbook's bytes");
  // Enough text to see the first non-blank character and the whole header line.
  const head = await peek(text, (taken) => {
    const joined = taken.join("");
    const start = joined.replace(/^\uFEFF/, "").trimStart();
    return joined.length >= PEEK_BYTES || (start !== "" && /[\r\n]/.test(start));
  });
  let joined = head.taken.join("");
  if (joined.charCodeAt(0) === 0xfeff) joined = joined.slice(1);
  const start = joined.trimStart();
  const format = (known ?? options.format ?? EXTENSIONS.get(extension) ?? (start.startsWith("[") ? "json" : start.startsWith("{") ? "jsonl" : "csv")) as "csv" | "json" | "jsonl";
  // Only a CSV has a separator to guess (a one-line JSON file's "first line" is the whole file).
  const delimiter = options.delimiter ?? (extension === ".tsv" ? "\t" : format === "csv" ? guessDelimiter(firstLineOf(joined.replace(/^[\r\n]+/, ""))) : ",");
  return { format, delimiter, encoding, chunks: replay(joined === "" ? [] : [joined], text, head.done) };
}
