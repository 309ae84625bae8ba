/**
 * The loaders' own messages as data: each row issue carries a `reason` (`{ code, ...params }`), and
 * {@link loadReasonText} renders it in English (the issue's `message`) or Korean. The core's messages
 * about a field's value (an invalid code, a country that is not ISO) are the core's own English text,
 * carried as `detail` and framed in the chosen language.
 */
import { z } from "zod";
import type { Locale } from "../criteria/types.js";

/** What a dropped optional value was, for the "…, the row is kept" ending. */
export type DroppedPart =
  | { readonly what: "value" }
  | { readonly what: "entry" }
  /** A product or need as a whole (`noun` is "product" or "need"; `index` 1-based). */
  | { readonly what: "item"; readonly noun: string; readonly index: number }
  /** Only the code (or keywords) of a product or need; the item stays. */
  | { readonly what: "code" | "keywords"; readonly noun: string; readonly index: number; readonly name: string };

/** Why a loader reported a row (or the file): the codes and their parameters. */
export type LoadReason = (
  | { readonly code: "unclosed_quote" }
  | { readonly code: "empty_table" }
  | { readonly code: "invalid_json"; readonly error: string; readonly wholeFile: boolean }
  | { readonly code: "not_a_list"; readonly kind: string }
  | { readonly code: "unknown_key"; readonly suggestion?: string }
  | { readonly code: "unknown_column"; readonly suggestion?: string }
  | { readonly code: "repeated_column"; readonly earlier: string }
  | { readonly code: "missing_column"; readonly column: string; readonly found: readonly string[] }
  | { readonly code: "too_many_cells"; readonly cells: number; readonly columns: number; readonly decimalComma?: string }
  | { readonly code: "cut_short"; readonly cells: number; readonly columns: number; readonly first: string; readonly last: string }
  | { readonly code: "not_a_number"; readonly cell: string; readonly decimalComma: boolean }
  | { readonly code: "not_a_boolean"; readonly cell: string }
  | { readonly code: "readiness_twice" }
  | { readonly code: "duplicate_id"; readonly id: string; readonly first: number }
  /** An imports-file record whose `buyerId` names no buyer (`loadImports`). */
  | { readonly code: "unknown_buyer"; readonly id: string }
  | { readonly code: "value_missing"; readonly table: boolean }
  /** A value the record's schema refuses: `detail` is the core's message; `leadingZero` the digits that look like a code that lost its zero. */
  | { readonly code: "invalid_value"; readonly detail: string; readonly leadingZero?: string }
  | { readonly code: "invalid_encoding"; readonly line: number; readonly encoding: string; readonly how: "option" | "byte-order mark" | "read"; readonly file?: string }
) & {
  /** Set on a warning: what was dropped while the row was kept. */
  readonly dropped?: DroppedPart;
};

/** Every loader reason code. */
export type LoadReasonCode = LoadReason["code"];

type Renderers = { readonly [C in LoadReasonCode]: (reason: Extract<LoadReason, { code: C }>) => string };

const ENCODING_NAMES: Readonly<Record<string, string>> = { "utf-8": "UTF-8", "utf-16le": "UTF-16 (little-endian)", "utf-16be": "UTF-16 (big-endian)", cp949: "CP949 (EUC-KR)" };
const encodingName = (encoding: string): string => ENCODING_NAMES[encoding] ?? encoding;
const quoted = (text: string): string => JSON.stringify(text);

