/**
 * Every public function of every entry, each with one valid argument list: the contract test calls
 * each with that list made hostile in one place (and with lists of hostile values). Methods of the
 * objects the API returns (a matcher, its company index, a compiled formula) are targets too.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "../../src/index.js";
import * as plan from "../../src/plan/index.js";
import * as decide from "../../src/decide/index.js";
import * as evaluate from "../../src/evaluate/index.js";
import * as io from "../../src/io/index.js";
import * as node from "../../src/node/index.js";
import { ROOT } from "../cli/build.js";
import type { Buyer, Company } from "../../src/index.js";
import type { Session } from "../../src/plan/index.js";
import { z } from "zod";

const EXAMPLE = join(import.meta.dirname, "..", "..", "examples", "trade-mission");
const read = <T>(name: string): T => JSON.parse(readFileSync(join(EXAMPLE, name), "utf8")) as T;

const allCompanies = read<Company[]>("companies.json");
const allBuyers = read<Buyer[]>("buyers.json");
export const companies: Company[] = [allCompanies[0]!, allCompanies[2]!];
const best = new Set(core.rankBuyers(companies[0]!, allBuyers, { top: 3 }).map((match) => match.buyerId));
/** The first company's three best buyers and one it cannot meet, without their session lists. */
export const buyers: Buyer[] = allBuyers
  .filter((buyer, index) => best.has(buyer.id) || index === allBuyers.length - 1)
  .map(({ availability: _availability, ...buyer }) => buyer);
export const sessions: Session[] = [
  { id: "chicago-1", city: "Chicago", date: "2027-05-10", start: "09:00", slotMinutes: 45, slots: 3, tables: 2 },
  { id: "detroit-1", city: "Detroit", date: "2027-05-12", start: "09:00", slotMinutes: 45, slots: 3, tables: 2 },
];

export const matches = core.rankBuyers(companies[0]!, buyers, { top: 3 });
export const pair = core.scorePair(companies[0]!, buyers[0]!);
const onlineBuyers = buyers.map((buyer) => ({ ...buyer, online: true }));
/** The same buyers, the first with an import record of the first company's hydraulic cylinders (the shortlist's evidence path). */
const importingBuyers: Buyer[] = buyers.map((buyer, index) => (index === 0 ? { ...buyer, imports: [{ hs: "841221", origin: "KR", shipments: 4, lastDate: "2026-10" }] } : buyer));
const agenda = plan.planMeetings({ companies, buyers: onlineBuyers, sessions });
const matcher = core.createMatcher(buyers);
const companyIndex = matcher.indexCompanies(companies);
const snapshot = matcher.toSnapshot();
const formula = decide.compileFormula("0.5 * product + 0.5 * max(sector, tier)");
const outcomes = [
  { companyId: companies[0]!.id, buyerId: buyers[0]!.id, stage: "deal" as const, value: 1000 },
  { companyId: companies[0]!.id, buyerId: buyers[1]!.id, stage: "met" as const },
];
const history = {
  matches: Array.from({ length: 24 }, (_, index) => ({
    companyId: `c${index % 4}`,
    buyerId: `b${index}`,
    breakdown: core.rankBuyers(allCompanies[index % allCompanies.length]!, allBuyers, { top: 24 })[index]!.breakdown,
  })),
  outcomes: Array.from({ length: 12 }, (_, index) => ({ companyId: `c${index % 4}`, buyerId: `b${index * 2}`, stage: "met" as const })),
};
/** A custom criterion (issue 14): company size against the buyer's wanted range, with settings and fields. */
const sizeSpec = {
  id: "companySize",
  defaultWeight: { company: 0.1, buyer: 0.1 },
  settings: z.strictObject({ fullAt: z.number().positive().default(100) }),
  fields: { company: { employees: z.number().int().min(0) } },
  score: (company: core.CompiledCompany, _buyer: core.CompiledBuyer, _context: core.ScoringContext, settings: { fullAt: number }) => {
    const employees = company.record.fields?.get("employees") as number | undefined;
    return employees === undefined ? undefined : Math.min(1, employees / settings.fullAt);
  },
  buyerKey: () => "",
  detail: () => ({ summary: "size" }),
  describe: (_detail: unknown, locale: string) => (locale === "ko" ? "규모" : "Size"),
};
const sizeCriterion = core.defineCriterion(sizeSpec as never);
const customOptions = { customCriteria: [sizeCriterion], weights: { companySize: 0.3 }, criteria: { companySize: { fullAt: 50 } } };
const customMatches = core.rankBuyers({ ...companies[0]!, employees: 40 } as Company, buyers, { ...customOptions, top: 2 });
const companiesCsv = join(EXAMPLE, "companies.csv");
const buyersCsv = join(EXAMPLE, "buyers.csv");
const sessionsJson = join(EXAMPLE, "sessions.json");
const outcomesJson = join(EXAMPLE, "outcomes.json");
const importsCsv = join(EXAMPLE, "imports.csv");

