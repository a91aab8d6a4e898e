import { z } from "zod";
import { OPERATIONS } from "@/lib/evolution/operations";
import { DEFAULT_DUPLICATE_THRESHOLD } from "@/lib/evolution/duplicate-threshold";
import { RULES, type RuleId } from "@/lib/evolution/eliminator";
import { REDO_KINDS } from "@/lib/validation/review";
import { LLM_ROLES, type LlmRoleName, type RoleSettings } from "@/lib/server/llm/llm-settings";

const roleSettings = z.object({
  model: z.string(),
  temperature: z.number(),
  topP: z.number(),
  maxTokens: z.number().int(),
});

/** What a run stored when it started: enough to redo or audit it. */
export const runConfigSchema = z.object({
  name: z.string(),
  seedQuery: z.string(),
  seedLimit: z.number().int().nullable(),
  seedCount: z.number().int(),
  /** The last seed (by id) of the selection, so seeds imported after the start are not picked up. */
  lastSeedId: z.string().optional(),
  /** Set on a run of a comparison: its seeds are the comparison's sample (comparisons.seed_ids), not the filter's. */
  comparisonId: z.string().optional(),
  branching: z.number().int().min(1),
  weights: z.record(z.enum(OPERATIONS), z.number()),
  /** Partial: a rule added later is missing from the configs of runs started before it (see enabledRules). */
  rules: z.partialRecord(z.enum(RULES), z.boolean()),
  /** The duplicate rule's near-duplicate threshold (absent before the rule: DEFAULT_DUPLICATE_THRESHOLD). */
  duplicateThreshold: z.number().optional(),
  scoreDifficulty: z.boolean(),
  endpoint: z.enum(["openai", "simulator"]),
  endpointLabel: z.string(),
  llm: z.object(
    Object.fromEntries(LLM_ROLES.map((r) => [r, roleSettings])) as Record<LlmRoleName, typeof roleSettings>,
  ),
  /** Prices per million tokens of each role's model when the run started (LLM_PRICES): what a spending cap counts. */
  prices: z
    .partialRecord(z.enum(LLM_ROLES), z.object({ promptPerMillion: z.number(), completionPerMillion: z.number() }))
    .optional(),
  /**
   * Batch API mode (docs/decisions/0022-batch-api-runs.md), as runs.batch has it, and the share of `prices` a
   * batch line costs (LLM_BATCH_PRICE_FACTOR when the run started).
   */
  batch: z.boolean().optional(),
  batchPriceFactor: z.number().min(0).max(1).optional(),
  /** Set on a one-step run that redoes one node as a new sibling (lib/server/runs/start-redo.ts). */
  redo: z.object({ kind: z.enum(REDO_KINDS), nodeId: z.string() }).optional(),
});

export type RunConfig = z.infer<typeof runConfigSchema>;

export function parseRunConfig(value: unknown): RunConfig {
  return runConfigSchema.parse(value);
}

/**
 * A rule missing from a stored config is on, except the duplicate rule: runs
 * started before it existed read it as off, so their verdicts never change
 * (decision 0025).
 */
export function enabledRules(config: RunConfig): Record<RuleId, boolean> {
  return Object.fromEntries(RULES.map((r) => [r, config.rules[r] ?? r !== "duplicate"])) as Record<RuleId, boolean>;
}

export function duplicateThresholdOf(config: RunConfig): number {
  return config.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD;
}

export type { RoleSettings };
