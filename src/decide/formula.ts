/**
 * Checked score formulas: "0.5*product + 0.3*sector + 0.2*min(tier, region)" is parsed once by mathjs,
 * checked against a small grammar, and compiled into nested plain closures, so evaluating it costs a
 * few function calls and no mathjs work. Nothing outside the grammar can run: there is no `eval`, no
 * `new Function`, and no name lookup beyond the criterion scores.
 */
import { z } from "zod";
import { CRITERION_IDS } from "../score/types.js";
import type { Breakdown } from "../score/types.js";
import type { BuyerMatchIssue } from "../schema/errors.js";
import { issueError, parseWith, safeParseWith, throwIfAny } from "../schema/errors.js";
import { BreakdownSchema } from "../score/matchSchema.js";
import { FiniteNumberSchema } from "../schema/common.js";
import { parseExpression } from "./mathjs.js";
import type { ExpressionNode } from "./mathjs.js";

/** Scores by criterion (or variable) name. */
export type FormulaScores = Readonly<Partial<Record<string, number>>>;

/** A compiled formula: call it with the scores; it carries the names it reads and its source. */
export interface CompiledFormula {
  (scores: FormulaScores): number;
  /** The variables the formula reads, sorted. */
  readonly variables: readonly string[];
  /** The formula as written. */
  readonly source: string;
}

/** Options of {@link compileFormula}. */
export interface FormulaOptions {
  /** The names a formula may use; default: the built-in criterion ids. */
  readonly variables?: readonly string[];
  /** Value for a variable absent from the scores; by default an absent variable is an error. */
  readonly missing?: number;
}

/** The functions a formula may call, with how many arguments each takes. */
export const FORMULA_FUNCTIONS: Readonly<Record<"min" | "max" | "abs" | "sqrt", { readonly minArgs: number; readonly maxArgs: number }>> = {
  min: { minArgs: 1, maxArgs: Infinity },
  max: { minArgs: 1, maxArgs: Infinity },
  abs: { minArgs: 1, maxArgs: 1 },
  sqrt: { minArgs: 1, maxArgs: 1 },
};

/** Longest formula accepted: keeps parsing and the closure depth far from the stack limit. */
export const MAX_FORMULA_LENGTH = 2000;

type Evaluate = (scores: FormulaScores) => number;


