/**
 * buyermatch/node — Node-only helpers: rank many companies over worker threads. Each worker
 * compiles the same market and ranks a contiguous slice of the companies; results are identical
 * to `createMatcher(buyers, options).rankAll(companies)`, in the same order.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { z } from "zod";
import { coreOf, MatcherCore, optionsJson, type Matcher, type RankOptions } from "../engine/matcher.js";
import { writeSnapshot } from "../engine/snapshotWrite.js";
import type { NormalizedCompany } from "../normalize/records.js";
import type { Buyer } from "../schema/buyer.js";
import type { Company } from "../schema/company.js";
import { describeValue, safeParseWith, throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { MatchOptionsSchema, resolveOptions, type MatchOptions } from "../criteria/options.js";
import { collectBuyers, collectCompanies, collectOptions } from "../score/prepare.js";
import type { Match } from "../score/types.js";
import type { ExplainedReply, RankedReply, ShownBuyers, WorkerJob } from "./protocol.js";
import type { PoolJob, PoolReply } from "./protocol.js";
import { decodeValues } from "./codec.js";
import { CRITERION_IDS } from "../criteria/index.js";

const BUILT_IN = new Set<string>(CRITERION_IDS);

/** How to run in parallel. */
export interface ParallelOptions {
  /** Worker threads (default: the machine's available parallelism; 1 runs in this thread). */
  readonly threads?: number;
  /** The market's buyers when `buyers` is one shard of it (see `createMatcher`'s setup). */
  readonly marketBuyers?: readonly Buyer[];
  /**
   * The least work (companies × buyers) worth a worker of its own (default 1,000,000): starting a
   * worker costs about as much as ranking that many pairs, so smaller jobs use fewer threads, and a
   * small one runs in this thread. The results are the same either way.
   */
  readonly minPairsPerThread?: number;
}

/** See {@link ParallelOptions.minPairsPerThread}. */
const MIN_PAIRS_PER_THREAD = 1_000_000;

/**
 * The built worker script, beside this module: `node-worker.js` for the ES module build,
 * `node-worker.cjs` for the CommonJS one (where `import.meta` is empty and `__dirname` is set).
 */
function workerFile(): URL | string {
  const url = (import.meta as { url?: string }).url;
  return typeof url === "string" ? new URL("./node-worker.js", url) : path.join(__dirname, "node-worker.cjs");
}

const ParallelSchema = z.object(
  {
    threads: z.number().int().min(1, { error: "must be a whole number ≥ 1" }).optional(),
    marketBuyers: z.array(z.unknown()).optional(),
    minPairsPerThread: z.number().int().min(1, { error: "must be a whole number ≥ 1" }).optional(),
  },
  { error: "must be an object ({ threads?, marketBuyers?, minPairsPerThread? })" },
);
const LimitsSchema = MatchOptionsSchema.pick({ top: true, minScore: true }).strict();

/**
 * One worker's conversation: it ranks (first answer: places), is sent the inputs of the buyers it
 * ranked, and explains (second answer: the lists).
 */
function runWorker(job: WorkerJob, shown: (reply: Extract<RankedReply, { ok: true }>) => ShownBuyers): Promise<ExplainedReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(), { workerData: job });
    let settled = false;
    let step = 0;
    const finish = (run: () => void): void => {
      settled = true;
      run();
      void worker.terminate();
    };
    worker.on("message", (reply: RankedReply | ExplainedReply) => {
      if (!reply.ok) return finish(() => resolve(reply));
      if (step === 0 && "counts" in reply) {
        step = 1;
        try {
          worker.postMessage(shown(reply));
        } catch (error) {
          finish(() => reject(error));
        }
        return;
      }
      finish(() => resolve(reply as ExplainedReply));
    });
    worker.once("error", (error) => {
      if (!settled) finish(() => reject(error));
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`buyermatch worker stopped with exit code ${code} before answering`));
    });
  });
}

