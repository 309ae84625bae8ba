/**
 * A Chicago + Detroit mission whose buyers are real S&P 500 headquarters around both cities
 * (test/fixtures/plan/venue-buyers.csv, copied from the shared data with its source noted), shared by
 * the venue and calendar tests.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Buyer, Company } from "../../src/index.js";
import type { Session } from "../../src/plan/index.js";

const rows = readFileSync(resolve(__dirname, "../fixtures/plan/venue-buyers.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","));

/** symbol, name, hq_city, state_code, lat, lon (no field of these rows holds a comma). */
const fixtureBuyers: Buyer[] = rows.map((cells) => ({
  id: cells[0]!.toLowerCase(),
  name: cells[1]!,
  country: "US",
  region: `US-${cells[6]}`,
  city: cells[4]!,
  location: { lat: Number(cells[8]), lon: Number(cells[9]) },
  meetingCapacity: 2,
  languages: ["en"],
  // Stryker (Kalamazoo) meets online; everyone else only in person.
  ...(cells[0] === "SYK" ? { online: true } : {}),
}));

export const buyers: Buyer[] = [
  ...fixtureBuyers,
  // No coordinates: Auburn Hills, Michigan is found in the gazetteer.
  { id: "bwa", name: "BorgWarner", country: "US", region: "US-MI", city: "Auburn Hills", meetingCapacity: 2, languages: ["en"] },
  // No coordinates and no state: "Detroit" is in five states, so the buyer is not placed; its city name still matches Detroit's.
  { id: "ally", name: "Ally Financial", country: "US", city: "Detroit", meetingCapacity: 2, languages: ["en"] },
];

export const companies: Company[] = [
  { id: "kr-hanil", name: "Hanil Brake", country: "KR", languages: ["ko"], meetingBudget: 12 },
  { id: "kr-woojin", name: "Woojin ICT", country: "KR", languages: ["ko", "en"], meetingBudget: 12 },
  { id: "kr-daesung", name: "Daesung Precision", country: "KR", languages: ["ko"], meetingBudget: 12 },
];

export const sessions: Session[] = [
  // Located by the gazetteer (Chicago, Illinois).
  { id: "chi-1", city: "Chicago", region: "US-IL", venue: "McCormick Place", date: "2026-05-12", start: "09:00", slotMinutes: 30, slots: 8, tables: 3 },
  // Located by its coordinates (Detroit's reference point in the shared data).
  { id: "det-1", city: "Detroit", region: "US-MI", venue: "Huntington Place", location: { lat: 42.347429, lon: -83.060398 }, date: "2026-05-14", start: "09:00", slotMinutes: 30, slots: 8, tables: 3 },
];

export const scores = companies.flatMap((company, c) => buyers.map((buyer, b) => ({ companyId: company.id, buyerId: buyer.id, score: 0.5 + ((c * 7 + b * 3) % 10) / 40 })));

