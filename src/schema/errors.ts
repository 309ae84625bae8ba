/**
 * Errors are data: every problem with an input is one {@link BuyerMatchIssue} with a literal code,
 * the path to the offending value and a readable message. One {@link BuyerMatchError} carries all
 * of them at once, so a user fixes a file in one pass instead of one error per run.
 */
import type { z } from "zod";

/** The kinds of problem buyermatch reports. */
export type BuyerMatchIssueCode =
  /** A value of the wrong type, a missing required field, an unknown enum member. */
  | "invalid_input"
  /** An HS, NAICS, country, subdivision or sector code that is not well formed or not known. */
  | "invalid_code"
  /** Two records share one id. */
  | "duplicate_id"
  /** A reference (must-meet pair, outcome, forbidden pair) names an id that is not in the input. */
  | "unknown_reference"
  /** NaN, Infinity or a number outside its allowed range. */
  | "out_of_range"
  /** A matrix that is ragged, empty where it must not be, or not of the required form. */
  | "invalid_matrix"
  /** The problem as stated has no solution (for example an assignment with no feasible matching). */
  | "infeasible"
  /** A formula that uses something outside the allowed grammar. */
  | "unsafe_expression"
  /** Not enough data to do what was asked (for example too few outcomes to learn weights). */
  | "insufficient_data"
  /** A row of a file that could not be read or parsed. */
  | "invalid_row"
  /** A search ran out of its time limit before it found an answer or a proof that none exists. */
  | "time_limit"
  /** A column or key that buyermatch does not read (often a misspelt field name); a warning. */
  | "unknown_field"
  /** Bytes that are not valid text in the encoding a file is read in. */
  | "invalid_encoding"
  /** A matcher snapshot that is truncated, changed, foreign or from another format version. */
  | "invalid_snapshot";

/** A path into the input: property names and array indices. */
export type IssuePath = readonly (string | number)[];

/** One problem with an input. */
export interface BuyerMatchIssue {
  readonly code: BuyerMatchIssueCode;
  readonly path: IssuePath;
  readonly message: string;
}

/**
 * Renders a path as `companies[3].products[0].hs`.
 *
 * @param path - property names and array indices, outermost first
 * @returns the dotted path, or `(root)` for an empty path
 * @example
 * formatPath(["companies", 3, "products", 0, "hs"]); // "companies[3].products[0].hs"
 */
export function formatPath(path: IssuePath): string {
  if (!Array.isArray(path) || !path.every((part) => typeof part === "string" || (typeof part === "number" && Number.isFinite(part)))) {
    throw new BuyerMatchError([{ code: "invalid_input", path: ["path"], message: `must be an array of property names (strings) and indices (numbers), not ${describeValue(path)}` }]);
  }
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === "" ? "(root)" : out;
}

/**
 * A short, safe description of any value for a message: strings quoted, other kinds named
 * (never throws, whatever the value: BigInt, a null-prototype object, a cycle).
 *
 * @example
 * describeValue(1n); // "a bigint"
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean" || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (value instanceof Map) return "a Map";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The one error type of buyermatch. `issues` is never empty and lists every problem found, each with
 * its path, so callers can show them all at once.
 *
 * @example
 * try {
 *   rankBuyers(company, buyers);
 * } catch (error) {
 *   if (error instanceof BuyerMatchError) for (const issue of error.issues) console.log(issue.message);
 * }
 */
export class BuyerMatchError extends Error {
  override readonly name = "BuyerMatchError";
  readonly issues: readonly [BuyerMatchIssue, ...BuyerMatchIssue[]];

  constructor(issues: readonly [BuyerMatchIssue, ...BuyerMatchIssue[]]) {
    super(BuyerMatchError.summarize(issues));
    this.issues = issues;
  }

  /** Builds the message: a count, then one line per issue (`path: message`). */
  static summarize(issues: readonly BuyerMatchIssue[]): string {
    const head = issues.length === 1 ? "1 problem with the input" : `${issues.length} problems with the input`;
    return [head + ":", ...issues.map((issue) => `  - ${formatPath(issue.path)}: ${issue.message}`)].join("\n");
  }
}

/**
 * Throws one {@link BuyerMatchError} when `issues` is non-empty; does nothing otherwise.
 *
 * @param issues - the problems collected so far
 * @example
 * const issues: BuyerMatchIssue[] = [];
 * if (slots < 1) issues.push({ code: "out_of_range", path: ["sessions", 0, "slots"], message: "must be at least 1" });
 * throwIfAny(issues);
 */
export function throwIfAny(issues: readonly BuyerMatchIssue[]): void {
  if (issues.length > 0) throw new BuyerMatchError(issues as [BuyerMatchIssue, ...BuyerMatchIssue[]]);
}

/**
 * Shorthand for a single-issue error.
 *
 * @example
 * throw issueError("infeasible", ["costMatrix"], "no complete assignment exists");
 */
export function issueError(code: BuyerMatchIssueCode, path: IssuePath, message: string): BuyerMatchError {
  return new BuyerMatchError([{ code, path, message }]);
}

/** Converts zod issues into buyermatch issues, prefixing each path with `basePath`. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[], basePath: IssuePath = []): BuyerMatchIssue[] {
  return issues.map((issue) => {
    const path = [...basePath, ...issue.path.map((part) => (typeof part === "symbol" ? String(part) : part))];
    // zod reports NaN and ±Infinity as a wrong type; to a user they are numbers out of range.
    const notFinite = issue.code === "invalid_type" && ["NaN", "Infinity", "-Infinity"].includes(String((issue as { received?: unknown }).received));
    const code: BuyerMatchIssueCode =
      issue.code === "too_small" || issue.code === "too_big" || notFinite
        ? "out_of_range"
        : issue.code === "custom" && typeof issue.params?.["code"] === "string"
          ? (issue.params["code"] as BuyerMatchIssueCode)
          : "invalid_input";
    const message = notFinite ? `must be a finite number, not ${String((issue as { received?: unknown }).received)}` : issue.message;
    return { code, path, message };
  });
}

/** The result of a non-throwing parse: the value, or every issue. */
export type SafeResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly issues: readonly [BuyerMatchIssue, ...BuyerMatchIssue[]] };

/**
 * Parses `input` with a zod schema; returns the value or throws one {@link BuyerMatchError} with every
 * issue, paths prefixed by `basePath`.
 *
 * @example
 * const company = parseWith(CompanySchema, raw, ["companies", 0]);
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, basePath: IssuePath = []): z.output<S> {
  const result = safeParseWith(schema, input, basePath);
  if (!result.success) throw new BuyerMatchError(result.issues);
  return result.data;
}

/**
 * The non-throwing twin of {@link parseWith}; both share this code path.
 *
 * @example
 * const result = safeParseWith(CompanySchema, raw);
 * if (!result.success) console.log(result.issues);
 */
export function safeParseWith<S extends z.ZodType>(schema: S, input: unknown, basePath: IssuePath = []): SafeResult<z.output<S>> {
  let result: ReturnType<S["safeParse"]>;
  try {
    result = schema.safeParse(input) as ReturnType<S["safeParse"]>;
  } catch (error) {
    // A hostile value (a getter that throws, an object whose `length` cannot be read as a number)
    // can throw inside zod's own checks; to the caller that is one unreadable input, at its path.
    return { success: false, issues: [{ code: "invalid_input", path: basePath, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (result.success) return { success: true, data: result.data as z.output<S> };
  const issues = fromZodIssues(result.error.issues, basePath);
  return { success: false, issues: issues as [BuyerMatchIssue, ...BuyerMatchIssue[]] };
}
