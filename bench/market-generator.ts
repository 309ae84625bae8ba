/**
 * A seeded market generator for benchmarks and tests: exporters and buyers across many sectors,
 * with HS-coded products, supply-chain tiers, regions, certifications, misspelt words, Korean
 * product names and some missing data. Same seed, same market, on every machine.
 */
import type { Buyer, Company } from "../src/index.js";

import { mulberry32 } from "../test/support/random.js";

/** The tests' seeded PRNG (mulberry32), so benchmark markets never drift between runs. */
export const seededRandom = mulberry32;

interface ProductLine {
  readonly name: string;
  readonly ko: string;
  readonly hs: string;
}

/** Sectors (names from the built-in sector table) with real HS 2022 subheadings. */
const SECTORS: Readonly<Record<string, readonly ProductLine[]>> = {
  "auto-parts": [
    { name: "brake pads", ko: "브레이크 패드", hs: "870830" },
    { name: "brake disc rotor", ko: "브레이크 디스크", hs: "870830" },
    { name: "gearbox transmission", ko: "변속기", hs: "870840" },
    { name: "drive axle", ko: "구동축", hs: "870850" },
    { name: "shock absorber suspension", ko: "쇼크 업소버", hs: "870880" },
    { name: "radiator cooling module", ko: "라디에이터", hs: "870891" },
    { name: "exhaust muffler", ko: "머플러", hs: "870892" },
    { name: "clutch assembly", ko: "클러치", hs: "870893" },
    { name: "steering wheel column", ko: "조향 장치", hs: "870894" },
    { name: "airbag module", ko: "에어백", hs: "870895" },
    { name: "alloy wheel rim", ko: "알루미늄 휠", hs: "870870" },
    { name: "spark plug ignition", ko: "점화 플러그", hs: "851110" },
    { name: "headlamp lighting", ko: "전조등", hs: "851220" },
    { name: "passenger car tire", ko: "타이어", hs: "401110" },
  ],
  machinery: [
    { name: "hydraulic pump", ko: "유압 펌프", hs: "841350" },
    { name: "hydraulic cylinder", ko: "유압 실린더", hs: "841221" },
    { name: "ball bearing", ko: "볼 베어링", hs: "848210" },
    { name: "roller bearing", ko: "롤러 베어링", hs: "848250" },
    { name: "gear reducer", ko: "감속기", hs: "848340" },
    { name: "industrial valve", ko: "산업용 밸브", hs: "848180" },
    { name: "air compressor", ko: "공기 압축기", hs: "841480" },
    { name: "centrifugal fan blower", ko: "송풍기", hs: "841459" },
    { name: "diesel engine", ko: "디젤 엔진", hs: "840820" },
  ],
  "heavy-equipment": [
    { name: "hydraulic excavator", ko: "굴착기", hs: "842952" },
    { name: "wheel loader", ko: "휠 로더", hs: "842951" },
    { name: "forklift truck", ko: "지게차", hs: "842720" },
    { name: "crawler crane", ko: "크레인", hs: "842649" },
    { name: "excavator bucket attachment", ko: "굴착기 버킷", hs: "843141" },
    { name: "agricultural tractor", ko: "트랙터", hs: "870190" },
  ],
  "machine-tools": [
    { name: "cnc lathe", ko: "CNC 선반", hs: "845811" },
    { name: "machining center", ko: "머시닝 센터", hs: "845710" },
    { name: "milling machine", ko: "밀링 머신", hs: "845961" },
    { name: "grinding machine", ko: "연삭기", hs: "846011" },
    { name: "press brake bending", ko: "절곡기", hs: "846221" },
    { name: "cutting tool holder", ko: "공구 홀더", hs: "846620" },
  ],
  "industrial-automation": [
    { name: "industrial robot arm", ko: "산업용 로봇", hs: "847950" },
    { name: "conveyor system", ko: "컨베이어", hs: "842839" },
    { name: "programmable logic controller", ko: "PLC 제어기", hs: "853710" },
    { name: "servo motor drive", ko: "서보 모터", hs: "850152" },
    { name: "machine vision sensor", ko: "비전 센서", hs: "903180" },
  ],
  electronics: [
    { name: "printed circuit board", ko: "인쇄회로기판", hs: "853400" },
    { name: "led lamp module", ko: "LED 모듈", hs: "853950" },
    { name: "electrical connector", ko: "커넥터", hs: "853669" },
    { name: "wire harness cable", ko: "와이어 하네스", hs: "854430" },
    { name: "power transformer", ko: "변압기", hs: "850423" },
    { name: "display panel", ko: "디스플레이 패널", hs: "852490" },
  ],
  semiconductors: [
    { name: "memory chip", ko: "메모리 반도체", hs: "854232" },
    { name: "power semiconductor module", ko: "전력 반도체", hs: "854129" },
    { name: "image sensor", ko: "이미지 센서", hs: "854231" },
  ],
  batteries: [
    { name: "lithium ion battery cell", ko: "리튬 이온 배터리", hs: "850760" },
    { name: "battery pack energy storage", ko: "배터리 팩", hs: "850760" },
    { name: "lead acid battery", ko: "납축전지", hs: "850710" },
  ],
  "medical-devices": [
    { name: "disposable syringe", ko: "주사기", hs: "901831" },
    { name: "catheter", ko: "카테터", hs: "901839" },
    { name: "ultrasound scanner", ko: "초음파 진단기", hs: "901812" },
    { name: "orthopedic implant", ko: "정형외과 임플란트", hs: "902110" },
    { name: "dental equipment", ko: "치과 장비", hs: "901849" },
  ],
  cosmetics: [
    { name: "skin care cream", ko: "스킨 크림", hs: "330499" },
    { name: "sheet mask", ko: "마스크 팩", hs: "330499" },
    { name: "shampoo hair care", ko: "샴푸", hs: "330510" },
    { name: "lipstick makeup", ko: "립스틱", hs: "330410" },
  ],
  food: [
    { name: "instant noodles", ko: "라면", hs: "190230" },
    { name: "kimchi fermented vegetables", ko: "김치", hs: "200599" },
    { name: "snack biscuits", ko: "과자", hs: "190590" },
    { name: "sauce seasoning", ko: "소스", hs: "210390" },
  ],
  plastics: [
    { name: "polyethylene film", ko: "폴리에틸렌 필름", hs: "392010" },
    { name: "plastic container", ko: "플라스틱 용기", hs: "392330" },
    { name: "injection molded part", ko: "사출 부품", hs: "392690" },
  ],
  metals: [
    { name: "steel pipe tube", ko: "강관", hs: "730630" },
    { name: "aluminum extrusion profile", ko: "알루미늄 압출", hs: "760429" },
    { name: "bolt fastener", ko: "볼트", hs: "731815" },
    { name: "steel forging", ko: "단조품", hs: "732690" },
  ],
  textiles: [
    { name: "cotton woven fabric", ko: "면직물", hs: "520812" },
    { name: "polyester yarn", ko: "폴리에스터 원사", hs: "540233" },
    { name: "nonwoven fabric", ko: "부직포", hs: "560314" },
  ],
  furniture: [
    { name: "office chair", ko: "사무용 의자", hs: "940130" },
    { name: "wooden furniture", ko: "목재 가구", hs: "940360" },
  ],
  energy: [
    { name: "solar photovoltaic module", ko: "태양광 모듈", hs: "854143" },
    { name: "wind turbine generator", ko: "풍력 발전기", hs: "850231" },
  ],
};

