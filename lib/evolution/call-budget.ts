/** Prices per million tokens of one model (LLM_PRICES). */
export interface ModelPrice {
  promptPerMillion: number;
  completionPerMillion: number;
}

export const NO_PRICE: ModelPrice = { promptPerMillion: 0, completionPerMillion: 0 };

// What a chat request adds around the prompt (role markers, reply priming): a
// few tokens per message in every template we know; 16 is a safe bound for one.
export const CHAT_OVERHEAD_TOKENS = 16;

/**
 * An upper bound on the prompt tokens of one request. Byte-level tokenizers
 * (GPT, Llama, Mistral, Qwen) never make more tokens than the text has UTF-8
 * bytes, so bytes + overhead bounds any of them; it overstates English text
 * about four times, which only makes a capped run stop a little early.
 */
export function worstCasePromptTokens(prompt: string): number {
  return new TextEncoder().encode(prompt).length + CHAT_OVERHEAD_TOKENS;
}

export function costOf(tokens: { prompt: number; completion: number }, price: ModelPrice): number {
  return (tokens.prompt * price.promptPerMillion + tokens.completion * price.completionPerMillion) / 1_000_000;
}

/** The most one call may use: its prompt at worst, plus every completion token it is allowed. */
export function worstCaseOfCall(options: { prompt: string; maxTokens: number; price: ModelPrice }): {
  tokens: number;
  costUsd: number;
} {
  const prompt = worstCasePromptTokens(options.prompt);
  return {
    tokens: prompt + options.maxTokens,
    costUsd: costOf({ prompt, completion: options.maxTokens }, options.price),
  };
}
