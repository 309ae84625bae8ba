/**
 * Command-line arguments: the flags every command shares, read with Node's `util.parseArgs`, checked
 * into typed settings, and the help text. A bad flag is a usage error (exit code 2), not bad input.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CRITERION_IDS, type Locale, type MatchOptions, type Viewpoint, type Weights } from "../index.js";
import { closestName } from "../io/suggest.js";
import { ENCODING_CHOICES } from "../io/index.js";
import { encodingNamed } from "../io/encoding.js";

/** The commands. */
export const COMMANDS = ["match", "plan", "shortlist", "explain", "report", "schedule"] as const;
/** A command name. */
export type Command = (typeof COMMANDS)[number];

/** Output formats; `ics` only for `plan`, `html` only for `report`. */
export type OutputFormat = "table" | "csv" | "json" | "ics" | "html" | "xlsx";

/** A wrong command line: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Everything the command line said, checked. */
export interface Settings {
  readonly command: Command;
  readonly files: readonly string[];
  readonly match: MatchOptions;
  readonly format: OutputFormat;
  readonly locale: Locale;
  readonly out?: string;
  readonly strict: boolean;
  readonly companies: readonly string[];
  readonly buyer?: string;
  readonly select?: number;
  readonly fairness?: number;
  readonly minPerCompany?: number;
  /** `--timezone`: one IANA zone, or city → zone (`Chicago=America/Chicago,Detroit=America/Detroit`). */
  readonly timezone?: string | ReadonlyMap<string, string>;
  /** `--per`: one calendar per participant (`participant`), per exporter (`company`) or per buyer (`buyer`), written into the `--out` folder. */
  readonly per?: "participant" | "company" | "buyer";
  /** `--sequence`: the calendar's SEQUENCE (default: minutes since 2024-01-01 UTC, so each re-issue is higher). */
  readonly sequence?: number;
  readonly title?: string;
  /** plan: the previous agenda (JSON) to re-plan against. */
  readonly keep?: string;
  readonly maxBreakSpread?: number;
  readonly timeLimitMs?: number;
  /** The sheet of .xlsx inputs to read (default the first). */
  readonly sheet?: string;
  /** The text encoding of CSV/JSON inputs (default detected). */
  readonly encoding?: string;
  /** The CSV separator of the inputs (default guessed from the header). */
  readonly delimiter?: string;
  /** Write every loading issue to this file (.csv, or .xlsx). */
  readonly issues?: string;
  /** `--imports`: the buyers' import records, joined to the buyers by id. */
  readonly imports?: string;
}

