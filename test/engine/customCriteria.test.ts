/**
 * Custom criteria: random criteria of the caller's own, with and without engine hooks (none, a
 * `buyerKey`, a `sparseIndex` with bounds, an `exclude`), random weights, policies and settings; the
 * engine must return exactly the reference's lists, bit for bit. And the contract around them:
 * settings and fields validated with paths, ids checked, explanations in both locales.
 */
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { z } from "zod";
import {
  BuyerMatchError,
  createMatcher,
  defineCriterion,
  explainMatch,
  loadMatcher,
  matchAll,
  rankBuyers,
  scorePair,
  type Buyer,
  type Company,
  type CriterionDefinition,
  type Match,
  type MatchOptions,
  type SparseIndex,
} from "../../src/index.js";
import { referenceMatchAll } from "../../src/engine/referenceMatchAll.js";
import { rankAllParallel } from "../../src/node/index.js";
import { marketArbitrary, optionsArbitrary } from "./arbitraries.js";

function expectSameRanking(actual: readonly Match[], expected: readonly Match[]): void {
  expect(actual.map((match) => [match.companyId, match.buyerId, match.rank, match.score])).toEqual(expected.map((match) => [match.companyId, match.buyerId, match.rank, match.score]));
  expect(actual).toEqual(expected);
}

const SizeRange = z.strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) });

/** Company size against the buyer's wanted range: 1 inside, halving per `halfAt`-fold outside. */
function sizeCriterion(hooked: boolean): CriterionDefinition {
  const score = (employees: number | undefined, wanted: { min: number; max: number } | undefined, halfAt: number): number | undefined => {
    if (employees === undefined || wanted === undefined) return undefined;
    if (employees >= wanted.min && employees <= wanted.max) return 1;
    const ratio = employees < wanted.min ? (wanted.min + 1) / (employees + 1) : (employees + 1) / (wanted.max + 1);
    return Math.pow(0.5, Math.log(ratio) / Math.log(halfAt));
  };
  return defineCriterion({
    id: "size",
    defaultWeight: { company: 0.1, buyer: 0.2 },
    settings: z.strictObject({ halfAt: z.number().gt(1).default(2) }),
    fields: { company: { employees: z.number().int().min(0) }, buyer: { wantedSize: SizeRange } },
    score: (company, buyer, _context, settings) => score(company.record.fields.get("employees"), buyer.record.fields.get("wantedSize"), settings.halfAt),
    ...(hooked ? { buyerKey: (buyer: { record: { fields: { get(name: "wantedSize"): { min: number; max: number } | undefined } } }) => JSON.stringify(buyer.record.fields.get("wantedSize") ?? null) } : {}),
    detail: (company, buyer) => ({ summary: "size", employees: company.record.fields.get("employees"), wanted: buyer.record.fields.get("wantedSize") }),
    describe: (detail, locale) => (locale === "ko" ? `규모: ${String(detail.employees)}` : `Size: ${String(detail.employees)}`),
  });
}

/** Shared languages (the built-in `languages` field): the share of the buyer's languages the company speaks. */
function languageCriterion(hooked: boolean): CriterionDefinition {
  return defineCriterion({
    id: "language",
    defaultWeight: { company: 0.1, buyer: 0.1 },
    defaultMissing: "ignore",
    score(company, buyer) {
      const wanted = buyer.record.languages;
      if (wanted.length === 0 || company.record.languages.length === 0) return undefined;
      let shared = 0;
      for (const language of wanted) if (company.record.languages.includes(language)) shared += 1;
      return shared / wanted.length;
    },
    ...(hooked ? { buyerKey: (buyer: { record: { languages: readonly string[] } }) => buyer.record.languages.join(",") } : {}),
    detail: (company, buyer) => ({ summary: "languages", shared: buyer.record.languages.filter((language) => company.record.languages.includes(language)) }),
    describe: (detail) => `Languages: ${detail.shared.join(", ")}`,
  });
}

function tagScore(companyTags: readonly string[] | undefined, buyerTags: readonly string[] | undefined): number | undefined {
  if (companyTags === undefined || buyerTags === undefined || companyTags.length === 0 || buyerTags.length === 0) return undefined;
  let shared = 0;
  for (const tag of buyerTags) if (companyTags.includes(tag)) shared += 1;
  return shared / buyerTags.length;
}

