// Plan the example mission's 1:1 meetings: score every exporter–buyer pair from both sides (mutual),
// then let the planner pick the best meetings within every capacity and place them in slots.
// Run: npx deno run -A --unstable-sloppy-imports examples/plan.ts
import { readFileSync } from "node:fs";
import { createMatcher, type Buyer, type Company } from "../src/index.js";
import { agendaToCsv, planMeetings, type Session } from "../src/plan/index.js";

const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(`./trade-mission/${name}`, import.meta.url), "utf8")) as T;
const companies = read<Company[]>("companies.json");
const buyers = read<Buyer[]>("buyers.json");
const sessions = read<Session[]>("sessions.json");

const matcher = createMatcher(buyers, { viewpoint: "mutual", minScore: 0.4 });
const scores = [...matcher.rankAll(companies).values()].flat().map(({ companyId, buyerId, score }) => ({ companyId, buyerId, score }));
const agenda = planMeetings({ companies, buyers, sessions, scores, minScore: 0.4, fairness: 0.5 });

console.log(`${agenda.totals.meetings} meetings, mean score ${agenda.totals.meanScore.toFixed(3)}, ${agenda.totals.interpreterMeetings} need an interpreter`);
for (const city of agenda.totals.byCity) console.log(`  ${city.city}: ${city.meetings} of ${city.capacity} table slots`);
const names = new Map([...companies, ...buyers].map((party) => [party.id, party.name]));
for (const [companyId, meetings] of agenda.byCompany) {
  console.log(`\n${names.get(companyId)}`);
  for (const meeting of meetings) console.log(`  ${meeting.date} ${meeting.start} ${meeting.city} table ${meeting.table}: ${names.get(meeting.buyerId)}${meeting.interpreter ? " (interpreter)" : ""}`);
}
for (const company of agenda.unmatched.companies) console.log(`\n${company.companyId}: ${company.message}`);
console.log(`\nagenda.csv has ${agendaToCsv(agenda).split("\r\n").length - 2} rows`);