/** The scores a compiled formula accepts: an object of finite numbers (the variables it reads must be there unless `missing` is set). */
function scoresSchema(variables: readonly string[], missing: number | undefined): z.ZodType<FormulaScores> {
  const record = z.record(z.string(), FiniteNumberSchema.optional(), { error: "must be an object of criterion scores, e.g. { product: 0.8 }" });
  if (missing !== undefined) return record;
  return record.superRefine((scores, context) => {
    for (const name of variables) {
      if (!Object.hasOwn(scores, name) || scores[name] === undefined) context.addIssue({ code: "custom", path: [name], message: `the formula reads ${JSON.stringify(name)}, which is missing from the scores`, params: { code: "invalid_input" } });
    }
  });
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const OptionsSchema = z.object({
  variables: z
    .array(
      z.string().refine((name) => IDENTIFIER.test(name) && !(name in FORMULA_FUNCTIONS) && !(name in Object.prototype), {
        error: (issue) => `${JSON.stringify(issue.input)} is not usable as a variable (letters, digits and _, not starting with a digit, not a function name)`,
      }),
    )
    .min(1, "must list at least one variable")
    .optional(),
  missing: z
    .number({ error: "must be a finite number" })
    .refine(Number.isFinite, { message: "must be a finite number", params: { code: "out_of_range" } })
    .optional(),
});

const BINARY: Readonly<Record<string, (left: Evaluate, right: Evaluate) => Evaluate>> = {
  add: (left, right) => (scores) => left(scores) + right(scores),
  subtract: (left, right) => (scores) => left(scores) - right(scores),
  multiply: (left, right) => (scores) => left(scores) * right(scores),
  divide: (left, right) => (scores) => left(scores) / right(scores),
  pow: (left, right) => (scores) => Math.pow(left(scores), right(scores)),
};

const UNARY: Readonly<Record<string, (operand: Evaluate) => Evaluate>> = {
  unaryMinus: (operand) => (scores) => -operand(scores),
  unaryPlus: (operand) => operand,
};

const CALLS: Readonly<Record<keyof typeof FORMULA_FUNCTIONS, (args: readonly Evaluate[]) => Evaluate>> = {
  min: (args) => foldCall(args, Math.min),
  max: (args) => foldCall(args, Math.max),
  abs: ([operand]) => {
    const inner = operand as Evaluate;
    return (scores) => Math.abs(inner(scores));
  },
  sqrt: ([operand]) => {
    const inner = operand as Evaluate;
    return (scores) => Math.sqrt(inner(scores));
  },
};

/**
 * Parses and checks a score formula once, and compiles it into a plain function of the criterion
 * scores. Allowed: numbers, the variable names, `+ - * / ^`, unary minus, parentheses, and `min`,
 * `max`, `abs`, `sqrt`. Everything else (assignments, function definitions, unknown names, `import`,
 * `evaluate`, property access, strings, matrices, comparisons, conditionals...) is refused.
 *
 * @param source - the formula, e.g. `"0.5*product + 0.3*sector + 0.2*min(tier, region)"`
 * @param options - `variables`: the names allowed (default: the criterion ids); `missing`: the value
 *   of a variable absent from the scores (default: absent is an error)
 * @returns the compiled function, with `.variables` (the names it reads) and `.source`
 * @throws BuyerMatchError `unsafe_expression` naming every construct that is not allowed,
 *   `invalid_input` for a syntax error; the compiled function throws `invalid_input` for a missing
 *   variable and `out_of_range` when the result is not a finite number (division by zero, √ of a
 *   negative number, NaN scores)
 * @example
 * const score = compileFormula("0.5*product + 0.3*sector + 0.2*min(tier, region)");
 * score({ product: 0.8, sector: 1, tier: 0.5, region: 0.8 }); // 0.8
 * score.variables; // ["product", "region", "sector", "tier"]
 */
export function compileFormula(source: string, options: FormulaOptions = {}): CompiledFormula {
  const issues: BuyerMatchIssue[] = [];
  if (typeof source !== "string" || source.trim() === "") {
    issues.push({ code: "invalid_input", path: ["formula"], message: "must be a non-empty string" });
  } else if (source.length > MAX_FORMULA_LENGTH) {
    issues.push({ code: "out_of_range", path: ["formula"], message: `is ${source.length} characters long; at most ${MAX_FORMULA_LENGTH} are accepted` });
  }
  const parsedOptions = safeParseWith(OptionsSchema, options, ["options"]);
  if (!parsedOptions.success) issues.push(...parsedOptions.issues);
  throwIfAny(issues);
  const allowed = new Set<string>(parsedOptions.success && parsedOptions.data.variables !== undefined ? parsedOptions.data.variables : CRITERION_IDS);
  const missing = parsedOptions.success ? parsedOptions.data.missing : undefined;

  let root: ExpressionNode;
  try {
    root = parseExpression(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw issueError("invalid_input", ["formula"], `cannot be parsed: ${reason}`);
  }

  const used = new Set<string>();
  const evaluate = compileNode(root, { allowed, missing, used, issues });
  throwIfAny(issues);
  const body = evaluate as Evaluate;
  const variables = [...used].sort();
  const compiled = (scores: FormulaScores): number => {
    // Scores are read as they are given: a string "0.25" is a mistake to report, not a number to coerce.
    const result = body(parseWith(scoresSchema(variables, missing), scores, ["scores"]));
    if (!Number.isFinite(result)) {
      throw issueError("out_of_range", ["formula"], `${JSON.stringify(source)} gives ${result} for these scores (division by zero, square root or fractional power of a negative number, or a score that is not a finite number)`);
    }
    return result;
  };
  return Object.assign(compiled, { variables, source }) as CompiledFormula;
}

/**
 * The criterion scores of a match or pair breakdown, in the shape a compiled formula reads, so a
 * formula can rescore the core's matches.
 *
 * @param breakdown - a `Match` or `PairScore` breakdown
 * @returns criterion id → its score in [0, 1] (criteria absent from the breakdown are absent here)
 * @example
 * const formula = compileFormula("0.6*product + 0.4*min(tier, region)");
 * const rescored = matches.map((match) => ({ id: match.buyerId, score: formula(breakdownScores(match.breakdown)) }));
 */
export function breakdownScores(breakdown: Breakdown): FormulaScores {
  parseWith(BreakdownSchema, breakdown, ["breakdown"]);
  const scores: Partial<Record<string, number>> = {};
  for (const id of CRITERION_IDS) {
    const entry = breakdown[id];
    if (entry !== undefined) scores[id] = entry.score;
  }
  return scores;
}

interface CompileContext {
  readonly allowed: ReadonlySet<string>;
  readonly missing: number | undefined;
  readonly used: Set<string>;
  readonly issues: BuyerMatchIssue[];
}

/** Compiles a node, or records why it is not allowed and returns `undefined`; keeps going to report every problem. */
function compileNode(node: ExpressionNode, context: CompileContext): Evaluate | undefined {
  const refuse = (what: string): undefined => {
    context.issues.push({ code: "unsafe_expression", path: ["formula"], message: `not allowed: ${what} (in ${JSON.stringify(node.toString())})` });
    return undefined;
  };
  switch (node.type) {
    case "ConstantNode": {
      const value: unknown = (node as unknown as { value: unknown }).value;
      if (typeof value !== "number" || !Number.isFinite(value)) return refuse(typeof value === "string" ? "a string" : `the constant ${String(value)}`);
      return () => value;
    }
    case "SymbolNode": {
      const name = (node as unknown as { name: string }).name;
      if (!context.allowed.has(name)) return refuse(`the name ${JSON.stringify(name)} (allowed: ${[...context.allowed].join(", ")})`);
      context.used.add(name);
      return readVariable(name, context.missing);
    }
    case "ParenthesisNode":
      return compileNode((node as unknown as { content: ExpressionNode }).content, context);
    case "OperatorNode": {
      const { fn, args } = node as unknown as { fn: string; op: string; args: ExpressionNode[] };
      const op = (node as unknown as { op: string }).op;
      const binary = args.length === 2 ? BINARY[fn] : undefined;
      const unary = args.length === 1 ? UNARY[fn] : undefined;
      if (binary === undefined && unary === undefined) {
        compileChildren(args, context);
        return refuse(`the operator ${JSON.stringify(op)}`);
      }
      const compiled = compileChildren(args, context);
      if (compiled === undefined) return undefined;
      return binary !== undefined ? binary(compiled[0] as Evaluate, compiled[1] as Evaluate) : (unary as (operand: Evaluate) => Evaluate)(compiled[0] as Evaluate);
    }
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: ExpressionNode; args: ExpressionNode[] };
      const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : undefined;
      const compiled = compileChildren(args, context);
      if (name === undefined || !Object.hasOwn(FORMULA_FUNCTIONS, name)) {
        return refuse(name === undefined ? "calling a computed function" : `the function ${JSON.stringify(name)} (allowed: ${Object.keys(FORMULA_FUNCTIONS).join(", ")})`);
      }
      const key = name as keyof typeof FORMULA_FUNCTIONS;
      const arity = FORMULA_FUNCTIONS[key];
      if (args.length < arity.minArgs || args.length > arity.maxArgs) {
        return refuse(`calling ${name} with ${args.length} argument${args.length === 1 ? "" : "s"}`);
      }
      return compiled === undefined ? undefined : CALLS[key](compiled);
    }
    default:
      return refuse(describeNode(node.type));
  }
}

