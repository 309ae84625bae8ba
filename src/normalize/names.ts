/**
 * Company names as trading partners (issue 11, part 3): a name is folded, its legal form and regional
 * suffix dropped in English and Korean ("Co., Ltd.", "Inc.", "GmbH", "주식회사", "(주)", "North
 * America", "USA"), and mapped through the user's alias list (no dictionary translates "현대모비스"
 * into "Hyundai Mobis"). Two names match when every word of the shorter has its counterpart in the
 * longer one — the same word, or a spelling fuse.js finds similar (through the one adapter) — and the
 * shorter holds at least one distinctive word: "Mobis" ↔ "Hyundai Mobis", never "Hyundai Motor" ↔
 * "Hyundai Mobis", and never two firms that share only a common word ("Korea", "Motor", "Industries").
 */
import { wordSimilarity } from "./fuzzy.js";
import { foldText } from "./text.js";

/** Legal forms, dropped wherever they stand (folded; several-word forms first). */
const LEGAL_FORMS: readonly string[] = [
  "co ltd", "company limited", "co inc", "pty ltd", "l l c", "s a", "s p a", "b v", "n v",
  "co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "lp", "llp", "plc", "gmbh", "ag", "kg", "sa", "sas", "srl", "spa", "bv", "nv", "ab", "oy", "kk", "pte", "pty", "sdn", "bhd", "jsc", "ojsc",
];
/** Regional suffixes of a group's subsidiaries, dropped at the end of a name. */
const REGION_SUFFIXES: readonly string[] = ["north america", "america", "americas", "usa", "us", "u s a", "u s", "europe", "korea", "china", "japan", "india", "mexico", "canada"];
/** Korean legal forms, dropped wherever they stand (also written without a space: "현대모비스주식회사"). */
const KOREAN_FORMS = /\(주\)|\(유\)|\(사\)|\(재\)|주식회사|유한회사|유한책임회사|합자회사|합명회사/gu;

/** Words too common to identify a firm on their own. */
const GENERIC: ReadonlySet<string> = new Set([
  "korea", "korean", "motor", "motors", "heavy", "industries", "industry", "industrial", "international", "global", "group", "holdings", "holding",
  "automotive", "auto", "systems", "system", "technology", "technologies", "tech", "electronics", "electric", "manufacturing", "parts", "components",
  "america", "american", "usa", "north", "south", "east", "west", "precision", "engineering", "solutions", "trading", "enterprise", "enterprises",
  "the", "and", "of", "&", "한국", "코리아", "산업", "공업", "모터스", "전자", "정밀", "그룹",
]);

/** Below this length a word never counts as a misspelling of another (short words collide). */
const FUZZY_MIN_LENGTH = 5;
/** The least similarity two long words need to count as one spelling. */
const FUZZY_MIN_SIMILARITY = 0.8;

/** The distinct pairs of adjacent characters (code points) of a word. */
export function bigrams(word: string): string[] {
  const points = [...word];
  const out = new Set<string>();
  for (let at = 0; at + 1 < points.length; at += 1) out.add(points[at]! + points[at + 1]!);
  return [...out];
}

/**
 * What two different words need before their spellings are compared: both long enough, neither a
 * common word, and two bigrams in common (a word of five or more letters with one error in five
 * keeps at least two of its bigrams, so this drops no spelling fuse.js would accept; and it is what
 * lets an index find a word's spellings through its bigrams).
 */
function mayBeSpelling(a: string, b: string): boolean {
  if ([...a].length < FUZZY_MIN_LENGTH || [...b].length < FUZZY_MIN_LENGTH || GENERIC.has(a) || GENERIC.has(b)) return false;
  const mine = new Set(bigrams(a));
  let shared = 0;
  for (const pair of bigrams(b)) if (mine.has(pair) && ++shared >= SHARED_BIGRAMS) return true;
  return false;
}

/** How many answers each of a matcher's memo tables keeps before it starts over (a market has many names). */
const CACHE_LIMIT = 1 << 17;

/** The least bigrams two different words share before their spellings are compared. */
export const SHARED_BIGRAMS = 2;

/** The shortest word compared by spelling (code points). */
export const SPELLING_MIN_LENGTH = FUZZY_MIN_LENGTH;

function words(text: string): string[] {
  return text.split(" ").filter((word) => word !== "");
}

/**
 * A company name's key: folded (NFKC, lower case), punctuation to spaces, Korean and English legal
 * forms dropped, then a trailing regional suffix ("North America", "USA") dropped when words remain.
 *
 * @param name - the name as written
 * @returns the key: words separated by single spaces ("" when nothing is left)
 * @example
 * companyNameKey("Hyundai Mobis Co., Ltd."); // "hyundai mobis"
 * companyNameKey("Mobis North America, LLC"); // "mobis"
 * companyNameKey("현대모비스(주)"); // "현대모비스"
 */
