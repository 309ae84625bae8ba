import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { BuyerMatchError, createMatcher, loadMatcher, type Buyer, type Company, type Matcher, type MatchOptions } from "../../src/index.js";
import { marketArbitrary, optionsArbitrary } from "./arbitraries.js";
import { SNAPSHOT_FORMAT } from "../../src/engine/snapshotCodec.js";

const RUNS = 60;

/** Everything a matcher answers, as plain data (scores compare bit for bit under toEqual). */
function answers(matcher: Matcher, companies: readonly Company[], buyers: readonly Buyer[]): unknown {
  const viewpoint = matcher.indexCompanies(companies);
  return {
    size: matcher.size,
    ranked: [...matcher.rankAll(companies)],
    tops: companies.map((company) => matcher.rank(company, { top: 2 })),
    byBuyer: [...viewpoint.rankAll()],
    one: buyers.filter((_, at) => at % 3 === 0).map((buyer) => (matcher.indexCompanies(companies).rank(buyer.id.trim()))),
  };
}

describe("snapshots", () => {
  test.prop([marketArbitrary(), optionsArbitrary, fc.boolean()], { seed: 2026, numRuns: RUNS })(
    "a matcher loaded from its snapshot gives every answer the original gives",
    ({ companies, buyers }, options, pruning) => {
      const matcher = createMatcher(buyers, options, { pruning });
      const loaded = loadMatcher(matcher.toSnapshot(), buyers);
      expect(answers(loaded, companies, buyers)).toEqual(answers(matcher, companies, buyers));
    },
  );

  test.prop([marketArbitrary(), optionsArbitrary], { seed: 2027, numRuns: 30 })(
    "the JSON-safe form and a snapshot that embeds its buyers load to the same answers",
    ({ companies, buyers }, options) => {
      const matcher = createMatcher(buyers, options);
      const expected = answers(matcher, companies, buyers);
      const json = JSON.parse(JSON.stringify(matcher.toSnapshot({ json: true }))) as ReturnType<Matcher["toSnapshot"]>;
      expect(answers(loadMatcher(json as never, [...buyers].reverse()), companies, buyers)).toEqual(expected);
      expect(answers(loadMatcher(matcher.toSnapshot({ buyers: true })), companies, buyers)).toEqual(expected);
    },
  );
});

type Step = { readonly kind: "add"; readonly count: number } | { readonly kind: "remove"; readonly pick: number } | { readonly kind: "update"; readonly pick: number; readonly from: number } | { readonly kind: "refresh" };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("add" as const), count: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("update" as const), pick: fc.nat(), from: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("refresh" as const) }) },
);

/** Replays steps on a matcher and on plain lists: the buyers now, and the buyers when statistics were last computed. */
function replay(matcher: Matcher, initial: readonly Buyer[], pool: readonly Buyer[], steps: readonly Step[]): { live: Buyer[]; market: Buyer[] } {
  let live = [...initial];
  let market = [...initial];
  let next = 0;
  for (const step of steps) {
    if (step.kind === "add") {
      const added = pool.slice(next, next + step.count);
      next += added.length;
      if (added.length === 0) continue;
      matcher.add(added);
      live = [...live, ...added];
    } else if (step.kind === "remove") {
      if (live.length <= 1) continue;
      const gone = live[step.pick % live.length]!;
      matcher.remove([gone.id.trim()]);
      live = live.filter((buyer) => buyer !== gone);
    } else if (step.kind === "update") {
      if (live.length === 0 || pool.length === 0) continue;
      const at = step.pick % live.length;
      const changed = { ...pool[step.from % pool.length]!, id: live[at]!.id, name: live[at]!.name };
      matcher.update(changed);
      live = live.map((buyer, index) => (index === at ? changed : buyer));
    } else {
      matcher.refresh();
      market = [...live];
    }
  }
  return { live, market };
}