const SECTOR_NAMES = Object.keys(SECTORS);
const GENERIC = ["parts", "component", "system", "assembly", "equipment", "industrial", "precision", "oem", "custom"];
const TIERS = ["oem", "tier1", "tier2", "tier3", "distributor"] as const;
const CERTIFICATIONS = ["ISO 9001", "IATF 16949", "ISO 14001", "CE", "UL", "RoHS", "ISO 13485", "AS9100"];
const KR_REGIONS = ["KR-48", "KR-11", "KR-26", "KR-27", "KR-41", "KR-47"];
const BUYER_PLACES: readonly { country: string; region?: string; city?: string; lat: number; lon: number }[] = [
  { country: "US", region: "US-MI", city: "Detroit", lat: 42.33, lon: -83.05 },
  { country: "US", region: "US-IL", city: "Chicago", lat: 41.88, lon: -87.63 },
  { country: "US", region: "US-OH", city: "Columbus", lat: 39.96, lon: -83.0 },
  { country: "US", region: "US-TX", city: "Houston", lat: 29.76, lon: -95.37 },
  { country: "US", region: "US-CA", city: "Los Angeles", lat: 34.05, lon: -118.24 },
  { country: "US", region: "US-GA", city: "Atlanta", lat: 33.75, lon: -84.39 },
  { country: "CA", region: "CA-ON", city: "Toronto", lat: 43.65, lon: -79.38 },
  { country: "MX", region: "MX-NLE", city: "Monterrey", lat: 25.69, lon: -100.32 },
  { country: "DE", region: "DE-BY", city: "Munich", lat: 48.14, lon: 11.58 },
  { country: "DE", region: "DE-BW", city: "Stuttgart", lat: 48.78, lon: 9.18 },
  { country: "FR", region: "FR-IDF", city: "Paris", lat: 48.86, lon: 2.35 },
  { country: "GB", region: "GB-BIR", city: "Birmingham", lat: 52.49, lon: -1.89 },
  { country: "JP", region: "JP-23", city: "Nagoya", lat: 35.18, lon: 136.91 },
  { country: "CN", region: "CN-SH", city: "Shanghai", lat: 31.23, lon: 121.47 },
  { country: "VN", region: "VN-SG", city: "Ho Chi Minh City", lat: 10.82, lon: 106.63 },
  { country: "IN", region: "IN-TN", city: "Chennai", lat: 13.08, lon: 80.27 },
  { country: "BR", region: "BR-SP", city: "Sao Paulo", lat: -23.55, lon: -46.63 },
  { country: "AU", region: "AU-VIC", city: "Melbourne", lat: -37.81, lon: 144.96 },
];
const TARGETS = ["US", "US-MI", "US-IL", "US-IL:Chicago", "US-MI:Detroit", "north-america", "DE", "europe", "JP", "CN", "MX", "VN", "east-asia", "IN"];