/** Shared tags, optionally with an inverted index of tags (a sparse hook with exact bounds). */
function tagCriterion(sparse: boolean): CriterionDefinition {
  const Tags = z.array(z.string().min(1)).transform((tags) => [...new Set(tags)].sort());
  return defineCriterion({
    id: "tags",
    defaultWeight: { company: 0.2, buyer: 0.1 },
    fields: { company: { tags: Tags }, buyer: { tags: Tags } },
    score: (company, buyer) => tagScore(company.record.fields.get("tags"), buyer.record.fields.get("tags")),
    ...(sparse
      ? {
          sparseIndex(buyers: readonly { record: { fields: { get(name: "tags"): string[] | undefined } } }[]): SparseIndex {
            const byTag = new Map<string, number[]>();
            const untagged: number[] = [];
            buyers.forEach((buyer, position) => {
              const tags = buyer.record.fields.get("tags");
              if (tags === undefined || tags.length === 0) untagged.push(position);
              else for (const tag of tags) byTag.set(tag, [...(byTag.get(tag) ?? []), position]);
            });
            return {
              query(company) {
                const tags = (company.record.fields?.get("tags") as string[] | undefined) ?? [];
                const named = [...new Set(tags.flatMap((tag) => byTag.get(tag) ?? []))].sort((a, b) => a - b);
                const exact = (position: number): number => tagScore(tags, buyers[position]!.record.fields.get("tags")) ?? Number.NaN;
                let count = 0;
                return {
                  floor: tags.length === 0 ? Number.NaN : 0,
                  candidates: Int32Array.from(named),
                  get candidateCount() {
                    return count;
                  },
                  expand() {
                    count = named.length;
                    return count;
                  },
                  unknown: tags.length === 0 ? new Int32Array(0) : Int32Array.from(untagged),
                  bound: exact,
                  score: exact,
                };
              },
            };
          },
        }
      : {}),
    detail: (company, buyer) => ({ summary: "tags", companyTags: company.record.fields.get("tags") ?? [], buyerTags: buyer.record.fields.get("tags") ?? [] }),
    describe: (detail) => `Tags: ${detail.companyTags.join(",")} / ${detail.buyerTags.join(",")}`,
  });
}

/** Excludes a company whose country the buyer blocks; with a key, buyers of one block list share it. */
function blockCriterion(hooked: boolean): CriterionDefinition {
  return defineCriterion({
    id: "block",
    defaultWeight: { company: 0, buyer: 0 },
    fields: { buyer: { blocked: z.array(z.string().length(2)) } },
    score: () => 1,
    exclude(company, buyer) {
      const blocked = buyer.record.fields.get("blocked");
      return blocked !== undefined && blocked.includes(company.record.country) ? { code: "blocked_country", country: company.record.country } : undefined;
    },
    describeExclusion: (reason, locale) => (locale === "ko" ? `차단 국가: ${String(reason["country"])}` : `blocked country ${String(reason["country"])}`),
    ...(hooked ? { buyerKey: (buyer: { record: { fields: { get(name: "blocked"): string[] | undefined } } }) => JSON.stringify(buyer.record.fields.get("blocked") ?? null) } : {}),
    detail: () => ({ summary: "block" }),
    describe: () => "Block list",
  });
}

const LANGUAGES = ["en", "ko", "ja", "de"];
const TAGS = ["ev", "brake", "casting", "aero", "marine"];

const extrasArbitrary = fc.record({
  company: fc.array(
    fc.record({ employees: fc.option(fc.constantFrom(0, 15, 120, 480, 2500), { nil: undefined }), tags: fc.option(fc.subarray(TAGS), { nil: undefined }), languages: fc.option(fc.subarray(LANGUAGES), { nil: undefined }) }),
    { minLength: 4, maxLength: 4 },
  ),
  buyer: fc.array(
    fc.record({
      wantedSize: fc.option(fc.constantFrom({ min: 0, max: 50 }, { min: 50, max: 500 }, { min: 200, max: 5000 }), { nil: undefined }),
      tags: fc.option(fc.subarray(TAGS, { maxLength: 3 }), { nil: undefined }),
      blocked: fc.option(fc.constantFrom(["KR"], ["CN"], []), { nil: undefined, freq: 3 }),
      languages: fc.option(fc.subarray(LANGUAGES, { maxLength: 2 }), { nil: undefined }),
    }),
    { minLength: 30, maxLength: 30 },
  ),
});

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

