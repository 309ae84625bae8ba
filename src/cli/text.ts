/**
 * Plain-text output helpers for the CLI: column tables that line up with Korean text, RFC 4180 CSV,
 * and the few words the CLI itself prints in English or Korean.
 */
import stringWidth from "string-width";
import { evidenceCriterion, type CriterionId, type EvidenceDetail, type Locale } from "../index.js";
import type { IssueSeverity } from "../io/index.js";

/**
 * Terminal columns a string takes, by Unicode's East Asian Width (string-width, bundled into the CLI):
 * Hangul syllables and jamo, CJK and full-width forms take two, combining marks and zero-width
 * characters none.
 *
 * @param text - the text
 * @returns its width in terminal columns
 * @example
 * displayWidth("브레이크 패드"); // 13
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

function pad(text: string, width: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * Lays rows out as aligned columns under a header and a rule.
 *
 * @param header - the column titles
 * @param rows - the cells, one array per row
 * @param rightAligned - indices of columns to align right (numbers)
 * @returns the table text, ending in a newline
 * @example
 * table(["#", "buyer"], [["1", "gm-detroit"]], [0]);
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ""))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, rightAligned.includes(column)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n") + "\n";
}

/** One CSV field, quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Rows as RFC 4180 CSV with CRLF line ends.
 *
 * @param header - the column names
 * @param rows - the cells
 * @returns the CSV text
 * @example
 * csv(["a", "b"], [["1", "x,y"]]); // 'a,b\r\n1,"x,y"\r\n'
 */
