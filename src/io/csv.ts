/**
 * A streaming CSV record reader (RFC 4180 quoting; `\r\n`, `\n` or a lone `\r` end a record, so files
 * saved by old Mac Excel read too). It numbers records as a spreadsheet numbers rows: one row per
 * record, blank lines included, whatever line breaks quoted cells hold. A quote left open at the end
 * of the file does not swallow the rest: that record is reported and reading resumes on the line
 * after the one it started on, so every row of the file is accounted for.
 */

/** One record of a CSV file. */
export type CsvRecord =
  | { readonly kind: "cells"; readonly row: number; readonly line: number; readonly cells: string[] }
  /** A quote opened at `line` is never closed; the record is unreadable. */
  | { readonly kind: "unclosed"; readonly row: number; readonly line: number }
  /** A blank line: a row of the spreadsheet with nothing in it. */
  | { readonly kind: "blank"; readonly row: number; readonly line: number };

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** What one attempt to read a record from `text` at `start` found. */
type Scan = { readonly done: true; readonly cells: string[]; readonly end: number; readonly lines: number } | { readonly done: false; readonly unclosed: boolean };

/**
 * Reads one record from `text` at `start`. `final` says no more text will come: a record then ends at
 * the end of the text, and an open quote is unclosed rather than incomplete.
 */
function scanRecord(text: string, start: number, delimiter: number, final: boolean): Scan {
  const cells: string[] = [];
  let index = start;
  let lines = 0;
  const length = text.length;
  for (;;) {
    // One field.
    if (index < length && text.charCodeAt(index) === QUOTE) {
      let value = "";
      let from = index + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) return { done: false, unclosed: final };
        if (close + 1 >= length && !final) return { done: false, unclosed: false };
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        index = close + 1;
        break;
      }
      for (let at = 0; at < value.length; at++) {
        const code = value.charCodeAt(at);
        if (code === LF || (code === CR && value.charCodeAt(at + 1) !== LF)) lines++;
      }
      // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
      let tail = index;
      while (tail < length) {
        const code = text.charCodeAt(tail);
        if (code === delimiter || code === CR || code === LF) break;
        tail++;
      }
      if (tail > index) value += text.slice(index, tail);
      index = tail;
      cells.push(value);
    } else {
      let end = index;
      while (end < length) {
        const code = text.charCodeAt(end);
        if (code === delimiter || code === CR || code === LF) break;
        end++;
      }
      cells.push(text.slice(index, end));
      index = end;
    }
    if (index >= length) {
      if (!final) return { done: false, unclosed: false };
      return { done: true, cells, end: length, lines };
    }
    const code = text.charCodeAt(index);
    if (code === delimiter) {
      index++;
      continue;
    }
    // A line end closes the record; \r needs the next character to know whether it is \r\n.
    if (code === CR) {
      if (index + 1 >= length && !final) return { done: false, unclosed: false };
      return { done: true, cells, end: text.charCodeAt(index + 1) === LF ? index + 2 : index + 1, lines: lines + 1 };
    }
    return { done: true, cells, end: index + 1, lines: lines + 1 };
  }
}

/** The end of the line that starts at `start` (just past its line end), or -1 when it has none yet. */
function endOfLine(text: string, start: number, final: boolean): number {
  for (let index = start; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LF) return index + 1;
    if (code === CR) {
      if (index + 1 >= text.length && !final) return -1;
      return text.charCodeAt(index + 1) === LF ? index + 2 : index + 1;
    }
  }
  return final ? text.length : -1;
}

/**
 * Streams the records of CSV text.
 *
 * @param chunks - the text, in chunks of any size
 * @param delimiter - the one-character separator
 * @returns the records, in file order, numbered as spreadsheet rows (the first record is row 1)
 * @example
 * for await (const record of csvRecords(["id,name\r\na,Alpha\r\n"], ",")) console.log(record);
 */
export async function* csvRecords(chunks: AsyncIterable<string> | Iterable<string>, delimiter: string): AsyncGenerator<CsvRecord> {
  const separator = delimiter.charCodeAt(0);
  let buffer = "";
  let row = 0;
  let line = 1;
  function* drain(final: boolean): Generator<CsvRecord> {
    let position = 0;
    while (position < buffer.length) {
      const code = buffer.charCodeAt(position);
      if (code === CR || code === LF) {
        const end = endOfLine(buffer, position, final);
        if (end === -1) break;
        row++;
        yield { kind: "blank", row, line };
        line++;
        position = end;
        continue;
      }
      const scan = scanRecord(buffer, position, separator, final);
      if (!scan.done) {
        if (!scan.unclosed) break;
        // Reported at the line it starts on; reading resumes on the next line.
        row++;
        yield { kind: "unclosed", row, line };
        position = endOfLine(buffer, position, true);
        line++;
        continue;
      }
      row++;
      yield { kind: "cells", row, line, cells: scan.cells };
      line += scan.lines;
      position = scan.end;
    }
    buffer = buffer.slice(position);
  }
  for await (const chunk of chunks) {
    buffer = buffer === "" ? chunk : buffer + chunk;
    yield* drain(false);
  }
  yield* drain(true);
}