const customArbitrary = fc.record({
  size: fc.constantFrom("off", "plain", "keyed"),
  language: fc.constantFrom("off", "plain", "keyed"),
  tags: fc.constantFrom("off", "plain", "sparse"),
  block: fc.constantFrom("off", "plain", "keyed"),
  weights: fc.record({ size: fc.constantFrom(0, 0.1, 0.5), language: fc.constantFrom(0, 0.2), tags: fc.constantFrom(0.05, 0.3, 1) }, { requiredKeys: [] }),
  missing: fc.record({ size: fc.constantFrom("neutral" as const, "ignore" as const, "zero" as const), tags: fc.constantFrom("neutral" as const, "ignore" as const, "zero" as const) }, { requiredKeys: [] }),
  halfAt: fc.option(fc.constantFrom(1.5, 3, 10), { nil: undefined }),
});

type Custom = typeof customArbitrary extends fc.Arbitrary<infer T> ? T : never;

function withCustom(base: MatchOptions, custom: Custom): MatchOptions {
  const criteria: CriterionDefinition[] = [];
  if (custom.size !== "off") criteria.push(sizeCriterion(custom.size === "keyed"));
  if (custom.language !== "off") criteria.push(languageCriterion(custom.language === "keyed"));
  if (custom.tags !== "off") criteria.push(tagCriterion(custom.tags === "sparse"));
  if (custom.block !== "off") criteria.push(blockCriterion(custom.block === "keyed"));
  const ids = new Set(criteria.map((criterion) => criterion.id));
  const weights = Object.fromEntries(Object.entries(custom.weights).filter(([id]) => ids.has(id)));
  const settings: Record<string, object> = {};
  if (ids.has("size")) settings["size"] = defined({ halfAt: custom.halfAt, missing: custom.missing.size });
  if (ids.has("tags") && custom.missing.tags !== undefined) settings["tags"] = { missing: custom.missing.tags };
  return {
    ...base,
    customCriteria: criteria,
    ...(base.weights === undefined && Object.keys(weights).length === 0 ? {} : { weights: { ...base.weights, ...weights } }),
    criteria: { ...base.criteria, ...settings },
  };
}

function dress(market: { companies: Company[]; buyers: Buyer[] }, extras: typeof extrasArbitrary extends fc.Arbitrary<infer T> ? T : never): { companies: Company[]; buyers: Buyer[] } {
  return {
    companies: market.companies.map((company, index) => ({ ...company, ...defined(extras.company[index]!) }) as Company),
    buyers: market.buyers.map((buyer, index) => ({ ...buyer, ...defined(extras.buyer[index]!) }) as Buyer),
  };
}

describe("custom criteria equal the reference scorer", () => {
  test.prop([marketArbitrary(), extrasArbitrary, optionsArbitrary, customArbitrary, fc.boolean()], { seed: 42, numRuns: 80 })(
    "rank(company) with random custom criteria (no hook, buyerKey, sparse bounds, exclude) returns exactly rankBuyers, pruning on and off",
    (market, extras, base, custom, pruning) => {
      const { companies, buyers } = dress(market, extras);
      const options = withCustom(base, custom);
      const matcher = createMatcher(buyers, options, { pruning });
      for (const company of companies) expectSameRanking(matcher.rank(company), rankBuyers(company, buyers, options));
    },
  );

  test.prop([marketArbitrary(4, 20), extrasArbitrary, optionsArbitrary, customArbitrary], { seed: 43, numRuns: 50 })(
    "matchAll and indexCompanies with random custom criteria return exactly the all-pairs reference, in both directions",
    (market, extras, base, custom) => {
      const { companies, buyers } = dress(market, extras);
      const options = withCustom({ ...base, viewpoint: base.viewpoint ?? "mutual" }, custom);
      const reference = referenceMatchAll(companies, buyers, options);
      const engine = matchAll(companies, buyers, options);
      for (const [id, matches] of reference.byCompany) expectSameRanking(engine.byCompany.get(id)!, matches);
      for (const [id, matches] of reference.byBuyer) expectSameRanking(engine.byBuyer.get(id)!, matches);
      const all = createMatcher(buyers, options).indexCompanies(companies).rankAll();
      for (const [id, matches] of reference.byBuyer) expectSameRanking(all.get(id)!, matches);
    },
  );
});

