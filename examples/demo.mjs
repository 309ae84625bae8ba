// The demo: the Chicago–Detroit trade mission of 11 Jinju exporters, run end to end on the built
// package — select, match, meet, follow up. Run with `npm run demo` (it builds first).
import { readFileSync } from "node:fs";
import { createMatcher, explainMatch, matchAll, rankBuyers } from "../dist/index.js";
import { loadImports } from "../dist/io.js";
import { planMeetings } from "../dist/plan.js";
import { ahpWeights, shortlistCompanies } from "../dist/decide.js";
import { calibrateWeights, rankingMetrics } from "../dist/evaluate.js";

const load = (name) => JSON.parse(readFileSync(new URL(`./trade-mission/${name}`, import.meta.url), "utf8"));
const companies = load("companies.json");
const buyers = load("buyers.json");
const sessions = load("sessions.json");
const outcomes = load("outcomes.json");
const names = new Map([...companies, ...buyers].map((party) => [party.id, party.name]));
const top = Number(process.env.DEMO_TOP ?? 3);
const pad = (text, width) => String(text).padEnd(width).slice(0, width);

console.log(`buyermatch demo — ${companies.length} exporters from Jinju (KR-48), ${buyers.length} buyers in Illinois, Michigan and beyond\n`);

// 1. Select: the agency weighs its selection criteria with AHP, then ranks the applicants by TOPSIS.
console.log("== 1. Selecting the delegation (AHP weights, TOPSIS shortlist)\n");
const ahp = ahpWeights(
  [
    [1, 2, 3, 3],
    [1 / 2, 1, 2, 2],
    [1 / 3, 1 / 2, 1, 1],
    [1 / 3, 1 / 2, 1, 1],
  ],
  { labels: ["marketability", "readiness", "breadth", "strength"] },
);
console.log(`AHP weights ${Object.entries(ahp.byLabel).map(([label, weight]) => `${label} ${weight.toFixed(3)}`).join(", ")}; CR ${ahp.cr.toFixed(3)} (${ahp.consistent ? "consistent" : "inconsistent"})`);
const shortlist = shortlistCompanies(companies, buyers, { weights: ahp.byLabel });
for (const entry of shortlist.entries) {
  console.log(`  ${String(entry.rank).padStart(2)}. ${pad(names.get(entry.companyId), 40)} closeness ${entry.closeness.toFixed(3)}  ${entry.explanation.at(-1) ?? ""}`);
}

// 2. Match: buyers for each exporter, explained. The matcher compiles the market once.
console.log(`\n== 2. Top ${top} buyers for each exporter (exporter's view), with explanations\n`);
const matcher = createMatcher(buyers);
for (const company of companies) {
  console.log(`${company.name} (${company.id})`);
  for (const match of matcher.rank(company, { top })) {
    for (const line of explainMatch(match, { names })) console.log(`  ${line}`);
  }
  console.log("");
}
const korean = matcher.rank(companies[1], { top: 1 })[0];
console.log("The same explanation in Korean:");
for (const line of explainMatch(korean, { names, locale: "ko" })) console.log(`  ${line}`);

