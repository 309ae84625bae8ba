// The demo: the Chicago–Detroit trade mission of 11 Jinju exporters, from the built package.
// Run with `npm run demo` (it builds first).
import { readFileSync } from "node:fs";
import { explainMatch, rankBuyers } from "../dist/index.js";

const load = (name) => JSON.parse(readFileSync(new URL(`./trade-mission/${name}`, import.meta.url), "utf8"));
const companies = load("companies.json");
const buyers = load("buyers.json");
const names = new Map([...companies, ...buyers].map((party) => [party.id, party.name]));

const top = Number(process.env.DEMO_TOP ?? 3);
console.log(`buyermatch demo — ${companies.length} exporters from Jinju (KR-48), ${buyers.length} buyers in Illinois, Michigan and beyond\n`);
console.log("== 1. Buyers for each exporter (exporter's view), with explanations\n");
for (const company of companies) {
  console.log(`${company.name} (${company.id})`);
  for (const match of rankBuyers(company, buyers, { top })) {
    for (const line of explainMatch(match, { names })) console.log(`  ${line}`);
  }
  console.log("");
}
