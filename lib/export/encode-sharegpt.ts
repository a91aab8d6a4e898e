import { userTurn } from "./chat-turns";
import { lineageFields } from "./lineage-columns";
import type { ExportRecord } from "./types";

/** One ShareGPT conversation (human → gpt); the system prompt, if any, goes in `system`. */
export function shareGptObject(r: ExportRecord & { output: string }, lineage: boolean, systemPrompt?: string): object {
  return {
    conversations: [
      { from: "human", value: userTurn(r) },
      { from: "gpt", value: r.output },
    ],
    ...(systemPrompt ? { system: systemPrompt } : {}),
    ...(lineage ? lineageFields(r) : {}),
  };
}
