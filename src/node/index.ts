/**
 * buyermatch/node — Node-only helpers: rank many companies over worker threads. Each worker
 * compiles the same market and ranks a contiguous slice of the companies; results are identical
 * to `createMatcher(buyers, options).rankAll(companies)`, in the same order.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { createMatcher } from "../engine/matcher.js";
import type { Buyer } from "../schema/buyer.js";
import type { Company } from "../schema/company.js";
import { throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { resolveOptions, type MatchOptions } from "../criteria/options.js";
import { collectBuyers, collectCompanies, collectOptions } from "../score/prepare.js";
import type { Match } from "../score/types.js";
import type { WorkerJob, WorkerReply } from "./protocol.js";

/** How to run in parallel. */
export interface ParallelOptions {
  /** Worker threads (default: the machine's available parallelism; 1 runs in this thread). */
  readonly threads?: number;
  /** The market's buyers when `buyers` is one shard of it (see `createMatcher`'s setup). */
  readonly marketBuyers?: readonly Buyer[];
}

/**
 * The built worker script, beside this module: `node-worker.js` for the ES module build,
 * `node-worker.cjs` for the CommonJS one (where `import.meta` is empty and `__dirname` is set).
 */
function workerFile(): URL | string {
  const url = (import.meta as { url?: string }).url;
  return typeof url === "string" ? new URL("./node-worker.js", url) : path.join(__dirname, "node-worker.cjs");
}

function runWorker(job: WorkerJob): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: job });
    let settled = false;
    worker.once("message", (reply: WorkerReply) => {
      settled = true;
      resolve(reply);
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (!settled) reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`buyermatch worker stopped with exit code ${code} before answering`));
    });
  });
}

/**
 * Ranks buyers for every company over worker threads, with exactly the results of
 * `createMatcher(buyers, options).rankAll(companies)`. Inputs are validated here first (one
 * BuyerMatchError with every problem); each worker then compiles the market and ranks a slice.
 *
 * @param companies - the exporters
 * @param buyers - the buyers (the market)
 * @param options - match options (top, minScore, viewpoint, weights...)
 * @param parallel - thread count, and the full market when `buyers` is a shard
 * @returns company id → matches, in the companies' order
 * @example
 * import { rankAllParallel } from "buyermatch/node";
 * const byCompany = await rankAllParallel(companies, buyers, { top: 10 }, { threads: 2 });
 */
export async function rankAllParallel(companies: readonly Company[], buyers: readonly Buyer[], options?: MatchOptions, parallel: ParallelOptions = {}): Promise<Map<string, Match[]>> {
  const issues: BuyerMatchIssue[] = [];
  const threads = parallel.threads ?? availableParallelism();
  if (typeof threads !== "number" || !Number.isInteger(threads) || threads < 1) issues.push({ code: "out_of_range", path: ["parallel", "threads"], message: "must be a whole number ≥ 1" });
  // Validates everything once, here, so that a bad input fails with every problem before any thread
  // starts, and hands the workers normalised records so that none of them repeats the work.
  const resolved = collectOptions(options ?? {}, "company", issues);
  const sectors = resolved?.sectors ?? resolveOptions({}, "company").sectors;
  collectCompanies(companies, ["companies"], sectors, issues, resolved?.fields.company);
  const records = collectBuyers(buyers, ["buyers"], sectors, issues, resolved?.fields.buyer);
  const marketRecords = parallel.marketBuyers === undefined ? undefined : collectBuyers(parallel.marketBuyers, ["parallel", "marketBuyers"], sectors, issues, resolved?.fields.buyer);
  throwIfAny(issues);
  // Custom criteria are functions, which cannot be sent to a worker thread: they rank in this one.
  const custom = resolved !== undefined && resolved.criteria.length > resolveOptions({}, "company").criteria.length;
  const count = custom ? 1 : Math.min(threads, companies.length);
  if (count <= 1) return createMatcher(buyers, options, parallel.marketBuyers === undefined ? {} : { marketBuyers: parallel.marketBuyers }).rankAll(companies);
  const size = Math.ceil(companies.length / count);
  const jobs: WorkerJob[] = [];
  for (let start = 0; start < companies.length; start += size) {
    jobs.push({ buyers: records, marketBuyers: marketRecords, options, companies: companies.slice(start, start + size) });
  }
  const replies = await Promise.all(jobs.map(runWorker));
  const out = new Map<string, Match[]>();
  for (const reply of replies) {
    if (!reply.ok) throw new Error(`buyermatch worker failed: ${reply.message}`);
    for (const [id, matches] of reply.entries) out.set(id, matches);
  }
  return out;
}

export { mergeTopK, type MergeOptions } from "../engine/mergeTopK.js";
