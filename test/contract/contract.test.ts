/**
 * The error contract, over every public function of every entry: whatever it is given, it returns a
 * valid result (no NaN or Infinity anywhere in it) or throws one BuyerMatchError whose issues each
 * have a code, a path and a message. Never a TypeError, never a plain Error.
 *
 * `npm test` runs 1,000 calls per function; BUYERMATCH_CONTRACT_RUNS=100000 is the long mode.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { BuyerMatchError } from "../../src/schema/errors.js";
import { argumentLists, nonFinitePath } from "./hostile.js";
import { ENTRIES, NOT_CALLED, TARGETS, type Target } from "./targets.js";
import { ensureBuilt } from "../cli/build.js";

const RUNS = Number(process.env["BUYERMATCH_CONTRACT_RUNS"] ?? 1000);

async function settle(value: unknown): Promise<unknown> {
  if (value instanceof Promise) return settle(await value);
  if (value !== null && typeof value === "object" && Symbol.asyncIterator in value) {
    const items: unknown[] = [];
    for await (const item of value as AsyncIterable<unknown>) items.push(item);
    return items;
  }
  return value;
}

/** What went wrong with one call, or undefined when it kept the contract. */
async function breach(target: Target, args: readonly unknown[]): Promise<string | undefined> {
  try {
    const result = await settle(target.call(args));
    const bad = nonFinitePath(result);
    return bad === undefined ? undefined : `returned a non-finite number: ${bad}`;
  } catch (error) {
    // The built node entry has its own copy of the class: recognise it by name and shape too.
    const named = error instanceof Error && error.name === "BuyerMatchError" && Array.isArray((error as BuyerMatchError).issues);
    if (!(error instanceof BuyerMatchError) && !named) return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    const { issues } = error as BuyerMatchError;
    if (issues.length === 0) return "threw a BuyerMatchError without issues";
    for (const issue of issues) {
      if (typeof issue.code !== "string" || !Array.isArray(issue.path) || typeof issue.message !== "string" || issue.message === "") return `an issue without code, path or message: ${JSON.stringify(issue)}`;
    }
    return undefined;
  }
}

beforeAll(ensureBuilt);

describe("every public function is under the contract", () => {
  it("each function export of each entry has a target (a new export must join the contract)", () => {
    const covered = new Set(TARGETS.map((target) => target.name.replace(/\(.*$/, "")));
    const missing: string[] = [];
    for (const [entry, module] of Object.entries(ENTRIES)) {
      const prefix = entry === "buyermatch" ? "buyermatch" : entry.slice("buyermatch/".length);
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== "function" || NOT_CALLED.has(name)) continue;
        if (!covered.has(`${prefix}.${name}`)) missing.push(`${prefix}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(TARGETS.map((target) => [target.name, target] as const))("%s keeps the contract on its valid input", async (_name, target) => {
    expect(await breach(target, target.valid)).toBeUndefined();
  });

  it.each(TARGETS.map((target) => [target.name, target] as const))("%s returns a valid result or throws one BuyerMatchError, whatever it is given", async (_name, target) => {
    await fc.assert(
      fc.asyncProperty(argumentLists(target.valid), async (args) => {
        const problem = await breach(target, args);
        if (problem !== undefined) throw new Error(problem);
      }),
      { numRuns: RUNS, seed: 42, endOnFailure: true },
    );
  });
});