const EN: Renderers = {
  unclosed_quote: () => 'has a quote (") that is never closed; the row is dropped and reading goes on with the next line',
  empty_table: () => "is empty: a table needs a header row",
  invalid_json: (r) => `is not valid JSON: ${r.error}${r.wholeFile ? " (a large file reads better as JSONL, one record per line)" : ""}`,
  not_a_list: (r) => `must be a JSON array of ${r.kind}, or an object with a "${r.kind}" array`,
  unknown_key: (r) => `is not a field buyermatch reads; ${r.suggestion === undefined ? "it" : `did you mean ${r.suggestion}? It`} is ignored (reported once, at the first row that has it)`,
  unknown_column: (r) => (r.suggestion === undefined ? "is not a column buyermatch reads; its cells are ignored" : `is not a column buyermatch reads; did you mean ${r.suggestion}? Its cells are ignored`),
  repeated_column: (r) => `repeats column ${r.earlier}; only the first is read`,
  missing_column: (r) => `the header has no ${r.column} column (found: ${r.found.join(", ")})`,
  too_many_cells: (r) => `has ${r.cells} cells but the header has ${r.columns} columns (a value holding the separator needs "quotes"${r.decimalComma === undefined ? "" : `; ${quoted(r.decimalComma)} looks like a number with a decimal comma, which a comma-separated file splits in two`})`,
  cut_short: (r) => `has ${r.cells} of ${r.columns} cells: it looks cut short, so ${r.first === r.last ? `column ${r.first} is` : `columns ${r.first} to ${r.last} are`} read as empty`,
  not_a_number: (r) => `${quoted(r.cell)} is not a number${r.decimalComma ? ` (a decimal comma in a file separated by ","? write ${r.cell.replace(",", ".")})` : ""}`,
  not_a_boolean: (r) => `${quoted(r.cell)} is not true or false (write true/false, yes/no or 1/0)`,
  readiness_twice: () => "give readiness as one number or as readiness_<item> columns, not both",
  duplicate_id: (r) => `${quoted(r.id)} appears more than once (first at row ${r.first})`,
  unknown_buyer: (r) => `no buyer has the id ${quoted(r.id)}; the record is dropped`,
  value_missing: (r) => (r.table ? "is empty, but a value is required" : "is missing, but a value is required"),
  invalid_value: (r) => `${r.detail}${r.leadingZero === undefined ? "" : ` (a spreadsheet may have dropped its leading zero: write "0${r.leadingZero}" and format the column as Text)`}`,
  invalid_encoding: (r) => {
    const how = r.how === "option" ? "the encoding asked for" : r.how === "byte-order mark" ? "the encoding its byte-order mark names" : "the encoding read";
    const hint =
      r.encoding === "utf-8"
        ? ' If the file was saved by Korean Excel ("CSV"), it is probably CP949: pass encoding "cp949" (--encoding cp949).'
        : " Pass the file's encoding (--encoding utf-8, utf-16le or cp949), or save it again as UTF-8.";
    return `${r.file === undefined ? "" : `${r.file} `}line ${r.line} is not valid ${encodingName(r.encoding)} (${how}); nothing was loaded.${hint}`;
  },
};