describe("incremental updates", () => {
  test.prop([marketArbitrary(3, 40), optionsArbitrary, fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 20 })], { seed: 2028, numRuns: RUNS })(
    "after any adds, removes and updates a matcher answers as one built on the buyers now with the market of its last refresh, and after refresh as one built from scratch",
    ({ companies, buyers }, options, steps, split) => {
      const initial = buyers.slice(0, Math.min(split, buyers.length));
      const pool = buyers.slice(initial.length);
      const matcher = createMatcher(initial, options);
      const { live, market } = replay(matcher, initial, pool, steps);
      const stale = createMatcher(live, options, { marketBuyers: market });
      expect(answers(matcher, companies, live)).toEqual(answers(stale, companies, live));
      expect(answers(loadMatcher(matcher.toSnapshot(), live), companies, live)).toEqual(answers(stale, companies, live));
      matcher.refresh();
      expect(matcher.stale).toBe(false);
      expect(answers(matcher, companies, live)).toEqual(answers(createMatcher(live, options), companies, live));
    },
  );

  it("names every problem of an add, a remove and an update, and changes nothing then", () => {
    const buyers: Buyer[] = [
      { id: "gm", name: "General Motors", country: "US", needs: [{ name: "brake pads", hs: "870830" }] },
      { id: "ford", name: "Ford Motor", country: "US", needs: [{ name: "hydraulic pumps", hs: "841350" }] },
    ];
    const matcher = createMatcher(buyers);
    const error = (run: () => void): BuyerMatchError => {
      try {
        run();
      } catch (caught) {
        if (caught instanceof BuyerMatchError) return caught;
        throw caught;
      }
      throw new Error("expected a BuyerMatchError");
    };
    expect(error(() => matcher.add([{ id: "gm", name: "GM again", country: "US" }, { id: "x", name: "X", country: "ZZ" } as Buyer])).issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["invalid_code", ["buyers", 1, "country"]],
      ["duplicate_id", ["buyers", 0, "id"]],
    ]);
    expect(error(() => matcher.remove(["tesla", "gm", "gm", 3 as unknown as string])).issues.map((issue) => [issue.code, issue.path])).toEqual([["invalid_input", ["ids", 3]]]);
    expect(error(() => matcher.remove(["tesla", "gm", "gm"])).issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["unknown_reference", ["ids", 0]],
      ["duplicate_id", ["ids", 2]],
    ]);
    expect(error(() => matcher.update({ id: "tesla", name: "Tesla", country: "US" })).issues.map((issue) => [issue.code, issue.path])).toEqual([["unknown_reference", ["buyer", "id"]]]);
    expect(matcher.size).toBe(2);
    expect(matcher.stale).toBe(false);
  });
});

/** The snapshot's checksum, computed independently (FNV-1a over the 32-bit words after the 16-byte header). */
function resealed(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  let hash = 0x811c9dc5;
  for (let at = 16; at + 4 <= out.length; at += 4) hash = Math.imul(hash ^ view.getUint32(at, true), 0x01000193);
  view.setUint32(12, hash >>> 0, true);
  return out;
}

const FUZZ_BUYERS: Buyer[] = [
  { id: "gm", name: "General Motors", country: "US", region: "US-MI", city: "Detroit", tier: "oem", needs: [{ name: "brake pads", hs: "870830" }, { name: "hydraulic cylinders", hs: "841221" }], requiredCertifications: ["IATF 16949"] },
  { id: "ford", name: "Ford Motor", country: "US", region: "US-MI", city: "Dearborn", tier: "oem", needs: [{ name: "valves", hs: "8481" }] },
  { id: "cat", name: "Caterpillar", country: "US", region: "US-IL", city: "Peoria", needs: [{ name: "hydraulic pumps", naics: "333996" }] },
];
const FUZZ_COMPANY: Company = { id: "jinju-hydraulics", name: "Jinju Hydraulics", country: "KR", products: [{ name: "hydraulic pumps", hs: "8413.50-1000" }], tier: "tier1" };

/** Loads and ranks; anything thrown must be a BuyerMatchError. */
function onlyBuyerMatchErrors(snapshot: unknown, buyers: readonly Buyer[] | undefined): void {
  try {
    const matcher = loadMatcher(snapshot as Uint8Array, buyers);
    matcher.rank(FUZZ_COMPANY);
    matcher.indexCompanies([FUZZ_COMPANY]).rankAll();
  } catch (error) {
    if (!(error instanceof BuyerMatchError)) throw error;
    expect(error.issues.length).toBeGreaterThan(0);
  }
}

