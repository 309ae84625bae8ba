/**
 * A compact form of plain data (objects, arrays, strings, numbers, booleans, null, undefined) for
 * sending explained matches from a worker thread: a few typed arrays (transferred, not copied) and
 * the distinct strings and key lists once each. The structured clone of ten thousand explained
 * matches (about 600,000 objects, values and strings) costs the receiving thread more than the
 * ranking itself; decoding this form builds the same values with one allocation per object.
 *
 * Decoding gives what the structured clone would: the same own keys in the same order, `undefined`
 * values kept, -0 and every double exact. Anything else (a Map, a class instance, an object without
 * a prototype, a key named `__proto__`, a sparse array) is not encoded: {@link encodeValues} returns undefined and the
 * caller sends the values as they are.
 */

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const NUMBER = 4;
const STRING = 5;
const ARRAY = 6;
const OBJECT = 7;

/** Values in compact form (see {@link encodeValues}). */
export interface EncodedValues {
  /** One tag per value, depth first. */
  readonly tags: Uint8Array;
  /** Numbers, in order. */
  readonly numbers: Float64Array;
  /** String ids, array lengths and shape ids, in order. */
  readonly ints: Int32Array;
  readonly strings: readonly string[];
  /** Each object shape's keys, in order. */
  readonly shapes: readonly (readonly string[])[];
}

/**
 * Encodes plain data, or gives up (undefined) on anything a plain decode could not rebuild exactly.
 *
 * @param values - the values
 * @returns their compact form, or undefined
 * @example
 * const encoded = encodeValues(lists);
 * if (encoded !== undefined) port.postMessage(encoded, [encoded.tags.buffer, encoded.numbers.buffer, encoded.ints.buffer]);
 */
export function encodeValues(values: readonly unknown[]): EncodedValues | undefined {
  const tags: number[] = [];
  const numbers: number[] = [];
  const ints: number[] = [];
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const shapes: string[][] = [];
  const shapeIds = new Map<string, number>();
  const string = (value: string): void => {
    let id = stringIds.get(value);
    if (id === undefined) {
      id = strings.length;
      strings.push(value);
      stringIds.set(value, id);
    }
    ints.push(id);
  };
  const encode = (value: unknown): boolean => {
    switch (typeof value) {
      case "undefined":
        tags.push(UNDEFINED);
        return true;
      case "boolean":
        tags.push(value ? TRUE : FALSE);
        return true;
      case "number":
        tags.push(NUMBER);
        numbers.push(value);
        return true;
      case "string":
        tags.push(STRING);
        string(value);
        return true;
      case "object": {
        if (value === null) {
          tags.push(NULL);
          return true;
        }
        if (Array.isArray(value)) {
          if (Object.getPrototypeOf(value) !== Array.prototype) return false;
          const keys = Object.keys(value);
          if (keys.length !== value.length) return false;
          tags.push(ARRAY);
          ints.push(value.length);
          for (let index = 0; index < value.length; index += 1) if (!encode(value[index])) return false;
          return true;
        }
        const prototype: unknown = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype) return false;
        const keys = Object.keys(value);
        // JSON of the key list: no two lists share it (a joined list would: [""] and []).
        const shape = JSON.stringify(keys);
        let id = shapeIds.get(shape);
        if (id === undefined) {
          if (keys.includes("__proto__")) return false;
          id = shapes.length;
          shapes.push(keys);
          shapeIds.set(shape, id);
        }
        tags.push(OBJECT);
        ints.push(id);
        for (const key of keys) if (!encode((value as Record<string, unknown>)[key])) return false;
        return true;
      }
      default:
        return false;
    }
  };
  tags.push(ARRAY);
  ints.push(values.length);
  for (const value of values) if (!encode(value)) return undefined;
  return { tags: Uint8Array.from(tags), numbers: Float64Array.from(numbers), ints: Int32Array.from(ints), strings, shapes };
}

/**
 * The buffers of an encoded value to transfer with its message (moved, not copied).
 *
 * @param encoded - what {@link encodeValues} returned
 * @returns the transfer list for `postMessage`
 * @example
 * parentPort.postMessage({ ok: true, encoded }, transferOf(encoded));
 */
export function transferOf(encoded: EncodedValues): ArrayBuffer[] {
  return [encoded.tags.buffer as ArrayBuffer, encoded.numbers.buffer as ArrayBuffer, encoded.ints.buffer as ArrayBuffer];
}

/**
 * The values {@link encodeValues} encoded.
 *
 * @param encoded - the compact form (as received: typed arrays and lists)
 * @returns the values, equal to the encoded ones key for key and bit for bit
 * @example
 * const lists = decodeValues(reply.encoded) as Match[][];
 */
export function decodeValues(encoded: EncodedValues): unknown[] {
  const { tags, numbers, ints, strings, shapes } = encoded;
  let tag = 0;
  let number = 0;
  let int = 0;
  const decode = (): unknown => {
    switch (tags[tag++]) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case NUMBER:
        return numbers[number++];
      case STRING:
        return strings[ints[int++]!];
      case ARRAY: {
        const length = ints[int++]!;
        const array: unknown[] = [];
        for (let index = 0; index < length; index += 1) array.push(decode());
        return array;
      }
      case OBJECT: {
        const keys = shapes[ints[int++]!]!;
        const object: Record<string, unknown> = {};
        for (let index = 0; index < keys.length; index += 1) object[keys[index]!] = decode();
        return object;
      }
      default:
        throw new Error("the compact values are damaged");
    }
  };
  return decode() as unknown[];
}
