// How decisions look in the REST API (/api/v1): the bodies reuse the review
// page's schemas (lib/validation/review.ts) as they are; the answers are
// snake_case with ISO times. The schemas describe both in the OpenAPI document.
import { z } from "zod";
import { bulkCountSchema, bulkDecideSchema, decideNodeSchema, editNodeSchema } from "@/lib/validation/review";

/** POST /nodes/{nodeId}/decision: accept or reject (as the review bar sends it), or edit a text (as its edit panel). */
export const decisionBodySchema = z.discriminatedUnion("decision", [
  decideNodeSchema.omit({ projectId: true, nodeId: true }),
  editNodeSchema.omit({ projectId: true, nodeId: true }).extend({ decision: z.literal("edit") }),
]);

export const decisionJsonSchema = z.object({
  node_id: z.uuid(),
  decision: z.enum(["accept", "reject", "edit"]),
  /** The node's human status after the decision (for an edit by an annotator who has not decided it: as they may see it). */
  human_status: z.string(),
  /** The recorded decision (null for an edit). */
  review_id: z.uuid().nullable(),
  /** Another reviewer's decision made after the one you had seen (both stay in the history), as the review page reports it. */
  conflict: z.object({ reviewer: z.string(), decision: z.string(), at: z.iso.datetime() }).nullable(),
  /** For an edit: whether the text changed (false when it was already that text). */
  changed: z.boolean().nullable(),
});
export type DecisionJson = z.output<typeof decisionJsonSchema>;

export function decisionJson(options: {
  nodeId: string;
  decision: "accept" | "reject" | "edit";
  humanStatus: string;
  reviewId?: string | null;
  conflict?: { reviewer: string; decision: string; at: Date } | null;
  changed?: boolean | null;
}): DecisionJson {
  const { conflict } = options;
  return {
    node_id: options.nodeId,
    decision: options.decision,
    human_status: options.humanStatus,
    review_id: options.reviewId ?? null,
    conflict: conflict
      ? { reviewer: conflict.reviewer, decision: conflict.decision, at: conflict.at.toISOString() }
      : null,
    changed: options.changed ?? null,
  };
}

/** POST /projects/{projectId}/decisions/bulk/count: the scope, as the review queue's bulk bar sends it. */
export const bulkCountBodySchema = bulkCountSchema.omit({ projectId: true });

export const bulkCountJsonSchema = z.object({
  count: z.int(),
  /** The most this token's owner may decide at once in the project (null: no limit, for admins). */
  limit: z.int().nullable(),
});

/** POST /projects/{projectId}/decisions/bulk: the scope, the decision, and the count confirmed (of …/bulk/count). */
export const bulkDecideBodySchema = bulkDecideSchema
  .omit({ projectId: true, expectedCount: true })
  .extend({ confirm_count: bulkDecideSchema.shape.expectedCount });

export const bulkDecisionJsonSchema = z.object({ bulk_action_id: z.uuid(), count: z.int() });

export const bulkUndoJsonSchema = z.object({ bulk_action_id: z.uuid(), count: z.int() });
