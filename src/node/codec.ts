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
 * if (encoded !== undefined) port.postMessage(encoded, transferOf(encoded));
 */
export function encodeValues(values: readonly unknown[]): EncodedValues | undefined {
  // for…in below reads a plain object's own keys only, unless something enumerable was put on Object.prototype.
  if (Object.keys(Object.prototype).length !== 0) return undefined;
  const tags = new Grow(Uint8Array, 1 << 12);
  const numbers = new Grow(Float64Array, 1 << 10);
  const ints = new Grow(Int32Array, 1 << 11);
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const shapes: string[][] = [];
  // Object shapes as a trie over their keys in order: no key list or string built per object.
  const root: ShapeNode = { id: -1, keys: [], next: new Map() };
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
          // A hole or a named property would not come back from a plain decode.
          if (Object.keys(value).length !== value.length) return false;
          tags.push(ARRAY);
          ints.push(value.length);
          for (let index = 0; index < value.length; index += 1) if (!encode(value[index])) return false;
          return true;
        }
        const prototype: unknown = Object.getPrototypeOf(value);
        if (prototype !== Object.prototype) return false;
        tags.push(OBJECT);
        // The shape id is known after the keys: its place is kept and filled in.
        const slot = ints.push(0);
        let node = root;
        for (const key in value) {
          let child = node.next.get(key);
          if (child === undefined) {
            if (key === "__proto__") return false;
            child = { id: -1, keys: [...node.keys, key], next: new Map() };
            node.next.set(key, child);
          }
          node = child;
          if (!encode((value as Record<string, unknown>)[key])) return false;
        }
        if (node.id === -1) {
          node.id = shapes.length;
          shapes.push(node.keys);
        }
        ints.set(slot, node.id);
        return true;
      }
      default:
        return false;
    }
  };
  tags.push(ARRAY);
  ints.push(values.length);
  for (const value of values) if (!encode(value)) return undefined;
  return { tags: tags.done(), numbers: numbers.done(), ints: ints.done(), strings, shapes };
}

interface ShapeNode {
  /** The shape's id once an object ends here, else -1. */
  id: number;
  readonly keys: string[];
  readonly next: Map<string, ShapeNode>;
}

type Typed = Uint8Array | Int32Array | Float64Array;

/** A typed array that grows by doubling; `done` gives the filled part. */
class Grow<T extends Typed> {
  private array: T;
  private length = 0;
  constructor(
    private readonly make: new (size: number) => T,
    size: number,
  ) {
    this.array = new make(size);
  }
  /** Appends a value and returns its index. */
  push(value: number): number {
    if (this.length === this.array.length) {
      const bigger = new this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length] = value;
    return this.length++;
  }
  set(index: number, value: number): void {
    this.array[index] = value;
  }
  done(): T {
    return this.array.slice(0, this.length) as T;
  }
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
