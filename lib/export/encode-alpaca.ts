import { lineageFields, type LineageFields } from "./lineage-columns";
import type { ExportRecord } from "./types";

export interface AlpacaRow {
  instruction: string;
  input: string;
  output: string;
}

/** The Alpaca object for one record (the encoder gives it answered records only). */
export function alpacaObject(r: ExportRecord, lineage: boolean): AlpacaRow | (AlpacaRow & LineageFields) {
  const row: AlpacaRow = { instruction: r.instruction, input: r.input, output: r.output ?? "" };
  return lineage ? { ...row, ...lineageFields(r) } : row;
}