function compileChildren(children: readonly ExpressionNode[], context: CompileContext): Evaluate[] | undefined {
  const compiled = children.map((child) => compileNode(child, context));
  return compiled.every((evaluate) => evaluate !== undefined) ? (compiled as Evaluate[]) : undefined;
}

/** A score the caller gave for `name`, read as an own property only (never `toString` from the prototype). */
function own(scores: FormulaScores, name: string): number | undefined {
  return Object.hasOwn(scores, name) ? scores[name] : undefined;
}

function readVariable(name: string, missing: number | undefined): Evaluate {
  if (missing !== undefined) return (scores) => own(scores, name) ?? missing;
  return (scores) => {
    const value = own(scores, name);
    if (value === undefined) throw issueError("invalid_input", ["scores", name], `the formula reads ${JSON.stringify(name)}, which is missing from the scores`);
    return value;
  };
}

function foldCall(args: readonly Evaluate[], pick: (a: number, b: number) => number): Evaluate {
  const [first, second, ...rest] = args as [Evaluate, ...Evaluate[]];
  if (second === undefined) return first;
  if (rest.length === 0) return (scores) => pick(first(scores), second(scores));
  return (scores) => {
    let value = pick(first(scores), second(scores));
    for (const next of rest) value = pick(value, next(scores));
    return value;
  };
}

function describeNode(type: string): string {
  switch (type) {
    case "AssignmentNode":
      return "an assignment";
    case "FunctionAssignmentNode":
      return "a function definition";
    case "AccessorNode":
      return "property or index access";
    case "IndexNode":
      return "an index";
    case "ArrayNode":
      return "a matrix or array";
    case "ObjectNode":
      return "an object";
    case "BlockNode":
      return "several statements";
    case "ConditionalNode":
      return "a conditional (? :)";
    case "RangeNode":
      return "a range (:)";
    case "RelationalNode":
      return "a comparison chain";
    default:
      return `a ${type}`;
  }
}
