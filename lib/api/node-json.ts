// How nodes look in the REST API (/api/v1): snake_case, ISO times. The
// schemas describe the answers in the OpenAPI document.
import { z } from "zod";
import type { NodeDetail } from "@/lib/server/review/get-node-detail";
import type { TreeNode } from "@/lib/server/review/get-lineage-tree";
import { NODE_LIST_TEXT_CHARS, type NodeListRow } from "@/lib/server/review/list-nodes-page";
import { NODE_TEXT_LIMIT } from "@/lib/text/text-limits";

const humanStatusSchema = z
  .enum(["unreviewed", "accepted", "rejected", "disputed"])
  .describe("For an annotator, 'unreviewed' until they have decided the node themself (blind review).");
const verdictSchema = z.enum(["pending", "passed", "failed"]).describe("The eliminator's verdict.");

/** A text as sent: clipped when `truncated` (GET /api/v1/nodes/{nodeId} sends more), with its full length in characters. */
const textSchema = z.object({ text: z.string(), length: z.int(), truncated: z.boolean() });
const optionalTextSchema = z.object({
  text: z.string().nullable(),
  length: z.int().nullable(),
  truncated: z.boolean(),
});

// Lengths are in characters (SQL's length()), not UTF-16 units: a text was cut when it is longer than the limit.
const text = (shown: string, length: number, limit: number) => ({ text: shown, length, truncated: length > limit });
const optionalText = (shown: string | null, length: number | null, limit: number) => ({
  text: shown,
  length,
  truncated: length !== null && length > limit,
});

export const nodeListJsonSchema = z.object({
  id: z.uuid(),
  seed_id: z.uuid().describe("The root of its lineage tree (its own id for a seed)."),
  parent_id: z.uuid().nullable(),
  run_id: z.uuid().nullable(),
  round: z.int(),
  operation: z.string().nullable(),
  instruction: textSchema,
  input: textSchema,
  answer: optionalTextSchema.describe("The node's output (null text: not answered)."),
  verdict: verdictSchema,
  failed_rules: z.array(z.string()),
  human_status: humanStatusSchema,
  created_at: z.iso.datetime(),
});

export function nodeListJson(node: NodeListRow): z.output<typeof nodeListJsonSchema> {
  return {
    id: node.id,
    seed_id: node.rootId,
    parent_id: node.parentId,
    run_id: node.runId,
    round: node.round,
    operation: node.operation,
    instruction: text(node.instruction, node.lengths.instruction, NODE_LIST_TEXT_CHARS),
    input: text(node.input, node.lengths.input, NODE_LIST_TEXT_CHARS),
    answer: optionalText(node.output, node.lengths.output, NODE_LIST_TEXT_CHARS),
    verdict: node.verdict as z.output<typeof verdictSchema>,
    failed_rules: node.failedRules,
    human_status: node.humanStatus as z.output<typeof humanStatusSchema>,
    created_at: node.createdAt.toISOString(),
  };
}

export const nodeDetailJsonSchema = z.object({
  id: z.uuid(),
  project_id: z.uuid(),
  seed_id: z.uuid(),
  parent_id: z.uuid().nullable(),
  run_id: z.uuid().nullable(),
  round: z.int(),
  operation: z.string().nullable(),
  method: z
    .string()
    .nullable()
    .describe('The method and version whose prompts made it, e.g. "code v2" (null: a seed).'),
  template_version: z.string().nullable(),
  instruction: textSchema.describe("Whole up to 100,000 characters, else its first 20,000."),
  input: textSchema,
  answer: optionalTextSchema,
  verdict: verdictSchema,
  failed_rules: z.array(z.string()),
  verdicts: z
    .array(z.object({ rule: z.string(), enabled: z.boolean(), failed: z.boolean(), reason: z.string() }))
    .describe("Each eliminator rule's outcome and reason."),
  human_status: humanStatusSchema,
  reviews: z
    .array(
      z.object({
        id: z.uuid(),
        reviewer: z.string(),
        reviewer_role: z.enum(["admin", "annotator"]),
        decision: z.enum(["accept", "reject"]),
        reason_tags: z.array(z.string()),
        note: z.string(),
        revoked: z.boolean(),
        bulk: z.boolean(),
        created_at: z.iso.datetime(),
      }),
    )
    .describe("Oldest first. Until the token's owner has decided the node, only their own (blind review)."),
  others_hidden: z.boolean().describe("Other reviewers' decisions were left out (blind review)."),
  llm: z.object({
    evolve_model: z.string().nullable(),
    answer_model: z.string().nullable(),
    calls: z.int(),
    prompt_tokens: z.int(),
    completion_tokens: z.int(),
    latency_ms: z.int(),
  }),
  metadata: z.record(z.string(), z.unknown()),
  created_at: z.iso.datetime(),
});