// 2b. Genuine buyers (진성 바이어): what the analysts review before a meeting — has this buyer imported
// this product recently, and from where. The import records are illustrative (invented, not customs
// data); the trade-evidence criterion weighs 0 unless weighed, so the rest of the demo is unchanged.
console.log("\n== 2b. Genuine buyers: trade evidence from (illustrative) import records\n");
const joined = await loadImports(new URL("./trade-mission/imports.csv", import.meta.url), buyers);
const hanil = companies.find((company) => company.id === "jinju-02-hanil-brake");
const evidenceOptions = { weights: { evidence: 0.6 }, criteria: { evidence: { asOf: "2026-12" } } };
const [plainFirst] = rankBuyers(hanil, joined.buyers, { top: 1 });
const [evidenceFirst] = rankBuyers(hanil, joined.buyers, { top: 1, ...evidenceOptions });
console.log(`${joined.result.loaded} import records joined to ${new Set(joined.result.records.map((record) => record.buyerId)).size} buyers (examples/trade-mission/imports.csv, illustrative).`);
console.log(`${hanil.name}: first without evidence ${names.get(plainFirst.buyerId)}; with evidence weighed 0.6, judged as of 2026-12, ${names.get(evidenceFirst.buyerId)} ranks first because of its import records:`);
for (const line of explainMatch(evidenceFirst, { names })) console.log(`  ${line}`);
console.log("The same in Korean:");
for (const line of explainMatch(evidenceFirst, { names, locale: "ko" })) console.log(`  ${line}`);
const evidenceShortlist = shortlistCompanies(companies, joined.buyers, { weights: ahp.byLabel, match: { criteria: evidenceOptions.criteria } });
const hanilEntry = evidenceShortlist.entries.find((entry) => entry.companyId === hanil.id);
const hanilBefore = shortlist.entries.find((entry) => entry.companyId === hanil.id);
console.log(`Shortlist: ${hanil.name} ranks ${hanilEntry.rank} (was ${hanilBefore.rank}); demand strength ${hanilBefore.criteria.strength.value.toFixed(3)} → ${hanilEntry.criteria.strength.value.toFixed(3)}`);
console.log(`  ${hanilEntry.explanation.find((line) => line.startsWith("Trade evidence")) ?? "(no evidence among its top buyers)"}`);

// 3. Meet: the optimal agenda over two days in Chicago and two in Detroit (mutual scores).
console.log("\n== 3. The meeting agenda (min-cost flow allocation, König slotting)\n");
const agenda = planMeetings({ companies, buyers, sessions, minScore: 0.55, fairness: 0.5, minPerCompany: 2 });
for (const session of sessions) {
  const meetings = agenda.meetings.filter((meeting) => meeting.sessionId === session.id);
  console.log(`${session.city}, ${session.date} (${meetings.length} meetings)`);
  for (const meeting of meetings) {
    const flags = [meeting.interpreter ? "interpreter" : "", meeting.online ? "online" : ""].filter(Boolean).join(", ");
    console.log(`  ${meeting.start}–${meeting.end} table ${String(meeting.table).padStart(2)}  ${pad(names.get(meeting.companyId), 34)} × ${pad(names.get(meeting.buyerId), 36)} ${meeting.score.toFixed(3)}${flags ? `  (${flags})` : ""}`);
  }
}
const totals = agenda.totals;
console.log(`\n${totals.meetings} meetings, total score ${totals.totalScore.toFixed(2)}, mean ${totals.meanScore.toFixed(3)}, ${totals.interpreterMeetings} need an interpreter; optimal: ${totals.optimal}`);
for (const company of agenda.unmatched.companies) console.log(`  below minimum: ${names.get(company.companyId)} — ${company.message}`);
console.log(`  buyers without a meeting: ${agenda.unmatched.buyers.length} of ${buyers.length}`);

// 4. Follow up: how well did the rankings predict the outcomes, and what weights would have done better?
console.log("\n== 4. Follow-up: ranking quality against outcomes, and weights learned from them\n");
const history = matchAll(companies, buyers, { viewpoint: "company" }).byCompany;
const metrics = rankingMetrics(history, outcomes, { k: 5 });
const overall = metrics.overall;
console.log(`precision@5 ${overall.precision.toFixed(3)}, recall@5 ${overall.recall.toFixed(3)}, NDCG@5 ${overall.ndcg.toFixed(3)}, MRR ${overall.mrr.toFixed(3)} over ${outcomes.length} recorded outcomes`);
const calibration = calibrateWeights({ matches: history, outcomes });
console.log(calibration.note);
console.log(`weights now: ${Object.entries(calibration.weights).map(([id, weight]) => `${id} ${weight.toFixed(3)}`).join(", ")}`);
const recalibrated = createMatcher(buyers, { weights: calibration.weights });
const next = rankingMetrics(recalibrated.rankAll(companies), outcomes, { k: 5 });
console.log(`with these weights: NDCG@5 ${next.overall.ndcg.toFixed(3)} (in-sample; the cross-validated AUC above is the honest figure)`);
