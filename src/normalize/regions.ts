/**
 * Countries (ISO 3166-1 alpha-2), subdivisions (ISO 3166-2) and the world regions the region
 * criterion uses for its "same world region" level. The grouping follows the UN M49 regions, with
 * Mexico in North America (the USMCA market an exporter plans for) and the Middle East apart from Asia.
 */

/** The world regions, each with its member countries. */
export const WORLD_REGIONS: Readonly<Record<string, readonly string[]>> = {
  "north-america": ["US", "CA", "MX", "BM", "GL", "PM"],
  "latin-america": [
    "AG", "AI", "AR", "AW", "BB", "BL", "BO", "BQ", "BR", "BS", "BZ", "CL", "CO", "CR", "CU", "CW", "DM", "DO", "EC", "FK",
    "GD", "GF", "GP", "GS", "GT", "GY", "HN", "HT", "JM", "KN", "KY", "LC", "MF", "MQ", "MS", "NI", "PA", "PE", "PR", "PY",
    "SR", "SV", "SX", "TC", "TT", "UY", "VC", "VE", "VG", "VI",
  ],
  europe: [
    "AD", "AL", "AT", "AX", "BA", "BE", "BG", "BY", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FO", "FR", "GB", "GG",
    "GI", "GR", "HR", "HU", "IE", "IM", "IS", "IT", "JE", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT", "NL", "NO",
    "PL", "PT", "RO", "RS", "RU", "SE", "SI", "SJ", "SK", "SM", "UA", "VA", "XK",
  ],
  "east-asia": ["CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"],
  "southeast-asia": ["BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"],
  "south-asia": ["AF", "BD", "BT", "IN", "IO", "LK", "MV", "NP", "PK"],
  "central-asia": ["KG", "KZ", "TJ", "TM", "UZ"],
  "middle-east": ["AE", "AM", "AZ", "BH", "GE", "IL", "IQ", "IR", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"],
  africa: [
    "AO", "BF", "BI", "BJ", "BW", "CD", "CF", "CG", "CI", "CM", "CV", "DJ", "DZ", "EG", "EH", "ER", "ET", "GA", "GH", "GM",
    "GN", "GQ", "GW", "KE", "KM", "LR", "LS", "LY", "MA", "MG", "ML", "MR", "MU", "MW", "MZ", "NA", "NE", "NG", "RE", "RW",
    "SC", "SD", "SH", "SL", "SN", "SO", "SS", "ST", "SZ", "TD", "TF", "TG", "TN", "TZ", "UG", "YT", "ZA", "ZM", "ZW",
  ],
  oceania: [
    "AQ", "AS", "AU", "BV", "CC", "CK", "CX", "FJ", "FM", "GU", "HM", "KI", "MH", "MP", "NC", "NF", "NR", "NU", "NZ", "PF",
    "PG", "PN", "PW", "SB", "TK", "TO", "TV", "UM", "VU", "WF", "WS",
  ],
};

const regionOfCountry = new Map<string, string>();
for (const [region, countries] of Object.entries(WORLD_REGIONS)) for (const country of countries) regionOfCountry.set(country, region);

/**
 * Whether `value` is an ISO 3166-1 alpha-2 country code (any case, surrounding space ignored).
 *
 * @example
 * isCountryCode("kr"); // true
 * isCountryCode("XX"); // false
 */
export function isCountryCode(value: string): boolean {
  return regionOfCountry.has(value.trim().toUpperCase());
}

/**
 * Upper-cases and trims a country code; `undefined` when it is not a known ISO 3166-1 alpha-2 code.
 *
 * @example
 * normalizeCountry(" us "); // "US"
 */
export function normalizeCountry(value: string): string | undefined {
  const code = value.trim().toUpperCase();
  return regionOfCountry.has(code) ? code : undefined;
}

/**
 * The world region of a country ("US" → "north-america"), or `undefined` for an unknown code.
 *
 * @example
 * worldRegionOf("KR"); // "east-asia"
 */
export function worldRegionOf(country: string): string | undefined {
  return regionOfCountry.get(country);
}

/**
 * Normalises an ISO 3166-2 subdivision code ("us-mi" → "US-MI"); `undefined` when the country part is
 * unknown or the subdivision part is not 1–3 letters or digits. The subdivision list itself is not
 * checked (it changes often); the country part is.
 *
 * @example
 * normalizeSubdivision("kr-48"); // "KR-48"
 */
export function normalizeSubdivision(value: string): string | undefined {
  const match = /^([A-Za-z]{2})-([A-Za-z0-9]{1,3})$/.exec(value.trim());
  if (match === null) return undefined;
  const country = normalizeCountry(match[1]!);
  return country === undefined ? undefined : `${country}-${match[2]!.toUpperCase()}`;
}

/** A target market, parsed: a world region, a country, a subdivision, or a city within a subdivision. */
export type MarketRef =
  | { readonly level: "world"; readonly region: string }
  | { readonly level: "country"; readonly country: string }
  | { readonly level: "subdivision"; readonly country: string; readonly subdivision: string }
  | { readonly level: "city"; readonly country: string; readonly subdivision: string; readonly city: string };

/**
 * Parses a target market: `"north-america"` (a world region), `"US"` (country), `"US-MI"`
 * (subdivision) or `"US-IL:Chicago"` (a city in a subdivision). `undefined` when it is none of these.
 *
 * @example
 * parseMarket("US-IL:Chicago"); // { level: "city", country: "US", subdivision: "US-IL", city: "chicago" }
 */
export function parseMarket(value: string, foldCity: (city: string) => string = (city) => city.trim().toLowerCase()): MarketRef | undefined {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (Object.hasOwn(WORLD_REGIONS, lower)) return { level: "world", region: lower };
  const country = normalizeCountry(trimmed);
  if (country !== undefined && trimmed.length === 2) return { level: "country", country };
  const colon = trimmed.indexOf(":");
  const subdivisionPart = colon === -1 ? trimmed : trimmed.slice(0, colon);
  const subdivision = normalizeSubdivision(subdivisionPart);
  if (subdivision === undefined) return undefined;
  const countryCode = subdivision.slice(0, 2);
  if (colon === -1) return { level: "subdivision", country: countryCode, subdivision };
  const city = foldCity(trimmed.slice(colon + 1));
  return city === "" ? undefined : { level: "city", country: countryCode, subdivision, city };
}

/**
 * Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km).
 *
 * @example
 * distanceKm({ lat: 41.88, lon: -87.63 }, { lat: 42.33, lon: -83.05 }); // ≈ 383
 */
export function distanceKm(a: { readonly lat: number; readonly lon: number }, b: { readonly lat: number; readonly lon: number }): number {
  const radians = Math.PI / 180;
  const dLat = (b.lat - a.lat) * radians;
  const dLon = (b.lon - a.lon) * radians;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * radians) * Math.cos(b.lat * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
