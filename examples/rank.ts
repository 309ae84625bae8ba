// Rank buyers for every exporter of the example mission, from the CSV files, and show each exporter's
// best three as a table. Run: npx deno run -A --unstable-sloppy-imports examples/rank.ts
// (the examples import the sources, so the type check covers them; an app imports "buyermatch").
import { createMatcher, explainMatch } from "../src/index.js";
import { formatRowIssue, loadBuyers, loadCompanies } from "../src/io/index.js";

const companies = await loadCompanies(new URL("./trade-mission/companies.csv", import.meta.url));
const buyers = await loadBuyers(new URL("./trade-mission/buyers.csv", import.meta.url));
// Bad rows are values, not exceptions: list them and go on with the good ones.
for (const issue of [...companies.issues, ...buyers.issues]) console.warn(formatRowIssue(issue));
console.log(`${companies.records.length} exporters, ${buyers.records.length} buyers\n`);

const names = new Map([...companies.records, ...buyers.records].map((party) => [party.id, party.name]));
const matcher = createMatcher(buyers.records, { top: 3 });
for (const company of companies.records) {
  const matches = matcher.rank(company);
  console.log(company.name);
  console.table(matches.map((match) => ({ rank: match.rank, buyer: names.get(match.buyerId), score: Number(match.score.toFixed(3)) })));
}

const best = matcher.rank(companies.records[0]!)[0];
if (best !== undefined) console.log(explainMatch(best, { names }).join("\n"));