/** Options of {@link generateMarket}. */
export interface MarketSize {
  readonly companies: number;
  readonly buyers: number;
  readonly seed?: number;
}

/** A generated market. */
export interface GeneratedMarket {
  readonly companies: Company[];
  readonly buyers: Buyer[];
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function some<T>(random: () => number, items: readonly T[], most: number): T[] {
  const count = Math.floor(random() * (most + 1));
  const out = new Set<T>();
  for (let index = 0; index < count; index += 1) out.add(pick(random, items));
  return [...out];
}

/** Swaps two adjacent letters of one word of at least 5 letters (a typical typo). */
function misspell(random: () => number, text: string): string {
  const words = text.split(" ");
  const candidates = words.map((word, index) => ({ word, index })).filter(({ word }) => word.length >= 5);
  if (candidates.length === 0) return text;
  const { word, index } = pick(random, candidates);
  const at = 1 + Math.floor(random() * (word.length - 3));
  words[index] = word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2);
  return words.join(" ");
}

function hsVariant(random: () => number, hs: string): string {
  const roll = random();
  if (roll < 0.15) return hs.slice(0, 4);
  if (roll < 0.25) return `${hs.slice(0, 4)}.${hs.slice(4)}`;
  return hs;
}

function product(random: () => number, sector: string): { name: string; hs?: string; keywords?: string[] } {
  const line = pick(random, SECTORS[sector]!);
  const roll = random();
  // Korean exporters often describe a product in Korean only, with the HS code as the bridge.
  if (roll < 0.2) return { name: line.ko, hs: line.hs };
  const name = roll < 0.3 ? misspell(random, line.name) : line.name;
  const item: { name: string; hs?: string; keywords?: string[] } = { name: random() < 0.3 ? `${name} ${pick(random, GENERIC)}` : name };
  if (random() < 0.75) item.hs = hsVariant(random, line.hs);
  return item;
}