describe("custom criteria in snapshots", () => {
  test.prop([marketArbitrary(4, 20), extrasArbitrary, optionsArbitrary, customArbitrary], { seed: 44, numRuns: 40 })(
    "a matcher with random custom criteria, loaded from its snapshot with the same customCriteria, gives every answer the original gives",
    (market, extras, base, custom) => {
      const { companies, buyers } = dress(market, extras);
      const options = withCustom(base, custom);
      const matcher = createMatcher(buyers, options);
      const loaded = loadMatcher(matcher.toSnapshot(), buyers, { customCriteria: options.customCriteria ?? [] });
      for (const company of companies) expectSameRanking(loaded.rank(company), matcher.rank(company));
      expect([...loaded.indexCompanies(companies).rankAll()]).toEqual([...matcher.indexCompanies(companies).rankAll()]);
      if ((options.customCriteria ?? []).length > 0) expect(() => loadMatcher(matcher.toSnapshot(), buyers)).toThrow(/customCriteria/);
    },
  );
});

const company: Company = { id: "hanil", name: "Hanil Brake Tech", country: "KR", languages: ["ko", "en"], products: [{ name: "brake pads", hs: "870830" }] };
const buyer: Buyer = { id: "gm", name: "General Motors", country: "US", region: "US-MI", city: "Detroit", languages: ["en"], needs: [{ name: "brake pads", hs: "870830" }] };

function issuesOf(run: () => unknown): { code: string; path: readonly (string | number)[] }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BuyerMatchError);
    return (error as BuyerMatchError).issues.map(({ code, path }) => ({ code, path }));
  }
  throw new Error("expected a BuyerMatchError");
}