const OPTIONS = {
  top: { type: "string" },
  "min-score": { type: "string" },
  weights: { type: "string" },
  viewpoint: { type: "string" },
  format: { type: "string" },
  locale: { type: "string" },
  out: { type: "string", short: "o" },
  strict: { type: "boolean" },
  company: { type: "string", multiple: true },
  buyer: { type: "string" },
  select: { type: "string" },
  fairness: { type: "string" },
  "min-per-company": { type: "string" },
  timezone: { type: "string" },
  per: { type: "string" },
  sequence: { type: "string" },
  title: { type: "string" },
  keep: { type: "string" },
  "max-break-spread": { type: "string" },
  "time-limit": { type: "string" },
  sheet: { type: "string" },
  encoding: { type: "string" },
  delimiter: { type: "string" },
  issues: { type: "string" },
  imports: { type: "string" },
  "as-of": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

const FILES: Record<Command, { readonly names: readonly string[]; readonly optional?: number }> = {
  match: { names: ["companies", "buyers"] },
  plan: { names: ["companies", "buyers", "sessions"] },
  shortlist: { names: ["companies", "buyers"] },
  explain: { names: ["companies", "buyers"] },
  report: { names: ["companies", "buyers", "sessions"], optional: 1 },
  schedule: { names: ["meetings", "sessions"] },
};

const FORMATS: Record<Command, readonly OutputFormat[]> = {
  match: ["table", "csv", "json", "xlsx"],
  plan: ["table", "csv", "json", "ics", "xlsx"],
  shortlist: ["table", "csv", "json", "xlsx"],
  explain: ["table", "json"],
  report: ["html"],
  schedule: ["table", "csv", "json", "ics"],
};

/** The general help text. */
export const HELP = `buyermatch — explainable exporter–buyer matching and trade-mission meeting plans

Usage:
  buyermatch match     <companies> <buyers>              ranked buyers for each exporter
  buyermatch explain   <companies> <buyers> --company ID  why each buyer ranks where it does
  buyermatch shortlist <companies> <buyers>              rank applicant exporters (TOPSIS)
  buyermatch plan      <companies> <buyers> <sessions>   the 1:1 meeting agenda
  buyermatch report    <companies> <buyers> [sessions]   one printable HTML mission report
  buyermatch schedule  <meetings> <sessions>             any-to-any meetings in slots, fewest idle gaps

Files are CSV, JSON, JSONL or Excel .xlsx (by extension, else by their content); "-" reads stdin.
CSV may be UTF-8 (with or without BOM), UTF-16 with BOM or CP949/EUC-KR (detected, or --encoding).
CSV columns: id, name, country, region, city, lat, lon, sectors, tier, ...; lists separated by ";";
products as product1_name, product1_hs, product1_keywords, product2_name, ... (needs: need1_...).

Options:
  --top N               keep the N best matches per exporter (match: 10, explain: 3, report: 5)
  --min-score X         drop matches scoring below X (0 to 1)
  --weights W           criterion weights: "product=0.5,sector=0.2" or a JSON file
                        (criteria: sector, product, tier, region, readiness, certification,
                        evidence, relationship; the last two weigh 0 unless given)
  --viewpoint V         company (default for match), buyer, or mutual (default for plan)
  --format F            table (default), csv, json; match, plan, shortlist also xlsx (needs --out);
                        plan also ics
  --locale L            en (default) or ko
  --out FILE, -o FILE   write to FILE instead of stdout
  --strict              stop at the first bad row (exit code 1) instead of skipping bad rows
  --issues FILE         write every loading issue (errors and warnings) to FILE (.csv or .xlsx)
  --sheet NAME          the sheet of .xlsx inputs to read (default: the first)
  --encoding E          the encoding of text inputs: utf-8, utf-16le, utf-16be, cp949 (euc-kr)
  --delimiter D         the CSV separator of the inputs: "," ";" or "\t" (default: from the header)
  --imports FILE        the buyers' import records (columns buyerId, hs, origin, shipments, value,
                        lastDate; CSV, JSON, JSONL or .xlsx), joined to the buyers by id: trade
                        evidence for --weights evidence=0.3 and for shortlist's buyer demand
  --as-of DATE          the date trade evidence is judged at (YYYY-MM or YYYY-MM-DD): a record
                        counts half after 12 months; without it every record counts as undated
  --company ID          only these exporters (repeatable; required by explain)
  --buyer ID            explain: one pair only
  --select N            shortlist: mark the N best exporters as selected
  --fairness X          plan: > 0 spreads meetings across exporters (default 0)
  --min-per-company N   plan: meetings guaranteed to each exporter where feasible
  --timezone TZ         plan --format ics: IANA zone of the sessions (America/Chicago), or one per
                        city (Chicago=America/Chicago,Detroit=America/Detroit); default: the
                        zone of each session's city in the built-in US gazetteer
  --per WHO             plan --format ics: one calendar per participant, company or buyer,
                        written into the folder --out DIR
  --sequence N          plan --format ics: the events' SEQUENCE (default: rises with the clock)
  --title TEXT          report: the title
  --keep AGENDA.json    plan: re-plan against a previous agenda (plan --format json): meetings whose
                        exporter, buyer, session and slot are still there stay put; freed slots refill
  --max-break-spread D  schedule: any two participants' breaks differ by at most D
  --time-limit MS       schedule: search time limit in milliseconds (default 30000)
  -h, --help            this help;  -v, --version  the version

Exit codes: 0 ok, 1 bad input (the problems are listed), 2 wrong command line, 3 internal error.

Examples:
  buyermatch match companies.csv buyers.csv --top 5
  buyermatch match companies.csv buyers.csv --weights product=0.5,sector=0.2 --format csv -o matches.csv
  cat buyers.jsonl | buyermatch match companies.csv - --viewpoint mutual --format json
  buyermatch explain companies.csv buyers.csv --company jinju-02-hanil-brake --top 3 --locale ko
  buyermatch shortlist companies.csv buyers.csv --select 8
  buyermatch match companies.csv buyers.csv --imports imports.csv --weights evidence=0.6 --as-of 2026-12
  buyermatch plan companies.csv buyers.csv sessions.csv --format ics --timezone Chicago=America/Chicago,Detroit=America/Detroit -o agenda.ics
  buyermatch plan companies.csv buyers.csv sessions.csv --format ics --per participant --out calendars
  buyermatch report companies.csv buyers.csv sessions.csv -o mission.html
  buyermatch schedule meetings.csv sessions.csv --max-break-spread 2 --format ics
`;

function number(value: string | undefined, flag: string, check: (parsed: number) => boolean, rule: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value.trim());
  if (value.trim() === "" || !Number.isFinite(parsed) || !check(parsed)) throw new UsageError(`--${flag} must be ${rule} (got ${JSON.stringify(value)})`);
  return parsed;
}

