/**
 * Venues and travel: where each session is held, and how each buyer attends it — in person when the
 * buyer is within the session's travel radius, online when it said it meets online, otherwise not at
 * all. Resolved once per plan (`resolveVenues`, then `attendanceOf` per buyer) and kept in the agenda
 * as data, with the reason.
 */
import type { Buyer } from "../schema/buyer.js";
import { distanceKm, findPlace, nearestPlace } from "./gazetteer.js";
import { cityKey, type ParsedSession } from "./input.js";
import type { BuyerAttendance } from "./agenda.js";
import { attendanceText, type AttendanceReason } from "./reasons.js";

/** The documented defaults of venues. */
export const VENUE_DEFAULTS = {
  /** How far (great-circle km) a buyer travels to a session in person. 80 km ≈ an hour's drive. */
  radiusKm: 80,
} as const;

/** Where a session is held, as the planner resolved it. */
export interface SessionVenue {
  readonly sessionId: string;
  readonly city: string;
  /** The venue's name as given (`session.venue`). */
  readonly venue?: string;
  /** ISO 3166-2 subdivision, as given or as found in the gazetteer. */
  readonly subdivision?: string;
  readonly lat?: number;
  readonly lon?: number;
  /** `coordinates`: the session's `location`; `gazetteer`: its city looked up; `unknown`: neither. */
  readonly located: "coordinates" | "gazetteer" | "unknown";
  /** Other places of the same name in other states when the city was looked up without `region`. */
  readonly alternatives: number;
  /** The IANA time zone of the venue's place in the gazetteer (undefined when not looked up). */
  readonly timeZone?: string;
  readonly radiusKm: number;
}

/** How a buyer takes part in a session. */
export type AttendanceMode = "in_person" | "online" | "absent";

/** A buyer's attendance at one session, with its reason. */
export interface SessionAttendance {
  readonly mode: AttendanceMode;
  readonly reason: AttendanceReason;
}

interface Point {
  readonly lat: number;
  readonly lon: number;
  readonly located: "coordinates" | "gazetteer";
}

/**
 * Resolves each session's venue: its `location` when given, else its city (in `region` when given)
 * looked up in the US gazetteer, else unknown (then only buyers of the same city name attend in person).
 *
 * @param sessions - validated sessions, in the order the result should follow
 * @returns one venue per session, same order
 * @example
 * resolveVenues([{ id: "chi-1", city: "Chicago", region: "US-IL", ... }])[0]; // { located: "gazetteer", lat: 41.886, lon: -87.618, timeZone: "America/Chicago", radiusKm: 80, ... }
 */
export function resolveVenues(sessions: readonly ParsedSession[]): SessionVenue[] {
  return sessions.map((session) => {
    const base = {
      sessionId: session.id,
      city: session.city,
      radiusKm: session.radiusKm ?? VENUE_DEFAULTS.radiusKm,
      ...(session.venue === undefined ? {} : { venue: session.venue }),
    };
    const region = session.region?.toUpperCase();
    if (session.location !== undefined) {
      // The zone of the place of that name at the coordinates (so Portland, Maine is not given Oregon's).
      const place = region === undefined ? nearestPlace(session.city, session.location) : region.startsWith("US-") ? findPlace(session.city, region)?.place : undefined;
      const zone = place === undefined ? {} : { timeZone: place.timeZone, subdivision: place.subdivision };
      return { ...base, ...zone, ...(region === undefined ? {} : { subdivision: region }), lat: session.location.lat, lon: session.location.lon, located: "coordinates", alternatives: 0 };
    }
    const found = region === undefined || region.startsWith("US-") ? findPlace(session.city, region) : undefined;
    if (found !== undefined) return { ...base, timeZone: found.place.timeZone, subdivision: found.place.subdivision, lat: found.place.lat, lon: found.place.lon, located: "gazetteer", alternatives: found.alternatives };
    return { ...base, ...(region === undefined ? {} : { subdivision: region }), located: "unknown", alternatives: 0 };
  });
}