const KO: Renderers = {
  unclosed_quote: () => '닫히지 않은 따옴표(")가 있어 이 행을 건너뛰고 다음 줄부터 계속 읽습니다',
  empty_table: () => "비어 있습니다: 표에는 머리글 행이 필요합니다",
  invalid_json: (r) => `올바른 JSON이 아닙니다: ${r.error}${r.wholeFile ? " (큰 파일은 한 줄에 레코드 하나인 JSONL이 더 잘 읽힙니다)" : ""}`,
  not_a_list: (r) => `${r.kind}의 JSON 배열이거나 "${r.kind}" 배열을 가진 객체여야 합니다`,
  unknown_key: (r) => `buyermatch가 읽지 않는 필드입니다${r.suggestion === undefined ? "" : ` (${r.suggestion}을(를) 뜻했나요?)`}; 무시합니다 (처음 나온 행에서 한 번만 알립니다)`,
  unknown_column: (r) => `buyermatch가 읽지 않는 열입니다${r.suggestion === undefined ? "" : ` (${r.suggestion}을(를) 뜻했나요?)`}; 이 열의 값은 무시합니다`,
  repeated_column: (r) => `${r.earlier} 열이 반복됩니다; 첫 번째 열만 읽습니다`,
  missing_column: (r) => `머리글에 ${r.column} 열이 없습니다 (있는 열: ${r.found.join(", ")})`,
  too_many_cells: (r) => `셀이 ${r.cells}개인데 머리글의 열은 ${r.columns}개입니다 (구분자가 든 값은 "따옴표"로 감싸야 합니다${r.decimalComma === undefined ? "" : `; ${quoted(r.decimalComma)}은(는) 소수점 쉼표가 있는 숫자로 보이며, 쉼표로 구분된 파일에서는 둘로 나뉩니다`})`,
  cut_short: (r) => `셀이 ${r.columns}개 중 ${r.cells}개뿐이라 잘린 행으로 보입니다; ${r.first === r.last ? `${r.first} 열은` : `${r.first}부터 ${r.last}까지의 열은`} 빈 값으로 읽습니다`,
  not_a_number: (r) => `${quoted(r.cell)}은(는) 숫자가 아닙니다${r.decimalComma ? ` ("," 로 구분된 파일에 소수점 쉼표? ${r.cell.replace(",", ".")}로 쓰세요)` : ""}`,
  not_a_boolean: (r) => `${quoted(r.cell)}은(는) 참/거짓 값이 아닙니다 (true/false, yes/no 또는 1/0으로 쓰세요)`,
  readiness_twice: () => "readiness는 숫자 하나 또는 readiness_<항목> 열로 주세요. 둘 다는 안 됩니다",
  duplicate_id: (r) => `${quoted(r.id)}이(가) 두 번 이상 나옵니다 (처음은 ${r.first}행)`,
  unknown_buyer: (r) => `id가 ${quoted(r.id)}인 바이어가 없습니다; 이 기록은 버립니다`,
  value_missing: (r) => (r.table ? "비어 있지만 값이 필요합니다" : "없지만 값이 필요합니다"),
  invalid_value: (r) => `값이 올바르지 않습니다: ${r.detail}${r.leadingZero === undefined ? "" : ` (스프레드시트가 앞자리 0을 지웠을 수 있습니다: "0${r.leadingZero}"로 쓰고 열 서식을 텍스트로 지정하세요)`}`,
  invalid_encoding: (r) => {
    const how = r.how === "option" ? "지정한 인코딩" : r.how === "byte-order mark" ? "바이트 순서 표시(BOM)가 가리키는 인코딩" : "판별한 인코딩";
    const hint =
      r.encoding === "utf-8"
        ? ' 한국어 Excel에서 "CSV"로 저장한 파일이라면 CP949일 가능성이 큽니다: --encoding cp949 를 주세요.'
        : " 파일의 인코딩을 주거나(--encoding utf-8, utf-16le, cp949) UTF-8로 다시 저장하세요.";
    return `${r.file === undefined ? "" : `${r.file} `}${r.line}번째 줄이 올바른 ${encodingName(r.encoding)}가 아닙니다 (${how}); 아무것도 읽지 않았습니다.${hint}`;
  },
};

const text = z.string();
const count = z.int().min(0);
const DroppedPartSchema = z.discriminatedUnion("what", [
  z.object({ what: z.literal("value") }),
  z.object({ what: z.literal("entry") }),
  z.object({ what: z.literal("item"), noun: text, index: count }),
  z.object({ what: z.enum(["code", "keywords"]), noun: text, index: count, name: text }),
]);
const dropped = { dropped: DroppedPartSchema.optional() };

/** A loader reason as data: what `RowIssue.reason` holds (checked where an issue comes back as input). */
export const LoadReasonSchema = z.discriminatedUnion(
  "code",
  [
    z.object({ code: z.literal("unclosed_quote"), ...dropped }),
    z.object({ code: z.literal("empty_table"), ...dropped }),
    z.object({ code: z.literal("invalid_json"), error: text, wholeFile: z.boolean(), ...dropped }),
    z.object({ code: z.literal("not_a_list"), kind: text, ...dropped }),
    z.object({ code: z.literal("unknown_key"), suggestion: text.optional(), ...dropped }),
    z.object({ code: z.literal("unknown_column"), suggestion: text.optional(), ...dropped }),
    z.object({ code: z.literal("repeated_column"), earlier: text, ...dropped }),
    z.object({ code: z.literal("missing_column"), column: text, found: z.array(text), ...dropped }),
    z.object({ code: z.literal("too_many_cells"), cells: count, columns: count, decimalComma: text.optional(), ...dropped }),
    z.object({ code: z.literal("cut_short"), cells: count, columns: count, first: text, last: text, ...dropped }),
    z.object({ code: z.literal("not_a_number"), cell: text, decimalComma: z.boolean(), ...dropped }),
    z.object({ code: z.literal("not_a_boolean"), cell: text, ...dropped }),
    z.object({ code: z.literal("readiness_twice"), ...dropped }),
    z.object({ code: z.literal("duplicate_id"), id: text, first: count, ...dropped }),
    z.object({ code: z.literal("unknown_buyer"), id: text, ...dropped }),
    z.object({ code: z.literal("value_missing"), table: z.boolean(), ...dropped }),
    z.object({ code: z.literal("invalid_value"), detail: text, leadingZero: text.optional(), ...dropped }),
    z.object({ code: z.literal("invalid_encoding"), line: count, encoding: text, how: z.enum(["option", "byte-order mark", "read"]), file: text.optional(), ...dropped }),
  ],
  { error: "must be a loader reason ({ code, ...params }) as the loaders write it" },
);

