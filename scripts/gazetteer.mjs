#!/usr/bin/env node
/**
 * Generates src/plan/gazetteerData.ts from kelvins/US-Cities-Database (csv/us_cities.csv, MIT):
 *   node scripts/gazetteer.mjs path/to/us_cities.csv > src/plan/gazetteerData.ts
 * Kept: state, city, latitude and longitude rounded to 3 decimals (≈ 110 m), and the IANA zone of
 * the city's county where it differs from its state's main zone. Where one state lists a city name
 * more than once, the entry with the most gazetteer places within 30 km is kept (no population is
 * given; density is the proxy for size). A name found in several states marks its densest entry `*`,
 * the one a session city without a state resolves to.
 */
import { readFileSync } from "node:fs";

const STATE_ZONE = {
  AK: "America/Anchorage", AL: "America/Chicago", AR: "America/Chicago", AZ: "America/Phoenix", CA: "America/Los_Angeles",
  CO: "America/Denver", CT: "America/New_York", DC: "America/New_York", DE: "America/New_York", FL: "America/New_York",
  GA: "America/New_York", HI: "Pacific/Honolulu", IA: "America/Chicago", ID: "America/Boise", IL: "America/Chicago",
  IN: "America/Indiana/Indianapolis", KS: "America/Chicago", KY: "America/New_York", LA: "America/Chicago", MA: "America/New_York",
  MD: "America/New_York", ME: "America/New_York", MI: "America/Detroit", MN: "America/Chicago", MO: "America/Chicago",
  MS: "America/Chicago", MT: "America/Denver", NC: "America/New_York", ND: "America/Chicago", NE: "America/Chicago",
  NH: "America/New_York", NJ: "America/New_York", NM: "America/Denver", NV: "America/Los_Angeles", NY: "America/New_York",
  OH: "America/New_York", OK: "America/Chicago", OR: "America/Los_Angeles", PA: "America/New_York", PR: "America/Puerto_Rico",
  RI: "America/New_York", SC: "America/New_York", SD: "America/Chicago", TN: "America/Chicago", TX: "America/Chicago",
  UT: "America/Denver", VA: "America/New_York", VT: "America/New_York", WA: "America/Los_Angeles", WI: "America/Chicago",
  WV: "America/New_York", WY: "America/Denver",
};
/** Counties whose zone is not their state's main zone (state → zone → counties). */
const COUNTY_ZONE = {
  FL: { "America/Chicago": ["Escambia", "Santa Rosa", "Okaloosa", "Walton", "Holmes", "Washington", "Bay", "Jackson", "Calhoun"] },
  ID: { "America/Los_Angeles": ["Benewah", "Bonner", "Boundary", "Clearwater", "Kootenai", "Latah", "Lewis", "Nez Perce", "Shoshone"] },
  IN: { "America/Chicago": ["Lake", "Porter", "La Porte", "LaPorte", "Newton", "Jasper", "Starke", "Gibson", "Posey", "Vanderburgh", "Warrick", "Spencer", "Perry"] },
  KS: { "America/Denver": ["Greeley", "Hamilton", "Sherman", "Wallace"] },
  KY: {
    "America/Chicago": ["Adair", "Allen", "Ballard", "Barren", "Breckinridge", "Butler", "Caldwell", "Calloway", "Carlisle", "Christian", "Clinton", "Crittenden", "Cumberland", "Daviess", "Edmonson", "Fulton", "Graves", "Grayson", "Green", "Hancock", "Hart", "Henderson", "Hickman", "Hopkins", "Livingston", "Logan", "Lyon", "Mccracken", "McCracken", "Mclean", "McLean", "Marshall", "Metcalfe", "Monroe", "Muhlenberg", "Ohio", "Russell", "Simpson", "Todd", "Trigg", "Union", "Warren", "Webster"],
  },
  MI: { "America/Menominee": ["Gogebic", "Iron", "Dickinson", "Menominee"] },
  ND: { "America/Denver": ["Adams", "Billings", "Bowman", "Golden Valley", "Grant", "Hettinger", "Slope", "Stark", "Sioux"] },
  NE: { "America/Denver": ["Arthur", "Banner", "Box Butte", "Chase", "Cheyenne", "Dawes", "Deuel", "Dundy", "Garden", "Grant", "Hooker", "Keith", "Kimball", "Morrill", "Perkins", "Scotts Bluff", "Sheridan", "Sioux"] },
  OR: { "America/Boise": ["Malheur"] },
  SD: { "America/Denver": ["Bennett", "Butte", "Corson", "Custer", "Dewey", "Fall River", "Haakon", "Harding", "Jackson", "Lawrence", "Meade", "Oglala Lakota", "Shannon", "Pennington", "Perkins", "Stanley", "Ziebach"] },
  TN: {
    "America/New_York": ["Anderson", "Blount", "Bradley", "Campbell", "Carter", "Claiborne", "Cocke", "Grainger", "Greene", "Hamblen", "Hamilton", "Hancock", "Hawkins", "Jefferson", "Johnson", "Knox", "Loudon", "Mcminn", "McMinn", "Meigs", "Monroe", "Morgan", "Polk", "Rhea", "Roane", "Scott", "Sevier", "Sullivan", "Unicoi", "Union", "Washington"],
  },
  TX: { "America/Denver": ["El Paso", "Hudspeth"] },
};

