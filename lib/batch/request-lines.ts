/** The one endpoint Evol Studio batches. */
export const BATCH_ENDPOINT = "/v1/chat/completions";

/** OpenAI's limits per batch input file. */
export const BATCH_LIMITS = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 } as const;

export interface BatchRequest {
  /** The call's request key (llm_calls.request_key): a result is matched back to its step by it. */
  customId: string;
  /** The chat completion body, exactly as the synchronous call would send it (buildCompletionParams). */
  body: object;
}

/** One line of a batch input file (without its newline). */
export function requestLine(request: BatchRequest): string {
  return JSON.stringify({ custom_id: request.customId, method: "POST", url: BATCH_ENDPOINT, body: request.body });
}

export interface BatchFile {
  customIds: string[];
  /** The JSONL content, one request per line, newline-terminated. */
  content: string;
  bytes: number;
}

/**
 * Packs requests into as few input files as OpenAI's limits allow, in order.
 * A custom_id may appear only once (OpenAI fails the whole file otherwise),
 * and one request larger than a file can never be sent: both are refused here.
 */
export function splitIntoFiles(
  requests: BatchRequest[],
  limits: { maxRequests: number; maxBytes: number } = BATCH_LIMITS,
): BatchFile[] {
  const files: BatchFile[] = [];
  const seen = new Set<string>();
  let lines: string[] = [];
  let ids: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (lines.length) files.push({ customIds: ids, content: lines.join(""), bytes });
    [lines, ids, bytes] = [[], [], 0];
  };
  for (const request of requests) {
    if (seen.has(request.customId)) throw new Error(`custom_id ${request.customId} is in the batch twice`);
    seen.add(request.customId);
    const line = `${requestLine(request)}\n`;
    const size = Buffer.byteLength(line, "utf8");
    if (size > limits.maxBytes)
      throw new Error(
        `request ${request.customId} is ${size} bytes, more than a batch file holds (${limits.maxBytes})`,
      );
    if (lines.length >= limits.maxRequests || bytes + size > limits.maxBytes) flush();
    lines.push(line);
    ids.push(request.customId);
    bytes += size;
  }
  flush();
  return files;
}
