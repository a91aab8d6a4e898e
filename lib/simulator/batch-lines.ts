import { createRandom } from "@/lib/evolution/random";
import { completionBody, drawChat, type ChatContext } from "./handle-chat";
import { HttpError } from "./http-helpers";

/** OpenAI's limit on requests per batch input file. */
export const MAX_BATCH_LINES = 50_000;

export interface BatchLine {
  customId: string;
  body: Record<string, unknown>;
}

export interface LineProblem {
  code: string;
  message: string;
  /** 1-based, like OpenAI's batch errors. */
  line: number | null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads a batch input file the way OpenAI validates one: all lines well formed, custom_ids unique. */
export function parseBatchInput(content: string, endpoint: string): { lines: BatchLine[]; problems: LineProblem[] } {
  const lines: BatchLine[] = [];
  const problems: LineProblem[] = [];
  const seen = new Set<string>();
  const rows = content.split("\n").filter((row) => row.trim() !== "");
  if (rows.length === 0) problems.push({ code: "empty_file", message: "The batch input file is empty.", line: null });
  if (rows.length > MAX_BATCH_LINES)
    problems.push({
      code: "too_many_requests",
      message: `A batch holds at most ${MAX_BATCH_LINES} requests, this file has ${rows.length}.`,
      line: null,
    });
  rows.forEach((row, index) => {
    const line = index + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row);
    } catch {
      problems.push({ code: "invalid_json_line", message: "This line is not valid JSON.", line });
      return;
    }
    if (!isObject(parsed) || typeof parsed.custom_id !== "string" || parsed.custom_id === "") {
      problems.push({ code: "missing_required_parameter", message: "Each line needs a custom_id string.", line });
      return;
    }
    if (parsed.method !== "POST" || parsed.url !== endpoint || !isObject(parsed.body)) {
      problems.push({
        code: "invalid_request",
        message: `Each line needs method POST, url ${endpoint} and a body object.`,
        line,
      });
      return;
    }
    if (seen.has(parsed.custom_id)) {
      problems.push({ code: "duplicate_custom_id", message: `custom_id ${parsed.custom_id} is used twice.`, line });
      return;
    }
    seen.add(parsed.custom_id);
    lines.push({ customId: parsed.custom_id, body: parsed.body });
  });
  return { lines, problems };
}

export interface LineResults {
  output: string[];
  errors: string[];
}

function errorLine(id: string, customId: string, error: HttpError) {
  return JSON.stringify({
    id,
    custom_id: customId,
    response: {
      status_code: error.status,
      request_id: `req-sim-${id}`,
      body: { error: { message: error.message, type: error.type, param: null, code: error.code } },
    },
    error: null,
  });
}

/**
 * Answers every line of a finished batch, like the chat endpoint would (same
 * replies, same content faults). A line fails into the error file when it is
 * not a valid chat body, when batchFailingLines draws it, or when it draws a
 * transport fault (a batch has no connection to time out or throttle).
 */
export function answerBatchLines(batchId: string, lines: BatchLine[], ctx: ChatContext): LineResults {
  const results: LineResults = { output: [], errors: [] };
  lines.forEach((line, index) => {
    const id = `batch_req_${batchId}_${index}`;
    let draw;
    try {
      draw = drawChat(JSON.stringify(line.body), ctx);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      results.errors.push(errorLine(id, line.customId, error));
      return;
    }
    const failing = createRandom(`${ctx.options.seed}\u0000line\u0000${draw.request.bodyHash}\u0000${draw.attempt}`)();
    const transport = draw.fault === "timeout" || draw.fault === "rate_limit" || draw.fault === "server_error";
    if (failing < ctx.options.batchFailingLines || transport) {
      const error = new HttpError(500, "The server had an error processing this line (simulated).", "server_error");
      results.errors.push(errorLine(id, line.customId, error));
      return;
    }
    const body = completionBody(draw, ctx, null);
    const response = { status_code: 200, request_id: `req-sim-${id}`, body };
    results.output.push(JSON.stringify({ id, custom_id: line.customId, response, error: null }));
  });
  return results;
}

/** Every line of an expired batch, in the error file with OpenAI's batch_expired error. */
export function expiredLines(batchId: string, lines: BatchLine[]): string[] {
  return lines.map((line, index) =>
    JSON.stringify({
      id: `batch_req_${batchId}_${index}`,
      custom_id: line.customId,
      response: null,
      error: {
        code: "batch_expired",
        message: "This request could not be executed before the completion window expired.",
      },
    }),
  );
}
