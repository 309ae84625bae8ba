/**
 * The CLI's commands. `runCli` takes the arguments and three streams and returns the exit code, so
 * tests can run it in-process as well as through the built binary.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BuyerMatchError, explainMatch, type BuyerMatchIssue, formatPath, rankBuyers, scorePair, CRITERION_IDS, type Buyer, type Company, type Match, type MatchOptions } from "../index.js";
import { formatRowIssue, issuesToTable, loadBuyers, loadCompanies, loadImports, loadSessions, toCsvText, writeWorkbook, type LoadOptions, type LoadResult, type LoadSource, type RowIssue } from "../io/index.js";
// The planner's own modules, not its entry: the entry also holds the calendars, which only `plan --format ics` loads.
import type { Agenda, ICalendarOptions, PlanInput, ReplanResult, Session } from "../plan/index.js";
import { planMeetings, planWithLists } from "../plan/planMeetings.js";
import { replan } from "../plan/replan.js";
import { parseCommandLine, UsageError, type Settings } from "./args.js";
import { rankEvery, type ProgressTarget } from "./ranker.js";
import { reasonRenderer, renderReport } from "./report.js";
import { loadReasonText, reasonOfThrown } from "../io/messages.js";
import { csv, shortlistReasonKo, table, wordsFor } from "./text.js";
import { agendaTableOf, matchTable, roundedJson, shortlistTable, tableCsv, tablesXlsx, type ResultTable } from "./tables.js";

/** The streams a CLI run reads and writes. */
export interface CliStreams {
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly stdout: { write(chunk: string): boolean };
  readonly stderr: ProgressTarget;
}

/** Bad input found while loading: printed as a list, exit code 1. */
class InputError extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join("\n"));
  }
}

/** Issues printed per file; the rest are counted, and `--issues FILE` holds them all. */
const MAX_LISTED_ISSUES = 20;

/** Every loading issue of the run, per file, for `--issues FILE`. */
type IssueLog = { file: string; issues: readonly RowIssue[] }[];

/** Writes the issue log as CSV or xlsx (by the file's extension). */
async function writeIssues(path: string, log: IssueLog): Promise<void> {
  const tables = log.map((entry) => issuesToTable(entry.issues, entry.file));
  const header = tables[0]?.header ?? issuesToTable([], "").header;
  const rows = tables.flatMap((entry) => entry.rows);
  if (/\.xlsx$/i.test(path)) await writeWorkbook([{ name: "issues", header, rows }], path);
  else writeFileSync(path, toCsvText(header, rows));
}

/** A loader's thrown issue in the chosen language (its reason, when it has one; else its message). */
function thrownText(issue: BuyerMatchIssue, locale: Settings["locale"]): string {
  const reason = reasonOfThrown(issue);
  return reason === undefined || locale === "en" ? issue.message : loadReasonText(reason, locale);
}

/** Loads one file, reports its issues on stderr, and fails when nothing usable is left or most rows failed. */
async function loadFile<T>(file: string, what: string, loader: (source: LoadSource, options: LoadOptions) => Promise<LoadResult<T>>, settings: Settings, streams: CliStreams, log: IssueLog): Promise<T[]> {
  const label = file === "-" ? "stdin" : file;
  const words = wordsFor(settings.locale);
  let result: LoadResult<T>;
  try {
    result = await loader(file === "-" ? streams.stdin : file, {
      strict: settings.strict,
      ...(settings.sheet === undefined ? {} : { sheet: settings.sheet }),
      ...(settings.encoding === undefined ? {} : { encoding: settings.encoding }),
      ...(settings.delimiter === undefined ? {} : { delimiter: settings.delimiter }),
    });
  } catch (error) {
    if (error instanceof BuyerMatchError) throw new InputError(error.issues.map((issue) => `${label}: ${thrownText(issue, settings.locale)}`));
    throw error;
  }
  log.push({ file: label, issues: result.issues });
  if (result.issues.length > 0) {
    const lines = [words.issueSummary(label, result.rows, result.loaded, result.dropped, result.counts.error, result.counts.warning)];
    for (const issue of result.issues.slice(0, MAX_LISTED_ISSUES)) lines.push(`  ${words.severity(issue.severity)}: ${formatRowIssue(issue, undefined, settings.locale)}`);
    if (result.issues.length > MAX_LISTED_ISSUES) lines.push(`  ${words.moreIssues(result.issues.length - MAX_LISTED_ISSUES, settings.issues)}`);
    streams.stderr.write(lines.join("\n") + "\n");
  }
  if (result.diagnosis !== undefined) throw new InputError([`${label}: ${result.diagnosis}`]);
  if (result.records.length === 0) throw new InputError([`${label}: ${words.nothingToWorkWith(what)}`]);
  return result.records;
}

