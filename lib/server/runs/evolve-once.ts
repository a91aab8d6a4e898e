import { evaluateRules, type RuleVerdict } from "@/lib/evolution/eliminator";
import type { MethodTexts } from "@/lib/evolution/method-texts";
import type { Operation } from "@/lib/evolution/operations";
import { parseDifficulty, parseEvolvedInstruction, type ParsedInstruction } from "@/lib/evolution/parse-reply";
import {
  buildAnswerPrompt,
  buildDifficultyPrompt,
  buildEvolvePrompt,
  buildJudgePrompt,
} from "@/lib/evolution/templates";
import { callLlm, type StoredCall } from "@/lib/server/llm/call-llm";
import type { Env } from "@/lib/server/config/env";
import type { LlmEndpoint } from "@/lib/server/llm/endpoints";
import type { LlmBudget } from "@/lib/server/llm/llm-budget";
import { enabledRules, type RunConfig } from "./run-config";
import { requestKeyOf } from "./step-key";

export interface StepCall {
  role: "evolve" | "answer" | "judge" | "difficulty";
  prompt: string;
  requestKey: string;
}

export type StepCallResult = { text: string; promptTokens: number | null; completionTokens: number | null };

export interface EvolutionOutcome {
  instruction: string;
  input: string;
  answer: string | null;
  rawReply: string;
  passed: boolean;
  failedRules: string[];
  eliminator: { verdicts: RuleVerdict[]; judgeReply: string | null; parseError: string | null };
  difficulty: number | null;
  tokens: number;
}

/**
 * The LLM half of one evolution step (docs/architecture.md, "How data flows"): evolve, answer,
 * judge, score; every call keyed by the step so a rerun pays for nothing twice.
 */
export async function evolveOnce(options: {
  runId: string;
  stepKey: string;
  operation: Operation;
  parent: { instruction: string; input: string };
  config: RunConfig;
  endpoint: LlmEndpoint;
  /** A re-answer: the instruction is taken as it is (no evolve call), and only answered, judged and scored again. */
  preset?: { instruction: string; input: string; rawReply: string };
  /** The run's method (default: paper). */
  texts?: MethodTexts;
  /** A capped run's: each call is reserved before it is sent. */
  budget?: LlmBudget;
  /** The step job's: aborted when the queue gave the job to another worker. */
  signal?: AbortSignal;
  /** The step's stored results by request key, read at its start (callLlm then looks none up). */
  storedCalls?: ReadonlyMap<string, StoredCall>;
  /** The settings as the step read them (callLlm reads them itself otherwise). */
  env?: Env;
  /**
   * Makes each call instead of callLlm: the batch planner answers from stored results only (lib/server/batch), and
   * trying a method stores no step's calls (lib/server/methods/try-method.ts).
   */
  llm?: (call: StepCall) => Promise<StepCallResult>;
}): Promise<EvolutionOutcome> {
  const { config, endpoint, stepKey, runId, parent, operation, preset, budget, texts } = options;
  const call = (role: StepCall["role"], prompt: string) =>
    options.llm?.({ role, prompt, requestKey: requestKeyOf(stepKey, role) }) ??
    callLlm({
      role,
      settings: config.llm[role],
      prompt,
      endpoint,
      requestKey: requestKeyOf(stepKey, role),
      runId,
      budget,
      signal: options.signal,
      stored: options.storedCalls,
      env: options.env,
    });
  let tokens = 0;
  const count = (r: { promptTokens: number | null; completionTokens: number | null }) =>
    (tokens += (r.promptTokens ?? 0) + (r.completionTokens ?? 0));

  let rawReply = preset?.rawReply ?? "";
  let parsed: ParsedInstruction = { ok: true, instruction: preset?.instruction ?? "" };
  if (!preset) {
    const evolved = await call("evolve", buildEvolvePrompt(operation, parent.instruction, parent.input, texts));
    count(evolved);
    rawReply = evolved.text;
    parsed = parseEvolvedInstruction(rawReply);
  }
  // In-breadth creates a new task; in-depth rewrites keep the original's input.
  const input = preset ? preset.input : operation === "breadth" ? "" : parent.input;
  if (!parsed.ok) {
    return {
      instruction: rawReply.trim() || "(empty reply)",
      input,
      answer: null,
      rawReply,
      passed: false,
      failedRules: ["unparseable_reply"],
      eliminator: { verdicts: [], judgeReply: null, parseError: parsed.reason },
      difficulty: null,
      tokens,
    };
  }
  const rules = enabledRules(config);
  // Every call of the stage ends (and settles its reservation) before the step
  // moves on, even when one of them fails or is refused by the budget.
  const [answer, judge, difficulty] = await allOrFirstError([
    call("answer", buildAnswerPrompt(parsed.instruction, input)),
    rules.no_information_gain
      ? call("judge", buildJudgePrompt(parent.instruction, parsed.instruction, texts))
      : Promise.resolve(null),
    config.scoreDifficulty
      ? call("difficulty", buildDifficultyPrompt(parsed.instruction, texts))
      : Promise.resolve(null),
  ] as const);
  count(answer);
  if (judge) count(judge);
  if (difficulty) count(difficulty);
  const evaluation = evaluateRules({
    instruction: parsed.instruction,
    answer: answer.text,
    judgeReply: judge?.text ?? null,
    enabled: rules,
  });
  return {
    instruction: parsed.instruction,
    input,
    answer: answer.text,
    rawReply,
    passed: evaluation.passed,
    failedRules: evaluation.failedRules,
    eliminator: { verdicts: evaluation.verdicts, judgeReply: judge?.text ?? null, parseError: null },
    difficulty: difficulty ? parseDifficulty(difficulty.text) : null,
    tokens,
  };
}

async function allOrFirstError<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
