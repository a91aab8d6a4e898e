import type { ExportRecord } from "../types";

/** A record with every field set; override what a test is about. */
export function exportRecord(overrides: Partial<ExportRecord> = {}): ExportRecord {
  return {
    id: "node-1",
    rootId: "root-1",
    parentId: "root-1",
    round: 1,
    operation: "deepen",
    instruction: "Explain photosynthesis.",
    input: "",
    output: "Plants turn light into sugar.",
    verdict: "passed",
    failedRules: [],
    humanStatus: "accepted",
    reviewers: ["ann@example.com"],
    reviewerNames: ["Ann"],
    difficulty: 6,
    ...overrides,
  };
}

/**
 * Text that breaks naive encoders: emoji and CJK (multi-byte UTF-8), RTL,
 * newlines (LF and CRLF), tabs, quotes, commas, backslashes, a lone "=",
 * U+2028, and an empty input; and one record without an answer, which
 * every format leaves out. None has leading or trailing whitespace, which
 * the seed importer trims.
 */
export const TRICKY_RECORDS: ExportRecord[] = [
  exportRecord({
    id: "a",
    parentId: null,
    round: 0,
    operation: null,
    instruction: "Say hi 👋 in 日本語 and עברית",
    input: "",
    output: "こんにちは 👋 — שלום",
    failedRules: [],
    reviewers: [],
    reviewerNames: [],
    difficulty: null,
  }),
  exportRecord({
    id: "b",
    instruction: 'Quote "this", then that',
    input: "a,b,c\nd,e,f",
    output: 'He said "yes", she said \\"no\\"',
    failedRules: ["refusal", "empty_answer"],
    reviewers: ["ann.smith@example.com", "bob@example.com"],
    reviewerNames: ["Smith, Ann", "bob"],
  }),
  exportRecord({
    id: "c",
    instruction: "Tabs\there and\r\nCRLF lines",
    input: "C:\\path\\to\\file",
    output: "=SUM(A1:A2)\nline 2",
    verdict: "failed",
    humanStatus: "rejected",
  }),
  exportRecord({
    id: "d",
    instruction: "Separators\u2028inside\u2029text",
    input: "x",
    output: "Answer\u2029here",
    humanStatus: "unreviewed",
    reviewers: [],
    reviewerNames: [],
  }),
  exportRecord({
    id: "e",
    instruction: "Backslash n literal \\n and \\u0041",
    input: "",
    output: '{"json": [1, 2]}',
    difficulty: 10,
  }),
  exportRecord({
    id: "f",
    instruction: "Not answered yet",
    input: "",
    output: null,
    humanStatus: "unreviewed",
    reviewers: [],
    reviewerNames: [],
  }),
];

/** The records every format writes: those with an answer (the last of TRICKY_RECORDS has none). */
export const ANSWERED_RECORDS = TRICKY_RECORDS.filter((r) => r.output !== null);

export async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}
