import type { RouteErrorBody } from "@/lib/routes/route-error";
import type { z } from "zod";
import type { decideNodeSchema } from "@/lib/validation/review";

export type DecisionInput = z.input<typeof decideNodeSchema>;

/** What the decision route answers: the node's status, and another reviewer's decision made meanwhile. */
export interface DecisionAnswer {
  humanStatus: string;
  conflict: { reviewer: string; decision: string; at: string } | null;
}

/**
 * Posts a decision to the decision route (app/api/projects/[projectId]/nodes/[nodeId]/decision):
 * a plain fetch, outside React's transitions, so a navigation started meanwhile is not held until it answers.
 */
export async function sendDecision(
  input: DecisionInput,
): Promise<{ ok: true; data: DecisionAnswer } | { ok: false; error: string }> {
  const { projectId, nodeId, ...decision } = input;
  const form = new FormData();
  form.set("decision", JSON.stringify(decision));
  const response = await fetch(`/api/projects/${projectId}/nodes/${nodeId}/decision`, { method: "POST", body: form });
  const body = (await response.json().catch(() => null)) as DecisionAnswer | RouteErrorBody | null;
  if (!response.ok || body === null || "error" in body)
    return {
      ok: false,
      error: body && "error" in body ? body.error.message : `The server answered ${response.status}.`,
    };
  return { ok: true, data: body };
}
