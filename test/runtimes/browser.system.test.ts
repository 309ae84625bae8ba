import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { rankBuyers, type Buyer, type Company } from "../../src/index.js";
import { ROOT, ensureBuilt } from "../cli/build.js";

// A system test (`npm run test:system`): it needs Debian's Chromium at /usr/bin/chromium.
const EXAMPLE = join(ROOT, "examples", "trade-mission");
const companies = JSON.parse(readFileSync(join(EXAMPLE, "companies.json"), "utf8")) as Company[];
const buyers = JSON.parse(readFileSync(join(EXAMPLE, "buyers.json"), "utf8")) as Buyer[];
/** What the browser must print: the same three buyers, with bit-identical scores, as Node. */
const expected = rankBuyers(companies[1]!, buyers, { top: 3 }).map((match) => [match.buyerId, match.score]);

beforeAll(ensureBuilt);

describe("the built core in a browser", () => {
  it("bundles the core entry for the browser and ranks buyers in Chromium", async () => {
    expect(existsSync("/usr/bin/chromium"), "/usr/bin/chromium is missing: apt-get install chromium").toBe(true);
    const bundle = await build({ entryPoints: [join(ROOT, "dist", "index.js")], bundle: true, platform: "browser", format: "iife", globalName: "buyermatch", write: false, logLevel: "silent" });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><title>buyermatch</title>");
      await page.addScriptTag({ content: code });
      const ranked = await page.evaluate(
        ([company, candidates]) => {
          const library = (globalThis as unknown as { buyermatch: { rankBuyers: typeof rankBuyers } }).buyermatch;
          return library.rankBuyers(company, candidates, { top: 3 }).map((match) => [match.buyerId, match.score]);
        },
        [companies[1]!, buyers] as const,
      );
      expect(ranked).toEqual(expected);
    } finally {
      await browser.close();
    }
  });
});
