import type { IncomingMessage, ServerResponse } from "node:http";
import { identifyPrompt, type IdentifiedPrompt } from "@/lib/evolution/identify-prompt";
import { parseChatRequest, type ChatRequest } from "./chat-request";
import { drawFault, garbageText } from "./faults";
import { HttpError, readBody, sendError, sendJson } from "./http-helpers";
import { replyTo } from "./replies";
import type { FaultKind, PromptKind, SimulatorOptions, SimulatorStats } from "./types";

export interface ChatContext {
  options: Required<Omit<SimulatorOptions, "port">>;
  /** Read on each use: resetStats swaps the object. */
  readonly stats: SimulatorStats;
  /** Runs fn after ms unless the simulator closes first. */
  later(ms: number, fn: () => void): void;
}

const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

function faultyContent(fault: FaultKind | null, clean: string, prompt: IdentifiedPrompt, random: () => number): string {
  const operation = prompt.kind === "evolve" ? prompt.operation : "";
  switch (fault) {
    case "empty_reply":
      return "";
    case "garbage_reply":
      return garbageText(random);
    case "refusal":
      return "I'm sorry, but I can't help with that.";
    case "leaked_label":
      // Mid-text, where the reply parser leaves it for the copied_prompt rule.
      return `${clean}\n\n${operation === "breadth" ? "#Created Prompt#" : "#Rewritten Prompt#"}: ${clean}`;
    case "equal_verdict":
      return "Equal";
    case "copied_instruction":
      // The instruction given, in upper case and spaced out: a duplicate only after normalisation.
      return prompt.kind === "evolve" ? `  ${prompt.instruction.toUpperCase().replace(/ /g, "  ")} ` : clean;
    default:
      return clean;
  }
}

/** What one chat request drew: its parsed form, fault and the rest of its random stream. */
export interface ChatDraw {
  request: ChatRequest;
  kind: PromptKind;
  prompt: IdentifiedPrompt;
  operation: string;
  fault: FaultKind | null;
  random: () => number;
  attempt: number;
  clean: string;
}

/** Counts the request and draws its fault, the same way for a live request and a batch line. */
export function drawChat(raw: string, ctx: ChatContext): ChatDraw {
  const request = parseChatRequest(raw);
  const attempt = ctx.stats.byBodyHash[request.bodyHash] ?? 0;
  ctx.stats.byBodyHash[request.bodyHash] = attempt + 1;
  if (ctx.options.recordPrompts) ctx.stats.prompts.push(request.prompt);
  const prompt = identifyPrompt(request.prompt);
  ctx.stats.byKind[prompt.kind]++;
  const { fault, random } = drawFault({
    seed: ctx.options.seed,
    bodyHash: request.bodyHash,
    attempt,
    kind: prompt.kind,
    faults: ctx.options.faults,
  });
  if (fault) ctx.stats.faults[fault]++;
  const operation = prompt.kind === "evolve" ? prompt.operation : "";
  return { request, kind: prompt.kind, prompt, operation, fault, random, attempt, clean: replyTo(prompt) };
}

/** The 200 body for a drawn request (content faults applied), counted as a completion. */
export function completionBody(draw: ChatDraw, ctx: ChatContext, requestKey: string | null) {
  const { request } = draw;
  const content = faultyContent(draw.fault, draw.clean, draw.prompt, draw.random);
  const completion = tokens(content.length);
  const promptTokens = tokens(request.promptChars);
  ctx.stats.completed++;
  ctx.stats.promptTokens += promptTokens;
  ctx.stats.completionTokens += completion;
  if (requestKey !== null) (ctx.stats.tokensByRequestKey[requestKey] ??= []).push({ prompt: promptTokens, completion });
  return {
    id: `chatcmpl-sim-${request.bodyHash.slice(0, 16)}-${draw.attempt}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [
      { index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" },
    ],
    usage: { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion },
    system_fingerprint: "evol-studio-simulator",
  };
}

export async function handleChat(req: IncomingMessage, res: ServerResponse, ctx: ChatContext): Promise<void> {
  const { options } = ctx;
  ctx.stats.requests++;
  // Evol Studio names each call's idempotency key, so tests can prove a stored result is never asked for again.
  const header = req.headers["x-evol-request-key"];
  const requestKey = typeof header === "string" ? header : null;
  if (requestKey !== null) (ctx.stats.arrivalsByRequestKey[requestKey] ??= []).push(Date.now());
  const raw = await readBody(req);
  // Refused before its own fault draw (a bad body still gets its 400 first), so a refused request draws the same
  // faults when it comes back.
  if (options.maxInFlight > 0 && ctx.stats.inFlight > options.maxInFlight) {
    parseChatRequest(raw);
    ctx.stats.rejectedInFlight++;
    const error = new HttpError(
      429,
      `Too many requests in flight (simulated limit of ${options.maxInFlight}). Please retry after the indicated time.`,
      "requests",
      "rate_limit_exceeded",
    );
    sendError(res, error, { "retry-after": String(options.retryAfterSeconds) });
    return;
  }
  const draw = drawChat(raw, ctx);
  const { fault, random } = draw;

  if (fault === "timeout") {
    ctx.later(options.timeoutHangMs, () => res.destroy());
    return;
  }
  if (fault === "rate_limit") {
    // Answered at once, like a real gateway that rejects before queueing.
    const error = new HttpError(
      429,
      "Rate limit reached (simulated). Please retry after the indicated time.",
      "requests",
      "rate_limit_exceeded",
    );
    sendError(res, error, { "retry-after": String(options.retryAfterSeconds) });
    return;
  }
  // Whole milliseconds, told to the client: tests check latency against the delay actually drawn.
  const delay = Math.round(Math.max(0, options.latencyMs * (1 + options.jitter * (2 * random() - 1))));
  const delayHeader: Record<string, string> = { "x-simulator-delay-ms": String(delay) };
  const respond = () => {
    if (options.maxInFlight > 0 && options.rateLimitHeaders) {
      delayHeader["x-ratelimit-limit-requests"] = String(options.maxInFlight);
      delayHeader["x-ratelimit-remaining-requests"] = String(Math.max(0, options.maxInFlight - ctx.stats.inFlight));
    }
    if (fault === "server_error") {
      const status = random() < 0.5 ? 500 : 503;
      sendError(
        res,
        new HttpError(
          status,
          `The server had an error while processing your request (simulated ${status}).`,
          "server_error",
          null,
        ),
        delayHeader,
      );
      return;
    }
    sendJson(res, 200, completionBody(draw, ctx, requestKey), delayHeader);
  };
  if (delay > 0) ctx.later(delay, respond);
  else respond();
}