/** `--imports`: the import records joined to the buyers by id; bad and unmatched records reported like any loader's. */
async function joinImports(file: string, buyers: Buyer[], settings: Settings, streams: CliStreams, log: IssueLog): Promise<Buyer[]> {
  let joined = buyers;
  await loadFile(
    file,
    "imports",
    async (source, options) => {
      const result = await loadImports(source, buyers, options);
      joined = result.buyers;
      return result.result;
    },
    settings,
    streams,
    log,
  );
  return joined;
}

interface Loaded {
  readonly companies: Company[];
  readonly buyers: Buyer[];
  readonly sessions?: Session[];
}

async function loadInputs(settings: Settings, streams: CliStreams): Promise<Loaded> {
  const [companiesFile, buyersFile, sessionsFile] = settings.files as [string, string, string | undefined];
  const log: IssueLog = [];
  let companies: Company[];
  let buyers: Buyer[];
  let sessions: Session[] | undefined;
  try {
    companies = await loadFile(companiesFile, "companies", loadCompanies, settings, streams, log);
    buyers = await loadFile(buyersFile, "buyers", loadBuyers, settings, streams, log);
    if (settings.imports !== undefined) buyers = await joinImports(settings.imports, buyers, settings, streams, log);
    sessions = sessionsFile === undefined ? undefined : await loadFile(sessionsFile, "sessions", loadSessions, settings, streams, log);
  } finally {
    // Written even when loading stops, so the full list is there to fix the file with.
    if (settings.issues !== undefined) await writeIssues(settings.issues, log);
  }
  if (settings.companies.length > 0) {
    const byId = new Map(companies.map((company) => [company.id, company]));
    const missing = settings.companies.filter((id) => !byId.has(id));
    if (missing.length > 0) throw new InputError(missing.map((id) => `--company ${id}: no company has this id`));
    companies = settings.companies.map((id) => byId.get(id)!);
  }
  return sessions === undefined ? { companies, buyers } : { companies, buyers, sessions };
}

function namesOf(records: readonly { id: string; name: string }[]): Map<string, string> {
  return new Map(records.map((record) => [record.id, record.name]));
}

function contributions(match: Match, settings: Settings, count = 3): string {
  const words = wordsFor(settings.locale);
  return CRITERION_IDS.map((id) => ({ id, part: match.breakdown[id] }))
    .filter((entry) => entry.part !== undefined && entry.part.contribution > 0)
    .sort((a, b) => b.part!.contribution - a.part!.contribution || (a.id < b.id ? -1 : 1))
    .slice(0, count)
    .map((entry) => `${words.criteria[entry.id]} +${entry.part!.contribution.toFixed(2)}`)
    .join(", ");
}

function matchOutput(settings: Settings, loaded: Loaded, lists: Map<string, Match[]>): string | ResultTable[] {
  if (settings.format === "xlsx") return [matchTable(loaded.companies, loaded.buyers, lists)];
  const companyNames = namesOf(loaded.companies);
  const buyerNames = namesOf(loaded.buyers);
  const words = wordsFor(settings.locale);
  if (settings.format === "json") {
    return roundedJson(loaded.companies.map((company) => ({ companyId: company.id, companyName: company.name, matches: (lists.get(company.id) ?? []).map((match) => ({ ...match, buyerName: buyerNames.get(match.buyerId) ?? "" })) })));
  }
  if (settings.format === "csv") return tableCsv(matchTable(loaded.companies, loaded.buyers, lists));
  const blocks = loaded.companies.map((company) => {
    const matches = lists.get(company.id) ?? [];
    const title = `${companyNames.get(company.id)} (${company.id})`;
    if (matches.length === 0) return `${title}\n  ${words.noMatches}\n`;
    const rows = matches.map((match) => [String(match.rank), `${buyerNames.get(match.buyerId)} (${match.buyerId})`, match.score.toFixed(3), contributions(match, settings)]);
    return `${title}\n${table([words.rank, words.buyer, words.score, words.why], rows, [0, 2])}`;
  });
  return blocks.join("\n");
}

