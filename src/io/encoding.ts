/**
 * Text encodings of the files mission staff produce: UTF-8 (with or without a byte-order mark),
 * UTF-16 with a byte-order mark (Excel's "Unicode text") and CP949 / EUC-KR (Korean Excel's default
 * "CSV"). The encoding is the one asked for, else the byte-order mark's, else UTF-8 when the first
 * 64 KiB are valid UTF-8, else CP949 when they are valid CP949. A byte sequence that is not valid in
 * the encoding used stops the read with an error naming its line: never silent mojibake.
 */
import { BuyerMatchError } from "../schema/errors.js";
import { loadReasonText, withReason, type LoadReason } from "./messages.js";

/** The encodings the loaders read. `cp949` is read as the WHATWG `euc-kr` decoder, which is CP949. */
export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "cp949";

/** The spellings of each encoding accepted by the `encoding` option. */
const ENCODING_NAMES: ReadonlyMap<string, TextEncoding> = new Map([
  ["utf8", "utf-8"],
  ["utf-8", "utf-8"],
  ["utf16le", "utf-16le"],
  ["utf-16le", "utf-16le"],
  ["utf-16", "utf-16le"],
  ["ucs-2", "utf-16le"],
  ["utf16be", "utf-16be"],
  ["utf-16be", "utf-16be"],
  ["cp949", "cp949"],
  ["euc-kr", "cp949"],
  ["euckr", "cp949"],
  ["windows-949", "cp949"],
  ["ks_c_5601-1987", "cp949"],
  ["uhc", "cp949"],
]);

/** The encoding names accepted, for messages. */
export const ENCODING_CHOICES = ["utf-8", "utf-16le", "utf-16be", "cp949", "euc-kr"] as const;

/**
 * Reads an encoding name as a user writes it (`UTF8`, `euc-kr`, `CP949`).
 *
 * @param name - the name
 * @returns the encoding, or undefined when the name is not one the loaders read
 * @example
 * encodingNamed("EUC-KR"); // "cp949"
 */
export function encodingNamed(name: string): TextEncoding | undefined {
  return ENCODING_NAMES.get(name.trim().toLowerCase());
}

const DECODER_LABEL: Readonly<Record<TextEncoding, string>> = { "utf-8": "utf-8", "utf-16le": "utf-16le", "utf-16be": "utf-16be", cp949: "euc-kr" };


/** How the encoding of a file was settled (for messages). */
export type EncodingSource = "option" | "byte-order mark" | "detected" | "default";

/** The encoding a file's bytes are read in, and how many leading bytes (a byte-order mark) to skip. */
export interface SettledEncoding {
  readonly encoding: TextEncoding;
  readonly source: EncodingSource;
  readonly skip: number;
}

function validIn(label: string, bytes: Uint8Array): boolean {
  try {
    // `stream: true` lets the sample end inside a character.
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Settles the encoding of a file from its first bytes.
 *
 * @param head - the first bytes (64 KiB, or the whole file when shorter)
 * @param asked - the encoding the caller asked for, if any
 * @returns the encoding, where it came from and the bytes to skip
 * @example
 * settleEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])); // { encoding: "utf-8", source: "byte-order mark", skip: 3 }
 */
export function settleEncoding(head: Uint8Array, asked?: TextEncoding): SettledEncoding {
  const bom: SettledEncoding | undefined =
    head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf
      ? { encoding: "utf-8", source: "byte-order mark", skip: 3 }
      : head[0] === 0xff && head[1] === 0xfe
        ? { encoding: "utf-16le", source: "byte-order mark", skip: 2 }
        : head[0] === 0xfe && head[1] === 0xff
          ? { encoding: "utf-16be", source: "byte-order mark", skip: 2 }
          : undefined;
  if (asked !== undefined) {
    // A byte-order mark of the asked encoding is still not text.
    return { encoding: asked, source: "option", skip: bom?.encoding === asked ? bom.skip : 0 };
  }
  if (bom !== undefined) return bom;
  if (validIn("utf-8", head)) return { encoding: "utf-8", source: head.some((byte) => byte >= 0x80) ? "detected" : "default", skip: 0 };
  // Korean text in CP949 is almost never valid UTF-8, and a UTF-8 file is tried first, so this is reliable.
  if (validIn("euc-kr", head)) return { encoding: "cp949", source: "detected", skip: 0 };
  return { encoding: "utf-8", source: "default", skip: 0 };
}

function isLineEnd(byte: number): boolean {
  return byte === 0x0a || byte === 0x0d;
}

