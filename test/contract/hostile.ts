/**
 * Hostile values for the contract test: what a caller's bug, a bad file or a fuzzer passes to a
 * public function. Each one has broken a validator somewhere before (odd `length`s inside zod, Maps
 * keyed by objects, BigInt, sparse arrays, null prototypes).
 */
import fc from "fast-check";

/** One hostile value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    1e308,
    -1,
    0,
    "",
    " ",
    "__proto__",
    "constructor",
    "0.25",
    true,
    1n,
    Symbol.for("buyermatch"),
  ),
  fc.constant(null).map(() => ({ length: Object.create(null) as object })),
  fc.constant(null).map(() => ({ length: -1 })),
  fc.constant(null).map(() => ({ length: 1e12 })),
  fc.constant(null).map(() => ({ length: "3", 0: "a" })),
  fc.constant(null).map(() => new Map<unknown, unknown>([[{}, 1]])),
  fc.constant(null).map(() => new Map<unknown, unknown>([[{ id: "a" }, ["b"]]])),
  fc.constant(null).map(() => new Set([{}])),
  // eslint-disable-next-line no-sparse-arrays
  fc.constant(null).map(() => [, 1] as unknown[]),
  fc.constant(null).map(() => Object.create(null) as object),
  fc.constant(null).map(() => ({ __proto__: null, toString: 1, valueOf: 1 }) as object),
  fc.constant(null).map(() => JSON.parse('{"__proto__": {"polluted": 1}}') as object),
  fc.constant(null).map(() => () => 1),
  fc.constant(null).map(() => new Date(Number.NaN)),
  fc.bigInt(),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 12 }),
  fc.sparseArray(fc.anything({ maxDepth: 1 }), { maxLength: 4 }),
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withBoxedValues: true,
    withDate: true,
    withTypedArray: true,
  }),
);

type Step = string | number | { readonly mapKey: unknown };

/** Every position in a value tree (up to `depth`), as paths from the root. */
export function positions(value: unknown, depth = 6, path: Step[] = [], out: Step[][] = []): Step[][] {
  out.push(path);
  if (depth === 0 || value === null || typeof value !== "object") return out;
  if (value instanceof Map) {
    for (const key of value.keys()) positions(value.get(key), depth - 1, [...path, { mapKey: key }], out);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => positions(item, depth - 1, [...path, index], out));
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const key of Object.keys(value)) positions((value as Record<string, unknown>)[key], depth - 1, [...path, key], out);
  }
  return out;
}

/** A copy of `value` with the value at `path` replaced (the copy shares everything off the path). */
export function replaceAt(value: unknown, path: readonly Step[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [Step, ...Step[]];
  if (value instanceof Map) {
    const key = (head as { mapKey: unknown }).mapKey;
    const copy = new Map(value);
    copy.set(key, replaceAt(value.get(key), rest, replacement));
    return copy;
  }
  if (Array.isArray(value)) {
    const copy = value.slice();
    copy[head as number] = replaceAt(value[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  copy[head as string] = replaceAt((value as Record<string, unknown>)[head as string], rest, replacement);
  return copy;
}

function valueAt(value: unknown, path: readonly Step[]): unknown {
  let node = value;
  for (const step of path) {
    if (node instanceof Map) node = node.get((step as { mapKey: unknown }).mapKey);
    else node = (node as Record<string | number, unknown>)[step as string | number];
  }
  return node;
}

/** Near-valid argument lists: a valid list with exactly one position (any depth) made hostile or removed. */
export function nearValid(valid: readonly unknown[]): fc.Arbitrary<unknown[]> {
  const spots = positions(valid).filter((path) => path.length > 0);
  return fc.tuple(fc.nat({ max: spots.length - 1 }), hostileValue, fc.boolean()).map(([index, replacement, remove]) => {
    const spot = spots[index]!;
    const last = spot[spot.length - 1];
    // Removing a property (not only replacing it) reaches the "missing field" paths.
    if (remove && typeof last === "string") {
      const parentPath = spot.slice(0, -1);
      const parent = valueAt(valid, parentPath);
      if (parent !== null && typeof parent === "object" && !(parent instanceof Map) && !Array.isArray(parent)) {
        const copy = { ...(parent as Record<string, unknown>) };
        delete copy[last];
        return replaceAt(valid, parentPath, copy) as unknown[];
      }
    }
    return replaceAt(valid, spot, replacement) as unknown[];
  });
}

/** Argument lists for a function: mostly near-valid, some entirely hostile. */
export function argumentLists(valid: readonly unknown[]): fc.Arbitrary<unknown[]> {
  const arity = Math.max(valid.length, 1);
  return fc.oneof(
    { weight: 7, arbitrary: nearValid(valid) },
    { weight: 2, arbitrary: fc.array(hostileValue, { minLength: 0, maxLength: arity + 1 }) },
    { weight: 1, arbitrary: fc.constant(null).map(() => valid.slice(0, Math.max(0, valid.length - 1))) },
  );
}

/** Where a result holds a number that is NaN or infinite, or undefined when none does. */
export function nonFinitePath(value: unknown, path = "result", seen = new Set<object>()): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (value === null || typeof value !== "object") return undefined;
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      const found = nonFinitePath(key, `${path}.key`, seen) ?? nonFinitePath(item, `${path}.get(${String(key)})`, seen);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (ArrayBuffer.isView(value)) return undefined;
  for (const key of Object.keys(value)) {
    const found = nonFinitePath((value as Record<string, unknown>)[key], `${path}.${key}`, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}