function explainOutput(settings: Settings, loaded: Loaded): string {
  const names = new Map([...namesOf(loaded.companies), ...namesOf(loaded.buyers)]);
  const results: { companyId: string; buyerId: string; score: number; eligible: boolean; lines: string[] }[] = [];
  for (const company of loaded.companies) {
    if (settings.buyer !== undefined) {
      const buyer = loaded.buyers.find((candidate) => candidate.id === settings.buyer);
      if (buyer === undefined) throw new InputError([`--buyer ${settings.buyer}: no buyer has this id`]);
      // Within the whole market first, so the score is the one `match` shows; an excluded pair is
      // scored alone, which is how its reasons are found.
      const { top: _top, minScore: _minScore, ...rest } = settings.match;
      const ranked = rankBuyers(company, loaded.buyers, rest).find((match) => match.buyerId === buyer.id);
      const scored = ranked ?? scorePair(company, buyer, rest);
      results.push({ companyId: company.id, buyerId: buyer.id, score: scored.score, eligible: ranked !== undefined, lines: explainMatch(scored, { locale: settings.locale, names }) });
    } else {
      for (const match of rankBuyers(company, loaded.buyers, { top: 3, ...settings.match })) {
        results.push({ companyId: company.id, buyerId: match.buyerId, score: match.score, eligible: true, lines: explainMatch(match, { locale: settings.locale, names }) });
      }
    }
  }
  if (settings.format === "json") return roundedJson(results);
  return results.map((result) => result.lines.join("\n")).join("\n\n") + "\n";
}

async function shortlistOutput(settings: Settings, loaded: Loaded): Promise<string | ResultTable[]> {
  // Loaded on demand: decide pulls in mathjs, which the other commands never need.
  const { shortlistCompanies } = await import("../decide/index.js");
  const { top: _top, minScore: _minScore, ...match } = settings.match;
  const shortlist = shortlistCompanies(loaded.companies, loaded.buyers, { ...(settings.select === undefined ? {} : { select: settings.select }), match });
  const words = wordsFor(settings.locale);
  if (settings.format === "json") return roundedJson(shortlist);
  // The library explains in English; in Korean the CLI words the same figures itself.
  const buyerNames = namesOf(loaded.buyers);
  const meanBreadth = shortlist.entries.reduce((sum, entry) => sum + entry.criteria.breadth.value, 0) / Math.max(1, shortlist.entries.length);
  const entries = settings.locale === "ko" ? shortlist.entries.map((entry) => ({ ...entry, explanation: shortlistReasonKo(entry, { strongScore: shortlist.strongScore, topK: shortlist.topK, meanBreadth, names: buyerNames }) })) : shortlist.entries;
  if (settings.format === "xlsx") return [shortlistTable(entries)];
  if (settings.format === "csv") return tableCsv(shortlistTable(entries));
  // The whole explanation, one block per exporter: a table cell would cut it to one line.
  const rows = entries.map((entry) => [String(entry.rank), `${entry.name} (${entry.companyId})`, entry.closeness.toFixed(3), entry.selected ? "✓" : ""]);
  const head = table([words.rank, words.company, words.closeness, words.selected], rows, [0, 2]);
  const reasons = entries.map((entry) => `${entry.rank}. ${entry.name} (${entry.companyId})\n${entry.explanation.map((line) => `   ${line.trim()}`).join("\n")}`);
  return `${head}\n${words.reason}:\n${reasons.join("\n")}\n`;
}

