/**
 * A seeded market built from real data, harder on pruning than the synthetic one
 * (bench/market-generator.ts): buyers and exporters are units of the S&P 500 firms at their real
 * headquarters, and every need and product is a real HS 2022 subheading with its short title and its
 * NAICS industry from the Pierce–Schott concordance (bench/data/, sources in bench/data/README.md).
 *
 * The code distribution is skewed as real procurement lists are: a tenth of the draws fall under
 * heading 8708 (vehicle parts) and 6% under 8481 (valves), so that about half of all buyers need
 * something under 8708 and a third under 8481; the rest follow a Zipf law
 * over 1,499 subheadings of chapters 39, 40, 73, 76, 84, 85, 87, 90 and 94. Need lists are long
 * (3 to 12 needs), titles share many words ("parts", "vehicles", "machines"), and a buyer's needs
 * cluster around its own heading. Same seed, same market, on every machine.
 */
import { readFileSync } from "node:fs";
import type { Buyer, Company } from "../src/index.js";
import { naicsCodeProblem } from "../src/normalize/codes.js";
import { mulberry32 } from "../test/support/random.js";

interface Firm {
  readonly symbol: string;
  readonly name: string;
  readonly state: string;
  readonly city: string;
  readonly lat: number;
  readonly lon: number;
}

interface Subheading {
  readonly hs: string;
  readonly title: string;
  readonly naics: string | undefined;
}

/** Splits one CSV line with quoted cells (the two data files hold no line breaks inside cells). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index]!;
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      out.push(cell);
      cell = "";
    } else cell += char;
  }
  out.push(cell);
  return out;
}

function readRows(file: string): string[][] {
  const text = readFileSync(new URL(`./data/${file}`, import.meta.url), "utf8");
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line !== "")
    .map(cells);
}

let loaded: { firms: Firm[]; codes: Subheading[] } | undefined;

function data(): { firms: Firm[]; codes: Subheading[] } {
  loaded ??= {
    firms: readRows("sp500-hq.csv").map(([symbol, name, , state, city, lat, lon]) => ({ symbol: symbol!, name: name!, state: state!, city: city!, lat: Number(lat), lon: Number(lon) })),
    codes: readRows("hs-subheadings.csv").map(([hs, title, naics]) => ({ hs: hs!, title: title!, naics: naics !== "" && naicsCodeProblem(naics!) === undefined ? naics : undefined })),
  };
  return loaded;
}

const TIERS = ["oem", "tier1", "tier2", "tier3", "distributor"] as const;
const CERTIFICATIONS = ["ISO 9001", "IATF 16949", "ISO 14001", "CE", "UL", "RoHS", "ISO 13485", "AS9100"];
const UNITS = ["procurement", "sourcing", "plant", "division", "purchasing", "supply chain", "operations"];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A sampler of subheadings: 8708 and 8481 heavy, Zipf over the rest in a seeded order. */
function codeSampler(random: () => number, codes: readonly Subheading[]): { any: () => Subheading; near: (heading: string) => Subheading } {
  const under = (prefix: string): Subheading[] => codes.filter((code) => code.hs.startsWith(prefix));
  const parts = under("8708");
  const valves = under("8481");
  const rest = codes.filter((code) => !code.hs.startsWith("8708") && !code.hs.startsWith("8481"));
  for (let index = rest.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [rest[index], rest[other]] = [rest[other]!, rest[index]!];
  }
  const cumulative = new Float64Array(rest.length);
  let total = 0;
  rest.forEach((_, rank) => {
    total += 1 / (rank + 8);
    cumulative[rank] = total;
  });
  const zipf = (): Subheading => {
    const target = random() * total;
    let low = 0;
    let high = rest.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return rest[low]!;
  };
  const byHeading = new Map<string, Subheading[]>();
  for (const code of codes) {
    const heading = code.hs.slice(0, 4);
    byHeading.set(heading, [...(byHeading.get(heading) ?? []), code]);
  }
  const any = (): Subheading => {
    const roll = random();
    if (roll < 0.1) return pick(random, parts);
    if (roll < 0.16) return pick(random, valves);
    return zipf();
  };
  return { any, near: (heading) => pick(random, byHeading.get(heading) ?? [any()]) };
}

