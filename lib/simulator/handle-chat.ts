import type { IncomingMessage, ServerResponse } from "node:http";
import { identifyPrompt } from "@/lib/evolution/identify-prompt";
import { parseChatRequest } from "./chat-request";
import { drawFault, garbageText } from "./faults";
import { HttpError, readBody, sendError, sendJson } from "./http-helpers";
import { replyTo } from "./replies";
import type { FaultKind, SimulatorOptions, SimulatorStats } from "./types";

export interface ChatContext {
  options: Required<Omit<SimulatorOptions, "port">>;
  /** Read on each use: resetStats swaps the object. */
  readonly stats: SimulatorStats;
  /** Runs fn after ms unless the simulator closes first. */
  later(ms: number, fn: () => void): void;
}

const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

function faultyContent(fault: FaultKind | null, clean: string, operation: string, random: () => number): string {
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
    default:
      return clean;
  }
}

export async function handleChat(req: IncomingMessage, res: ServerResponse, ctx: ChatContext): Promise<void> {
  const { options } = ctx;
  ctx.stats.requests++;
  // Evol Studio names each call's idempotency key, so tests can prove a stored result is never asked for again.
  const requestKey = req.headers["x-evol-request-key"];
  if (typeof requestKey === "string") (ctx.stats.arrivalsByRequestKey[requestKey] ??= []).push(Date.now());
  const request = parseChatRequest(await readBody(req));
  // Counted before its own fault draw, so a refused request draws the same faults when it comes back.
  if (options.maxInFlight > 0 && ctx.stats.inFlight > options.maxInFlight) {
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
  const attempt = ctx.stats.byBodyHash[request.bodyHash] ?? 0;
  ctx.stats.byBodyHash[request.bodyHash] = attempt + 1;
  if (options.recordPrompts) ctx.stats.prompts.push(request.prompt);
  const prompt = identifyPrompt(request.prompt);
  ctx.stats.byKind[prompt.kind]++;
  const { fault, random } = drawFault({
    seed: options.seed,
    bodyHash: request.bodyHash,
    attempt,
    kind: prompt.kind,
    faults: options.faults,
  });
  if (fault) ctx.stats.faults[fault]++;

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
    const operation = prompt.kind === "evolve" ? prompt.operation : "";
    const content = faultyContent(fault, replyTo(prompt), operation, random);
    const completion = tokens(content.length);
    const promptTokens = tokens(request.promptChars);
    ctx.stats.completed++;
    ctx.stats.promptTokens += promptTokens;
    ctx.stats.completionTokens += completion;
    if (typeof requestKey === "string")
      (ctx.stats.tokensByRequestKey[requestKey] ??= []).push({ prompt: promptTokens, completion });
    sendJson(
      res,
      200,
      {
        id: `chatcmpl-sim-${request.bodyHash.slice(0, 16)}-${attempt}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          { index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" },
        ],
        usage: { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion },
        system_fingerprint: "evol-studio-simulator",
      },
      delayHeader,
    );
  };
  if (delay > 0) ctx.later(delay, respond);
  else respond();
}
