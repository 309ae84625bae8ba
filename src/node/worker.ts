/**
 * The worker-thread side of `rankAllParallel`, in two steps. First it loads the matcher's snapshot
 * (a view of the shared bytes: nothing is rebuilt, no buyer records are needed) and ranks its slice
 * of companies, answering with the buyers' places. Then it is sent the input objects of just those
 * buyers and explains its matches with them, as the matcher itself would.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Place } from "../engine/matcher.js";
import { loadCore } from "../engine/snapshot.js";
import { compileBuyer, type CompiledBuyer, type CompiledCompany } from "../market/market.js";
import { createScratch } from "../score/combine.js";
import { collectBuyers } from "../score/prepare.js";
import { scoreCompiledPair, toMatch } from "../score/reference.js";
import type { Match } from "../score/types.js";
import { encodeValues, transferOf } from "./codec.js";
import type { ExplainedReply, RankedReply, ShownBuyers, WorkerJob } from "./protocol.js";

const job = workerData as WorkerJob;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
/** A place as one number (segments < 2¹⁰, positions < 2³¹: exact in a double). */
const keyOf = (segment: number, position: number): number => segment * 2 ** 31 + position;

try {
  const core = loadCore(new Uint8Array(job.snapshot), undefined);
  const companies: CompiledCompany[] = job.companies.map((company) => core.compile(company));
  const ranked: Place[][] = companies.map((company) => core.rankPlaces(company, job.top, job.minScore));
  const segments: number[] = [];
  const positions: number[] = [];
  for (const places of ranked) {
    for (const place of places) {
      segments.push(place.segment);
      positions.push(place.position);
    }
  }
  const reply: RankedReply = { ok: true, counts: Int32Array.from(ranked, (places) => places.length), segments: Int32Array.from(segments), positions: Int32Array.from(positions) };
  parentPort?.once("message", (shown: ShownBuyers) => {
    let explained: ExplainedReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const buyers = new Map<number, CompiledBuyer>();
      shown.inputs.forEach((input, at) => {
        const record = collectBuyers([input], ["buyers"], core.options.sectors, [], core.options.fields.buyer)[0];
        if (record === undefined) throw new Error("a buyer was changed after the matcher compiled it and is no longer valid");
        buyers.set(keyOf(shown.segments[at]!, shown.positions[at]!), compileBuyer(record, core.context.market));
      });
      const scratch = createScratch(core.options.criteria.length);
      const entries: [string, Match[]][] = companies.map((company, at) => [
        company.record.id,
        ranked[at]!.map((place, rank) => toMatch(scoreCompiledPair(core.options, core.context, company, buyers.get(keyOf(place.segment, place.position))!, scratch), rank + 1)),
      ]);
      const encoded = encodeValues(entries);
      explained = encoded === undefined ? { ok: true, entries } : { ok: true, encoded };
      if (encoded !== undefined) transfer = transferOf(encoded);
    } catch (error) {
      explained = { ok: false, message: message(error) };
    }
    parentPort?.postMessage(explained, transfer);
  });
  parentPort?.postMessage(reply);
} catch (error) {
  parentPort?.postMessage({ ok: false, message: message(error) } satisfies RankedReply);
}