function choice<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  return value as T;
}

/**
 * Reads `--weights`: inline `name=value` pairs separated by commas, or a JSON file of the same
 * object. Names and values are checked by the library (bad input), the syntax here (usage).
 *
 * @param value - the flag's value
 * @returns the weights object
 * @example
 * parseWeights("product=0.5, sector=0.2"); // { product: 0.5, sector: 0.2 }
 */
export function parseWeights(value: string): Weights {
  const trimmed = value.trim();
  if (/\.json$/i.test(trimmed) || trimmed.startsWith("{")) {
    let text = trimmed;
    if (!trimmed.startsWith("{")) {
      try {
        text = readFileSync(trimmed, "utf8");
      } catch {
        throw new UsageError(`--weights: cannot read ${trimmed}`);
      }
    }
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      checkCriterionNames(Object.keys(parsed));
      return parsed as Weights;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--weights: ${trimmed} must hold a JSON object such as {"product": 0.5, "sector": 0.2}`);
    }
  }
  const weights = new Map<string, number>();
  for (const part of trimmed.split(",")) {
    const match = /^\s*([A-Za-z_-]+)\s*[=:]\s*([^\s]+)\s*$/.exec(part);
    const weight = match === null ? Number.NaN : Number(match[2]);
    if (match === null || !Number.isFinite(weight)) throw new UsageError(`--weights: ${JSON.stringify(part.trim())} is not name=number (e.g. product=0.5,sector=0.2)`);
    weights.set(match[1]!, weight);
  }
  checkCriterionNames([...weights.keys()]);
  return Object.fromEntries(weights) as Weights;
}

/** One usage error for every weight name that is not a criterion, with the nearest criterion and the list. */
function checkCriterionNames(names: readonly string[]): void {
  const known: readonly string[] = CRITERION_IDS;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const each = unknown.map((name) => {
    const suggestion = closestName(name, known);
    return `${JSON.stringify(name)}${suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`}`;
  });
  throw new UsageError(`--weights: ${each.join(", ")} ${unknown.length === 1 ? "is not a criterion" : "are not criteria"}; the criteria are ${known.join(", ")}`);
}

/**
 * Reads `--timezone`: one zone name, or comma-separated `city=zone` pairs. The zones themselves are
 * checked by the library (bad input), the syntax here (usage).
 *
 * @param value - the flag's value
 * @returns the zone, or city → zone
 * @example
 * parseTimezones("Chicago=America/Chicago, Detroit=America/Detroit"); // Map { "Chicago" => "America/Chicago", "Detroit" => "America/Detroit" }
 */