/**
 * Ranks buyers for every company over worker threads, with exactly the results of
 * `createMatcher(buyers, options).rankAll(companies)` (or `matcher.rankAll(companies, options)` when
 * given a matcher). Inputs are validated here first (one BuyerMatchError with every problem); the
 * market is compiled once, in this thread, and shipped to the workers as a snapshot in a
 * SharedArrayBuffer (no copy, nothing rebuilt). Each worker ranks a slice of the companies and
 * answers with places and scores; this thread explains them, so the results are the same bytes.
 *
 * @param companies - the exporters
 * @param market - the buyers (the market), or a matcher already built (apps that keep one)
 * @param options - match options for buyers (top, minScore, viewpoint, weights...); for a matcher,
 *   only `{ top, minScore }`
 * @param parallel - thread count, and the full market when `buyers` is a shard
 * @returns company id → matches, in the companies' order
 * @example
 * import { rankAllParallel } from "buyermatch/node";
 * const byCompany = await rankAllParallel(companies, buyers, { top: 10 }, { threads: 2 });
 * const again = await rankAllParallel(companies, matcher, { top: 5 }, { threads: 2 });
 */
export async function rankAllParallel(companies: readonly Company[], market: readonly Buyer[] | Matcher, options?: MatchOptions | RankOptions, parallel: ParallelOptions = {}): Promise<Map<string, Match[]>> {
  const issues: BuyerMatchIssue[] = [];
  const parsedParallel = safeParseWith(ParallelSchema, parallel, ["parallel"]);
  if (!parsedParallel.success) issues.push(...parsedParallel.issues);
  const given = parsedParallel.success ? parsedParallel.data : {};
  const threads = given.threads ?? availableParallelism();
  const existing = Array.isArray(market) ? undefined : coreOf(market);
  if (!Array.isArray(market) && existing === undefined) issues.push({ code: "invalid_input", path: ["buyers"], message: `must be an array of buyers or a matcher made by createMatcher or loadMatcher, not ${describeValue(market)}` });
  let core = existing;
  let top = 0;
  let minScore = 0;
  let records: NormalizedCompany[] = [];
  if (existing !== undefined) {
    if (given.marketBuyers !== undefined) issues.push({ code: "invalid_input", path: ["parallel", "marketBuyers"], message: "a matcher already has its market: give marketBuyers to createMatcher instead" });
    const parsedLimits = safeParseWith(LimitsSchema, options ?? {}, ["options"]);
    if (!parsedLimits.success) issues.push(...parsedLimits.issues);
    const limits = parsedLimits.success ? parsedLimits.data : {};
    top = limits.top ?? existing.options.top;
    minScore = limits.minScore ?? existing.options.minScore;
    records = collectCompanies(companies, ["companies"], existing.options.sectors, issues, existing.options.fields.company);
    throwIfAny(issues);
  } else {
    // Validates everything once, here, so that a bad input fails with every problem before any thread starts.
    const resolved = collectOptions(options ?? {}, "company", issues);
    const buyerOptions = collectOptions(options ?? {}, "buyer", []);
    const sectors = resolved?.sectors ?? resolveOptions({}, "company").sectors;
    records = collectCompanies(companies, ["companies"], sectors, issues, resolved?.fields.company);
    const buyers = Array.isArray(market) ? (market as readonly Buyer[]) : [];
    const buyerRecords = collectBuyers(buyers, ["buyers"], sectors, issues, resolved?.fields.buyer);
    const marketRecords = given.marketBuyers === undefined ? buyerRecords : collectBuyers(given.marketBuyers, ["parallel", "marketBuyers"], sectors, issues, resolved?.fields.buyer);
    throwIfAny(issues);
    core = new MatcherCore(resolved!, buyerOptions!, buyerRecords, marketRecords, true, (at) => collectBuyers([buyers[at]], ["buyers"], resolved!.sectors, [], resolved!.fields.buyer)[0]!, (at) => buyers[at]);
    core.optionsInput = optionsJson(options);
    top = resolved!.top;
    minScore = resolved!.minScore;
  }
  const matcherCore = core!;
  // Custom criteria are functions, which a worker thread cannot be sent: they rank in this one.
  const custom = matcherCore.options.criteria.some((criterion) => !BUILT_IN.has(criterion.id));
  const worth = Math.max(1, Math.floor((records.length * matcherCore.size) / (given.minPairsPerThread ?? MIN_PAIRS_PER_THREAD)));
  const count = custom ? 1 : Math.min(threads, records.length, worth);
  const compiled = records.map((record) => matcherCore.compile(record));

  const out = new Map<string, Match[]>();
  if (count <= 1) {
    compiled.forEach((company) => out.set(company.record.id, matcherCore.rankCompiled(company, top, minScore)));
    return out;
  }
  const bytes = writeSnapshot(matcherCore, {}) as Uint8Array;
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  const size = Math.ceil(records.length / count);
  const jobs: WorkerJob[] = [];
  for (let start = 0; start < records.length; start += size) jobs.push({ snapshot: shared, companies: records.slice(start, start + size), top, minScore });
  // The inputs of the buyers a worker ranked, each once (a worker explains with them).
  const shownBy = (reply: Extract<RankedReply, { ok: true }>): ShownBuyers => {
    const seen = new Set<number>();
    const segments: number[] = [];
    const positions: number[] = [];
    const inputs: unknown[] = [];
    reply.segments.forEach((segment, at) => {
      const position = reply.positions[at]!;
      const key = segment * 2 ** 31 + position;
      if (seen.has(key)) return;
      seen.add(key);
      const part = matcherCore.segments[segment]!;
      if (part.input === undefined) matcherCore.buyerAt({ segment, position }); // raises: the matcher cannot show its buyers
      segments.push(segment);
      positions.push(position);
      inputs.push(part.input!(position));
    });
    return { segments: Int32Array.from(segments), positions: Int32Array.from(positions), inputs };
  };
  const replies = await Promise.all(jobs.map((job) => runWorker(job, shownBy)));
  for (const reply of replies) {
    if (!reply.ok) throw new Error(`buyermatch worker failed: ${reply.message}`);
    const entries = "encoded" in reply ? (decodeValues(reply.encoded) as [string, Match[]][]) : reply.entries;
    for (const [id, matches] of entries) out.set(id, matches);
  }
  return out;
}

