import { createHash } from "node:crypto";
import { HttpError } from "./http-helpers";

export interface ChatRequest {
  model: string;
  /** The text of the last user message: the prompt the reply is for. */
  prompt: string;
  promptChars: number;
  /** sha-256 of the canonical model + messages JSON. */
  bodyHash: string;
}

interface Message {
  role: string;
  content: unknown;
}

function textOf(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (content === null) return "";
  if (!Array.isArray(content)) return null;
  const parts: string[] = [];
  for (const part of content) {
    if (typeof part !== "object" || part === null) return null;
    const { type, text } = part as { type?: unknown; text?: unknown };
    if (type === "text" && typeof text === "string") parts.push(text);
  }
  return parts.join("\n");
}

function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && typeof (value as { role?: unknown }).role === "string";
}

function checkTokenLimit(body: Record<string, unknown>, field: "max_tokens" | "max_completion_tokens"): void {
  const value = body[field];
  if (value === undefined || value === null) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new HttpError(400, `${field} must be a positive integer`, "invalid_request_error", "invalid_value");
  }
}

/** Validates a chat completion body the way the API would, enough to catch client bugs. */
export function parseChatRequest(raw: string): ChatRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, "request body is not valid JSON", "invalid_request_error", "invalid_json");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new HttpError(400, "request body must be a JSON object");
  const record = body as Record<string, unknown>;
  if (typeof record.model !== "string" || record.model === "")
    throw new HttpError(400, "model is required", "invalid_request_error", "missing_required_parameter");
  const messages = record.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new HttpError(
      400,
      "messages must be a non-empty array",
      "invalid_request_error",
      "missing_required_parameter",
    );
  }
  const texts: string[] = [];
  const canonical: Array<{ role: string; content: string }> = [];
  for (const [i, message] of messages.entries()) {
    const text = isMessage(message) ? textOf(message.content) : null;
    if (!isMessage(message) || text === null)
      throw new HttpError(
        400,
        `messages[${i}] needs a role and text content`,
        "invalid_request_error",
        "invalid_value",
      );
    texts.push(text);
    canonical.push({ role: message.role, content: text });
  }
  if (record.stream === true)
    throw new HttpError(400, "streaming not supported by the simulator", "invalid_request_error", "unsupported_value");
  checkTokenLimit(record, "max_tokens");
  checkTokenLimit(record, "max_completion_tokens");
  const lastUser = [...canonical].reverse().find((m) => m.role === "user") ?? canonical[canonical.length - 1];
  return {
    model: record.model,
    prompt: lastUser.content,
    promptChars: texts.reduce((sum, t) => sum + t.length, 0),
    bodyHash: createHash("sha256")
      .update(JSON.stringify({ model: record.model, messages: canonical }))
      .digest("hex"),
  };
}
