/**
 * The worker-thread side of `rankAllParallel`: builds its own matcher over the whole market from the
 * records the calling thread validated (same options, same market, so the same scores) and ranks its
 * slice of companies.
 */
import { parentPort, workerData } from "node:worker_threads";
import { MatcherCore, matcherFromCore } from "../engine/matcher.js";
import { throwIfAny, type BuyerMatchIssue } from "../schema/errors.js";
import { collectOptions } from "../score/prepare.js";
import type { WorkerJob, WorkerReply } from "./protocol.js";

const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  const issues: BuyerMatchIssue[] = [];
  const options = collectOptions(job.options ?? {}, "company", issues);
  const buyerOptions = collectOptions(job.options ?? {}, "buyer", issues);
  throwIfAny(issues);
  const core = new MatcherCore(options!, buyerOptions!, job.buyers, job.marketBuyers ?? job.buyers, true);
  reply = { ok: true, entries: [...matcherFromCore(core).rankAll(job.companies)] };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