/** Worker threads that hold one matcher, loaded once, for many calls (see {@link createMatcherPool}). */
export interface MatcherPool {
  /** How many workers the pool runs. */
  readonly threads: number;
  /**
   * Buyers for every company, keyed by company id in the companies' order: exactly
   * `matcher.rankAll(companies, options)`.
   */
  rankAll(companies: readonly Company[], options?: RankOptions): Promise<Map<string, Match[]>>;
  /** Stops the workers. */
  close(): Promise<void>;
}

/** The built pool worker script, beside this module (see {@link workerFile}). */
function poolWorkerFile(): URL | string {
  const url = (import.meta as { url?: string }).url;
  return typeof url === "string" ? new URL("./node-pool-worker.js", url) : path.join(__dirname, "node-pool-worker.cjs");
}

/** A pool call is cut into about this many chunks per worker, of at most MAX_CHUNK companies. */
const CHUNKS_PER_WORKER = 8;
const MAX_CHUNK = 64;

const PoolSchema = z.strictObject(
  { threads: z.number().int().min(1, { error: "must be a whole number from 1 to 32" }).max(32, { error: "must be a whole number from 1 to 32" }).optional() },
  { error: "must be an object ({ threads? })" },
);

/**
 * Starts worker threads that each load the matcher's snapshot once — its buyers embedded, read
 * only when shown — and then rank and explain slices of companies for as many calls as the app
 * makes: the way to make threads pay for a matcher kept all day (each call costs only the slices'
 * messages). Results are exactly `matcher.rankAll(companies, options)`. The workers do not keep the
 * process alive between calls; `close()` stops them. Changes to the matcher after this call
 * (`add`, `remove`, `refresh`) are not seen by the pool: make a new one. A matcher with custom
 * criteria cannot be shared with workers (its functions cannot be sent): a `BuyerMatchError`.
 *
 * @param matcher - a matcher made by createMatcher or loadMatcher (with its buyers)
 * @param parallel - `{ threads }` (default: the machine's available parallelism)
 * @returns the pool
 * @example
 * import { createMatcherPool } from "buyermatch/node";
 * const pool = await createMatcherPool(matcher, { threads: 2 });
 * const lists = await pool.rankAll(companies, { top: 10 });
 * await pool.close();
 */
