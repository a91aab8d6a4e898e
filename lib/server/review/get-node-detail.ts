import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";

/** One node with everything the node view shows: parent text for the diff, verdicts, calls, decisions and edits. */
export async function getNodeDetail(options: { projectId: string; nodeId: string }) {
  if (!isUuid(options.nodeId)) return null;
  const prisma = getPrisma();
  const node = await prisma.node.findFirst({
    where: { id: options.nodeId, projectId: options.projectId },
    include: {
      parent: { select: { id: true, instruction: true, input: true } },
      run: { select: { id: true, config: true, templateVersion: true } },
      llmCalls: {
        where: { outcome: "ok" },
        select: { role: true, model: true, promptTokens: true, completionTokens: true, latencyMs: true },
        orderBy: { createdAt: "asc" },
      },
      reviews: { orderBy: { createdAt: "asc" }, include: { reviewer: { select: { email: true, role: true } } } },
      edits: { orderBy: { createdAt: "asc" }, include: { editor: { select: { email: true } } } },
      root: { select: { metadata: true } },
    },
  });
  if (!node) return null;
  const eliminator = (node.eliminator ?? null) as {
    verdicts?: { rule: string; enabled: boolean; failed: boolean; reason: string }[];
    judgeReply?: string | null;
    parseError?: string | null;
  } | null;
  return {
    id: node.id,
    projectId: node.projectId,
    rootId: node.rootId,
    parentId: node.parentId,
    round: node.round,
    operation: node.operation,
    templateVersion: node.templateVersion,
    instruction: node.instruction,
    input: node.input,
    output: node.output,
    rawReply: node.rawReply,
    verdict: node.verdict,
    failedRules: node.failedRules,
    humanStatus: node.humanStatus,
    difficulty: node.difficulty,
    evolveModel: node.evolveModel,
    answerModel: node.answerModel,
    metadata: (node.parentId ? node.root.metadata : node.metadata) as Record<string, unknown>,
    parent: node.parent,
    runId: node.runId,
    redo: redoOf(node.metadata),
    eliminator: {
      verdicts: eliminator?.verdicts ?? [],
      judgeReply: eliminator?.judgeReply ?? null,
      parseError: eliminator?.parseError ?? null,
    },
    calls: node.llmCalls,
    reviews: node.reviews.map((r) => ({
      id: r.id,
      decision: r.decision,
      reasonTags: r.reasonTags,
      note: r.note,
      reviewer: r.reviewer.email,
      reviewerRole: r.reviewer.role,
      revoked: r.revokedAt !== null,
      bulk: r.bulkActionId !== null,
      at: r.createdAt,
    })),
    edits: node.edits.map((e) => ({
      id: e.id,
      field: e.field,
      before: e.before,
      after: e.after,
      editor: e.editor?.email ?? "deleted user",
      at: e.createdAt,
    })),
    createdAt: node.createdAt,
  };
}

/** A node made by re-evolving or re-answering another records which (lib/server/runs/start-redo.ts). */
function redoOf(metadata: unknown): { of: string; kind: string } | null {
  const m = metadata as { redoOf?: unknown; redo?: unknown } | null;
  return m && typeof m.redoOf === "string" && typeof m.redo === "string" ? { of: m.redoOf, kind: m.redo } : null;
}

export type NodeDetail = NonNullable<Awaited<ReturnType<typeof getNodeDetail>>>;
