/**
 * Stable matching with capacities (hospital–resident) by deferred acceptance (Gale–Shapley), with the
 * proposers proposing, which yields the proposer-optimal stable matching. With every capacity 1 it is
 * the stable marriage problem.
 */
import { z } from "zod";
import { CountSchema, IdSchema } from "../schema/common.js";
import { BuyerMatchError, describeValue, safeParseWith, type BuyerMatchIssue } from "../schema/errors.js";

/** Preference lists: id → ids in order of preference, best first. A Map or a plain record. */
export type Preferences = ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>;
/** Receiver capacities: id → how many proposers it may hold. A Map or a plain record. */
export type Capacities = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** The result of {@link stableMatch}. */
export interface StableMatching {
  /** Every matched pair, sorted by proposer id. */
  readonly pairs: readonly { readonly proposer: string; readonly receiver: string }[];
  /** Proposer → the receiver it holds. */
  readonly byProposer: ReadonlyMap<string, string>;
  /** Receiver → its proposers, in the receiver's order of preference (every receiver present). */
  readonly byReceiver: ReadonlyMap<string, readonly string[]>;
  /** Proposers left without a receiver, sorted by id. */
  readonly unmatchedProposers: readonly string[];
}

const ListSchema = z.array(IdSchema);

function entriesOf<T>(value: unknown, name: string, issues: BuyerMatchIssue[]): [string, T][] {
  if (value instanceof Map) {
    const entries: [string, T][] = [];
    for (const [key, item] of value as Map<unknown, T>) {
      if (typeof key === "string") entries.push([key, item]);
      else issues.push({ code: "invalid_input", path: [name], message: `every key must be an id (a string), not ${describeValue(key)}` });
    }
    return entries;
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return Object.entries(value as Record<string, T>);
  issues.push({ code: "invalid_input", path: [name], message: "must be a Map or a record of id → value" });
  return [];
}

/**
 * Finds the proposer-optimal stable matching. A pair is acceptable only when each side lists the
 * other; proposers propose down their lists, and each receiver keeps its best `capacity` proposals so
 * far. The result does not depend on the order of the input's keys.
 *
 * @param proposerPrefs - proposer id → receiver ids, best first (residents, suitors)
 * @param receiverPrefs - receiver id → proposer ids, best first (hospitals, reviewers)
 * @param capacities - receiver id → capacity; a receiver not listed has capacity 1 (stable marriage)
 * @returns the matching, by proposer and by receiver, and the unmatched proposers
 * @throws BuyerMatchError when a list names an unknown id, repeats an id, or a capacity is not a whole number ≥ 0
 * @example
 * const result = stableMatch(
 *   { A: ["X", "Y"], B: ["X"] },
 *   { X: ["B", "A"], Y: ["A"] },
 * );
 * result.byProposer; // Map { "A" => "Y", "B" => "X" }
 */
export function stableMatch(proposerPrefs: Preferences, receiverPrefs: Preferences, capacities: Capacities = new Map()): StableMatching {
  const issues: BuyerMatchIssue[] = [];
  const proposerEntries = entriesOf<unknown>(proposerPrefs, "proposerPrefs", issues);
  const receiverEntries = entriesOf<unknown>(receiverPrefs, "receiverPrefs", issues);
  const capacityEntries = entriesOf<unknown>(capacities, "capacities", issues);

  const proposerIds = new Set(proposerEntries.map(([id]) => id));
  const receiverIds = new Set(receiverEntries.map(([id]) => id));
  const checkLists = (entries: [string, unknown][], side: string, others: Set<string>, otherName: string): Map<string, string[]> => {
    const lists = new Map<string, string[]>();
    for (const [id, raw] of entries) {
      const parsed = safeParseWith(ListSchema, raw, [side, id]);
      if (!parsed.success) {
        issues.push(...parsed.issues);
        continue;
      }
      const seen = new Set<string>();
      parsed.data.forEach((other, index) => {
        if (!others.has(other)) issues.push({ code: "unknown_reference", path: [side, id, index], message: `${JSON.stringify(other)} is not a ${otherName}` });
        else if (seen.has(other)) issues.push({ code: "invalid_input", path: [side, id, index], message: `${JSON.stringify(other)} is listed twice` });
        seen.add(other);
      });
      lists.set(id, parsed.data);
    }
    return lists;
  };
  const proposerLists = checkLists(proposerEntries, "proposerPrefs", receiverIds, "receiver");
  const receiverLists = checkLists(receiverEntries, "receiverPrefs", proposerIds, "proposer");
  const capacityOf = new Map<string, number>();
  for (const [id, raw] of capacityEntries) {
    const parsed = safeParseWith(CountSchema, raw, ["capacities", id]);
    if (!parsed.success) issues.push(...parsed.issues);
    else if (!receiverIds.has(id)) issues.push({ code: "unknown_reference", path: ["capacities", id], message: `${JSON.stringify(id)} is not a receiver` });
    else capacityOf.set(id, parsed.data);
  }
  if (issues.length > 0) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);

  const receivers = [...receiverIds].sort(compareIds);
  const proposers = [...proposerIds].sort(compareIds);
  const rankByReceiver = new Map<string, Map<string, number>>();
  for (const receiver of receivers) {
    rankByReceiver.set(receiver, new Map((receiverLists.get(receiver) ?? []).map((proposer, rank) => [proposer, rank])));
  }
  const held = new Map<string, string[]>(receivers.map((receiver) => [receiver, []]));
  const nextChoice = new Map<string, number>(proposers.map((proposer) => [proposer, 0]));
  // Deferred acceptance reaches the same matching whatever order proposals are made in; a stack of
  // free proposers in id order keeps the run itself reproducible.
  const free = [...proposers].reverse();
  while (free.length > 0) {
    const proposer = free.pop() as string;
    const list = proposerLists.get(proposer) ?? [];
    let placed = false;
    while (!placed) {
      const index = nextChoice.get(proposer) ?? 0;
      if (index >= list.length) break;
      nextChoice.set(proposer, index + 1);
      const receiver = list[index] as string;
      const rank = rankByReceiver.get(receiver)?.get(proposer);
      if (rank === undefined) continue;
      const capacity = capacityOf.get(receiver) ?? 1;
      if (capacity === 0) continue;
      const holding = held.get(receiver) as string[];
      const ranks = rankByReceiver.get(receiver) as Map<string, number>;
      if (holding.length < capacity) {
        holding.push(proposer);
        placed = true;
        continue;
      }
      let worstIndex = 0;
      for (let k = 1; k < holding.length; k++) if ((ranks.get(holding[k] as string) ?? 0) > (ranks.get(holding[worstIndex] as string) ?? 0)) worstIndex = k;
      const worst = holding[worstIndex] as string;
      if ((ranks.get(worst) ?? 0) > rank) {
        holding[worstIndex] = proposer;
        free.push(worst);
        placed = true;
      }
    }
  }

  const byProposer = new Map<string, string>();
  const byReceiver = new Map<string, readonly string[]>();
  for (const receiver of receivers) {
    const ranks = rankByReceiver.get(receiver) as Map<string, number>;
    const holding = [...(held.get(receiver) as string[])].sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
    byReceiver.set(receiver, holding);
    for (const proposer of holding) byProposer.set(proposer, receiver);
  }
  const pairs = proposers.filter((p) => byProposer.has(p)).map((proposer) => ({ proposer, receiver: byProposer.get(proposer) as string }));
  const sortedByProposer = new Map(pairs.map((pair) => [pair.proposer, pair.receiver]));
  return { pairs, byProposer: sortedByProposer, byReceiver, unmatchedProposers: proposers.filter((p) => !byProposer.has(p)) };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
