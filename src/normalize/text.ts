/**
 * Text normalisation for names, needs and keywords: NFKC, case folding, whitespace, simple English
 * plural folding. Hangul and other scripts are kept as they are (NFKC composes Hangul syllables).
 */

/** Words that carry no meaning for matching products to needs. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  "a", "an", "and", "as", "at", "by", "co", "corp", "etc", "for", "from", "in", "inc", "into", "is", "it", "its", "llc", "ltd",
  "of", "on", "or", "other", "the", "to", "type", "types", "with", "without",
]);

/**
 * Folds text for comparison: NFKC, lower case, runs of white space to one space, trimmed.
 *
 * @example
 * foldText("  Hydraulic\u3000CYLINDERS "); // "hydraulic cylinders"
 */
export function foldText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/**
 * Folds a simple English plural to its singular ("cylinders" → "cylinder", "assemblies" → "assembly",
 * "boxes" → "box"). Words of other scripts, short words and words ending in "ss", "us" or "is" are
 * left alone.
 *
 * @example
 * singular("bearings"); // "bearing"
 */
export function singular(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (word.endsWith("ies") && word.length > 4) return word.slice(0, -3) + "y";
  if (/(?:ches|shes|sses|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Splits text into normalised word tokens: folded, split on anything that is not a letter or a digit,
 * stop words dropped, plurals folded, duplicates removed, in first-seen order.
 *
 * @example
 * tokenize("Brake components, HS 870830"); // ["brake", "component", "hs", "870830"]
 * tokenize("유압 실린더"); // ["유압", "실린더"]
 */
export function tokenize(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
    if (raw === "" || STOPWORDS.has(raw)) continue;
    seen.add(singular(raw));
  }
  return [...seen];
}

/** Script bits of {@link scriptsOf}. */
export const SCRIPT_LATIN = 1;
export const SCRIPT_HANGUL = 2;
export const SCRIPT_OTHER = 4;

/**
 * The scripts a list of words is written in, as bits: Latin 1, Hangul 2, any other letters 4 (digits
 * alone count for none). Two texts can only be compared word by word when they share a script: an
 * English need says nothing for or against a product named only in Korean.
 *
 * @param words - normalised words
 * @returns the bits of the scripts used
 * @example
 * scriptsOf(["brake", "pad"]); // 1
 * scriptsOf(["브레이크", "패드"]); // 2
 */
export function scriptsOf(words: readonly string[]): number {
  let bits = 0;
  for (const word of words) {
    if (/\p{Script=Latin}/u.test(word)) bits |= SCRIPT_LATIN;
    if (/\p{Script=Hangul}/u.test(word)) bits |= SCRIPT_HANGUL;
    if (/[^\p{Script=Latin}\p{Script=Hangul}\p{N}]/u.test(word)) bits |= SCRIPT_OTHER;
  }
  return bits;
}