export async function createMatcherPool(matcher: Matcher, parallel: { readonly threads?: number } = {}): Promise<MatcherPool> {
  const issues: BuyerMatchIssue[] = [];
  const core = coreOf(matcher);
  if (core === undefined) issues.push({ code: "invalid_input", path: ["matcher"], message: `must be a matcher made by createMatcher or loadMatcher, not ${describeValue(matcher)}` });
  const parsed = safeParseWith(PoolSchema, parallel, ["parallel"]);
  if (!parsed.success) issues.push(...parsed.issues);
  throwIfAny(issues);
  const matcherCore = core!;
  if (matcherCore.options.criteria.some((criterion) => !BUILT_IN.has(criterion.id))) {
    throwIfAny([{ code: "invalid_input", path: ["matcher"], message: "a matcher with custom criteria cannot be shared with worker threads (its functions cannot be sent to them): rank with matcher.rankAll" }]);
  }
  const threads = (parsed.success ? parsed.data.threads : undefined) ?? availableParallelism();
  const bytes = writeSnapshot(matcherCore, { buyers: true }) as Uint8Array;
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  const workers = Array.from({ length: threads }, () => new Worker(poolWorkerFile(), { workerData: { snapshot: shared } }));
  const waiting = new Map<number, { resolve: (reply: PoolReply) => void; reject: (error: unknown) => void }>();
  let calls = 0;
  let open = workers.length;
  for (const worker of workers) {
    worker.unref();
    worker.on("message", (reply: PoolReply) => {
      const entry = waiting.get(reply.call);
      if (entry === undefined) return;
      waiting.delete(reply.call);
      entry.resolve(reply);
    });
    worker.on("error", (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
    worker.on("exit", () => {
      open -= 1;
      for (const entry of waiting.values()) entry.reject(new Error("a buyermatch pool worker stopped before answering"));
      waiting.clear();
    });
  }
  const send = (worker: Worker, job: PoolJob): Promise<PoolReply> =>
    new Promise((resolve, reject) => {
      waiting.set(job.call, { resolve, reject });
      worker.postMessage(job);
    });
  return {
    threads,
    async rankAll(companies, options) {
      const local: BuyerMatchIssue[] = [];
      const parsedLimits = safeParseWith(LimitsSchema, options ?? {}, ["options"]);
      if (!parsedLimits.success) local.push(...parsedLimits.issues);
      const records = collectCompanies(companies, ["companies"], matcherCore.options.sectors, local, matcherCore.options.fields.company);
      throwIfAny(local);
      if (open < workers.length) throw new Error("this buyermatch pool is closed");
      const limits = parsedLimits.success ? parsedLimits.data : {};
      const top = limits.top ?? matcherCore.options.top;
      const minScore = limits.minScore ?? matcherCore.options.minScore;
      // Small chunks, handed to whichever worker is free (two in flight each): companies differ in
      // how much work they take, and this thread rebuilds one chunk's matches while the workers
      // rank the next ones.
      const size = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(records.length / (CHUNKS_PER_WORKER * workers.length))));
      const lists: Match[][][] = [];
      let next = 0;
      const feed = async (worker: Worker): Promise<void> => {
        while (next < records.length) {
          const start = next;
          next += size;
          const reply = await send(worker, { call: calls++, companies: records.slice(start, start + size), top, minScore });
          if (!reply.ok) throw new Error(`buyermatch pool worker failed: ${reply.message}`);
          lists[start / size] = "encoded" in reply ? (decodeValues(reply.encoded) as Match[][]) : [...reply.lists];
        }
      };
      for (const worker of workers) worker.ref();
      try {
        await Promise.all(workers.flatMap((worker) => [feed(worker), feed(worker)]));
        const out = new Map<string, Match[]>();
        let index = 0;
        for (const chunk of lists) for (const list of chunk) out.set(records[index++]!.id, list);
        return out;
      } finally {
        for (const worker of workers) worker.unref();
      }
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

export { mergeTopK, type MergeOptions } from "../engine/mergeTopK.js";