describe("damaged snapshots", () => {
  const bytes = createMatcher(FUZZ_BUYERS, { top: 5 }).toSnapshot();

  test.prop([fc.uint8Array({ maxLength: 400 })], { seed: 1, numRuns: 300 })("random bytes give a BuyerMatchError", (random) => {
    expect(() => loadMatcher(random, FUZZ_BUYERS)).toThrow(BuyerMatchError);
  });

  test.prop([fc.integer({ min: 0, max: bytes.length - 1 })], { seed: 2, numRuns: 200 })("a truncated snapshot gives a BuyerMatchError that says so", (length) => {
    expect(() => loadMatcher(bytes.slice(0, length), FUZZ_BUYERS)).toThrow(length < 16 ? /shorter than a snapshot's header|not a buyermatch snapshot/ : /truncated/);
  });

  test.prop([fc.integer({ min: 0, max: bytes.length * 8 - 1 })], { seed: 3, numRuns: 300 })("a flipped bit anywhere gives a BuyerMatchError, never a different matcher", (bit) => {
    const changed = bytes.slice();
    changed[bit >> 3]! ^= 1 << (bit & 7);
    expect(() => loadMatcher(changed, FUZZ_BUYERS)).toThrow(BuyerMatchError);
  });

  test.prop([fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 })], { seed: 4, numRuns: 400 })(
    "bytes changed with the checksum recomputed are refused or load into a matcher that raises only BuyerMatchErrors",
    (changes) => {
      const changed = bytes.slice();
      for (const [at, value] of changes) changed[16 + (at % (bytes.length - 16))]! ^= value;
      onlyBuyerMatchErrors(resealed(changed), FUZZ_BUYERS);
      onlyBuyerMatchErrors(resealed(changed), undefined);
    },
  );

  it("says which format a snapshot of another version was written in", () => {
    const other = bytes.slice();
    new DataView(other.buffer).setUint16(6, 99, true);
    expect(() => loadMatcher(other, FUZZ_BUYERS)).toThrow(new RegExp(`format 99.*reads format ${SNAPSHOT_FORMAT}`));
    // Format 1 (before the signature rows were dropped) is another version too.
    new DataView(other.buffer).setUint16(6, 1, true);
    expect(() => loadMatcher(other, FUZZ_BUYERS)).toThrow(new RegExp(`format 1;.*reads format ${SNAPSHOT_FORMAT}`));
  });

  it("refuses buyers that are not the snapshot's, naming each", () => {
    const issues = (() => {
      try {
        loadMatcher(bytes, [...FUZZ_BUYERS.slice(1), { id: "tesla", name: "Tesla", country: "US" }]);
      } catch (error) {
        return error instanceof BuyerMatchError ? error.issues.map((issue) => issue.message) : [];
      }
      return [];
    })();
    expect(issues).toEqual(['buyer "gm" of the snapshot is not among the buyers given', 'buyer "tesla" is not in the snapshot']);
  });

  it("refuses what is not a snapshot: other values, a JSON form of another format", () => {
    for (const value of [undefined, null, "BMSNAP", 42, [], { format: "other", version: 1, data: "" }, { format: "buyermatch-snapshot", version: 1, data: "@@@@" }]) {
      expect(() => loadMatcher(value as never, FUZZ_BUYERS)).toThrow(BuyerMatchError);
    }
  });

  it("a matcher loaded without its buyers ranks only when the snapshot embeds them", () => {
    expect(() => loadMatcher(bytes).rank(FUZZ_COMPANY)).toThrow(/without its buyers/);
    const embedded = createMatcher(FUZZ_BUYERS, { top: 5 }).toSnapshot({ buyers: true });
    expect(loadMatcher(embedded).rank(FUZZ_COMPANY)).toEqual(createMatcher(FUZZ_BUYERS, { top: 5 }).rank(FUZZ_COMPANY));
  });
});
