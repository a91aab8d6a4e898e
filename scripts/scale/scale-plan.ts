// How big each part of a scale forest is, when things happened, and the run
// config the engine would have stored for it.
import { RULES } from "@/lib/evolution/eliminator";
import { OPERATIONS } from "@/lib/evolution/operations";
import { normalizeWeights } from "@/lib/evolution/scheduling";
import { TEMPLATE_VERSION } from "@/lib/evolution/templates";
import { parseEnv } from "@/lib/server/config/env";
import { endpointLabel } from "@/lib/server/llm/endpoints";
import { LLM_ROLES, roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import type { RunConfig } from "@/lib/server/runs/run-config";

export const SCALE_ROUNDS = 4;
/** Alpaca's 52K seeds grew to about 250K instructions (the WizardLM paper, arXiv:2304.12244). */
export const NODES_PER_SEED = 4.8;
export const SCALE_TEMPLATE_VERSION = TEMPLATE_VERSION;
export const MODEL_OF = {
  evolve: "sim-evolve",
  answer: "sim-answer",
  judge: "sim-judge",
  difficulty: "sim-difficulty",
} as const;

export interface ScalePlan {
  nodes: number;
  seeds: number;
  /** Seeds the run evolved (the first ones by id, as `seedLimit` selects them). */
  runSeeds: number;
  evolutions: number;
}

/**
 * With branching 1 every run seed gets exactly one evolution per round (a
 * failed child leaves its parent in the pool), so the run evolves a fixed
 * number of seeds and the rest stay unevolved; that makes the total exact.
 */
export function planScale(nodes: number): ScalePlan {
  let seeds = Math.max(1, Math.round(nodes / NODES_PER_SEED));
  while ((nodes - seeds) % SCALE_ROUNDS !== 0) seeds++;
  const runSeeds = (nodes - seeds) / SCALE_ROUNDS;
  return { nodes, seeds, runSeeds, evolutions: runSeeds * SCALE_ROUNDS };
}

const DAY = 86_400_000;
/** Spacing of evolutions: about 40 per second, a simulator run with some concurrency. */
export const EVOLUTION_SPACING_MS = 25;
export const MAX_STEP_LATENCY_MS = 3_200;

export interface ScaleTimeline {
  seedsAt: number;
  runStartedAt: number;
  runFinishedAt: number;
  reviewsFrom: number;
  reviewsTo: number;
}

/** Seeds imported ten days before `now`, the run the next day, reviews from an hour after it to ten minutes ago. */
export function scaleTimeline(plan: ScalePlan, now: number): ScaleTimeline {
  const seedsAt = now - 10 * DAY;
  const runStartedAt = now - 9 * DAY;
  const runFinishedAt =
    runStartedAt + plan.evolutions * EVOLUTION_SPACING_MS + SCALE_ROUNDS * MAX_STEP_LATENCY_MS + 1_000;
  return {
    seedsAt,
    runStartedAt,
    runFinishedAt,
    reviewsFrom: runFinishedAt + 3_600_000,
    reviewsTo: Math.max(runFinishedAt + 7_200_000, now - 600_000),
  };
}

/**
 * The fake text grows each lineage by appending to its parent, so at 0.8 most
 * of round 3 and 4 would be near-duplicates; the scale run only counts copies.
 */
export const SCALE_DUPLICATE_THRESHOLD = 1;

/** The config `startRun` stores for a simulator run of the whole forest (see runConfigSchema). */
export function scaleRunConfig(plan: ScalePlan): RunConfig {
  return {
    name: `scale seed (${plan.nodes.toLocaleString("en-US")} nodes)`,
    seedQuery: "",
    seedLimit: plan.runSeeds,
    seedCount: plan.runSeeds,
    branching: 1,
    weights: normalizeWeights(Object.fromEntries(OPERATIONS.map((op) => [op, 1]))),
    rules: Object.fromEntries(RULES.map((r) => [r, true])) as RunConfig["rules"],
    duplicateThreshold: SCALE_DUPLICATE_THRESHOLD,
    scoreDifficulty: true,
    endpoint: "simulator",
    endpointLabel: endpointLabel("simulator"),
    // Defaults, not this machine's LLM_* variables, so the config is reproducible.
    llm: Object.fromEntries(
      LLM_ROLES.map((role) => [role, { ...roleSettingsFromEnv(role, parseEnv({})), model: MODEL_OF[role] }]),
    ) as RunConfig["llm"],
  };
}
