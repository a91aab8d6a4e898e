import { userTurn } from "./chat-turns";
import { lineageFields } from "./lineage-columns";
import type { ExportRecord } from "./types";

/** One OpenAI chat fine-tuning example: `messages` (system, user, assistant). */
export function openAiChatObject(
  r: ExportRecord & { output: string },
  lineage: boolean,
  systemPrompt?: string,
): object {
  const messages = [
    ...(systemPrompt ? [{ role: "system", content: systemPrompt }] : []),
    { role: "user", content: userTurn(r) },
    { role: "assistant", content: r.output },
  ];
  return { messages, ...(lineage ? lineageFields(r) : {}) };
}