function parseCsvLine(line) {
  const out = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") out.push(field), (field = "");
    else field += ch;
  }
  out.push(field);
  return out;
}

const [file] = process.argv.slice(2);
const lines = readFileSync(file, "utf8").split(/\r?\n/).filter((line) => line.trim() !== "");
const header = parseCsvLine(lines[0]);
const col = (name) => header.indexOf(name);
const rows = lines.slice(1).map(parseCsvLine).map((f) => ({
  state: f[col("STATE_CODE")],
  city: f[col("CITY")].trim(),
  county: f[col("COUNTY")].trim(),
  lat: Math.round(Number(f[col("LATITUDE")]) * 1000),
  lon: Math.round(Number(f[col("LONGITUDE")]) * 1000),
}));
for (const row of rows) if (!Number.isFinite(row.lat) || !Number.isFinite(row.lon) || !(row.state in STATE_ZONE)) throw new Error(`bad row ${JSON.stringify(row)}`);

// Density: places within 30 km, on a 0.5° grid.
const grid = new Map();
const cell = (lat, lon) => `${Math.floor(lat / 500)}:${Math.floor(lon / 500)}`;
for (const row of rows) {
  const key = cell(row.lat, row.lon);
  if (!grid.has(key)) grid.set(key, []);
  grid.get(key).push(row);
}
const km = (a, b) => {
  const rad = Math.PI / 180000;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
};
const density = (row) => {
  let count = 0;
  const [y, x] = [Math.floor(row.lat / 500), Math.floor(row.lon / 500)];
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) for (const other of grid.get(`${y + dy}:${x + dx}`) ?? []) if (km(row, other) <= 30) count++;
  return count;
};

const byStateCity = new Map();
for (const row of rows) {
  const key = `${row.state}|${row.city.toLowerCase()}`;
  row.density = density(row);
  const seen = byStateCity.get(key);
  if (seen === undefined || row.density > seen.density) byStateCity.set(key, row);
}
const kept = [...byStateCity.values()];
const byName = new Map();
for (const row of kept) {
  const key = row.city.toLowerCase();
  if (!byName.has(key)) byName.set(key, []);
  byName.get(key).push(row);
}
for (const list of byName.values()) {
  if (list.length < 2) continue;
  list.sort((a, b) => b.density - a.density || (a.state < b.state ? -1 : 1));
  list[0].primary = true;
}

const zones = [...new Set([...Object.values(STATE_ZONE), ...Object.values(COUNTY_ZONE).flatMap((entry) => Object.keys(entry))])].sort();
const zoneIndex = new Map(zones.map((zone, index) => [zone, index]));
const zoneOf = (row) => {
  for (const [zone, counties] of Object.entries(COUNTY_ZONE[row.state] ?? {})) if (counties.includes(row.county)) return zone;
  return STATE_ZONE[row.state];
};

kept.sort((a, b) => (a.state < b.state ? -1 : a.state > b.state ? 1 : a.city < b.city ? -1 : a.city > b.city ? 1 : 0));
const out = [];
let state = "";
for (const row of kept) {
  if (row.state !== state) {
    state = row.state;
    out.push(`>${state}`);
  }
  const zone = zoneOf(row);
  const extra = (zone === STATE_ZONE[row.state] ? "" : `|${zoneIndex.get(zone)}`) + (row.primary ? "|*" : "");
  out.push(`${row.city}|${row.lat}|${row.lon}${extra}`);
}

const text = `/**
 * US places: GENERATED by scripts/gazetteer.mjs — do not edit by hand.
 *
 * Source: kelvins/US-Cities-Database @ab09619, csv/us_cities.csv (29,880 places with state, county,
 * latitude and longitude). Licence: MIT, Copyright (c) the US-Cities-Database authors (GitHub: kelvins); the licence text is in
 * src/plan/gazetteer.LICENSE beside this file. Changes: coordinates rounded to 3 decimals and
 * stored as integers × 1000; one entry per (state, name) (the densest, see the script); the county is
 * replaced by its IANA time zone where that differs from the state's (\`|zone index\`); \`|*\` marks the
 * densest place of a name found in several states. ${kept.length} entries.
 *
 * Format: \`>ST\` starts a state (USPS code); then one \`name|lat|lon[|zone][|*]\` line per place.
 */

/** The IANA time zones the table refers to, by index. */
export const GAZETTEER_ZONES: readonly string[] = ${JSON.stringify(zones)};

/** Each state's main time zone (USPS code → index into {@link GAZETTEER_ZONES}). */
export const GAZETTEER_STATE_ZONES = ${JSON.stringify(Object.fromEntries(Object.entries(STATE_ZONE).map(([s, z]) => [s, zoneIndex.get(z)])))} as const;

/** The places, one per line. */
export const GAZETTEER_PLACES = ${JSON.stringify(out.join("\n"))};
`;
process.stdout.write(text);
