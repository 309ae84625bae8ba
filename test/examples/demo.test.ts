/**
 * `npm run demo` (examples/demo.mjs) on the built package: it runs end to end, and its trade-evidence
 * section (issue 11, part 6) shows a match that ranks first because of evidence, explained in English
 * and Korean, and the shortlist's demand raised by the same records.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, ensureBuilt } from "../cli/build.js";

beforeAll(ensureBuilt);

describe("the demo", () => {
  it("shows Kia Mexico ranking first for Hanil Brake Tech because of its import records, with the evidence explained", () => {
    const output = execFileSync(process.execPath, [join(ROOT, "examples", "demo.mjs")], { cwd: ROOT, encoding: "utf8", env: { ...process.env, DEMO_TOP: "1" } });
    const section = output.slice(output.indexOf("== 2b."), output.indexOf("== 3."));
    expect(section).toContain("6 import records joined to 4 buyers (examples/trade-mission/imports.csv, illustrative).");
    expect(section).toContain("first without evidence ZF North America; with evidence weighed 0.6, judged as of 2026-12, Kia Mexico ranks first because of its import records:");
    expect(section).toContain("#1 Hanil Brake Tech Co., Ltd. → Kia Mexico: score 0.732");
    expect(section).toContain("Trade evidence: imported HS 870830 22 times in the last 12 months, 22 from KR, latest 2026-11 — 37% × 0.94 = +0.354");
    expect(section).toContain("수입 실적: 최근 12개월간 HS 870830 22회 수입, 그중 KR산 22회, 최근 2026-11");
    expect(section).toMatch(/Shortlist: Hanil Brake Tech Co., Ltd. ranks 5 \(was 6\); demand strength 0\.794 → 0\.807/);
    expect(section).toContain("Trade evidence raised demand: kia-mexico 0.61 → 0.79 (imported HS 870830 22 times in the last 12 months, 22 from KR)");
    // The rest of the demo runs on through planning and follow-up.
    expect(output).toContain("== 4. Follow-up");
  });
});
