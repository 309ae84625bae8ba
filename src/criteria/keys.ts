/**
 * Buyer keys remembered by identity. Normalisation shares one array or object between the records
 * with the same values (one list of certifications, one set of sector codes), and records are never
 * mutated, so a key made from such a value alone is made once per value rather than once per
 * buyer: the engine groups 10⁵ buyers per criterion, and the same string also hashes once.
 */

/**
 * Wraps a key function of a shared, never-mutated value with a memory keyed by the value's
 * identity (a `WeakMap`: nothing is kept alive past the values themselves).
 *
 * @param make - the key of one value; called once per distinct object
 * @returns the same keys, remembered
 * @example
 * const certificationsKey = keyByIdentity((keys: readonly string[]) => keys.join(","));
 * certificationsKey(buyer.record.requiredCertifications); // "iatf16949,iso9001"
 */
export function keyByIdentity<T extends object>(make: (value: T) => string): (value: T) => string {
  const known = new WeakMap<T, string>();
  return (value) => {
    let key = known.get(value);
    if (key === undefined) {
      key = make(value);
      known.set(value, key);
    }
    return key;
  };
}