export function parseTimezones(value: string): string | Map<string, string> {
  const trimmed = value.trim();
  if (!trimmed.includes("=")) {
    if (trimmed === "" || trimmed.includes(",")) throw new UsageError(`--timezone must be a zone such as America/Chicago or city=zone pairs such as Chicago=America/Chicago,Detroit=America/Detroit (got ${JSON.stringify(value)})`);
    return trimmed;
  }
  const zones = new Map<string, string>();
  for (const part of trimmed.split(",")) {
    const match = /^\s*([^=]+?)\s*=\s*(\S+)\s*$/.exec(part);
    if (match === null) throw new UsageError(`--timezone: ${JSON.stringify(part.trim())} is not city=zone (e.g. Detroit=America/Detroit)`);
    if (zones.has(match[1]!)) throw new UsageError(`--timezone: ${JSON.stringify(match[1])} is given twice`);
    zones.set(match[1]!, match[2]!);
  }
  return zones;
}

/** What `parseCommandLine` found: settings to run, or a text to print (help, version). */
export type ParsedCommandLine = { readonly kind: "run"; readonly settings: Settings } | { readonly kind: "print"; readonly text: string };

/**
 * Parses and checks a command line (without the `node` and script arguments).
 *
 * @param argv - the arguments
 * @param version - the package version, for `--version`
 * @returns settings to run, or help/version text
 * @throws UsageError when the command line is wrong
 * @example
 * parseCommandLine(["match", "c.csv", "b.csv", "--top", "5"], "0.1.0");
 */