/** A public function under contract: how to call it, and one valid argument list. */
export interface Target {
  readonly name: string;
  readonly call: (args: readonly unknown[]) => unknown;
  readonly valid: readonly unknown[];
  /** Fewer runs for a target whose valid call is slow (never below the contract's floor). */
  readonly heavy?: boolean;
}

type AnyFunction = (...args: never[]) => unknown;
const of = (f: AnyFunction) => (args: readonly unknown[]) => (f as (...args: readonly unknown[]) => unknown)(...args);

/** Exports that are not functions to fuzz, each with the reason. */
export const NOT_CALLED: ReadonlyMap<string, string> = new Map([["BuyerMatchError", "the error class itself: constructed by the library, not called with user input"]]);

/** The entries and their modules, as users import them. */
export const ENTRIES = { buyermatch: core, "buyermatch/plan": plan, "buyermatch/decide": decide, "buyermatch/evaluate": evaluate, "buyermatch/io": io, "buyermatch/node": node } as const;

export const TARGETS: readonly Target[] = [
  // buyermatch
  { name: "buyermatch.scorePair", call: of(core.scorePair), valid: [companies[0], buyers[0], { viewpoint: "mutual" }] },
  { name: "buyermatch.rankBuyers", call: of(core.rankBuyers), valid: [companies[0], buyers, { top: 2 }] },
  { name: "buyermatch.defineCriterion", call: of(core.defineCriterion), valid: [sizeSpec] },
  { name: "buyermatch.rankBuyers(customCriteria)", call: of(core.rankBuyers), valid: [{ ...companies[0]!, employees: 40 }, buyers, customOptions] },
  { name: "buyermatch.createMatcher(customCriteria)", call: of(core.createMatcher), valid: [buyers, customOptions] },
  { name: "buyermatch.explainMatch(customCriteria)", call: of(core.explainMatch), valid: [customMatches[0], { locale: "ko", criteria: [sizeCriterion] }] },
  { name: "buyermatch.rankCompanies", call: of(core.rankCompanies), valid: [buyers[0], companies, { minScore: 0.1 }] },
  { name: "buyermatch.matchAll", call: of(core.matchAll), valid: [companies, buyers, { top: 2, viewpoint: "buyer" }] },
  { name: "buyermatch.explainMatch", call: of(core.explainMatch), valid: [matches[0], { locale: "ko", names: new Map([[buyers[0]!.id, "이름"]]) }] },
  { name: "buyermatch.explainMatch(pair)", call: of(core.explainMatch), valid: [pair, { locale: "en" }] },
  { name: "buyermatch.genuineEvidence", call: of(core.genuineEvidence), valid: [matches[0], { locale: "ko" }] },
  { name: "buyermatch.describeReason", call: of(core.describeReason), valid: [{ criterion: "sourcing", code: "sourcing_country", country: "KR", sourcingCountries: ["US", "MX"] }, "ko"] },
  { name: "buyermatch.createMatcher", call: of(core.createMatcher), valid: [buyers, { top: 3 }, { marketBuyers: buyers }] },
  { name: "matcher.rank", call: (args) => matcher.rank(...(args as Parameters<typeof matcher.rank>)), valid: [companies[0], { top: 2 }] },
  { name: "matcher.rankAll", call: (args) => matcher.rankAll(...(args as Parameters<typeof matcher.rankAll>)), valid: [companies, { minScore: 0.2 }] },
  { name: "matcher.indexCompanies", call: (args) => matcher.indexCompanies(...(args as Parameters<typeof matcher.indexCompanies>)), valid: [companies] },
  { name: "companyIndex.rank", call: (args) => companyIndex.rank(...(args as Parameters<typeof companyIndex.rank>)), valid: [buyers[0]!.id, { top: 1 }] },
  { name: "companyIndex.rankAll", call: (args) => companyIndex.rankAll(...(args as Parameters<typeof companyIndex.rankAll>)), valid: [{ top: 1 }] },
  { name: "buyermatch.loadMatcher", call: of(core.loadMatcher), valid: [snapshot, buyers] },
  { name: "matcher.toSnapshot", call: (args) => matcher.toSnapshot(...(args as [])), valid: [{ json: true, buyers: true }] },
  // Changes go to a fresh matcher each call, so the shared one above stays as built.
  { name: "matcher.add", call: (args) => core.createMatcher(buyers).add(...(args as Parameters<typeof matcher.add>)), valid: [[{ ...buyers[0]!, id: "added-buyer" }]] },
  { name: "matcher.remove", call: (args) => core.createMatcher(buyers).remove(...(args as Parameters<typeof matcher.remove>)), valid: [[buyers[0]!.id]] },
  { name: "matcher.update", call: (args) => core.createMatcher(buyers).update(...(args as Parameters<typeof matcher.update>)), valid: [{ ...buyers[0]!, needs: [] }] },
  { name: "matcher.refresh", call: (args) => core.createMatcher(buyers).refresh(...(args as [])), valid: [undefined] },
  { name: "buyermatch.mergeTopK", call: of(core.mergeTopK), valid: [[matches.slice(0, 2), matches.slice(2)], { top: 2 }] },
  { name: "buyermatch.heatMap", call: of(core.heatMap), valid: [new Map([[companies[0]!.id, matches]]), {}] },
  { name: "buyermatch.contributionSum", call: of(core.contributionSum), valid: [matches[0], "ko"] },
  { name: "buyermatch.contributionBar", call: of(core.contributionBar), valid: [matches[0], {}] },
  { name: "buyermatch.normalizeHsCode", call: of(core.normalizeHsCode), valid: ["8708.30"] },
  { name: "buyermatch.normalizeNaicsCode", call: of(core.normalizeNaicsCode), valid: ["336340"] },
  { name: "buyermatch.formatPath", call: of(core.formatPath), valid: [["companies", 3, "products", 0, "hs"]] },
  // buyermatch/plan
  { name: "plan.planMeetings", call: of(plan.planMeetings), valid: [{ companies, buyers, sessions, minScore: 0.1, fairness: 0.5 }], heavy: true },
  { name: "plan.agendaToCsv", call: of(plan.agendaToCsv), valid: [agenda] },
  { name: "plan.agendaToICalendar", call: of(plan.agendaToICalendar), valid: [agenda, { timezone: new Map([["Chicago", "America/Chicago"], ["Detroit", "America/Detroit"]]), calendarName: "Mission", sequence: 2, now: new Date(Date.UTC(2027, 4, 1)) }] },
  { name: "plan.agendaCalendars", call: of(plan.agendaCalendars), valid: [agenda, { companies, buyers, now: new Date(Date.UTC(2027, 4, 1)) }, "participant"] },
  { name: "plan.planReasonText", call: of(plan.planReasonText), valid: [{ code: "budget_zero" }, "ko"] },
  { name: "plan.agendaDays", call: of(plan.agendaDays), valid: [agenda] },
  { name: "plan.agendaGrid", call: of(plan.agendaGrid), valid: [agenda, { date: "2027-05-10", city: "Chicago" }, {}] },
  { name: "plan.replan", call: of(plan.replan), valid: [agenda, { input: { companies, buyers: onlineBuyers, sessions }, changes: [{ kind: "withdraw-buyer", buyerId: buyers[0]!.id }] }], heavy: true },
  {
    name: "plan.scheduleMeetings",
    call: of(plan.scheduleMeetings),
    valid: [
      {
        sessions,
        meetings: [
          { id: "m1", participants: ["acme", "bolt"] },
          { id: "m2", participants: ["acme", "cedar"], after: ["m1"] },
          { id: "m3", participants: ["bolt", "cedar"], sessions: ["chicago-1"] },
        ],
        unavailable: [{ participantId: "cedar", sessionId: "chicago-1", slot: 0 }],
        maxBreakSpread: 1,
        timeLimitMs: 2_000,
        seed: 7,
      },
    ],
  },
  { name: "plan.assign", call: of(plan.assign), valid: [[[1, 2, 3], [2, 4, 6], [3, 6, 9.5]], { maximize: true }] },
  { name: "plan.stableMatch", call: of(plan.stableMatch), valid: [new Map([["a", ["x", "y"]], ["b", ["x"]]]), new Map([["x", ["b", "a"]], ["y", ["a"]]]), new Map([["x", 1]])] },
  // buyermatch/decide
  { name: "decide.ahpWeights", call: of(decide.ahpWeights), valid: [[[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]], { labels: ["a", "b", "c"] }] },
  { name: "decide.topsis", call: of(decide.topsis), valid: [[[1, 2], [3, 1], [2, 2]], [0.6, 0.4], ["benefit", "cost"], { normalization: "minmax" }] },
  { name: "decide.sensitivity", call: of(decide.sensitivity), valid: [[[0.9, 0.2], [0.5, 0.6], [0.1, 0.9]], [0.5, 0.5], {}] },
  { name: "decide.perturbWeights", call: of(decide.perturbWeights), valid: [[0.5, 0.3, 0.2], 0, 0.1] },
  { name: "decide.compileFormula", call: of(decide.compileFormula), valid: ["0.6 * product + 0.4 * min(sector, 1)", {}] },
  { name: "compiledFormula()", call: (args) => (formula as unknown as (...values: readonly unknown[]) => unknown)(...args), valid: [{ product: 0.5, sector: 0.25, tier: 1 }] },
  { name: "decide.breakdownScores", call: of(decide.breakdownScores), valid: [matches[0]!.breakdown] },
  { name: "decide.shortlistCompanies", call: of(decide.shortlistCompanies), valid: [companies, importingBuyers, { select: 1, topK: 2, evidenceLift: 0.5, match: { criteria: { evidence: { asOf: "2026-12" } } } }], heavy: true },
  // buyermatch/evaluate
  { name: "evaluate.validateOutcomes", call: of(evaluate.validateOutcomes), valid: [outcomes, { companies: [companies[0]!.id], buyers: buyers.map((buyer) => buyer.id) }] },
  { name: "evaluate.safeValidateOutcomes", call: of(evaluate.safeValidateOutcomes), valid: [outcomes, {}] },
  { name: "evaluate.rankingMetrics", call: of(evaluate.rankingMetrics), valid: [new Map([[companies[0]!.id, matches]]), outcomes, { k: 2 }] },
  { name: "evaluate.areaUnderCurve", call: of(evaluate.areaUnderCurve), valid: [[0.9, 0.4, 0.7, 0.1], [true, false, true, false]] },
  { name: "evaluate.calibrateWeights", call: of(evaluate.calibrateWeights), valid: [history, { folds: 3 }], heavy: true },
  // buyermatch/io
  { name: "io.loadCompanies", call: of(io.loadCompanies), valid: [companiesCsv, { format: "csv" }] },
  { name: "io.loadBuyers", call: of(io.loadBuyers), valid: [buyersCsv, {}] },
  { name: "io.loadSessions", call: of(io.loadSessions), valid: [sessionsJson, {}] },
  { name: "io.loadOutcomes", call: of(io.loadOutcomes), valid: [outcomesJson, {}] },
  { name: "io.streamCompanies", call: of(io.streamCompanies), valid: [companiesCsv, {}] },
  { name: "io.streamBuyers", call: of(io.streamBuyers), valid: [buyersCsv, {}] },
  { name: "io.streamSessions", call: of(io.streamSessions), valid: [sessionsJson, {}] },
  { name: "io.streamOutcomes", call: of(io.streamOutcomes), valid: [outcomesJson, {}] },
  { name: "io.streamImports", call: of(io.streamImports), valid: [importsCsv, {}] },
  { name: "io.loadImports", call: of(io.loadImports), valid: [importsCsv, buyers, {}] },
  { name: "io.recordsToTable", call: of(io.recordsToTable), valid: ["companies", companies] },
  { name: "io.toCsvText", call: of(io.toCsvText), valid: [["name", "score"], [["=HYPERLINK(\"http://x\",\"click\")", 0.5], ["Hanil Brake", 1]], ";"] },
  { name: "io.neutralizeCell", call: of(io.neutralizeCell), valid: ["@SUM(1+1)*cmd|' /C calc'!A0"] },
  { name: "io.issuesToTable", call: of(io.issuesToTable), valid: [[{ row: 3, column: "hs", code: "invalid_code", severity: "warning", message: "bad", id: "b1" }], "buyers.csv"] },
  // Only the in-memory form: with a second argument writeWorkbook writes a file, and fuzzed paths must not touch the disk.
  { name: "io.writeWorkbook", call: (args) => io.writeWorkbook(args[0] as never), valid: [[{ name: "Matches", header: ["name", "score"], rows: [["=1+1", 0.5]] }]], heavy: true },
  { name: "io.formatRowIssue", call: of(io.formatRowIssue), valid: [{ row: 3, column: "hs", code: "invalid_code", severity: "error", message: "bad" }, "buyers.csv"] },
  // buyermatch/node
  // The built entry: its worker threads run dist/node-worker.js (npm test builds before it tests).
  { name: "node.rankAllParallel", call: async (args) => ((await import(join(ROOT, "dist", "node.js"))) as typeof node).rankAllParallel(...(args as Parameters<typeof node.rankAllParallel>)), valid: [companies, buyers, { top: 2 }, { threads: 1 }], heavy: true },
  {
    name: "node.createMatcherPool",
    // Each pool made is closed at once, so a thousand calls leave no workers behind.
    call: async (args) => {
      const made = await ((await import(join(ROOT, "dist", "node.js"))) as typeof node).createMatcherPool(...(args as Parameters<typeof node.createMatcherPool>));
      await made.close();
      return made.threads;
    },
    valid: [matcher, { threads: 1 }],
    heavy: true,
  },
  { name: "node.mergeTopK", call: of(node.mergeTopK), valid: [[matches], { top: 1 }] },
];