/** A buyer's point: its `location`, else its city in its US state (or a US city name found once). */
function buyerPoint(buyer: Buyer): Point | undefined {
  if (buyer.location !== undefined) return { lat: buyer.location.lat, lon: buyer.location.lon, located: "coordinates" };
  if (buyer.city === undefined || buyer.city.trim() === "") return undefined;
  const region = buyer.region?.trim().toUpperCase();
  if (region !== undefined && !region.startsWith("US-")) return undefined;
  if (region === undefined && buyer.country.trim().toUpperCase() !== "US") return undefined;
  const found = findPlace(buyer.city, region);
  // A buyer's name shared by several states is not guessed: a wrong guess would seat it in person.
  if (found === undefined || found.alternatives > 0) return undefined;
  return { lat: found.place.lat, lon: found.place.lon, located: "gazetteer" };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * How a buyer attends each session. A session named in `availability` is attended (in person when in
 * reach, else online for an online buyer, else in person because the buyer said it will come); one not
 * named is not. Without `availability`: in person when the buyer is within the venue's radius (or,
 * when either place is unknown, when both name the same city), else online for an online buyer, else
 * absent.
 *
 * @param buyer - a validated buyer
 * @param venues - the venues from {@link resolveVenues}
 * @returns one attendance per venue, same order
 * @example
 * attendanceOf({ id: "ford", name: "Ford", country: "US", region: "US-MI", city: "Dearborn" }, venues);
 * // [{ mode: "absent", reason: { code: "outside_radius", distanceKm: 383.4, ... } }, { mode: "in_person", reason: { code: "within_radius", distanceKm: 8.4, ... } }]
 */
export function attendanceOf(buyer: Buyer, venues: readonly SessionVenue[]): SessionAttendance[] {
  const point = buyerPoint(buyer);
  const listed = buyer.availability === undefined ? undefined : new Set(buyer.availability.map((id) => id.trim()));
  const online = buyer.online === true;
  const home = buyer.city === undefined ? undefined : cityKey(buyer.city);
  const groups = venueGroups(venues);
  // Sessions held at one place share one attendance object: computed once per place.
  const byGroup: { readonly attendance: SessionAttendance; readonly inReach: boolean }[] = [];
  return venues.map((venue, v): SessionAttendance => {
    const group = groups[v] ?? v;
    let reached = byGroup[group];
    if (reached === undefined) {
      let reach: AttendanceReason;
      let inReach: boolean;
      if (point !== undefined && venue.lat !== undefined && venue.lon !== undefined) {
        const distance = round1(distanceKm(point, { lat: venue.lat, lon: venue.lon }));
        inReach = distance <= venue.radiusKm;
        reach = { code: inReach ? "within_radius" : "outside_radius", city: venue.city, distanceKm: distance, radiusKm: venue.radiusKm, located: point.located };
      } else if (home !== undefined && home === cityKey(venue.city)) {
        inReach = true;
        reach = { code: "same_city", city: venue.city };
      } else {
        inReach = false;
        reach = point === undefined ? { code: "location_unknown", city: venue.city } : { code: "venue_unknown", city: venue.city };
      }
      reached = { attendance: { mode: inReach ? "in_person" : online ? "online" : "absent", reason: reach }, inReach };
      byGroup[group] = reached;
    }
    if (listed === undefined) return reached.attendance;
    if (!listed.has(venue.sessionId)) return { mode: "absent", reason: { code: "not_in_availability", city: venue.city, sessionId: venue.sessionId } };
    if (reached.inReach || online) return reached.attendance;
    return { mode: "in_person", reason: { code: "listed_session", city: venue.city, sessionId: venue.sessionId } };
  });
}

const groupCache = new WeakMap<readonly SessionVenue[], number[]>();

/** For each venue, the index of the first venue at the same place with the same radius (same city). */
function venueGroups(venues: readonly SessionVenue[]): number[] {
  let groups = groupCache.get(venues);
  if (groups === undefined) {
    const first = new Map<string, number>();
    groups = venues.map((venue, v) => {
      const key = `${cityKey(venue.city)}\u0000${venue.lat ?? ""}\u0000${venue.lon ?? ""}\u0000${venue.radiusKm}`;
      const seen = first.get(key);
      if (seen !== undefined) return seen;
      first.set(key, v);
      return v;
    });
    groupCache.set(venues, groups);
  }
  return groups;
}

/**
 * Groups each buyer's per-session attendance by city, mode and reason, for the agenda. The entries
 * (and their messages) are made when a buyer is looked up or the map is walked, not for every buyer at
 * once: a mission of 100,000 buyers keeps only each buyer's per-session attendance.
 *
 * @param buyers - buyers with their attendance per venue (as the model holds them)
 * @param venues - the venues, same order as each buyer's attendance
 * @returns buyer id → its attendance entries, cities in session order (buyers in the given order)
 * @example
 * const byBuyer = groupAttendance(model.buyers, model.venues);
 * byBuyer.get("ford")?.[0]?.message; // "absent: 383.4 km from the Chicago venue, beyond the 80 km travel radius"
 */