describe("the custom criterion contract", () => {
  it("a specification with several problems is one BuyerMatchError listing each at its path", () => {
    const issues = issuesOf(() => defineCriterion({ id: "__proto__", defaultWeight: { company: -1, buyer: 0 }, fields: { company: { name: z.string() } }, score: 1, detail: () => ({ summary: "" }), describe: () => "" } as never));
    expect(issues.map((issue) => issue.path.join("."))).toEqual(expect.arrayContaining(["criterion.id", "criterion.defaultWeight.company", "criterion.fields.company.name", "criterion.score"]));
  });

  it("a criterion's settings are validated by its own schema, at options.criteria[id], with its defaults filled in", () => {
    const size = sizeCriterion(false);
    expect(issuesOf(() => scorePair(company, buyer, { customCriteria: [size], criteria: { size: { halfAt: 0.5 } } }))).toEqual([{ code: "out_of_range", path: ["options", "criteria", "size", "halfAt"] }]);
    expect(issuesOf(() => scorePair(company, buyer, { customCriteria: [size], criteria: { size: { halfAtt: 3 } } }))[0]!.path).toEqual(["options", "criteria", "size"]);
    const sized = { ...company, employees: 100 };
    const wanted = { ...buyer, wantedSize: { min: 200, max: 400 } };
    const byDefault = scorePair(sized, wanted, { customCriteria: [size] }).breakdown["size"]!.score;
    expect(byDefault).toBeCloseTo(Math.pow(0.5, Math.log(201 / 101) / Math.log(2)), 12);
    expect(scorePair(sized, wanted, { customCriteria: [size], criteria: { size: { halfAt: 10 } } }).breakdown["size"]!.score).toBeGreaterThan(byDefault);
  });

  it("weights of a custom criterion go through weights by its id; an id no criterion has is still an error", () => {
    const size = sizeCriterion(false);
    const pair = scorePair({ ...company, employees: 100 } as Company, { ...buyer, wantedSize: { min: 50, max: 500 } } as Buyer, { customCriteria: [size], weights: { size: 1, sector: 0, product: 0, tier: 0, region: 0, readiness: 0 } });
    expect(pair.score).toBe(1);
    expect(issuesOf(() => scorePair(company, buyer, { weights: { size: 1 } }))[0]!.path).toEqual(["options", "weights"]);
  });

  it("fields are validated by the criterion's schemas, every problem at its record's path; undeclared fields are ignored as before", () => {
    const size = sizeCriterion(false);
    const issues = issuesOf(() => rankBuyers({ ...company, employees: -3 } as Company, [buyer, { ...buyer, id: "ford", wantedSize: { min: 1 } } as Buyer], { customCriteria: [size] }));
    expect(issues).toEqual([
      { code: "out_of_range", path: ["company", "employees"] },
      { code: "invalid_input", path: ["buyers", 1, "wantedSize", "max"] },
    ]);
    expect(rankBuyers({ ...company, employeez: 3 } as Company, [buyer]).length).toBe(1);
  });

  it("ids must be new: a built-in id, a rule's id or a repeated id is reported at customCriteria[i].id", () => {
    const clash = defineCriterion({ id: "tier", defaultWeight: { company: 1, buyer: 1 }, score: () => 1, detail: () => ({ summary: "" }), describe: () => "" });
    expect(issuesOf(() => scorePair(company, buyer, { customCriteria: [clash] }))).toEqual([{ code: "invalid_input", path: ["options", "customCriteria", 0, "id"] }]);
    const size = sizeCriterion(false);
    expect(issuesOf(() => scorePair(company, buyer, { customCriteria: [size, sizeCriterion(true)] }))).toEqual([{ code: "duplicate_id", path: ["options", "customCriteria", 1, "id"] }]);
    expect(issuesOf(() => scorePair(company, buyer, { customCriteria: [{ id: "fake" } as never] }))).toEqual([{ code: "invalid_input", path: ["options", "customCriteria", 0] }]);
  });

  it("an explanation describes a custom criterion in its own words, in English and Korean, and its exclusion too", () => {
    const size = sizeCriterion(true);
    const block = blockCriterion(true);
    const options: MatchOptions = { customCriteria: [size, block], weights: { size: 0.3 } };
    const pair = scorePair({ ...company, employees: 120 } as Company, { ...buyer, wantedSize: { min: 50, max: 500 }, blocked: ["KR"] } as Buyer, options);
    expect(pair.eligible).toBe(false);
    expect(pair.whyNot).toEqual([{ criterion: "block", code: "blocked_country", country: "KR", message: "blocked country KR" }]);
    const english = explainMatch(pair, { criteria: [size, block] });
    expect(english).toContain("  excluded: blocked country KR");
    expect(english.some((line) => line.startsWith("  Size: 120 — "))).toBe(true);
    const korean = explainMatch(pair, { locale: "ko", criteria: [size, block] });
    expect(korean).toContain("  제외: 차단 국가: KR");
    expect(korean.some((line) => line.startsWith("  규모: 120 — "))).toBe(true);
    // Without the definitions, a custom line is its summary: the match stays explainable.
    expect(explainMatch(pair).some((line) => line.startsWith("  size — "))).toBe(true);
  });

  it("rankAllParallel with custom criteria (functions cannot cross to a worker) ranks in the calling thread, with the matcher's results", async () => {
    const size = sizeCriterion(true);
    const options: MatchOptions = { top: 2, customCriteria: [size], weights: { size: 0.4 } };
    const sized = [{ ...company, employees: 120 } as Company, { ...company, id: "small", employees: 8 } as Company];
    const market = [buyer, { ...buyer, id: "ford", wantedSize: { min: 50, max: 500 } } as Buyer, { ...buyer, id: "lkq", wantedSize: { min: 1, max: 20 } } as Buyer];
    expect(await rankAllParallel(sized, market, options, { threads: 2 })).toEqual(createMatcher(market, options).rankAll(sized));
  });
});