function need(random: () => number, sector: string): { name: string; hs?: string; keywords?: string[] } {
  const line = pick(random, SECTORS[sector]!);
  const item: { name: string; hs?: string; keywords?: string[] } = { name: random() < 0.4 ? `${line.name} ${pick(random, GENERIC)}` : line.name };
  if (random() < 0.6) item.hs = hsVariant(random, line.hs);
  if (random() < 0.2) item.keywords = [pick(random, GENERIC)];
  return item;
}

/**
 * Generates a market: companies are Korean exporters, buyers are spread over 18 cities worldwide.
 * About 5% of buyers list no needs, 5% no sectors, 10% no tier; 10% of companies have no readiness.
 *
 * @param size - counts and seed (default seed 42)
 * @returns companies and buyers
 * @example
 * const { companies, buyers } = generateMarket({ companies: 11, buyers: 200 });
 */
export function generateMarket(size: MarketSize): GeneratedMarket {
  const random = seededRandom(size.seed ?? 42);
  const companies: Company[] = [];
  for (let index = 0; index < size.companies; index += 1) {
    const sector = pick(random, SECTOR_NAMES);
    const productCount = 1 + Math.floor(random() * 3);
    const company: Company = {
      id: `c${String(index).padStart(5, "0")}`,
      name: `Exporter ${index}`,
      country: "KR",
      region: pick(random, KR_REGIONS),
      sectors: random() < 0.8 ? [sector] : [`hs:${SECTORS[sector]![0]!.hs.slice(0, 4)}`],
      products: Array.from({ length: productCount }, () => product(random, random() < 0.85 ? sector : pick(random, SECTOR_NAMES))),
      tier: pick(random, TIERS),
      certifications: some(random, CERTIFICATIONS, 3),
      targetMarkets: some(random, TARGETS, 3),
      languages: random() < 0.5 ? ["ko", "en"] : ["ko"],
    };
    if (random() < 0.9) company.readiness = Math.round(random() * 100) / 100;
    companies.push(company);
  }
  const buyers: Buyer[] = [];
  for (let index = 0; index < size.buyers; index += 1) {
    const sector = pick(random, SECTOR_NAMES);
    const place = pick(random, BUYER_PLACES);
    const buyer: Buyer = {
      id: `b${String(index).padStart(6, "0")}`,
      name: `Buyer ${index}`,
      country: place.country,
      languages: ["en"],
    };
    if (place.region !== undefined && random() < 0.9) buyer.region = place.region;
    if (place.city !== undefined && random() < 0.8) buyer.city = place.city;
    if (random() < 0.5) buyer.location = { lat: place.lat, lon: place.lon };
    if (random() < 0.95) buyer.sectors = random() < 0.7 ? [sector] : [`hs:${SECTORS[sector]![0]!.hs.slice(0, 4)}`];
    if (random() < 0.95) {
      const needCount = 1 + Math.floor(random() * 3);
      buyer.needs = Array.from({ length: needCount }, () => need(random, random() < 0.85 ? sector : pick(random, SECTOR_NAMES)));
    }
    if (random() < 0.9) buyer.tier = pick(random, TIERS);
    if (random() < 0.6) buyer.requiredCertifications = some(random, CERTIFICATIONS.slice(0, 4), 1);
    if (random() < 0.1) buyer.sourcingCountries = random() < 0.7 ? ["KR", "JP"] : ["CN", "VN"];
    buyer.verified = random() < 0.8;
    buyers.push(buyer);
  }
  return { companies, buyers };
}
