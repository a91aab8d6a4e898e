import { hasAnswer } from "@/lib/export/chat-turns";
import type { ExportRecord } from "@/lib/export/types";

/** Whether the encoder writes this record: every format leaves out records without an answer. */
export function willWrite(record: ExportRecord): boolean {
  return hasAnswer(record);
}
