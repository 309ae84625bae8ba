/**
 * The loaders' messages as data (issue 16, `--locale ko`): every reason code renders in English and in
 * Korean; the English rendering is the issue's message, word for word, for the issues real bad files give.
 */
import iconv from "iconv-lite";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRowIssue, loadBuyers, loadCompanies, type RowIssue } from "../../src/io/index.js";
import { LOAD_REASON_CODES, loadReasonText, reasonOfThrown, type LoadReason, type LoadReasonCode } from "../../src/io/messages.js";
import { BuyerMatchError } from "../../src/index.js";

/** One reason per code, with every optional part given, so each branch of the wording is drawn. */
const SAMPLES: Readonly<Record<LoadReasonCode, readonly LoadReason[]>> = {
  unclosed_quote: [{ code: "unclosed_quote" }],
  empty_table: [{ code: "empty_table" }],
  invalid_json: [{ code: "invalid_json", error: "Unexpected token", wholeFile: true }, { code: "invalid_json", error: "Unexpected token", wholeFile: false }],
  not_a_list: [{ code: "not_a_list", kind: "buyers" }],
  unknown_key: [{ code: "unknown_key" }, { code: "unknown_key", suggestion: "requiredCertifications" }],
  unknown_column: [{ code: "unknown_column" }, { code: "unknown_column", suggestion: "meeting_capacity" }],
  repeated_column: [{ code: "repeated_column", earlier: "meetingCapacity" }],
  missing_column: [{ code: "missing_column", column: "name", found: ["id", "country"] }],
  too_many_cells: [{ code: "too_many_cells", cells: 21, columns: 20 }, { code: "too_many_cells", cells: 21, columns: 20, decimalComma: "44,902691" }],
  cut_short: [{ code: "cut_short", cells: 5, columns: 20, first: "lat", last: "need4_keywords" }, { code: "cut_short", cells: 19, columns: 20, first: "notes", last: "notes" }],
  not_a_number: [{ code: "not_a_number", cell: "44,9", decimalComma: true }, { code: "not_a_number", cell: "many", decimalComma: false }],
  not_a_boolean: [{ code: "not_a_boolean", cell: "maybe" }],
  readiness_twice: [{ code: "readiness_twice" }],
  duplicate_id: [{ code: "duplicate_id", id: "ford-dearborn", first: 2 }],
  unknown_buyer: [{ code: "unknown_buyer", id: "kia-georgia" }],
  value_missing: [{ code: "value_missing", table: true }, { code: "value_missing", table: false }],
  invalid_value: [
    { code: "invalid_value", detail: '"910000" is not a NAICS code' },
    { code: "invalid_value", detail: '"203" is not an HS code', leadingZero: "203", dropped: { what: "code", noun: "need", index: 2, name: "Frozen pork" } },
    { code: "invalid_value", detail: "bad", dropped: { what: "keywords", noun: "product", index: 1, name: "Brake pads" } },
    { code: "invalid_value", detail: "bad", dropped: { what: "item", noun: "need", index: 3 } },
    { code: "invalid_value", detail: "bad", dropped: { what: "entry" } },
    { code: "invalid_value", detail: "bad", dropped: { what: "value" } },
  ],
  invalid_encoding: [
    { code: "invalid_encoding", line: 2, encoding: "utf-8", how: "option", file: "buyers.csv" },
    { code: "invalid_encoding", line: 7, encoding: "cp949", how: "read" },
    { code: "invalid_encoding", line: 1, encoding: "utf-16le", how: "byte-order mark" },
  ],
};

const HANGUL = /[\uac00-\ud7a3]/;

describe("loader reasons in English and Korean", () => {
  it("every reason code the loaders use has a sample here and a Korean rendering", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...LOAD_REASON_CODES].sort());
    for (const code of LOAD_REASON_CODES) {
      for (const reason of SAMPLES[code] ?? []) {
        const english = loadReasonText(reason, "en");
        const korean = loadReasonText(reason, "ko");
        expect(english, code).not.toMatch(HANGUL);
        expect(korean, code).toMatch(HANGUL);
        expect(korean, code).not.toBe(english);
        expect(loadReasonText(reason)).toBe(english);
      }
    }
  });

  it("the parameters appear in both languages", () => {
    const reason: LoadReason = { code: "unknown_column", suggestion: "requiredCertifications" };
    expect(loadReasonText(reason, "en")).toBe("is not a column buyermatch reads; did you mean requiredCertifications? Its cells are ignored");
    expect(loadReasonText(reason, "ko")).toBe("buyermatch가 읽지 않는 열입니다 (requiredCertifications을(를) 뜻했나요?); 이 열의 값은 무시합니다");
    expect(loadReasonText({ code: "not_a_number", cell: "44,902691", decimalComma: true }, "ko")).toContain("44.902691");
    expect(loadReasonText({ code: "duplicate_id", id: "gm", first: 4 }, "ko")).toBe('"gm"이(가) 두 번 이상 나옵니다 (처음은 4행)');
  });
});