export function companyNameKey(name: string): string {
  const folded = foldText(name).replace(KOREAN_FORMS, " ").replace(/[^\p{L}\p{N}&]+/gu, " ");
  let list = words(folded);
  const drop = (form: string): void => {
    const parts = words(form);
    for (let start = 0; start + parts.length <= list.length; ) {
      if (parts.every((part, offset) => list[start + offset] === part) && list.length > parts.length) list = [...list.slice(0, start), ...list.slice(start + parts.length)];
      else start += 1;
    }
  };
  for (const form of LEGAL_FORMS) drop(form);
  for (const suffix of REGION_SUFFIXES) {
    const parts = words(suffix);
    if (list.length > parts.length && parts.every((part, offset) => list[list.length - parts.length + offset] === part)) list = list.slice(0, list.length - parts.length);
  }
  return list.join(" ");
}

/** How one name matched another, for explanations. */
export interface NameMatch {
  /** The names as written. */
  readonly a: string;
  readonly b: string;
  /** "same" (one key, after aliases), "contained" (every word of the shorter in the longer). */
  readonly how: "same" | "contained";
}

/** Compares company names under one alias list (answers memoised). */
export interface NameMatcher {
  /** A name's key after the alias list. */
  key(name: string): string;
  /**
   * The distinctive words of a name's key (not in the common-word list). Two names that match
   * always share a distinctive word, or hold two distinctive words that are one spelling
   * (`sameWord`): what an index of names looks words up by.
   */
  distinctive(name: string): readonly string[];
  /** Whether two distinctive words are one spelling: equal, or both long, sharing two bigrams and similar. */
  sameWord(a: string, b: string): boolean;
  /** Whether two names name the same firm. */
  matches(a: string, b: string): boolean;
  /** How two names match, or `undefined`. */
  match(a: string, b: string): NameMatch | undefined;
}

/**
 * A name matcher under an alias list: each entry lists names of one firm in any language
 * (`["현대모비스", "Hyundai Mobis"]`); every name of an entry maps to the entry's smallest key.
 *
 * @param aliases - groups of names of one firm each
 * @returns the matcher
 * @example
 * const names = createNameMatcher([["현대모비스", "Hyundai Mobis"]]);
 * names.matches("현대모비스(주)", "Hyundai Mobis"); // true
 * names.matches("Hyundai Mobis Co., Ltd.", "Mobis North America"); // true
 * names.matches("Korea Zinc", "Korea Electric Power Corporation"); // false
 */
export function createNameMatcher(aliases: readonly (readonly string[])[] = []): NameMatcher {
  const canonical = new Map<string, string>();
  for (const group of aliases) {
    const keys = group.map(companyNameKey).filter((key) => key !== "");
    if (keys.length === 0) continue;
    const smallest = keys.reduce((a, b) => (b < a ? b : a));
    for (const key of keys) {
      const earlier = canonical.get(key);
      canonical.set(key, earlier === undefined || smallest < earlier ? smallest : earlier);
    }
  }
  const keys = new Map<string, string>();
  const answers = new Map<string, "same" | "contained" | "">();
  const key = (name: string): string => {
    let found = keys.get(name);
    if (found === undefined) {
      const own = companyNameKey(name);
      found = canonical.get(own) ?? own;
      if (keys.size >= CACHE_LIMIT) keys.clear();
      keys.set(name, found);
    }
    return found;
  };
  const spellings = new Map<string, boolean>();
  const sameWord = (a: string, b: string): boolean => {
    if (a === b) return true;
    if (!mayBeSpelling(a, b)) return false;
    const pair = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let answer = spellings.get(pair);
    if (answer === undefined) {
      answer = Math.min(wordSimilarity(a, b), wordSimilarity(b, a)) >= FUZZY_MIN_SIMILARITY;
      if (spellings.size >= CACHE_LIMIT) spellings.clear();
      spellings.set(pair, answer);
    }
    return answer;
  };
  const distinctiveWords = new Map<string, readonly string[]>();
  const how = (a: string, b: string): "same" | "contained" | "" => {
    const ka = key(a);
    const kb = key(b);
    if (ka === "" || kb === "") return "";
    if (ka === kb) return words(ka).some((word) => !GENERIC.has(word)) ? "same" : "";
    const wa = words(ka);
    const wb = words(kb);
    const [shorter, longer] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
    if (!shorter.some((word) => !GENERIC.has(word))) return "";
    return shorter.every((word) => longer.some((other) => sameWord(word, other))) ? "contained" : "";
  };
  const cached = (a: string, b: string): "same" | "contained" | "" => {
    const pair = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let answer = answers.get(pair);
    if (answer === undefined) {
      answer = a < b ? how(a, b) : how(b, a);
      if (answers.size >= CACHE_LIMIT) answers.clear();
      answers.set(pair, answer);
    }
    return answer;
  };
  return {
    key,
    distinctive(name) {
      let found = distinctiveWords.get(name);
      if (found === undefined) {
        found = [...new Set(words(key(name)).filter((word) => !GENERIC.has(word)))];
        if (distinctiveWords.size >= CACHE_LIMIT) distinctiveWords.clear();
        distinctiveWords.set(name, found);
      }
      return found;
    },
    sameWord,
    matches: (a, b) => cached(a, b) !== "",
    match(a, b) {
      const answer = cached(a, b);
      return answer === "" ? undefined : { a, b, how: answer };
    },
  };
}
