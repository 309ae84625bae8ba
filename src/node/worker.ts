/**
 * The worker-thread side of `rankAllParallel`: loads the matcher's snapshot (a view of the shared
 * bytes, nothing rebuilt and no buyer records needed) and ranks its slice of companies, answering
 * with buyers' places and scores only; the calling thread builds the explained matches.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadCore } from "../engine/snapshot.js";
import type { WorkerJob, WorkerReply } from "./protocol.js";

const job = workerData as WorkerJob;
let reply: WorkerReply;
try {
  const core = loadCore(new Uint8Array(job.snapshot), undefined);
  const counts = new Int32Array(job.companies.length);
  const segments: number[] = [];
  const positions: number[] = [];
  const scores: number[] = [];
  job.companies.forEach((company, at) => {
    const places = core.rankPlaces(core.compile(company), job.top, job.minScore);
    counts[at] = places.length;
    for (const place of places) {
      segments.push(place.segment);
      positions.push(place.position);
      scores.push(place.score);
    }
  });
  reply = { ok: true, counts, segments: Int32Array.from(segments), positions: Int32Array.from(positions), scores: Float64Array.from(scores) };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
