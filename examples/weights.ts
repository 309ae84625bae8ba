// Custom weights three ways: named weights, weights from AHP pairwise judgements, and what each does
// to one exporter's top buyers. Run: npx deno run -A --unstable-sloppy-imports examples/weights.ts
import { readFileSync } from "node:fs";
import { rankBuyers, type Buyer, type Company, type Weights } from "../src/index.js";
import { ahpWeights } from "../src/decide/index.js";

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./trade-mission/${name}`, import.meta.url), "utf8")) as T;
const companies = read<Company[]>("companies.json");
const buyers = read<Buyer[]>("buyers.json");
const exporter = companies.find((company) => company.id === "jinju-02-hanil-brake") ?? companies[0]!;

// "Product fit matters 3× more than sector and 5× more than region; sector 2× more than region."
const ahp = ahpWeights(
  [
    [1, 3, 5],
    [1 / 3, 1, 2],
    [1 / 5, 1 / 2, 1],
  ],
  { labels: ["product", "sector", "region"] },
);
console.log(`AHP weights ${JSON.stringify(ahp.byLabel)}, consistency ratio ${ahp.cr.toFixed(3)} (${ahp.consistent ? "consistent" : "revise the judgements"})`);

const variants: [string, Weights | undefined][] = [
  ["default", undefined],
  ["product only", { product: 1, sector: 0, tier: 0, region: 0, readiness: 0 }],
  ["AHP", { tier: 0, readiness: 0, ...(ahp.byLabel as Weights) }],
];
for (const [label, weights] of variants) {
  const matches = rankBuyers(exporter, buyers, { top: 3, ...(weights === undefined ? {} : { weights }) });
  console.log(`${label.padEnd(12)} ${matches.map((match) => `${match.buyerId} ${match.score.toFixed(2)}`).join(" | ")}`);
}
