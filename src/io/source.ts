/**
 * Where a file's text comes from: a path, a URL, or any stream of chunks (stdin). Text is decoded as
 * UTF-8 with the byte-order mark dropped, and the format is taken from the option, the file
 * extension, or the first character of the text, in that order.
 */
import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

/** The formats the loaders read. */
export type LoadFormat = "csv" | "json" | "jsonl";

/** A file path, a `file:` URL, or a stream of chunks (a Node stream such as `process.stdin` is one). */
export type LoadSource = string | URL | AsyncIterable<string | Uint8Array>;

const EXTENSIONS: Record<string, LoadFormat> = { ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl" };

/** The source's file name, when it has one (for messages). */
export function sourceName(source: LoadSource): string | undefined {
  if (typeof source === "string") return source;
  if (source instanceof URL) return fileURLToPath(source);
  return undefined;
}

/** Decodes the source into UTF-8 text chunks (never splitting a character). */
async function* textChunks(source: LoadSource): AsyncGenerator<string> {
  const stream: AsyncIterable<string | Uint8Array> = typeof source === "string" || source instanceof URL ? createReadStream(source) : source;
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of stream) {
    const piece = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (piece !== "") yield piece;
  }
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

/** An opened source: its format, and its text as chunks (the peeked first chunk included). */
export interface OpenedSource {
  readonly format: LoadFormat;
  /** The separator of a CSV file: given, `\t` for `.tsv`, or guessed from the header line. */
  readonly delimiter: string;
  readonly chunks: AsyncIterable<string>;
}

function guessDelimiter(firstLine: string): string {
  const count = (character: string): number => firstLine.split(character).length - 1;
  // A header rarely holds a comma inside a name, so a comma anywhere wins; semicolons and tabs are
  // what spreadsheets in comma-decimal locales write instead.
  if (count(",") > 0) return ",";
  if (count("\t") > 0) return "\t";
  if (count(";") > 0) return ";";
  return ",";
}

/**
 * Opens a source: reads the first chunk to settle the format and delimiter, then hands back every
 * chunk, the first included.
 *
 * @param source - a path, URL or stream
 * @param format - the format, when the caller knows it
 * @param delimiter - the CSV separator, when the caller knows it
 * @returns the format, the delimiter and the text chunks
 * @example
 * const opened = await openSource("buyers.csv");
 */
export async function openSource(source: LoadSource, format?: LoadFormat, delimiter?: string): Promise<OpenedSource> {
  const iterator = textChunks(source)[Symbol.asyncIterator]();
  const first = await iterator.next();
  let head = first.done ? "" : first.value;
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const name = sourceName(source);
  const extension = name === undefined ? "" : extname(name).toLowerCase();
  const start = head.trimStart();
  const resolved: LoadFormat = format ?? EXTENSIONS[extension] ?? (start.startsWith("[") ? "json" : start.startsWith("{") ? "jsonl" : "csv");
  const resolvedDelimiter = delimiter ?? (extension === ".tsv" ? "\t" : guessDelimiter(head.split(/\r?\n/, 1)[0] ?? ""));
  async function* all(): AsyncGenerator<string> {
    if (head !== "") yield head;
    if (first.done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { format: resolved, delimiter: resolvedDelimiter, chunks: all() };
}
