/**
 * The byte layout of matcher snapshots: a header (magic, format version, length, checksum) and a
 * sequence of fields written and read in the same order. Typed arrays are aligned, so a reader over
 * an aligned buffer returns views into it (no copy: a snapshot in a SharedArrayBuffer is shared by
 * every thread that loads it). Strings are stored as UTF-16 code units, so every JavaScript string
 * (a lone surrogate included) comes back exactly. Every read is bounds-checked; a short, foreign or
 * altered snapshot raises a `SnapshotFault`, which the loader turns into a BuyerMatchError.
 */

/** "BMSNAP" then the format version (u16); bump the version whenever the layout changes. */
const MAGIC = [0x42, 0x4d, 0x53, 0x4e, 0x41, 0x50] as const;
export const SNAPSHOT_FORMAT = 2;
const HEADER = 16;

/** Why a snapshot could not be read (internal; the loader reports it as a BuyerMatchError). */
export class SnapshotFault extends Error {}

function fault(message: string): never {
  throw new SnapshotFault(message);
}

/** FNV-1a over 32-bit little-endian words (the payload is padded to 4 bytes): any one changed word changes it. */
function checksum(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  const words = (end - start) >> 2;
  if ((bytes.byteOffset + start) % 4 === 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + start, words);
    for (let index = 0; index < words; index += 1) hash = Math.imul(hash ^ view[index]!, 0x01000193);
  } else {
    for (let index = 0; index < words; index += 1) {
      const at = start + 4 * index;
      const word = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
      hash = Math.imul(hash ^ word, 0x01000193);
    }
  }
  return hash >>> 0;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Appends fields to a growing buffer; `finish` writes the header. */
export class SnapshotWriter {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  private length = HEADER;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }

  private align(to: number): void {
    const pad = (to - (this.length % to)) % to;
    this.reserve(pad);
    this.length += pad;
  }

  /** An unsigned 32-bit integer. */
  u32(value: number): void {
    this.align(4);
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  /** A double. */
  f64(value: number): void {
    this.align(8);
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  /** A list of 32-bit integers. */
  ints(values: Int32Array): void {
    this.u32(values.length);
    this.reserve(values.byteLength);
    new Int32Array(this.bytes.buffer, this.length, values.length).set(values);
    this.length += values.byteLength;
  }

  /** A list of bytes. */
  bytesOf(values: Uint8Array): void {
    this.u32(values.length);
    this.reserve(values.length);
    this.bytes.set(values, this.length);
    this.length += values.length;
  }

  /** A list of doubles. */
  floats(values: Float64Array): void {
    this.u32(values.length);
    this.align(8);
    this.reserve(values.byteLength);
    new Float64Array(this.bytes.buffer, this.length, values.length).set(values);
    this.length += values.byteLength;
  }

  /** A string, as UTF-16 code units. */
  string(value: string): void {
    this.u32(value.length);
    this.reserve(2 * value.length);
    const units = new Uint16Array(this.bytes.buffer, this.length, value.length);
    for (let index = 0; index < value.length; index += 1) units[index] = value.charCodeAt(index);
    this.length += 2 * value.length;
  }

  /** A list of strings: their ends (code units), then one run of code units. */
  strings(values: readonly string[]): void {
    const ends = new Int32Array(values.length);
    let total = 0;
    values.forEach((value, index) => {
      total += value.length;
      ends[index] = total;
    });
    this.ints(ends);
    this.string(values.join(""));
  }

  /** The snapshot: header (magic, version, length, checksum) and the fields. */
  finish(): Uint8Array {
    this.align(4);
    const bytes = this.bytes.slice(0, this.length);
    bytes.set(MAGIC, 0);
    const view = new DataView(bytes.buffer);
    view.setUint16(6, SNAPSHOT_FORMAT, true);
    view.setUint32(8, this.length, true);
    view.setUint32(12, checksum(bytes, HEADER, this.length), true);
    return bytes;
  }
}

/** Reads fields in the order they were written; every read checks the bounds. */
export class SnapshotReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private offset = HEADER;
  private readonly end: number;

  /**
   * Checks the header (magic, version, length, checksum) before any field is read.
   *
   * @param input - the snapshot's bytes
   */
  constructor(input: Uint8Array) {
    if (!littleEndian) fault("snapshots are read on little-endian machines only");
    if (input.length < HEADER) fault(`it is ${input.length} bytes long, shorter than a snapshot's header`);
    for (let index = 0; index < MAGIC.length; index += 1) if (input[index] !== MAGIC[index]) fault("it is not a buyermatch snapshot (its first bytes are not BMSNAP)");
    const header = new DataView(input.buffer, input.byteOffset, HEADER);
    const version = header.getUint16(6, true);
    if (version !== SNAPSHOT_FORMAT) fault(`it was written in snapshot format ${version}; this version of buyermatch reads format ${SNAPSHOT_FORMAT} only: build the matcher again and take a new snapshot`);
    const length = header.getUint32(8, true);
    if (length !== input.length) fault(length > input.length ? `it is truncated: ${input.length} of its ${length} bytes are here` : `it has ${input.length - length} bytes more than the ${length} it was written with`);
    if (length % 4 !== 0) fault("its length is not a whole number of words");
    // Views need aligned offsets: an unaligned copy (a slice of a larger file) is copied once.
    this.bytes = input.byteOffset % 8 === 0 ? input : input.slice();
    if (checksum(this.bytes, HEADER, length) !== header.getUint32(12, true)) fault("its checksum does not match: the bytes were changed after it was written");
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, length);
    this.end = length;
  }

  private align(to: number): void {
    const absolute = this.bytes.byteOffset + this.offset;
    this.offset += (to - (absolute % to)) % to;
  }

  private need(bytes: number, what: string): void {
    if (this.offset + bytes > this.end) fault(`it ends inside ${what}`);
  }

  /** An unsigned 32-bit integer. */
  u32(what = "a number"): number {
    this.align(4);
    this.need(4, what);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  /** A double (checked finite unless `allowNaN`). */
  f64(what = "a number", allowNaN = false): number {
    this.align(8);
    this.need(8, what);
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    if (!Number.isFinite(value) && !(allowNaN && Number.isNaN(value))) fault(`${what} is not a finite number`);
    return value;
  }

  /** A list of 32-bit integers (a view when aligned). */
  ints(what: string): Int32Array {
    const count = this.u32(what);
    this.need(4 * count, what);
    const values = new Int32Array(this.bytes.buffer, this.bytes.byteOffset + this.offset, count);
    this.offset += 4 * count;
    return values;
  }

  /** A list of bytes. */
  bytesOf(what: string): Uint8Array {
    const count = this.u32(what);
    this.need(count, what);
    const values = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return values;
  }

  /** A list of doubles, each checked finite. */
  floats(what: string): Float64Array {
    const count = this.u32(what);
    this.align(8);
    this.need(8 * count, what);
    const values = new Float64Array(this.bytes.buffer, this.bytes.byteOffset + this.offset, count);
    this.offset += 8 * count;
    for (let index = 0; index < count; index += 1) if (!Number.isFinite(values[index]!)) fault(`${what} holds a value that is not a finite number`);
    return values;
  }

  /** A string. */
  string(what: string): string {
    const count = this.u32(what);
    this.align(2);
    this.need(2 * count, what);
    const units = new Uint16Array(this.bytes.buffer, this.bytes.byteOffset + this.offset, count);
    this.offset += 2 * count;
    let out = "";
    for (let start = 0; start < count; start += 8192) out += String.fromCharCode.apply(null, units.subarray(start, Math.min(count, start + 8192)) as unknown as number[]);
    return out;
  }

  /** A list of strings. */
  strings(what: string): string[] {
    const ends = this.ints(what);
    const text = this.string(what);
    const out = new Array<string>(ends.length);
    let start = 0;
    for (let index = 0; index < ends.length; index += 1) {
      const end = ends[index]!;
      if (end < start || end > text.length) fault(`${what} is damaged (string ${index} ends outside the text)`);
      out[index] = text.slice(start, end);
      start = end;
    }
    if (start !== text.length) fault(`${what} is damaged (text left over after its last string)`);
    return out;
  }

  /** A JSON value. */
  json(what: string): unknown {
    const text = this.string(what);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      fault(`${what} is not valid JSON`);
    }
  }

  /** Checks that every field was read. */
  done(): void {
    this.align(4);
    if (this.offset !== this.end) fault(`${this.end - this.offset} bytes are left after its last field`);
  }
}

