import { getPrisma } from "@/lib/server/db/prisma";
import { requestKeysOfStep } from "@/lib/server/runs/step-key";

/**
 * A node's successful LLM calls, oldest first, as the node view shows them. A
 * run's step calls are found by the request keys of the node's step (the step
 * stores them before the node exists and does not come back to name the node:
 * decision 0047); calls made for an existing node (a method's trial, calls
 * stored before that decision) name it.
 */
export async function readNodeCalls(node: { id: string; stepKey: string | null }) {
  return getPrisma().llmCall.findMany({
    where: {
      outcome: "ok",
      OR: [{ nodeId: node.id }, ...(node.stepKey ? [{ requestKey: { in: requestKeysOfStep(node.stepKey) } }] : [])],
    },
    select: { role: true, model: true, promptTokens: true, completionTokens: true, latencyMs: true },
    orderBy: { createdAt: "asc" },
  });
}
