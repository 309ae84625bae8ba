/**
 * "Did you mean": the known name closest to a misspelt column or JSON key, by edit distance between
 * their comparison keys (case, `_`, spaces ignored), when it is close enough to be a likely typo.
 */

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known name nearest to `name`, or undefined when none is near: at most a third of the longer
 * key's letters may differ (at least 2 for short names), and a tie goes to the first known name.
 *
 * @param name - the name as written
 * @param known - the names it may have meant
 * @param key - how names are compared (default: lower case, letters and digits only)
 * @returns the closest known name, as the known list spells it
 * @example
 * closestName("meeting_capcity", ["meetingCapacity", "online"]); // "meetingCapacity"
 */
export function closestName(name: string, known: readonly string[], key: (text: string) => string = (text) => text.toLowerCase().replace(/[^a-z0-9]/g, "")): string | undefined {
  const wanted = key(name);
  if (wanted === "") return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const candidateKey = key(candidate);
    // A known name that starts the written one ("hs" in "hsCode") is as near as one typo.
    const distance = candidateKey.length >= 2 && wanted.startsWith(candidateKey) ? Math.min(1, editDistance(wanted, candidateKey)) : editDistance(wanted, candidateKey);
    const allowed = Math.max(2, Math.floor(Math.max(wanted.length, candidateKey.length) / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