const directory = mkdtempSync(join(tmpdir(), "buyermatch-messages-"));
function file(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

describe("the issues of real bad files", () => {
  it("carry a reason whose English rendering is their message, word for word, and format in Korean", async () => {
    const csv = [
      "id,name,country,requiredCertificates,meeting_capcity,meetingCapacity,meeting_capacity,lat,lon,verified,need1_name,need1_hs,need2_name,need2_naics",
      'gm,General Motors,US,IATF 16949,2,2,3,42.33,-83.04,yes,Frozen pork,203,Brake pads,910000',
      "ford,Ford,US,,,many,,42.3,,maybe,,,,",
      "gm,General Motors again,US",
      'tsla,"Tesla,US',
      "",
    ].join("\n");
    const result = await loadBuyers(file("buyers-bad.csv", csv));
    const json = await loadCompanies(file("companies-bad.json", JSON.stringify([{ id: "hanil", name: "Hanil", country: "KR", meetingBudgte: 6, products: [{ name: "Brake pads", hs: "87A830", colour: "red" }] }, { id: "hanil", country: "KR" }])));
    const issues: RowIssue[] = [...result.issues, ...json.issues];
    const codes = new Set(issues.map((issue) => issue.reason?.code));
    for (const code of ["unknown_column", "repeated_column", "not_a_number", "not_a_boolean", "value_missing", "invalid_value", "duplicate_id", "unclosed_quote", "unknown_key", "cut_short"] as const) expect(codes, code).toContain(code);
    for (const issue of issues) {
      expect(issue.reason, issue.message).toBeDefined();
      expect(loadReasonText(issue.reason!, "en")).toBe(issue.message);
      const korean = formatRowIssue(issue, "buyers.csv", "ko");
      expect(korean).toMatch(HANGUL);
      expect(korean).toContain(issue.row === 0 ? "파일" : `${issue.row}행`);
    }
    expect(formatRowIssue(issues[0]!, "buyers.csv")).toBe(`buyers.csv row 1, column requiredCertificates: ${issues[0]!.message}`);
  });

  it("a file not valid in its encoding throws an issue with its reason", async () => {
    const bytes = iconv.encode("id,name,country\nhanil,한일브레이크,KR\n", "cp949");
    const error = await loadCompanies(file("companies-cp949.csv", bytes), { encoding: "utf-8" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuyerMatchError);
    const issue = (error as BuyerMatchError).issues[0]!;
    const reason = reasonOfThrown(issue);
    expect(reason).toEqual({ code: "invalid_encoding", line: 2, encoding: "utf-8", how: "option", file: join(directory, "companies-cp949.csv") });
    expect(loadReasonText(reason!, "en")).toBe(issue.message);
    expect(loadReasonText(reason!, "ko")).toContain("2번째 줄이 올바른 UTF-8가 아닙니다 (지정한 인코딩)");
  });

  it("formatRowIssue refuses a locale it does not know and a reason that is not a loader's; an issue without a reason keeps its message", () => {
    const issue: RowIssue = { row: 3, column: "hs", code: "invalid_code", severity: "error", message: "bad" };
    expect(() => formatRowIssue(issue, undefined, "fr" as "en")).toThrow(BuyerMatchError);
    for (const reason of [{ code: "from_elsewhere" }, { code: "cut_short", cells: 5 }, { code: "duplicate_id", id: "a", first: -1 }, null]) {
      expect(() => formatRowIssue({ ...issue, reason: reason as unknown as LoadReason }, undefined, "ko")).toThrow(BuyerMatchError);
    }
    expect(formatRowIssue(issue, undefined, "ko")).toBe("3행, hs 열: bad");
    for (const code of LOAD_REASON_CODES) for (const reason of SAMPLES[code]) expect(formatRowIssue({ ...issue, reason }, undefined, "ko")).toBe(`3행, hs 열: ${loadReasonText(reason, "ko")}`);
  });
});
