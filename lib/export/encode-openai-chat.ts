import { userTurn } from "./chat-turns";
import type { ExportRecord } from "./types";

/**
 * One OpenAI chat fine-tuning example: `messages` (system, user, assistant)
 * and nothing else, since the fine-tuning API refuses other top-level keys
 * (so no lineage: NO_LINEAGE_FORMATS).
 */
export function openAiChatObject(r: ExportRecord & { output: string }, systemPrompt?: string): object {
  const messages = [
    ...(systemPrompt ? [{ role: "system", content: systemPrompt }] : []),
    { role: "user", content: userTurn(r) },
    { role: "assistant", content: r.output },
  ];
  return { messages };
}
