import type { ExportRecord } from "./types";

type Getter<T> = (r: ExportRecord) => T;

// What a column holds decides how each format writes it: Parquet's column
// type, and in CSV a null becomes an empty cell and a list is joined.
const text = <T extends string>(value: Getter<T>) => ({ kind: "text" as const, nullable: false, value });
const optionalText = (value: Getter<string | null>) => ({ kind: "text" as const, nullable: true, value });
const int = (value: Getter<number>) => ({ kind: "int" as const, nullable: false, value });
const optionalInt = (value: Getter<number | null>) => ({ kind: "int" as const, nullable: true, value });
const list = (value: Getter<string[]>) => ({ kind: "list" as const, nullable: false, value });

/** The lineage columns, in file order, snake_case as Python-side tools expect. */
export const LINEAGE = {
  id: text((r) => r.id),
  root_id: text((r) => r.rootId),
  parent_id: optionalText((r) => r.parentId),
  round: int((r) => r.round),
  operation: optionalText((r) => r.operation),
  verdict: text((r) => r.verdict),
  failed_rules: list((r) => r.failedRules),
  human_status: text((r) => r.humanStatus),
  reviewers: list((r) => r.reviewers),
  reviewer_names: list((r) => r.reviewerNames),
  difficulty: optionalInt((r) => r.difficulty),
};

type LineageColumn = keyof typeof LINEAGE;
export const LINEAGE_COLUMNS = Object.keys(LINEAGE) as LineageColumn[];

/** The lineage of one record as JSON values: lists stay lists, missing values are null. */
export type LineageFields = { [C in LineageColumn]: ReturnType<(typeof LINEAGE)[C]["value"]> };

export function lineageFields(r: ExportRecord): LineageFields {
  const fields: Partial<Record<LineageColumn, unknown>> = {};
  for (const column of LINEAGE_COLUMNS) fields[column] = LINEAGE[column].value(r);
  return fields as LineageFields;
}

/**
 * Lists joined for flat text files (CSV). ", " reads naturally in a
 * spreadsheet; rule names never contain a comma, reviewer names rarely do —
 * whoever needs exact lists should take JSONL or Parquet.
 */
const LIST_SEPARATOR = ", ";

/** The lineage as CSV cells: null becomes an empty cell, lists are joined. */
export function lineageCells(r: ExportRecord): string[] {
  return LINEAGE_COLUMNS.map((column) => {
    const v = LINEAGE[column].value(r);
    if (v === null) return "";
    if (Array.isArray(v)) return v.join(LIST_SEPARATOR);
    return String(v);
  });
}
