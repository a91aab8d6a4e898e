// The LLM call records one evolution leaves behind (evolve, answer, judge,
// difficulty), for `--with-calls`. Token counts are estimates: ~4 characters a token.
import { requestKeyOf } from "@/lib/server/runs/step-key";
import { MODEL_OF } from "./scale-plan";
import type { Rng } from "./scale-random";
import { uuid7At } from "./scale-random";
import type { CallRow } from "./scale-types";

const PROMPT_OVERHEAD = { evolve: 900, answer: 60, judge: 500, difficulty: 250 } as const;
const tokens = (text: string) => Math.max(1, Math.round(text.length / 4));

export function callsOfEvolution(options: {
  rng: Rng;
  ids: () => number;
  nodeId: string;
  stepKey: string;
  parentInstruction: string;
  instruction: string;
  rawReply: string;
  answer: string;
  judgeReply: string;
  difficulty: number | null;
  startedAt: number;
  finishedAt: number;
}): CallRow[] {
  const { rng, startedAt, finishedAt } = options;
  const span = Math.max(1, finishedAt - startedAt);
  const evolveEnd = startedAt + Math.floor(span * (0.3 + rng.next() * 0.3));
  const call = (role: CallRow["role"], prompt: string, reply: string, from: number, to: number): CallRow => ({
    id: uuid7At(to, options.ids),
    nodeId: options.nodeId,
    requestKey: requestKeyOf(options.stepKey, role),
    role,
    model: MODEL_OF[role],
    reply,
    promptTokens: tokens(prompt) + PROMPT_OVERHEAD[role],
    completionTokens: tokens(reply),
    latencyMs: Math.max(1, to - from),
    createdAt: to,
  });
  // Answer, judge and difficulty run in parallel after the rewrite.
  const after = (share: number) => evolveEnd + Math.floor((finishedAt - evolveEnd) * share);
  return [
    call("evolve", options.parentInstruction, options.rawReply, startedAt, evolveEnd),
    call("answer", options.instruction, options.answer, evolveEnd, finishedAt),
    call(
      "judge",
      options.parentInstruction + options.instruction,
      options.judgeReply,
      evolveEnd,
      after(0.2 + rng.next() * 0.3),
    ),
    call(
      "difficulty",
      options.instruction,
      options.difficulty === null ? "Moderately hard." : String(options.difficulty),
      evolveEnd,
      after(0.1 + rng.next() * 0.3),
    ),
  ];
}