/** The planner's input for the loaded files and the settings. */
function planInput(settings: Settings, loaded: Loaded & { sessions: Session[] }): PlanInput {
  const { top: _top, ...rest } = settings.match;
  return {
    companies: loaded.companies,
    buyers: loaded.buyers,
    sessions: loaded.sessions,
    matchOptions: { viewpoint: "mutual", ...rest },
    ...(settings.match.minScore === undefined ? {} : { minScore: settings.match.minScore }),
    ...(settings.fairness === undefined ? {} : { fairness: settings.fairness }),
    ...(settings.minPerCompany === undefined ? {} : { minPerCompany: settings.minPerCompany }),
  };
}

/** The agenda, planned from the engine's top lists (`planCandidates`), never from every pair. */
function planAgenda(settings: Settings, loaded: Loaded): Agenda | undefined {
  return loaded.sessions === undefined ? undefined : planMeetings(planInput(settings, { ...loaded, sessions: loaded.sessions }));
}

/**
 * What the report shows: each exporter's top buyers (mutual) and the agenda. With sessions, the lists
 * come from the planner's own normalised buyers (one validation, one normalisation of the market).
 */
function reportScores(settings: Settings, loaded: Loaded, streams: CliStreams, top: number): { lists: Map<string, Match[]>; agenda?: Agenda } {
  if (loaded.sessions !== undefined) {
    const { agenda, lists } = planWithLists(planInput(settings, { ...loaded, sessions: loaded.sessions }), top);
    if (lists !== undefined) return { lists, agenda };
  }
  const options: MatchOptions = { viewpoint: "mutual", ...settings.match, top };
  const lists = rankEvery(loaded.companies, loaded.buyers, options, streams.stderr);
  const agenda = planAgenda(settings, loaded);
  return agenda === undefined ? { lists } : { lists, agenda };
}

/**
 * `plan --keep`: the previous agenda against the mission as the files now describe it. A meeting whose
 * exporter, buyer or session is gone is cancelled; every other stays; freed slots are refilled.
 */
function replanAgenda(settings: Settings, loaded: Loaded, file: string): ReplanResult {
  let previous: unknown;
  try {
    previous = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError([`--keep ${file}: ${code === "ENOENT" ? "no such file" : code !== undefined ? (error as Error).message : "is not JSON (write it with plan --format json)"}`]);
  }
  const { top: _top, ...rest } = settings.match;
  return replan(previous, {
    input: {
      companies: loaded.companies,
      buyers: loaded.buyers,
      sessions: loaded.sessions ?? [],
      matchOptions: { viewpoint: "mutual", ...rest },
      ...(settings.match.minScore === undefined ? {} : { minScore: settings.match.minScore }),
    },
    changes: [],
  });
}

function changesText(result: ReplanResult): string {
  const at = (meeting: { date: string; start: string; city: string; table: number }): string => `${meeting.date} ${meeting.start} ${meeting.city} table ${meeting.table}`;
  const lines = [`kept ${result.kept.length}, moved ${result.moved.length}, cancelled ${result.cancelled.length}, added ${result.added.length}; refill ${result.refillOptimal ? "proven optimal" : "the best found (search limit reached)"}`];
  for (const { from, to } of result.moved) lines.push(`moved: ${from.companyId} × ${from.buyerId}: ${at(from)} → ${at(to)}`);
  for (const { meeting, reason } of result.cancelled) lines.push(`cancelled: ${meeting.companyId} × ${meeting.buyerId} at ${at(meeting)} — ${reason}`);
  for (const meeting of result.added) lines.push(`added: ${meeting.companyId} × ${meeting.buyerId} at ${at(meeting)}`);
  return lines.join("\n") + "\n";
}

function agendaJson(agenda: Agenda): string {
  // Attendance as a list, not an object keyed by buyer id (ids are user text); the breaks per
  // participant are Maps, written as lists of { id, breaks }.
  const attendance = [...agenda.attendance].map(([buyerId, entries]) => ({ buyerId, entries }));
  const breaksList = (map: ReadonlyMap<string, number>) => [...map].map(([id, breaks]) => ({ id, breaks }));
  const totals = { ...agenda.totals, breaksByCompany: breaksList(agenda.totals.breaksByCompany), breaksByBuyer: breaksList(agenda.totals.breaksByBuyer) };
  return roundedJson({ meetings: agenda.meetings, unmatched: agenda.unmatched, totals, venues: agenda.venues, attendance });
}