export function nodeDetailJson(node: NodeDetail): z.output<typeof nodeDetailJsonSchema> {
  const sum = (pick: (call: NodeDetail["calls"][number]) => number | null) =>
    node.calls.reduce((total, call) => total + (pick(call) ?? 0), 0);
  return {
    id: node.id,
    project_id: node.projectId,
    seed_id: node.rootId,
    parent_id: node.parentId,
    run_id: node.runId,
    round: node.round,
    operation: node.operation,
    method: node.method,
    template_version: node.templateVersion,
    instruction: text(node.instruction, node.lengths.instruction, NODE_TEXT_LIMIT),
    input: text(node.input, node.lengths.input, NODE_TEXT_LIMIT),
    answer: optionalText(node.output, node.lengths.output, NODE_TEXT_LIMIT),
    verdict: node.verdict,
    failed_rules: node.failedRules,
    verdicts: node.eliminator.verdicts.map((v) => ({
      rule: v.rule,
      enabled: v.enabled,
      failed: v.failed,
      reason: v.reason,
    })),
    human_status: node.humanStatus,
    reviews: node.reviews.map((r) => ({
      id: r.id,
      reviewer: r.reviewer,
      reviewer_role: r.reviewerRole,
      decision: r.decision,
      reason_tags: r.reasonTags,
      note: r.note,
      revoked: r.revoked,
      bulk: r.bulk,
      created_at: r.at.toISOString(),
    })),
    others_hidden: node.blind.othersHidden,
    llm: {
      evolve_model: node.evolveModel,
      answer_model: node.answerModel,
      calls: node.calls.length,
      prompt_tokens: sum((c) => c.promptTokens),
      completion_tokens: sum((c) => c.completionTokens),
      latency_ms: sum((c) => c.latencyMs),
    },
    metadata: node.metadata,
    created_at: node.createdAt.toISOString(),
  };
}

export const treeNodeJsonSchema = z.object({
  id: z.uuid(),
  parent_id: z.uuid().nullable(),
  round: z.int(),
  operation: z.string().nullable(),
  preview: z.string().describe("The instruction's first 160 characters."),
  verdict: verdictSchema,
  failed_rules: z.array(z.string()),
  human_status: humanStatusSchema,
});

export const lineageTreeJsonSchema = z.object({
  seed_id: z.uuid(),
  node_count: z.int(),
  nodes: z
    .array(treeNodeJsonSchema)
    .describe("Flat, by round then creation: each node after its parent; parent_id links them (null: the seed)."),
});

export function lineageTreeJson(seedId: string, nodes: TreeNode[]): z.output<typeof lineageTreeJsonSchema> {
  return {
    seed_id: seedId,
    node_count: nodes.length,
    nodes: nodes.map((n) => ({
      id: n.id,
      parent_id: n.parentId,
      round: n.round,
      operation: n.operation,
      preview: n.preview,
      verdict: n.verdict as z.output<typeof verdictSchema>,
      failed_rules: n.failedRules,
      human_status: n.humanStatus as z.output<typeof humanStatusSchema>,
    })),
  };
}