/** An item as agencies write it: the title, a 6- or 4-digit or dotted code, sometimes NAICS too. */
function item(random: () => number, code: Subheading): { name: string; hs?: string; naics?: string; keywords?: string[] } {
  const title = code.title.toLowerCase();
  const out: { name: string; hs?: string; naics?: string; keywords?: string[] } = { name: random() < 0.3 ? title.split(";")[0]!.trim() || title : title };
  const roll = random();
  if (roll < 0.5) out.hs = code.hs;
  else if (roll < 0.65) out.hs = code.hs.slice(0, 4);
  else if (roll < 0.8) out.hs = `${code.hs.slice(0, 4)}.${code.hs.slice(4)}`;
  if (code.naics !== undefined && random() < 0.3) out.naics = code.naics;
  if (random() < 0.15) out.keywords = [pick(random, ["oem", "aftermarket", "precision", "industrial", "custom"])];
  return out;
}

/** Options of {@link generateRealisticMarket}. */
export interface RealisticMarketSize {
  readonly companies: number;
  readonly buyers: number;
  readonly seed?: number;
}

/**
 * Generates the realistic market: exporters and buyers are units of S&P 500 firms (458 with HQ
 * coordinates), at their headquarters' city and coordinates.
 *
 * @param size - counts and seed (default seed 7)
 * @returns companies and buyers
 * @example
 * const { companies, buyers } = generateRealisticMarket({ companies: 1_000, buyers: 100_000 });
 */
export function generateRealisticMarket(size: RealisticMarketSize): { companies: Company[]; buyers: Buyer[] } {
  const random = mulberry32(size.seed ?? 7);
  const { firms, codes } = data();
  const sample = codeSampler(random, codes);
  const companies: Company[] = [];
  for (let index = 0; index < size.companies; index += 1) {
    const firm = pick(random, firms);
    const focus = sample.any().hs.slice(0, 4);
    const count = 1 + Math.floor(random() * 4);
    const company: Company = {
      id: `x${String(index).padStart(5, "0")}`,
      name: `${firm.name} export unit ${index}`,
      country: "US",
      region: `US-${firm.state}`,
      city: firm.city,
      location: { lat: firm.lat, lon: firm.lon },
      sectors: [`hs:${focus}`],
      products: Array.from({ length: count }, () => item(random, random() < 0.6 ? sample.near(focus) : sample.any())),
      tier: pick(random, TIERS),
      certifications: CERTIFICATIONS.filter(() => random() < 0.3),
      targetMarkets: random() < 0.5 ? ["US"] : ["north-america", `US-${pick(random, firms).state}`],
      languages: ["en"],
    };
    if (random() < 0.9) company.readiness = Math.round(random() * 100) / 100;
    companies.push(company);
  }
  const buyers: Buyer[] = [];
  for (let index = 0; index < size.buyers; index += 1) {
    const firm = pick(random, firms);
    const focus = sample.any().hs.slice(0, 4);
    const buyer: Buyer = {
      id: `${firm.symbol.toLowerCase()}-${String(index).padStart(6, "0")}`,
      name: `${firm.name} ${pick(random, UNITS)} ${index}`,
      country: "US",
      region: `US-${firm.state}`,
      city: firm.city,
      location: { lat: firm.lat, lon: firm.lon },
      languages: ["en"],
    };
    if (random() < 0.9) buyer.sectors = [`hs:${focus}`];
    const count = 3 + Math.floor(random() * 10);
    buyer.needs = Array.from({ length: count }, () => item(random, random() < 0.6 ? sample.near(focus) : sample.any()));
    if (random() < 0.9) buyer.tier = pick(random, TIERS);
    if (random() < 0.5) buyer.requiredCertifications = [pick(random, CERTIFICATIONS.slice(0, 4))];
    if (random() < 0.1) buyer.sourcingCountries = random() < 0.7 ? ["US", "CA", "MX"] : ["US"];
    buyer.verified = random() < 0.85;
    buyers.push(buyer);
  }
  return { companies, buyers };
}