export function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** The words the CLI prints itself (the library's explanations carry their own). */
export interface Words {
  readonly rank: string;
  readonly buyer: string;
  readonly company: string;
  readonly score: string;
  readonly why: string;
  readonly reason: string;
  readonly noMatches: string;
  readonly date: string;
  readonly time: string;
  readonly city: string;
  readonly table: string;
  readonly interpreter: string;
  readonly closeness: string;
  readonly selected: string;
  readonly meetings: (count: number, total: string) => string;
  readonly unmatchedCompany: string;
  readonly unmatchedBuyer: string;
  readonly skippedRows: (count: number, file: string) => string;
  readonly issueSummary: (file: string, rows: number, loaded: number, dropped: number, errors: number, warnings: number) => string;
  readonly severity: (severity: IssueSeverity) => string;
  readonly moreIssues: (count: number, issuesFile: string | undefined) => string;
  readonly nothingToWorkWith: (what: string) => string;
  readonly badInput: string;
  readonly criteria: Readonly<Record<CriterionId, string>>;
}

const EN: Words = {
  rank: "#",
  buyer: "buyer",
  company: "company",
  score: "score",
  why: "largest contributions",
  reason: "why",
  noMatches: "no buyer passes the filters",
  date: "date",
  time: "time",
  city: "city",
  table: "table",
  interpreter: "interpreter",
  closeness: "closeness",
  selected: "selected",
  meetings: (count, total) => `${count} meetings, total score ${total}`,
  unmatchedCompany: "company without enough meetings",
  unmatchedBuyer: "buyer without a meeting",
  skippedRows: (count, file) => `${file}: ${count} ${count === 1 ? "row was" : "rows were"} skipped:`,
  issueSummary: (file, rows, loaded, dropped, errors, warnings) =>
    `${file}: ${rows} ${rows === 1 ? "row" : "rows"}, ${loaded} loaded, ${dropped} dropped; ${errors} ${errors === 1 ? "error" : "errors"}, ${warnings} ${warnings === 1 ? "warning" : "warnings"}:`,
  severity: (severity) => severity,
  moreIssues: (count, issuesFile) => `… and ${count} more (${issuesFile === undefined ? "--issues FILE.csv writes them all" : `all are in ${issuesFile}`})`,
  nothingToWorkWith: (what) => `no valid ${what} to work with`,
  badInput: "bad input",
  criteria: { sector: "sector", product: "product", tier: "tier", region: "region", readiness: "readiness", certification: "certification", evidence: "trade evidence", relationship: "relationship" },
};

const KO: Words = {
  rank: "순위",
  buyer: "바이어",
  company: "기업",
  score: "점수",
  why: "주요 기여 요인",
  reason: "근거",
  noMatches: "조건을 만족하는 바이어가 없습니다",
  date: "날짜",
  time: "시간",
  city: "도시",
  table: "테이블",
  interpreter: "통역",
  closeness: "근접도",
  selected: "선정",
  meetings: (count, total) => `상담 ${count}건, 총점 ${total}`,
  unmatchedCompany: "상담이 부족한 기업",
  unmatchedBuyer: "상담이 없는 바이어",
  skippedRows: (count, file) => `${file}: ${count}개 행을 건너뛰었습니다:`,
  issueSummary: (file, rows, loaded, dropped, errors, warnings) => `${file}: ${rows}개 행 중 ${loaded}개 불러옴, ${dropped}개 제외; 오류 ${errors}건, 경고 ${warnings}건:`,
  severity: (severity) => (severity === "error" ? "오류" : "경고"),
  moreIssues: (count, issuesFile) => `… 외 ${count}건 (${issuesFile === undefined ? "--issues FILE.csv 로 전체 목록을 저장할 수 있습니다" : `전체 목록: ${issuesFile}`})`,
  badInput: "입력 오류",
  nothingToWorkWith: (what) => `사용할 수 있는 ${what === "companies" ? "기업" : what === "buyers" ? "바이어" : what === "sessions" ? "세션" : what === "imports" ? "수입 기록" : what} 데이터가 없습니다`,
  criteria: { sector: "산업", product: "품목", tier: "공급망 단계", region: "지역", readiness: "수출 준비도", certification: "인증", evidence: "수입 실적", relationship: "거래 관계" },
};

/**
 * The CLI's words in a locale.
 *
 * @param locale - "en" or "ko"
 * @returns the word table
 * @example
 * wordsFor("ko").score; // "점수"
 */
export function wordsFor(locale: Locale): Words {
  return locale === "ko" ? KO : EN;
}

/** What the Korean shortlist reason needs of an entry (the library's own explanation is English). */
export interface ShortlistReasonInput {
  readonly rank: number;
  readonly name: string;
  readonly companyId: string;
  readonly closeness: number;
  readonly selected: boolean;
  readonly readinessKnown: boolean;
  readonly criteria: Readonly<Record<"marketability" | "readiness" | "breadth" | "strength", { readonly value: number; readonly effect: number }>>;
  readonly lifted: readonly ("marketability" | "readiness" | "breadth" | "strength")[];
  readonly lowered: readonly ("marketability" | "readiness" | "breadth" | "strength")[];
  readonly topMatches: readonly { readonly buyerId: string; readonly score: number; readonly breakdown?: { readonly evidence?: { readonly detail: object } } }[];
  /** Each top match's demand (its score lifted by trade evidence), when the shortlist gives it. */
  readonly demand?: readonly { readonly buyerId: string; readonly score: number; readonly evidence?: number; readonly demand: number }[];
  /** Buyers counted as strong demand only through trade evidence. */
  readonly breadthFromEvidence?: number;
}

const SHORTLIST_CRITERIA_KO = { marketability: "품목 적합도", readiness: "수출 준비도", breadth: "수요 폭", strength: "수요 강도" } as const;

/**
 * The shortlist's reason for one exporter in Korean, built from the entry's figures (the same facts as
 * the library's English `explanation`, line for line), buyers named beside their ids.
 *
 * @param entry - the shortlist entry
 * @param context - the strong-match threshold, top-k, the applicants' mean demand breadth and buyer names
 * @returns the lines
 * @example
 * shortlistReasonKo(entry, { strongScore: 0.6, topK: 3, meanBreadth: 18.8, names });
 */
export function shortlistReasonKo(entry: ShortlistReasonInput, context: { readonly strongScore: number; readonly topK: number; readonly meanBreadth: number; readonly names: ReadonlyMap<string, string> }): string[] {
  const percent = (value: number): string => `${Math.round(value * 100)}%`;
  const signed = (value: number): string => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(3)}`;
  const { criteria } = entry;
  const best = entry.topMatches.map((match) => `${context.names.get(match.buyerId) ?? match.buyerId} (${match.buyerId}) ${match.score.toFixed(2)}`).join(", ");
  // The evidence criterion's own Korean words for what the buyer imported, without its "수입 실적: " label.
  const raised = (entry.demand ?? []).flatMap((demand, index) => {
    if (demand.evidence === undefined) return [];
    const detail = entry.topMatches[index]?.breakdown?.evidence?.detail as EvidenceDetail | undefined;
    const words = detail === undefined ? "" : ` (${evidenceCriterion.describe(detail, "ko").replace(/^수입 실적: /, "")})`;
    return [`${context.names.get(demand.buyerId) ?? demand.buyerId} (${demand.buyerId}) ${demand.score.toFixed(2)} → ${demand.demand.toFixed(2)}${words}`];
  });
  const lines = [
    `${entry.rank}위 ${entry.name} (${entry.companyId}): 근접도 ${entry.closeness.toFixed(3)}${entry.selected ? ", 선정" : ""}.`,
    `수요: 점수 ${context.strongScore.toFixed(2)} 이상 바이어 ${criteria.breadth.value}곳 (신청 기업 평균 ${context.meanBreadth.toFixed(1)}곳); ${raised.length > 0 ? `상위 ${context.topK}개 바이어 수요 평균 (수입 실적으로 높인 매칭 점수)` : `상위 ${context.topK}개 매칭 점수 평균`} ${criteria.strength.value.toFixed(3)}${best === "" ? " (대상 바이어 없음)" : ` (최고: ${best})`}.`,
    `상위 ${context.topK}개 바이어 기준 품목 적합도 ${percent(criteria.marketability.value)}; 수출 준비도 ${entry.readinessKnown ? percent(criteria.readiness.value) : `미기재 (${percent(criteria.readiness.value)}로 계산)`}.`,
  ];
  const fromEvidence = entry.breadthFromEvidence ?? 0;
  if (raised.length > 0 || fromEvidence > 0) {
    const strong = fromEvidence === 0 ? "" : `${raised.length > 0 ? "; " : ""}수입 실적 덕분에 강한 수요로 계산된 바이어 ${fromEvidence}곳`;
    lines.push(`수입 실적으로 높인 수요: ${raised.join("; ")}${strong}.`);
  }
  const describe = (ids: readonly (keyof typeof SHORTLIST_CRITERIA_KO)[]): string => ids.map((id) => `${SHORTLIST_CRITERIA_KO[id]} (${signed(criteria[id].effect)})`).join(", ");
  if (entry.lifted.length > 0) lines.push(`평균적인 신청 기업보다 높인 요인: ${describe(entry.lifted)}.`);
  if (entry.lowered.length > 0) lines.push(`평균적인 신청 기업보다 낮춘 요인: ${describe(entry.lowered)}.`);
  return lines;
}
