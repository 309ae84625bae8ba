/** `buyermatch plan --keep agenda.json` on the example mission: a buyer leaves the file, the rest stays put. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../cli/inprocess.js";

const EXAMPLE = join(import.meta.dirname, "..", "..", "examples", "trade-mission");
const files = ["companies.json", "buyers.json", "sessions.json"].map((file) => join(EXAMPLE, file));

interface Planned {
  meetings: { companyId: string; buyerId: string; sessionId: string; slot: number; table: number }[];
  changes?: { kept: number; moved: unknown[]; cancelled: { meeting: { buyerId: string }; reason: string }[]; added: { buyerId: string }[] };
}

describe("plan --keep", () => {
  it("keeps every meeting of the buyers still in the file at its slot and table and cancels the leaver's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "buyermatch-keep-"));
    const first = await runInProcess(["plan", ...files, "--format", "json"]);
    expect(first.code).toBe(0);
    const before = JSON.parse(first.stdout) as Planned;
    writeFileSync(join(dir, "agenda.json"), first.stdout);
    const leaver = before.meetings[0]!.buyerId;
    const buyers = (JSON.parse(readFileSync(files[1]!, "utf8")) as { id: string }[]).filter((buyer) => buyer.id !== leaver);
    writeFileSync(join(dir, "buyers.json"), JSON.stringify(buyers));
    const second = await runInProcess(["plan", files[0]!, join(dir, "buyers.json"), files[2]!, "--keep", join(dir, "agenda.json"), "--format", "json"]);
    expect(second.stderr).toBe("");
    const after = JSON.parse(second.stdout) as Planned;
    const place = (m: Planned["meetings"][number]): string => `${m.companyId}|${m.buyerId}|${m.sessionId}|${m.slot}|${m.table}`;
    const now = new Set(after.meetings.map(place));
    for (const meeting of before.meetings.filter((m) => m.buyerId !== leaver)) expect(now.has(place(meeting))).toBe(true);
    expect(after.changes!.cancelled.map((c) => c.meeting.buyerId)).toEqual(before.meetings.filter((m) => m.buyerId === leaver).map(() => leaver));
    expect(after.changes!.cancelled.every((c) => c.reason === "the buyer is no longer in the mission")).toBe(true);
    expect(after.changes!.kept).toBe(before.meetings.length - after.changes!.cancelled.length);
  });

  it("is a usage error outside plan, and a missing agenda file is bad input", async () => {
    expect((await runInProcess(["match", files[0]!, files[1]!, "--keep", "x.json"])).code).toBe(2);
    const missing = await runInProcess(["plan", ...files, "--keep", join(tmpdir(), "no-such-agenda.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no such file");
  });
});