export function parseCommandLine(argv: readonly string[], version: string): ParsedCommandLine {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version === true) return { kind: "print", text: `${version}\n` };
  const [name, ...files] = positionals;
  if (values.help === true || name === undefined || name === "help") return { kind: "print", text: HELP };
  if (!(COMMANDS as readonly string[]).includes(name)) throw new UsageError(`unknown command ${JSON.stringify(name)}; the commands are ${COMMANDS.join(", ")}`);
  const command = name as Command;

  const spec = FILES[command];
  const least = spec.names.length - (spec.optional ?? 0);
  if (files.length < least || files.length > spec.names.length) {
    const expected = spec.names.map((file, index) => (index >= least ? `[${file}]` : `<${file}>`)).join(" ");
    throw new UsageError(`${command} takes ${expected} (got ${files.length} ${files.length === 1 ? "file" : "files"})`);
  }
  if ([...files, ...(values.imports === undefined ? [] : [values.imports])].filter((file) => file === "-").length > 1) throw new UsageError('only one file can be "-" (stdin)');
  if ((values.imports !== undefined || values["as-of"] !== undefined) && command === "schedule") throw new UsageError("--imports and --as-of are for the commands that read buyers (match, explain, shortlist, plan, report)");

  const top = number(values.top, "top", (value) => Number.isInteger(value) && value >= 1, "a whole number ≥ 1");
  const minScore = number(values["min-score"], "min-score", (value) => value >= 0 && value <= 1, "a number between 0 and 1");
  const viewpoint = choice<Viewpoint>(values.viewpoint, "viewpoint", ["company", "buyer", "mutual"]);
  const format = choice<OutputFormat>(values.format, "format", FORMATS[command]) ?? FORMATS[command][0]!;
  const locale = choice<Locale>(values.locale, "locale", ["en", "ko"]) ?? "en";
  const match: MatchOptions = {
    ...(top === undefined ? {} : { top }),
    ...(minScore === undefined ? {} : { minScore }),
    ...(viewpoint === undefined ? {} : { viewpoint }),
    ...(values.weights === undefined ? {} : { weights: parseWeights(values.weights) }),
    // The date is checked by the library with the other match options (bad input, with its path).
    ...(values["as-of"] === undefined ? {} : { criteria: { evidence: { asOf: values["as-of"].trim() } } }),
  };
  if (command === "explain" && (values.company ?? []).length === 0) throw new UsageError("explain needs --company ID");
  if (values.buyer !== undefined && command !== "explain") throw new UsageError("--buyer is for explain only");
  if (values.timezone !== undefined && format !== "ics") throw new UsageError("--timezone is for plan --format ics only");
  if (values.per !== undefined && format !== "ics") throw new UsageError("--per is for plan --format ics only");
  if (values.sequence !== undefined && format !== "ics") throw new UsageError("--sequence is for plan --format ics only");
  const per = choice<"participant" | "company" | "buyer">(values.per, "per", ["participant", "company", "buyer"]);
  if (per !== undefined && values.out === undefined) throw new UsageError("--per needs --out DIR, the folder to write the calendars into");
  const sequence = number(values.sequence, "sequence", (value) => Number.isInteger(value) && value >= 0 && value < 2 ** 31, "a whole number ≥ 0");
  if (values.keep !== undefined && command !== "plan") throw new UsageError("--keep is for plan only");
  if ((values["max-break-spread"] !== undefined || values["time-limit"] !== undefined) && command !== "schedule") throw new UsageError("--max-break-spread and --time-limit are for schedule only");
  const maxBreakSpread = number(values["max-break-spread"], "max-break-spread", (value) => Number.isInteger(value) && value >= 0, "a whole number ≥ 0");
  const timeLimitMs = number(values["time-limit"], "time-limit", (value) => value > 0, "a number of milliseconds > 0");
  if (format === "xlsx" && values.out === undefined) throw new UsageError("--format xlsx writes a workbook: add --out FILE.xlsx");
  if (values.encoding !== undefined && encodingNamed(values.encoding) === undefined) throw new UsageError(`--encoding must be one of ${ENCODING_CHOICES.join(", ")} (got ${JSON.stringify(values.encoding)})`);
  const delimiter = values.delimiter === undefined ? undefined : values.delimiter === "\\t" || values.delimiter.toLowerCase() === "tab" ? "\t" : values.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1) throw new UsageError(`--delimiter must be one character such as ";" or "\\t" (got ${JSON.stringify(values.delimiter)})`);
  if (values.issues !== undefined && !/\.(csv|xlsx)$/i.test(values.issues)) throw new UsageError(`--issues writes a .csv or .xlsx file (got ${JSON.stringify(values.issues)})`);

  const select = number(values.select, "select", (value) => Number.isInteger(value) && value >= 0, "a whole number ≥ 0");
  const fairness = number(values.fairness, "fairness", (value) => value >= 0, "a number ≥ 0");
  const minPerCompany = number(values["min-per-company"], "min-per-company", (value) => Number.isInteger(value) && value >= 0, "a whole number ≥ 0");
  const settings: Settings = {
    command,
    files,
    match,
    format,
    locale,
    strict: values.strict === true,
    companies: values.company ?? [],
    ...(values.out === undefined ? {} : { out: values.out }),
    ...(values.buyer === undefined ? {} : { buyer: values.buyer }),
    ...(select === undefined ? {} : { select }),
    ...(fairness === undefined ? {} : { fairness }),
    ...(minPerCompany === undefined ? {} : { minPerCompany }),
    ...(values.timezone === undefined ? {} : { timezone: parseTimezones(values.timezone) }),
    ...(per === undefined ? {} : { per }),
    ...(sequence === undefined ? {} : { sequence }),
    ...(values.title === undefined ? {} : { title: values.title }),
    ...(values.keep === undefined ? {} : { keep: values.keep }),
    ...(maxBreakSpread === undefined ? {} : { maxBreakSpread }),
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    ...(values.sheet === undefined ? {} : { sheet: values.sheet }),
    ...(values.encoding === undefined ? {} : { encoding: values.encoding }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(values.issues === undefined ? {} : { issues: values.issues }),
    ...(values.imports === undefined ? {} : { imports: values.imports }),
  };
  return { kind: "run", settings };
}
