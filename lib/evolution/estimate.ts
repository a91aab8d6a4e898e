import { OPERATIONS } from "./operations";
import { buildDifficultyPrompt, buildEvolvePrompt, buildJudgePrompt } from "./templates";

export interface EstimateRunOptions {
  seeds: number;
  rounds: number;
  k: number;
  /** Share of evolutions the eliminator passes, 0..1. */
  passRate?: number;
  avgInstructionTokens?: number;
  answerMaxTokens?: number;
  scoreDifficulty?: boolean;
  judge?: boolean;
}

export interface RunEstimate {
  evolutions: number;
  calls: { evolve: number; answer: number; judge: number; difficulty: number; total: number };
  tokens: { prompt: number; completion: number };
}

const ESTIMATE_DEFAULTS = {
  passRate: 0.75,
  avgInstructionTokens: 60,
  // The paper let answers run to 2048 tokens.
  answerMaxTokens: 2048,
} as const;

// Rough tokenizer: about 4 characters per token for English text.
const tokensOf = (chars: number) => chars / 4;

// Template overhead: the prompt with an empty instruction. Evolve takes the
// mean over the six operations, as they are drawn uniformly by default.
export const TEMPLATE_TOKENS = {
  evolve: OPERATIONS.reduce((sum, op) => sum + tokensOf(buildEvolvePrompt(op, "").length), 0) / OPERATIONS.length,
  answer: 0,
  judge: tokensOf(buildJudgePrompt("", "").length),
  difficulty: tokensOf(buildDifficultyPrompt("").length),
};

/*
 * Assumptions (expected values, not bounds):
 * - Each frontier node gets k evolutions per round; each passes with passRate,
 *   independently. Passing children join the frontier; a node none of whose
 *   children passed stays. So a node leaves k·p + (1 − p)^k nodes behind:
 *   exactly 1 when k = 1, growth when k > 1. Human rejections are ignored.
 * - Instructions keep avgInstructionTokens in every round (the 10–20 words an
 *   in-depth rewrite adds are ignored), inputs are ignored.
 * - Per evolution: evolve (prompt: template + instruction, completion: one
 *   instruction), answer (prompt: the instruction, completion: half of
 *   answerMaxTokens), judge when enabled (template + both instructions, 3
 *   completion tokens), difficulty when scored (template + instruction, 1
 *   completion token).
 * - Failed or retried calls are not counted.
 */
export function estimateRun(options: EstimateRunOptions): RunEstimate {
  const { seeds, rounds, k, scoreDifficulty = false, judge = true } = options;
  const passRate = options.passRate ?? ESTIMATE_DEFAULTS.passRate;
  const instruction = options.avgInstructionTokens ?? ESTIMATE_DEFAULTS.avgInstructionTokens;
  const answerMax = options.answerMaxTokens ?? ESTIMATE_DEFAULTS.answerMaxTokens;
  for (const [name, value] of Object.entries({ seeds, rounds, k })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${value}`);
  }
  if (!(passRate >= 0 && passRate <= 1)) throw new Error(`passRate must be between 0 and 1, got ${passRate}`);

  const growth = k * passRate + (1 - passRate) ** k;
  let frontier = seeds;
  let expected = 0;
  for (let round = 0; round < rounds; round++) {
    expected += frontier * k;
    frontier *= growth;
  }
  const evolutions = Math.round(expected);
  const judgeCalls = judge ? evolutions : 0;
  const difficultyCalls = scoreDifficulty ? evolutions : 0;
  const prompt =
    evolutions * (TEMPLATE_TOKENS.evolve + instruction) +
    evolutions * (TEMPLATE_TOKENS.answer + instruction) +
    judgeCalls * (TEMPLATE_TOKENS.judge + 2 * instruction) +
    difficultyCalls * (TEMPLATE_TOKENS.difficulty + instruction);
  const completion = evolutions * instruction + evolutions * (answerMax / 2) + judgeCalls * 3 + difficultyCalls * 1;
  return {
    evolutions,
    calls: {
      evolve: evolutions,
      answer: evolutions,
      judge: judgeCalls,
      difficulty: difficultyCalls,
      total: 2 * evolutions + judgeCalls + difficultyCalls,
    },
    tokens: { prompt: Math.round(prompt), completion: Math.round(completion) },
  };
}

export function estimateCost(
  tokens: { prompt: number; completion: number },
  prices: { promptPerMillion: number; completionPerMillion: number },
): number {
  return (tokens.prompt * prices.promptPerMillion + tokens.completion * prices.completionPerMillion) / 1_000_000;
}

/**
 * A run's estimated cost at the normal price and through the Batch API, which bills a share of it
 * (LLM_BATCH_PRICE_FACTOR: OpenAI charges half). The same tokens either way: only the price differs.
 */
export function estimateCosts(
  tokens: { prompt: number; completion: number },
  prices: { promptPerMillion: number; completionPerMillion: number },
  batchPriceFactor: number,
): { normal: number; batch: number } {
  if (!(batchPriceFactor > 0 && batchPriceFactor <= 1))
    throw new Error(`batchPriceFactor must be above 0 and at most 1, got ${batchPriceFactor}`);
  const normal = estimateCost(tokens, prices);
  return { normal, batch: normal * batchPriceFactor };
}

/** Why a run is too large for the server's EVOL_MAX_RUN_STEPS, or null; the form and the server say the same. */
export function runSizeProblem(options: {
  evolutions: number;
  maxSteps: number;
  seeds: number;
  rounds: number;
  k: number;
}): string | null {
  if (options.evolutions <= options.maxSteps) return null;
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  return (
    `This run would take about ${fmt(options.evolutions)} evolution steps (${fmt(options.seeds)} seeds, ` +
    `${options.rounds} rounds, branching ${options.k}), more than this server allows (${fmt(options.maxSteps)}, ` +
    `EVOL_MAX_RUN_STEPS). Use fewer seeds or rounds, or a smaller branching.`
  );
}
