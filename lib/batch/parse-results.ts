import { z } from "zod";

export type BatchResult =
  | {
      customId: string;
      ok: true;
      text: string;
      promptTokens: number | null;
      completionTokens: number | null;
    }
  | {
      customId: string;
      ok: false;
      /** The line's HTTP status; null when the batch itself gave up on it (expired, cancelled). */
      status: number | null;
      code: string | null;
      message: string;
    };

const errorBody = z.object({ message: z.string().optional(), code: z.string().nullish(), type: z.string().nullish() });

const resultLine = z.object({
  custom_id: z.string().min(1),
  response: z
    .object({
      status_code: z.number().int(),
      body: z.record(z.string(), z.unknown()).nullish(),
    })
    .nullish(),
  error: z.object({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
});

const completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }).nullish() })),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).nullish(),
});

function resultOf(line: z.infer<typeof resultLine>): BatchResult {
  const customId = line.custom_id;
  const { response, error } = line;
  if (response && response.status_code >= 200 && response.status_code < 300) {
    const body = completion.safeParse(response.body);
    if (!body.success)
      return {
        customId,
        ok: false,
        status: response.status_code,
        code: "invalid_body",
        message: "reply is not a chat completion",
      };
    return {
      customId,
      ok: true,
      // The same reading as the synchronous call: no content is an empty reply, judged by the rules.
      text: body.data.choices[0]?.message?.content ?? "",
      promptTokens: body.data.usage?.prompt_tokens ?? null,
      completionTokens: body.data.usage?.completion_tokens ?? null,
    };
  }
  if (response) {
    const body = errorBody.safeParse((response.body as { error?: unknown } | null | undefined)?.error);
    return {
      customId,
      ok: false,
      status: response.status_code,
      code: body.success ? (body.data.code ?? body.data.type ?? null) : null,
      message: (body.success && body.data.message) || `status ${response.status_code}`,
    };
  }
  return {
    customId,
    ok: false,
    status: null,
    code: error?.code ?? null,
    message: error?.message ?? "the batch returned neither a response nor an error for this line",
  };
}

/**
 * Reads a batch's output or error file (OpenAI's JSONL layout) into results
 * keyed by custom_id. A line that cannot be read is an error: it names the
 * line, since a result silently dropped would be sent (and paid) again.
 */
export function parseBatchResults(content: string): Map<string, BatchResult> {
  const results = new Map<string, BatchResult>();
  content.split("\n").forEach((row, index) => {
    if (row.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(row);
    } catch {
      throw new Error(`batch result line ${index + 1} is not valid JSON`);
    }
    const parsed = resultLine.safeParse(json);
    if (!parsed.success)
      throw new Error(`batch result line ${index + 1} is not a batch result: ${parsed.error.message}`);
    results.set(parsed.data.custom_id, resultOf(parsed.data));
  });
  return results;
}
