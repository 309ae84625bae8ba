/**
 * Top-k heaps: the best k items, ordered by score (higher first) then by position (lower first:
 * positions follow the sorted ids, so this is the "ties break by id" rule). The root is the worst
 * kept item, so a new item is compared with one item, and nothing is allocated per offer.
 */

/** Whether item A ranks below item B (by score, then by tie-break rank). */
function worse(scoreA: number, rankA: number, scoreB: number, rankB: number): boolean {
  return scoreA < scoreB || (scoreA === scoreB && rankA > rankB);
}

/**
 * A fixed-size heap of the best k items. Items are positions; ties break by `rank[item]` (the
 * item's place in id order), or by the item itself when no ranks are given.
 */
export class TopK {
  readonly capacity: number;
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private readonly ranks: Int32Array;
  private readonly rankOf: Int32Array | undefined;
  private readonly removed: Uint8Array | undefined;
  private count = 0;

  /**
   * @param capacity - k, the most items kept (at least 1)
   * @param rankOf - tie-break rank of each item (default: the item)
   * @param removed - items never kept (1 for an item removed from the market)
   */
  constructor(capacity: number, rankOf?: Int32Array, removed?: Uint8Array) {
    this.capacity = Math.max(1, capacity);
    this.scores = new Float64Array(this.capacity);
    this.items = new Int32Array(this.capacity);
    this.ranks = new Int32Array(this.capacity);
    this.rankOf = rankOf;
    this.removed = removed;
  }

  /** Empties the heap. */
  reset(): void {
    this.count = 0;
  }

  /** How many items are kept. */
  get size(): number {
    return this.count;
  }

  /**
   * The score an item must reach to be kept: -Infinity until the heap is full, then the worst kept
   * score (an item scoring exactly this still enters when its position is lower).
   */
  get threshold(): number {
    return this.count < this.capacity ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /**
   * Offers an item; keeps it when the heap has room or it beats the worst kept item.
   *
   * @param score - the item's score
   * @param item - its position (smaller wins ties)
   */
  offer(score: number, item: number): void {
    const scores = this.scores;
    const items = this.items;
    const ranks = this.ranks;
    if (this.removed !== undefined && this.removed[item] === 1) return;
    const rank = this.rankOf === undefined ? item : this.rankOf[item]!;
    if (this.count < this.capacity) {
      // Sift up from the new leaf.
      let index = this.count;
      this.count += 1;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        if (!worse(score, rank, scores[parent]!, ranks[parent]!)) break;
        scores[index] = scores[parent]!;
        items[index] = items[parent]!;
        ranks[index] = ranks[parent]!;
        index = parent;
      }
      scores[index] = score;
      items[index] = item;
      ranks[index] = rank;
      return;
    }
    if (!worse(scores[0]!, ranks[0]!, score, rank)) return;
    // Replace the root and sift down.
    let index = 0;
    const count = this.count;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= count) break;
      const right = left + 1;
      let child = left;
      if (right < count && worse(scores[right]!, ranks[right]!, scores[left]!, ranks[left]!)) child = right;
      if (!worse(scores[child]!, ranks[child]!, score, rank)) break;
      scores[index] = scores[child]!;
      items[index] = items[child]!;
      ranks[index] = ranks[child]!;
      index = child;
    }
    scores[index] = score;
    items[index] = item;
    ranks[index] = rank;
  }

  /**
   * The kept items, best first.
   *
   * @returns positions and scores, best first
   */
  sorted(): { item: number; score: number }[] {
    const out: { item: number; score: number; rank: number }[] = [];
    for (let index = 0; index < this.count; index += 1) out.push({ item: this.items[index]!, score: this.scores[index]!, rank: this.ranks[index]! });
    return out.sort((a, b) => (a.score !== b.score ? b.score - a.score : a.rank - b.rank)).map(({ item, score }) => ({ item, score }));
  }
}

/**
 * One {@link TopK} per group (per buyer, when ranking companies for every buyer at once), in flat
 * typed arrays: groups × k slots, no object per group.
 */
export class TopKGroups {
  readonly capacity: number;
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private readonly counts: Int32Array;

  /**
   * @param groups - how many heaps
   * @param capacity - k per heap (at least 1)
   */
  constructor(groups: number, capacity: number) {
    this.capacity = Math.max(1, capacity);
    this.scores = new Float64Array(groups * this.capacity);
    this.items = new Int32Array(groups * this.capacity);
    this.counts = new Int32Array(groups);
  }

  /** The score an item must reach to enter `group` (see {@link TopK.threshold}). */
  threshold(group: number): number {
    return this.counts[group]! < this.capacity ? Number.NEGATIVE_INFINITY : this.scores[group * this.capacity]!;
  }

  /** Offers an item to one group's heap. */
  offer(group: number, score: number, item: number): void {
    const scores = this.scores;
    const items = this.items;
    const base = group * this.capacity;
    const count = this.counts[group]!;
    if (count < this.capacity) {
      let index = count;
      this.counts[group] = count + 1;
      while (index > 0) {
        const parent = (index - 1) >> 1;
        if (!worse(score, item, scores[base + parent]!, items[base + parent]!)) break;
        scores[base + index] = scores[base + parent]!;
        items[base + index] = items[base + parent]!;
        index = parent;
      }
      scores[base + index] = score;
      items[base + index] = item;
      return;
    }
    if (!worse(scores[base]!, items[base]!, score, item)) return;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= count) break;
      const right = left + 1;
      let child = left;
      if (right < count && worse(scores[base + right]!, items[base + right]!, scores[base + left]!, items[base + left]!)) child = right;
      if (!worse(scores[base + child]!, items[base + child]!, score, item)) break;
      scores[base + index] = scores[base + child]!;
      items[base + index] = items[base + child]!;
      index = child;
    }
    scores[base + index] = score;
    items[base + index] = item;
  }

  /** One group's items, best first. */
  sorted(group: number): { item: number; score: number }[] {
    const out: { item: number; score: number }[] = [];
    const base = group * this.capacity;
    for (let index = 0; index < this.counts[group]!; index += 1) out.push({ item: this.items[base + index]!, score: this.scores[base + index]! });
    return out.sort((a, b) => (a.score !== b.score ? b.score - a.score : a.item - b.item));
  }
}
