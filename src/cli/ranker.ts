/**
 * The one place the CLI ranks buyers: a compiled matcher over the buyers, asked once per company,
 * with a progress bar on stderr when stderr is a terminal.
 */
import { createRequire } from "node:module";
import type { SingleBar } from "cli-progress";
import { createMatcher, type Buyer, type Company, type Match, type MatchOptions } from "../index.js";

/** cli-progress, loaded the first time a bar is drawn (only on a terminal): a pipe or a file never pays for it. */
function progressBar(): typeof SingleBar {
  return (createRequire(import.meta.url)("cli-progress") as typeof import("cli-progress")).SingleBar;
}

/** Where the progress bar may draw. */
export interface ProgressTarget {
  readonly isTTY?: boolean;
  write(chunk: string): boolean;
}

/**
 * Ranks buyers for every company, in company order. `top` and `minScore` come from `options`.
 *
 * @param companies - the exporters (already loaded)
 * @param buyers - the buyers (already loaded)
 * @param options - match options
 * @param progress - stderr; a bar is drawn only when it is a terminal
 * @returns company id → its matches, best first
 * @throws BuyerMatchError when a record or an option is invalid
 * @example
 * const lists = rankEvery(companies, buyers, { top: 5 }, process.stderr);
 */
export function rankEvery(companies: readonly Company[], buyers: readonly Buyer[], options: MatchOptions, progress?: ProgressTarget): Map<string, Match[]> {
  const bar =
    progress?.isTTY === true && companies.length > 1
      ? new (progressBar())({ stream: progress as unknown as NodeJS.WritableStream, format: "ranking {bar} {value}/{total} companies | {duration}s", hideCursor: true, clearOnComplete: true })
      : undefined;
  bar?.start(companies.length, 0);
  const lists = new Map<string, Match[]>();
  // Compiled once: 50,000 buyers are validated and indexed one time, not once per company.
  const matcher = createMatcher(buyers, options);
  try {
    for (const company of companies) {
      lists.set(company.id, matcher.rank(company));
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  return lists;
}
