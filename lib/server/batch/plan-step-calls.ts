import type { MethodTexts } from "@/lib/evolution/method-texts";
import type { Operation } from "@/lib/evolution/operations";
import type { BatchRequest } from "@/lib/batch/request-lines";
import { buildCompletionParams } from "@/lib/server/llm/llm-settings";
import type { LlmEndpoint } from "@/lib/server/llm/endpoints";
import { evolveOnce, type StepCall, type StepCallResult } from "@/lib/server/runs/evolve-once";
import type { RunConfig } from "@/lib/server/runs/run-config";

export interface PlannedCall extends BatchRequest {
  role: StepCall["role"];
}

/** Thrown by the planner's call for a result not stored yet; never leaves planStepCalls. */
class NotStored extends Error {}

// evolveOnce never reaches the endpoint when every call is answered by the planner.
const NO_ENDPOINT: LlmEndpoint = { kind: "simulator", baseURL: "http://planner.invalid/v1", apiKey: "", label: "" };

/**
 * The calls a step still needs, learned by running the step's own code
 * (evolveOnce) against stored results only: none when it has all it needs
 * (its step job then completes it without sending anything), else the next
 * ones — the evolve call, or the answer, judge and difficulty calls together.
 * Bodies are what the synchronous call would send, so custom_id and body
 * match the llm_calls row the step job looks for.
 */
export async function planStepCalls(options: {
  runId: string;
  stepKey: string;
  operation: Operation;
  parent: { instruction: string; input: string };
  config: RunConfig;
  /** The run's method (docs/decisions/0027): the prompts must be the ones its step job would send. */
  texts: MethodTexts;
  /** Stored replies by request key (llm_calls rows with a reply). */
  stored: ReadonlyMap<string, StepCallResult>;
  preset?: { instruction: string; input: string; rawReply: string };
}): Promise<PlannedCall[]> {
  const { config, stored } = options;
  const missing: PlannedCall[] = [];
  const llm = async (call: StepCall): Promise<StepCallResult> => {
    const result = stored.get(call.requestKey);
    if (result) return result;
    missing.push({
      role: call.role,
      customId: call.requestKey,
      body: buildCompletionParams(config.llm[call.role], call.prompt),
    });
    throw new NotStored(call.requestKey);
  };
  try {
    await evolveOnce({ ...options, endpoint: NO_ENDPOINT, llm });
  } catch (error) {
    if (!(error instanceof NotStored)) throw error;
  }
  return missing;
}
