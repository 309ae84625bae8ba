/**
 * The worker-thread side of `rankAllParallel`: builds its own matcher over the whole market (same
 * options, same market, so the same scores) and ranks its slice of companies.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createMatcher } from "../engine/matcher.js";
import type { WorkerJob, WorkerReply } from "./protocol.js";

const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  const matcher = createMatcher(job.buyers, job.options, job.marketBuyers === undefined ? {} : { marketBuyers: job.marketBuyers });
  reply = { ok: true, entries: [...matcher.rankAll(job.companies)] };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
