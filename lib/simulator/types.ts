export const FAULT_KINDS = [
  "rate_limit",
  "server_error",
  "timeout",
  "empty_reply",
  "garbage_reply",
  "refusal",
  "leaked_label",
  "equal_verdict",
  "copied_instruction",
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const PROMPT_KINDS = ["evolve", "answer", "judge", "difficulty", "optimize"] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  latencyMs?: number;
  /** Fraction of latencyMs, spread uniformly: 0.5 means ±50%. */
  jitter?: number;
  seed?: string;
  /** Probability per request, 0..1, for each fault. */
  faults?: Partial<Record<FaultKind, number>>;
  retryAfterSeconds?: number;
  /** How long a "timeout" fault holds the connection before dropping it. */
  timeoutHangMs?: number;
  /** How long a batch stays in progress before it completes (or expires). */
  batchDelayMs?: number;
  /** Probability per batch line, 0..1, that it fails into the batch's error file. */
  batchFailingLines?: number;
  /** Probability per batch, 0..1, that it expires instead of completing: every line then fails as batch_expired. */
  batchExpire?: number;
  /** Like a gateway that takes only this many requests at once: above it, 429 with Retry-After (0: no limit). */
  maxInFlight?: number;
  /** With maxInFlight, tell each answer how many more requests it would take now (x-ratelimit-*-requests). */
  rateLimitHeaders?: boolean;
  /** Keep every prompt received in stats().prompts (tests that check what was sent; off: memory stays flat). */
  recordPrompts?: boolean;
}

export interface SimulatorStats {
  /** Chat completion requests received, valid or not. */
  requests: number;
  /** Chat completions answered with 200, faulty content included. */
  completed: number;
  byKind: Record<PromptKind, number>;
  faults: Record<FaultKind, number>;
  inFlight: number;
  maxInFlight: number;
  /** Requests refused with 429 because maxInFlight were already in flight. */
  rejectedInFlight: number;
  /** Times each distinct body (sha-256 of model + messages) arrived: proves no call was paid twice. */
  byBodyHash: Record<string, number>;
  /** Arrival times (ms since epoch) of requests carrying an `x-evol-request-key` header, by key. */
  arrivalsByRequestKey: Record<string, number[]>;
  /** Usage the simulator reported (what a provider would bill), in all and by request key. */
  promptTokens: number;
  completionTokens: number;
  tokensByRequestKey: Record<string, { prompt: number; completion: number }[]>;
  /** Batches created, and the lines they carried by custom_id: proves a restart submitted nothing twice. */
  batches: number;
  batchLinesByCustomId: Record<string, number>;
  /** The prompts received, in order, with recordPrompts. */
  prompts: string[];
}

export interface Simulator {
  /** Base URL including /v1, ready for the openai client's baseURL. */
  url: string;
  port: number;
  stats(): SimulatorStats;
  resetStats(): void;
  setOptions(partial: Partial<Omit<SimulatorOptions, "port">>): void;
  close(): Promise<void>;
}
