/**
 * The one file that imports mathjs. Only the parser is instantiated (`create` with the parse
 * dependencies), so bundlers can drop the rest of the library; nothing here ever evaluates.
 */
import { create, parseDependencies } from "mathjs";
import type { FactoryFunctionMap, MathNode } from "mathjs";

const math = create({ parseDependencies } as FactoryFunctionMap);

/** A node of a parsed expression, as mathjs builds it. */
export type ExpressionNode = MathNode;

/**
 * Parses an expression into mathjs's tree without evaluating anything.
 *
 * @param source - the expression text
 * @returns the root node
 * @throws whatever mathjs throws for a syntax error (a `SyntaxError` with the character position)
 * @example
 * parseExpression("0.5*product + 0.5*sector").type; // "OperatorNode"
 */
export function parseExpression(source: string): ExpressionNode {
  return math.parse(source);
}
