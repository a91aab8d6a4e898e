import { describe, expect, it } from "vitest";
import { TEMPLATE_TOKENS, estimateCost, estimateCosts, estimateRun } from "./estimate";
import { buildJudgePrompt } from "./templates";

describe("estimateRun", () => {
  it("k = 1 keeps the frontier at the seed count: 100 seeds × 4 rounds = 400 evolutions", () => {
    const e = estimateRun({ seeds: 100, rounds: 4, k: 1 });
    expect(e.evolutions).toBe(400);
    expect(e.calls).toEqual({ evolve: 400, answer: 400, judge: 400, difficulty: 0, total: 1200 });
  });

  it("k = 2 grows the frontier by 2·0.75 + 0.25² = 1.5625 per round", () => {
    // Round 1: 10 × 2 = 20; round 2: 15.625 × 2 = 31.25; total 51.25.
    expect(estimateRun({ seeds: 10, rounds: 2, k: 2 }).evolutions).toBe(51);
    // 8 seeds, k = 3, p = 0.5: growth 1.625; 24 + 39 + 63.375 = 126.375.
    const e = estimateRun({ seeds: 8, rounds: 3, k: 3, passRate: 0.5, scoreDifficulty: true });
    expect(e.evolutions).toBe(126);
    expect(e.calls).toEqual({ evolve: 126, answer: 126, judge: 126, difficulty: 126, total: 504 });
  });

  it("drops judge calls when the judge is off", () => {
    expect(estimateRun({ seeds: 10, rounds: 1, k: 1, judge: false }).calls).toEqual({
      evolve: 10,
      answer: 10,
      judge: 0,
      difficulty: 0,
      total: 20,
    });
  });

  it("counts completion tokens: instruction + half the answer budget + 3 + 1 per evolution", () => {
    const e = estimateRun({
      seeds: 10,
      rounds: 1,
      k: 1,
      avgInstructionTokens: 100,
      answerMaxTokens: 1000,
      scoreDifficulty: true,
    });
    expect(e.tokens.completion).toBe(10 * (100 + 500 + 3 + 1));
  });

  it("counts the instruction five times in prompt tokens (evolve, answer, judge ×2, difficulty)", () => {
    const base = { seeds: 10, rounds: 1, k: 1, scoreDifficulty: true };
    const short = estimateRun({ ...base, avgInstructionTokens: 0 }).tokens.prompt;
    const long = estimateRun({ ...base, avgInstructionTokens: 100 }).tokens.prompt;
    expect(long - short).toBe(10 * 100 * 5);
    expect(short).toBe(Math.round(10 * (TEMPLATE_TOKENS.evolve + TEMPLATE_TOKENS.judge + TEMPLATE_TOKENS.difficulty)));
  });

  it("measures templates at about 4 characters per token", () => {
    expect(TEMPLATE_TOKENS.judge).toBe(buildJudgePrompt("", "").length / 4);
    expect(TEMPLATE_TOKENS.evolve).toBeGreaterThan(100);
    expect(TEMPLATE_TOKENS.answer).toBe(0);
  });

  it("rejects impossible options", () => {
    expect(() => estimateRun({ seeds: 1, rounds: 1, k: 1, passRate: 1.2 })).toThrow(/passRate/);
    expect(() => estimateRun({ seeds: -1, rounds: 1, k: 1 })).toThrow(/seeds/);
    expect(() => estimateRun({ seeds: 1, rounds: 1.5, k: 1 })).toThrow(/rounds/);
  });
});

describe("estimateCost", () => {
  it("prices prompt and completion tokens per million", () => {
    expect(
      estimateCost({ prompt: 2_000_000, completion: 500_000 }, { promptPerMillion: 2.5, completionPerMillion: 10 }),
    ).toBe(10);
    expect(estimateCost({ prompt: 0, completion: 0 }, { promptPerMillion: 2.5, completionPerMillion: 10 })).toBe(0);
  });
});

describe("estimateCosts", () => {
  const gpt4oMini = { promptPerMillion: 0.15, completionPerMillion: 0.6 };

  it("prices the Batch API at LLM_BATCH_PRICE_FACTOR of the normal price", () => {
    // 2M prompt tokens at $0.15 + 1M completion tokens at $0.60 = $0.90; half of it through the Batch API.
    const costs = estimateCosts({ prompt: 2_000_000, completion: 1_000_000 }, gpt4oMini, 0.5);
    expect(costs.normal).toBeCloseTo(0.9, 10);
    expect(costs.batch).toBeCloseTo(0.45, 10);
    expect(estimateCosts({ prompt: 2_000_000, completion: 1_000_000 }, gpt4oMini, 0.25).batch).toBeCloseTo(0.225, 10);
    expect(estimateCosts({ prompt: 2_000_000, completion: 1_000_000 }, gpt4oMini, 1).batch).toBeCloseTo(0.9, 10);
  });

  it("prices a whole run's estimate: 100 seeds, 4 rounds", () => {
    const run = estimateRun({ seeds: 100, rounds: 4, k: 1 });
    const costs = estimateCosts(run.tokens, gpt4oMini, 0.5);
    expect(costs.normal).toBe(estimateCost(run.tokens, gpt4oMini));
    expect(costs.batch * 2).toBeCloseTo(costs.normal, 12);
    expect(costs.batch).toBeGreaterThan(0);
  });

  it("refuses a factor outside (0, 1]", () => {
    for (const factor of [0, -0.5, 1.5, Number.NaN])
      expect(() => estimateCosts({ prompt: 1, completion: 1 }, gpt4oMini, factor)).toThrow(/batchPriceFactor/);
  });
});