function agendaTable(settings: Settings, loaded: Loaded, agenda: Agenda): string {
  const words = wordsFor(settings.locale);
  const companyNames = namesOf(loaded.companies);
  const buyerNames = namesOf(loaded.buyers);
  const rows = agenda.meetings.map((meeting) => [
    meeting.date,
    `${meeting.start}–${meeting.end}`,
    meeting.city,
    String(meeting.table),
    `${companyNames.get(meeting.companyId) ?? ""} (${meeting.companyId})`,
    `${buyerNames.get(meeting.buyerId) ?? ""} (${meeting.buyerId})`,
    meeting.score.toFixed(3),
    meeting.interpreter ? "✓" : "",
  ]);
  const out = [table([words.date, words.time, words.city, words.table, words.company, words.buyer, words.score, words.interpreter], rows, [3, 6]), words.meetings(agenda.totals.meetings, agenda.totals.totalScore.toFixed(3))];
  const reason = reasonRenderer(settings.locale);
  for (const company of agenda.unmatched.companies) out.push(`${words.unmatchedCompany}: ${companyNames.get(company.companyId) ?? ""} (${company.companyId}) — ${reason(company.reason)}`);
  for (const buyer of agenda.unmatched.buyers) out.push(`${words.unmatchedBuyer}: ${buyerNames.get(buyer.buyerId) ?? ""} (${buyer.buyerId}) — ${reason(buyer.reason)}`);
  return out.join("\n") + "\n";
}

/** Minutes since 2024-01-01 UTC: a SEQUENCE that rises with each re-issue of a plan. */
function clockSequence(now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.UTC(2024, 0, 1)) / 60_000));
}

/** The planned pairs' matches (mutual, in the whole market), for the explanations the events carry. */
function calendarMatches(settings: Settings, loaded: Loaded, streams: CliStreams, agenda: Agenda | undefined): Map<string, Match[]> {
  if (agenda === undefined || agenda.meetings.length === 0) return new Map();
  const most = Math.max(...[...agenda.byCompany.values()].map((meetings) => meetings.length));
  const lists = rankEvery(loaded.companies, loaded.buyers, { viewpoint: "mutual", ...settings.match, top: Math.max(most, settings.match.top ?? 0) }, streams.stderr);
  return lists;
}

/**
 * The calendar(s) of `plan --format ics`: the clock gives DTSTAMP (and SEQUENCE unless --sequence).
 * The calendar module (ical-generator, @date-fns/tz) is loaded here, on first use: the other commands
 * never pay for it.
 */
async function calendarOutput(settings: Settings, loaded: Loaded, lists: Map<string, Match[]>, agenda: Agenda): Promise<string> {
  const { agendaCalendars, agendaToICalendar } = await import("../plan/calendar.js");
  const now = new Date();
  const options: ICalendarOptions = {
    ...(settings.timezone === undefined ? {} : { timezone: settings.timezone }),
    companies: loaded.companies,
    buyers: loaded.buyers,
    // Only the planned pairs' matches: their explanations go into the events.
    matches: agenda.meetings.flatMap((meeting) => (lists.get(meeting.companyId) ?? []).filter((match) => match.buyerId === meeting.buyerId)),
    locale: settings.locale,
    now,
    sequence: settings.sequence ?? clockSequence(now),
  };
  if (settings.per === undefined) return agendaToICalendar(agenda, options);
  const calendars = agendaCalendars(agenda, options, settings.per);
  const folder = settings.out!;
  mkdirSync(folder, { recursive: true });
  for (const calendar of calendars) writeFileSync(join(folder, calendar.fileName), calendar.ics);
  return `${calendars.length} calendars written to ${folder}\n${calendars.map((calendar) => `  ${calendar.fileName}  ${calendar.name}: ${calendar.meetings}`).join("\n")}\n`;
}