/** Lines in decoded text: `\r\n`, `\n` and a lone `\r` each end one. */
function countLineEnds(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) count++;
    else if (code === 13 && text.charCodeAt(index + 1) !== 10) count++;
  }
  return count;
}

function badLineError(encoding: TextEncoding, source: EncodingSource, line: number, file: string | undefined): BuyerMatchError {
  const how = source === "option" ? "option" : source === "byte-order mark" ? "byte-order mark" : "read";
  const reason: LoadReason = { code: "invalid_encoding", line, encoding, how, ...(file === undefined ? {} : { file }) };
  return new BuyerMatchError([withReason({ code: "invalid_encoding", path: ["rows", line], message: loadReasonText(reason) }, reason)]);
}

/**
 * Decodes byte chunks into text chunks in one encoding, strictly: the first invalid byte sequence
 * throws a {@link BuyerMatchError} naming its line (1-based, as an editor counts lines).
 *
 * @param chunks - the bytes (text chunks pass through unchanged)
 * @param settled - the encoding and the bytes to skip at the start
 * @param file - the file name, for the message
 * @returns the text, chunk by chunk
 * @throws BuyerMatchError at the first line that is not valid in the encoding
 * @example
 * for await (const text of decodeStrictly(stream, { encoding: "cp949", source: "option", skip: 0 })) process.stdout.write(text);
 */
export async function* decodeStrictly(chunks: AsyncIterable<Uint8Array>, settled: SettledEncoding, file?: string): AsyncGenerator<string> {
  const { encoding } = settled;
  let skip = settled.skip;
  let linesBefore = 0;
  if (encoding === "utf-16le" || encoding === "utf-16be") {
    // Line ends cannot be found in the bytes of UTF-16, so it decodes as a stream; a bad unit names
    // the line it falls in.
    const decoder = new TextDecoder(DECODER_LABEL[encoding], { fatal: true, ignoreBOM: true });
    for await (let chunk of chunks) {
      if (skip > 0) {
        const cut = Math.min(skip, chunk.length);
        chunk = chunk.subarray(cut);
        skip -= cut;
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        throw badLineError(encoding, settled.source, linesBefore + 1, file);
      }
      linesBefore += countLineEnds(text);
      if (text !== "") yield text;
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw badLineError(encoding, settled.source, linesBefore + 1, file);
    }
    if (rest !== "") yield rest;
    return;
  }
  // UTF-8 and CP949 never use the bytes of \r and \n inside a character, so the bytes split into whole
  // lines and each piece decodes on its own; a failing piece is searched line by line for the culprit.
  const label = DECODER_LABEL[encoding];
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  // The bytes after the last line end, as the chunks that hold them: joined once, when a line ends,
  // so a file of one long line (JSON written without line breaks) costs linear time, not quadratic.
  let carry: Uint8Array[] = [];
  const decodePiece = (piece: Uint8Array): string => {
    try {
      return decoder.decode(piece);
    } catch {
      let start = 0;
      let line = linesBefore;
      for (let index = 0; index <= piece.length; index++) {
        if (index < piece.length && !isLineEnd(piece[index]!)) continue;
        line++;
        if (!validWhole(label, piece.subarray(start, index))) {
          throw badLineError(encoding, settled.source, line, file);
        }
        if (piece[index] === 0x0d && piece[index + 1] === 0x0a) index++;
        start = index + 1;
      }
      throw badLineError(encoding, settled.source, line, file);
    }
  };
  for await (let chunk of chunks) {
    if (skip > 0) {
      const cut = Math.min(skip, chunk.length);
      chunk = chunk.subarray(cut);
      skip -= cut;
    }
    if (chunk.length === 0) continue;
    // A \r at the very end may be the first half of \r\n: it stays with the next chunk.
    let last = chunk[chunk.length - 1] === 0x0d ? chunk.length - 2 : chunk.length - 1;
    while (last >= 0 && !isLineEnd(chunk[last]!)) last--;
    if (last >= 0 && chunk[last] === 0x0d && last + 1 < chunk.length && chunk[last + 1] === 0x0a) last++;
    if (last < 0) {
      carry.push(chunk);
      continue;
    }
    const piece = join([...carry, chunk.subarray(0, last + 1)]);
    carry = last + 1 < chunk.length ? [chunk.slice(last + 1)] : [];
    const text = decodePiece(piece);
    linesBefore += countLineEnds(text);
    if (text !== "") yield text;
  }
  if (carry.length > 0) {
    const text = decodePiece(join(carry));
    if (text !== "") yield text;
  }
}

function validWhole(label: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
