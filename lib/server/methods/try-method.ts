import { randomUUID } from "node:crypto";
import type { MethodTexts } from "@/lib/evolution/method-texts";
import { OPERATIONS, type Operation } from "@/lib/evolution/operations";
import { RULES } from "@/lib/evolution/eliminator";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { UserFacingError } from "@/lib/server/errors";
import { callLlm } from "@/lib/server/llm/call-llm";
import { resolveEndpoint, type LlmEndpoint } from "@/lib/server/llm/endpoints";
import { LLM_ROLES, roleSettingsFromEnv } from "@/lib/server/llm/llm-settings";
import { evolveOnce, type EvolutionOutcome } from "@/lib/server/runs/evolve-once";
import type { RunConfig } from "@/lib/server/runs/run-config";

export interface TrialResult {
  sample: number;
  operation: Operation;
  outcome: EvolutionOutcome | null;
  error: string | null;
}

const SIMULATOR_MODELS = { evolve: "sim-evolver", answer: "sim-answerer", judge: "sim-judge", difficulty: "sim-judge" };

/**
 * "Try on 5 seeds": one evolution step per operation on each sample, with
 * texts not saved yet, against the chosen endpoint. Nothing is stored but the
 * LLM calls themselves (they are paid for), with no run.
 */
export async function tryMethod(options: {
  texts: MethodTexts;
  samples: { instruction: string; input: string }[];
  endpoint: "openai" | "simulator";
  actorId: string | null;
}): Promise<TrialResult[]> {
  let endpoint: LlmEndpoint;
  try {
    endpoint = await resolveEndpoint(options.endpoint);
  } catch (error) {
    throw new UserFacingError(error instanceof Error ? error.message : String(error));
  }
  const llm = Object.fromEntries(
    LLM_ROLES.map((role) => {
      const settings = roleSettingsFromEnv(role);
      return [role, options.endpoint === "simulator" ? { ...settings, model: SIMULATOR_MODELS[role] } : settings];
    }),
  ) as RunConfig["llm"];
  const config: RunConfig = {
    name: "method trial",
    seedQuery: "",
    seedLimit: null,
    seedCount: options.samples.length,
    branching: 1,
    weights: Object.fromEntries(OPERATIONS.map((op) => [op, 1])) as RunConfig["weights"],
    rules: Object.fromEntries(RULES.map((rule) => [rule, true])) as RunConfig["rules"],
    scoreDifficulty: false,
    endpoint: options.endpoint,
    endpointLabel: endpoint.label,
    llm,
  };
  await recordAuditEvent({
    actorId: options.actorId,
    action: "method.try",
    targetType: "method",
    data: { samples: options.samples.length, endpoint: options.endpoint },
  });
  const trial = randomUUID();
  const steps = options.samples.flatMap((parent, sample) =>
    OPERATIONS.map((operation) => ({ parent, sample, operation })),
  );
  return Promise.all(
    steps.map(async ({ parent, sample, operation }): Promise<TrialResult> => {
      try {
        const outcome = await evolveOnce({
          runId: "",
          stepKey: `trial:${trial}:${sample}:${operation}`,
          operation,
          parent,
          config,
          endpoint,
          texts: options.texts,
          // Unkeyed and of no run: a trial is never reused, and its calls belong to no run.
          llm: ({ role, prompt }) => callLlm({ role, settings: config.llm[role], prompt, endpoint, maxAttempts: 2 }),
        });
        return { sample, operation, outcome, error: null };
      } catch (error) {
        return { sample, operation, outcome: null, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
