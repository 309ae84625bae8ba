/**
 * The US gazetteer: a city name and state → coordinates and IANA time zone, from the table in
 * `gazetteerData.ts` (kelvins/US-Cities-Database, MIT; 29,738 places, ~0.7 MB of source). The table is
 * parsed on first use, so importing `buyermatch/plan` costs nothing until a place is looked up.
 */
import { distanceKm } from "../normalize/regions.js";
import { GAZETTEER_PLACES, GAZETTEER_STATE_ZONES, GAZETTEER_ZONES } from "./gazetteerData.js";
import { cityKey } from "./input.js";

/** A place of the gazetteer. */
export interface Place {
  readonly city: string;
  /** ISO 3166-2 subdivision ("US-IL"). */
  readonly subdivision: string;
  readonly lat: number;
  readonly lon: number;
  /** The IANA time zone of the place (its county's where a state has several). */
  readonly timeZone: string;
}

/** A lookup's result: the place, and how many other places share its name when no state was given. */
export interface PlaceMatch {
  readonly place: Place;
  /** Other places of the same name in other states (0 when the name is unique or a state was given). */
  readonly alternatives: number;
}

interface Entry {
  readonly state: string;
  /** The place's line in GAZETTEER_PLACES. */
  readonly start: number;
  readonly end: number;
}

/** city key → entries of that name, the densest (the `*` mark) first. Places are built on lookup. */
let index: Map<string, Entry[]> | undefined;

function load(): Map<string, Entry[]> {
  if (index !== undefined) return index;
  index = new Map();
  const text = GAZETTEER_PLACES;
  let state = "";
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (text.charCodeAt(start) === 62 /* ">" */) state = text.slice(start + 1, end);
    else {
      // The table is ASCII with single spaces, so lower case is already its city key.
      const key = text.slice(start, text.indexOf("|", start)).toLowerCase();
      const entry = { state, start, end };
      const list = index.get(key);
      if (list === undefined) index.set(key, [entry]);
      else if (text.charCodeAt(end - 1) === 42 /* "*" */) list.unshift(entry);
      else list.push(entry);
    }
    start = end + 1;
  }
  return index;
}

function placeOf(entry: Entry): Place {
  const [city = "", lat = "0", lon = "0", ...rest] = GAZETTEER_PLACES.slice(entry.start, entry.end).split("|");
  const zoneIndex = rest.find((part) => part !== "*");
  const stateZone = (GAZETTEER_STATE_ZONES as Readonly<Record<string, number>>)[entry.state] ?? 0;
  return {
    city,
    subdivision: `US-${entry.state}`,
    lat: Number(lat) / 1000,
    lon: Number(lon) / 1000,
    timeZone: GAZETTEER_ZONES[zoneIndex === undefined ? stateZone : Number(zoneIndex)] ?? "UTC",
  };
}

/**
 * Finds a US place by name, within a state when one is given. Names match as the planner matches
 * cities (case, spacing and Unicode form ignored; "Saint Paul" and "St. Paul" are different names).
 * Without a state, a name found in several states resolves to the one with the most places around it
 * (the gazetteer has no population; density stands in for size) and says how many others there were.
 *
 * @param city - the city name
 * @param subdivision - its ISO 3166-2 subdivision ("US-MI"), or undefined
 * @returns the place, or undefined when the gazetteer does not list it (or the subdivision is not a US state)
 * @example
 * findPlace("Dearborn", "US-MI")?.place; // { city: "Dearborn", lat: 42.305, lon: -83.16, timeZone: "America/Detroit", ... }
 * findPlace("Detroit")?.alternatives; // 4 (Detroit, MI is chosen over AL, ME, OR, TX)
 */
export function findPlace(city: string, subdivision?: string): PlaceMatch | undefined {
  const entries = load().get(cityKey(city));
  if (entries === undefined) return undefined;
  if (subdivision !== undefined) {
    const wanted = subdivision.trim().toUpperCase();
    const entry = entries.find((candidate) => `US-${candidate.state}` === wanted);
    return entry === undefined ? undefined : { place: placeOf(entry), alternatives: 0 };
  }
  const [first] = entries;
  return first === undefined ? undefined : { place: placeOf(first), alternatives: entries.length - 1 };
}

/**
 * Finds the place of a name nearest to a point: which Portland a venue's coordinates are in.
 *
 * @param city - the city name
 * @param point - coordinates in degrees
 * @param withinKm - how far the place may be from the point (default 50 km)
 * @returns the nearest place of that name within `withinKm`, or undefined
 * @example
 * nearestPlace("Portland", { lat: 43.66, lon: -70.26 })?.subdivision; // "US-ME", not Oregon
 */
export function nearestPlace(city: string, point: { readonly lat: number; readonly lon: number }, withinKm = 50): Place | undefined {
  let best: Place | undefined;
  let bestDistance = withinKm;
  for (const entry of load().get(cityKey(city)) ?? []) {
    const place = placeOf(entry);
    const distance = distanceKm(point, place);
    if (distance <= bestDistance) [best, bestDistance] = [place, distance];
  }
  return best;
}

// The core's great-circle distance (haversine on a 6,371 km sphere), so venues and regions measure alike.
export { distanceKm };