/** Checks that every value of a list lies in [0, limit). */
export function checkRange(values: Int32Array, limit: number, what: string): void {
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index]!;
    if (!(value >= 0 && value < limit)) fault(`${what} is damaged (value ${value} at ${index} is outside 0..${limit - 1})`);
  }
}

/** Checks a compressed-row list: `start` has rows + 1 non-decreasing entries from 0 to items.length. */
export function checkRows(start: Int32Array, rows: number, items: Int32Array, limit: number, what: string): void {
  if (start.length !== rows + 1) fault(`${what} is damaged (${start.length - 1} rows where ${rows} are expected)`);
  if (start[0] !== 0 || start[rows] !== items.length) fault(`${what} is damaged (its rows do not cover its items)`);
  for (let row = 0; row < rows; row += 1) if (start[row + 1]! < start[row]!) fault(`${what} is damaged (row ${row} ends before it starts)`);
  checkRange(items, limit, what);
}

/** Raises a fault (for checks made outside this module). */
export function snapshotFault(message: string): never {
  fault(message);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(128).fill(-1);
for (let index = 0; index < ALPHABET.length; index += 1) DECODE[ALPHABET.charCodeAt(index)] = index;

/** Base64 (standard alphabet, padded), without Node's Buffer, for the JSON-safe form. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index]!;
    const b = index + 1 < bytes.length ? bytes[index + 1]! : 0;
    const c = index + 2 < bytes.length ? bytes[index + 2]! : 0;
    chunk += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]! + (index + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : "=") + (index + 2 < bytes.length ? ALPHABET[c & 63]! : "=");
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = "";
    }
  }
  parts.push(chunk);
  return parts.join("");
}

/** Decodes base64 written by {@link toBase64}; a fault on any other character or length. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) fault("its base64 text is not a whole number of 4-character groups");
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let index = 0; index < text.length; index += 4) {
    const values = [0, 0, 0, 0];
    for (let slot = 0; slot < 4; slot += 1) {
      const code = text.charCodeAt(index + slot);
      const last = index + 4 === text.length;
      if (code === 61 && last && slot >= 4 - padding) continue;
      const value = code < 128 ? DECODE[code]! : -1;
      if (value < 0) fault(`its base64 text holds a character that is not base64 at ${index + slot}`);
      values[slot] = value;
    }
    const triple = (values[0]! << 18) | (values[1]! << 12) | (values[2]! << 6) | values[3]!;
    if (at < out.length) out[at++] = (triple >> 16) & 255;
    if (at < out.length) out[at++] = (triple >> 8) & 255;
    if (at < out.length) out[at++] = triple & 255;
  }
  return out;
}