async function execute(settings: Settings, streams: CliStreams): Promise<string | ResultTable[]> {
  // Loaded on first use, like the calendars it writes: the other commands never pay for it.
  if (settings.command === "schedule") return (await import("./schedule.js")).scheduleOutput(settings);
  const loaded = await loadInputs(settings, streams);
  switch (settings.command) {
    case "match": {
      const options: MatchOptions = { top: 10, ...settings.match };
      return matchOutput(settings, loaded, rankEvery(loaded.companies, loaded.buyers, options, streams.stderr));
    }
    case "explain":
      return explainOutput(settings, loaded);
    case "shortlist":
      return shortlistOutput(settings, loaded);
    case "plan": {
      const replanned = settings.keep === undefined ? undefined : replanAgenda(settings, loaded, settings.keep);
      if (replanned !== undefined && settings.format === "json") {
        const { agenda: next, kept, moved, cancelled, added, refillOptimal } = replanned;
        return JSON.stringify({ meetings: next.meetings, unmatched: next.unmatched, totals: next.totals, changes: { kept: kept.length, moved, cancelled, added, refillOptimal } }, null, 2) + "\n";
      }
      if (replanned !== undefined && settings.format === "table") return agendaTable(settings, loaded, replanned.agenda) + changesText(replanned);
      const agenda = replanned?.agenda ?? planAgenda(settings, loaded);
      if (settings.format === "csv") return tableCsv(agendaTableOf(loaded.companies, loaded.buyers, agenda!));
      if (settings.format === "xlsx") return [agendaTableOf(loaded.companies, loaded.buyers, agenda!)];
      if (settings.format === "ics") return calendarOutput(settings, loaded, calendarMatches(settings, loaded, streams, agenda!), agenda!);
      if (settings.format === "json") return agendaJson(agenda!);
      return agendaTable(settings, loaded, agenda!);
    }
    case "report": {
      const { lists, agenda } = reportScores(settings, loaded, streams, settings.match.top ?? 5);
      return renderReport({
        companies: loaded.companies,
        buyers: loaded.buyers,
        lists,
        ...(agenda === undefined ? {} : { agenda }),
        top: settings.match.top ?? 5,
        locale: settings.locale,
        viewpoint: settings.match.viewpoint ?? "mutual",
        matchOptions: settings.match,
        ...(settings.title === undefined ? {} : { title: settings.title }),
      });
    }
  }
}

/**
 * Runs the CLI: parses the arguments, loads the files, runs the command and writes its output.
 * Never throws; every failure becomes a message on stderr and an exit code.
 *
 * @param argv - the arguments after the script name
 * @param streams - stdin, stdout and stderr
 * @param version - the version printed by `--version`
 * @returns 0 ok, 1 bad input, 2 usage
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), process, "0.1.0");
 */
export async function runCli(argv: readonly string[], streams: CliStreams, version: string): Promise<number> {
  let words = wordsFor("en");
  try {
    const parsed = parseCommandLine(argv, version);
    if (parsed.kind === "run") words = wordsFor(parsed.settings.locale);
    if (parsed.kind === "print") {
      streams.stdout.write(parsed.text);
      return 0;
    }
    const output = await execute(parsed.settings, streams);
    if (typeof output !== "string") writeFileSync(parsed.settings.out!, await tablesXlsx(output));
    // With --per, --out is the folder the calendars went into; the summary goes to stdout.
    else if (parsed.settings.out !== undefined && parsed.settings.per === undefined) writeFileSync(parsed.settings.out, output);
    else streams.stdout.write(output);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      streams.stderr.write(`buyermatch: ${error.message}\nRun "buyermatch --help" for usage.\n`);
      return 2;
    }
    if (error instanceof InputError) {
      streams.stderr.write(`buyermatch: ${words.badInput}:\n${error.lines.map((line) => `  ${line}`).join("\n")}\n`);
      return 1;
    }
    if (error instanceof BuyerMatchError) {
      streams.stderr.write(`buyermatch: ${words.badInput}:\n${error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`).join("\n")}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code.startsWith("E")) {
      streams.stderr.write(`buyermatch: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}