/** Every loader reason code (the keys of the English renderings; the Korean ones must match them). */
export const LOAD_REASON_CODES: readonly LoadReasonCode[] = Object.keys(EN) as LoadReasonCode[];

function droppedText(part: DroppedPart, ko: boolean): string {
  if (ko) {
    const noun = (name: string): string => (name === "product" ? "품목" : name === "need" ? "수요" : name);
    switch (part.what) {
      case "value":
        return "값을 버리고 행은 유지합니다";
      case "entry":
        return "항목을 버리고 행은 유지합니다";
      case "item":
        return `${noun(part.noun)} ${part.index}을(를) 버리고 행은 유지합니다`;
      default:
        return `${part.what === "keywords" ? "키워드" : "코드"}를 버리고 ${noun(part.noun)} ${part.index} (${quoted(part.name)})와 행은 유지합니다`;
    }
  }
  switch (part.what) {
    case "value":
      return "the value was dropped, the row is kept";
    case "entry":
      return "the entry was dropped, the row is kept";
    case "item":
      return `${part.noun} ${part.index} was dropped, the row is kept`;
    default:
      return `the ${part.what === "keywords" ? "keywords were" : "code was"} dropped and ${part.noun} ${part.index} (${quoted(part.name)}) kept, the row is kept`;
  }
}

/**
 * Renders a loader's reason in English or Korean (the English text is the issue's `message`).
 *
 * @param reason - a row issue's `reason`
 * @param locale - "en" (default) or "ko"
 * @returns one sentence
 * @example
 * loadReasonText({ code: "unknown_column", suggestion: "requiredCertifications" }, "ko");
 * // "buyermatch가 읽지 않는 열입니다 (requiredCertifications을(를) 뜻했나요?); 이 열의 값은 무시합니다"
 */
export function loadReasonText(reason: LoadReason, locale: Locale = "en"): string {
  const ko = locale === "ko";
  const render = (ko ? KO : EN)[reason.code] as (reason: LoadReason) => string;
  const text = render(reason);
  return reason.dropped === undefined ? text : `${text}; ${droppedText(reason.dropped, ko)}`;
}

/** Reasons of errors the loaders throw (a file not valid in its encoding), by issue: the CLI renders them in its locale. */
const thrownReasons = new WeakMap<object, LoadReason>();

/**
 * Remembers the reason of a thrown issue.
 *
 * @param issue - an issue of a BuyerMatchError a loader throws
 * @param reason - its reason
 * @returns the issue
 * @example
 * new BuyerMatchError([withReason({ code: "invalid_encoding", path: ["rows", 3], message }, reason)]);
 */
export function withReason<I extends object>(issue: I, reason: LoadReason): I {
  thrownReasons.set(issue, reason);
  return issue;
}

/**
 * The reason of an issue a loader threw, when it has one.
 *
 * @param issue - an issue of a BuyerMatchError
 * @returns its reason, or undefined
 * @example
 * const reason = reasonOfThrown(error.issues[0]);
 */
export function reasonOfThrown(issue: object): LoadReason | undefined {
  return thrownReasons.get(issue);
}