export function groupAttendance(
  buyers: readonly { readonly id: string; readonly attendance: readonly SessionAttendance[] }[],
  venues: readonly SessionVenue[],
): ReadonlyMap<string, BuyerAttendance[]> {
  return new AttendanceMap(
    buyers.map((buyer) => buyer.id),
    buyers.map((buyer) => buyer.attendance),
    venues,
  );
}

/** One buyer's attendance entries: sessions with the same mode and reason object grouped. */
function attendanceEntries(attendance: readonly SessionAttendance[], venues: readonly SessionVenue[]): BuyerAttendance[] {
  const entries: { city: string; sessionIds: string[]; mode: AttendanceMode; reason: AttendanceReason; message: string }[] = [];
  for (let s = 0; s < attendance.length; s++) {
    const each = attendance[s]!;
    const venue = venues[s];
    if (venue === undefined) continue;
    // Sessions at one place share one reason object (see attendanceOf): grouped by identity, no
    // comparison of contents. Reasons that name a session (availability) stay one per session.
    const same = entries.find((entry) => entry.reason === each.reason && entry.mode === each.mode);
    if (same !== undefined) same.sessionIds.push(venue.sessionId);
    else entries.push({ city: venue.city, sessionIds: [venue.sessionId], mode: each.mode, reason: each.reason, message: "" });
  }
  for (const entry of entries) entry.message = attendanceText(entry.mode, entry.reason);
  return entries;
}

/** A read-only map whose values are made on demand from each buyer's per-session attendance. */
class AttendanceMap implements ReadonlyMap<string, BuyerAttendance[]> {
  readonly #ids: readonly string[];
  readonly #attendance: readonly (readonly SessionAttendance[])[];
  readonly #venues: readonly SessionVenue[];
  /** Id → position, only when the ids are not in `<` order (the model's always are: binary search). */
  readonly #positions: ReadonlyMap<string, number> | undefined;

  constructor(ids: readonly string[], attendance: readonly (readonly SessionAttendance[])[], venues: readonly SessionVenue[]) {
    this.#ids = ids;
    this.#attendance = attendance;
    this.#venues = venues;
    let sorted = true;
    for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1]! < ids[i]!;
    this.#positions = sorted ? undefined : new Map(ids.map((id, index) => [id, index]));
  }

  get size(): number {
    return this.#ids.length;
  }

  get [Symbol.toStringTag](): string {
    return "Map";
  }

  #position(id: string): number {
    if (this.#positions !== undefined) return this.#positions.get(id) ?? -1;
    let low = 0;
    let high = this.#ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const here = this.#ids[middle]!;
      if (here === id) return middle;
      if (here < id) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  get(id: string): BuyerAttendance[] | undefined {
    const position = typeof id === "string" ? this.#position(id) : -1;
    return position < 0 ? undefined : attendanceEntries(this.#attendance[position]!, this.#venues);
  }

  has(id: string): boolean {
    return typeof id === "string" && this.#position(id) >= 0;
  }

  forEach(callback: (value: BuyerAttendance[], key: string, map: ReadonlyMap<string, BuyerAttendance[]>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.#ids.length; i++) callback.call(thisArg, attendanceEntries(this.#attendance[i]!, this.#venues), this.#ids[i]!, this);
  }

  *#walk(): Generator<[string, BuyerAttendance[]], undefined, unknown> {
    for (let i = 0; i < this.#ids.length; i++) yield [this.#ids[i]!, attendanceEntries(this.#attendance[i]!, this.#venues)];
    return undefined;
  }

  entries(): MapIterator<[string, BuyerAttendance[]]> {
    return this.#walk() as unknown as MapIterator<[string, BuyerAttendance[]]>;
  }

  keys(): MapIterator<string> {
    return this.#ids[Symbol.iterator]() as unknown as MapIterator<string>;
  }

  values(): MapIterator<BuyerAttendance[]> {
    const walk = this.#walk();
    const values = (function* () {
      for (const [, value] of walk) yield value;
      return undefined;
    })();
    return values as unknown as MapIterator<BuyerAttendance[]>;
  }

  [Symbol.iterator](): MapIterator<[string, BuyerAttendance[]]> {
    return this.entries();
  }
}
