import { hasAnswer } from "@/lib/export/chat-turns";
import type { ExportFormat, ExportRecord } from "@/lib/export/types";

const CHAT: readonly ExportFormat[] = ["sharegpt", "openai"];

/** Whether the encoder writes this record in this format (the chat formats skip unanswered nodes). */
export function willWrite(format: ExportFormat, record: ExportRecord): boolean {
  return !CHAT.includes(format) || hasAnswer(record);
}
