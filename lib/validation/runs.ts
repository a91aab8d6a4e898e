import { z } from "zod";
import { OPERATIONS } from "@/lib/evolution/operations";
import { methodNameSchema } from "./methods";

const ruleFlags = z.object({
  no_information_gain: z.boolean().default(true),
  refusal: z.boolean().default(true),
  empty_answer: z.boolean().default(true),
  copied_prompt: z.boolean().default(true),
  duplicate: z.boolean().default(true),
});

/** The duplicate rule's near-duplicate threshold: Jaccard similarity of character 5-gram sets. */
export const duplicateThresholdSchema = z
  .number({ error: "The duplicate threshold is a number between 0.5 and 1." })
  .min(0.5, "A duplicate threshold below 0.5 would eliminate real rewrites; at least 0.5.")
  .max(1, "The duplicate threshold is at most 1 (only near-identical texts).");

/** Weights per operation (at least one positive): how often each is drawn. */
export const operationWeightsSchema = z
  .object(
    Object.fromEntries(
      OPERATIONS.map((op) => [op, z.number().min(0, "Weights cannot be negative.").max(1000)]),
    ) as Record<(typeof OPERATIONS)[number], z.ZodNumber>,
  )
  .refine((w) => Object.values(w).some((v) => v > 0), "At least one operation needs a positive weight.");

const modelName = z.string().trim().min(1, "Name a model.").max(200);

/** A spending cap in tokens (whole, positive) and in US dollars (stored with 4 decimals). */
export const tokenCapSchema = z
  .number({ error: "A token cap is a whole number." })
  .int("A token cap is a whole number.")
  .min(1, "A token cap must be at least 1.")
  .max(1e15, "A token cap must be at most 1,000,000,000,000,000.");
export const costCapSchema = z
  .number({ error: "A cost cap is an amount in US dollars." })
  .min(0.0001, "A cost cap must be at least $0.0001.")
  .max(99_999_999, "A cost cap must be at most $99,999,999.");

/** What an admin chooses when starting a run (the form and the CLI share it). */
export const startRunSchema = z.object({
  projectId: z.uuid("Unknown project."),
  name: z.string().trim().max(120).optional().default(""),
  seedQuery: z.string().trim().max(500).optional().default(""),
  seedLimit: z.number().int().min(1).max(1_000_000).optional(),
  rounds: z.number().int().min(1, "At least one round.").max(10, "At most 10 rounds.").default(4),
  branching: z.number().int().min(1).max(5, "Branching above 5 multiplies cost fast; at most 5.").default(1),
  mode: z.enum(["continuous", "gated"]).default("continuous"),
  weights: operationWeightsSchema,
  rules: ruleFlags,
  /** Unset: DEFAULT_DUPLICATE_THRESHOLD. */
  duplicateThreshold: duplicateThresholdSchema.optional(),
  scoreDifficulty: z.boolean().default(false),
  endpoint: z.enum(["openai", "simulator"]),
  /** Send the calls through the endpoint's Batch API: about half the price, results within hours (decision 0022). */
  batch: z.boolean().default(false),
  models: z.object({ evolve: modelName, answer: modelName, judge: modelName, difficulty: modelName }),
  /** Stop the run before a call could cross these (unset: no cap of that kind). */
  maxTokens: tokenCapSchema.optional(),
  maxCostUsd: costCapSchema.optional(),
  /** The method whose texts make the prompts (default: paper), its latest version unless one is given. */
  method: methodNameSchema.optional(),
  methodVersion: z.number().int().positive().optional(),
});

export type StartRunOptions = z.output<typeof startRunSchema>;

export const controlRunSchema = z.object({
  runId: z.uuid("Unknown run."),
  command: z.enum(["pause", "resume", "cancel", "release"]),
  /** With resume: the run's new caps (a run stopped at its cap resumes only with room for its next call). */
  maxTokens: tokenCapSchema.optional(),
  maxCostUsd: costCapSchema.optional(),
});

export const retryFailedStepsSchema = z.object({ runId: z.uuid("Unknown run.") });

export type ControlRunInput = z.output<typeof controlRunSchema>;

/**
 * The body of POST /api/v1/projects/{projectId}/runs: startRunSchema's
 * options without the project (it is the URL's), each one the form fills in
 * left optional (lib/server/runs/api-run-options.ts fills them as the form
 * does: its weights and rules, the endpoint's models, the project's default
 * cap). A cap of null starts the run without that cap.
 */
export const apiStartRunSchema = startRunSchema
  .omit({ projectId: true, weights: true, rules: true, models: true, maxTokens: true, maxCostUsd: true })
  .extend({
    weights: operationWeightsSchema.optional(),
    rules: startRunSchema.shape.rules.prefault({}),
    models: startRunSchema.shape.models.partial().optional(),
    maxTokens: tokenCapSchema.nullable().optional(),
    maxCostUsd: costCapSchema.nullable().optional(),
  })
  .strict();

export type ApiStartRunBody = z.output<typeof apiStartRunSchema>;

/** The body of POST /api/v1/runs/{runId}/resume: optional new spending caps (controlRunSchema's). */
export const apiResumeRunSchema = controlRunSchema.pick({ maxTokens: true, maxCostUsd: true }).strict();
