/**
 * The worker-thread side of `createMatcherPool`: loads the matcher's snapshot once (its buyers
 * embedded, read only when shown), then ranks and explains every slice of companies it is sent,
 * answering in compact form (./codec.ts: typed arrays, transferred) so that the calling thread
 * spends little time rebuilding the matches.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadCore } from "../engine/snapshot.js";
import { encodeValues, transferOf } from "./codec.js";
import type { PoolJob, PoolReply } from "./protocol.js";

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
let core: ReturnType<typeof loadCore> | undefined;
let failure: string | undefined;
try {
  core = loadCore(new Uint8Array((workerData as { snapshot: SharedArrayBuffer }).snapshot), undefined);
} catch (error) {
  failure = message(error);
}
parentPort?.on("message", (job: PoolJob) => {
  let reply: PoolReply;
  let transfer: ArrayBuffer[] = [];
  try {
    if (core === undefined) throw new Error(failure ?? "the snapshot did not load");
    const loaded = core;
    const lists = job.companies.map((company) => loaded.rankCompiled(loaded.compile(company), job.top, job.minScore));
    const encoded = encodeValues(lists);
    if (encoded === undefined) reply = { call: job.call, ok: true, lists };
    else {
      reply = { call: job.call, ok: true, encoded };
      transfer = transferOf(encoded);
    }
  } catch (error) {
    reply = { call: job.call, ok: false, message: message(error) };
  }
  parentPort?.postMessage(reply, transfer);
});
