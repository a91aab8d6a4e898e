import { seesOthersDecisions } from "@/lib/review/blind-review";
import type { SessionUser } from "@/lib/server/auth/current-user";
import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";
import { personLabel } from "@/lib/users/person-label";
import { readNodeCalls } from "./read-node-calls";
import { readNodeTexts } from "./read-node-texts";

/**
 * One node with everything the node view shows: parent text for the diff,
 * verdicts, calls (and who started the run that paid for them), decisions and
 * edits, as `viewer` may see it. Until the viewer has decided the node, other
 * reviewers' decisions are left out, and with them the human status they
 * make (blind second reviews); an admin may ask for them with `revealOthers`.
 * Edits stay: they changed the text being judged. Texts longer than
 * NODE_TEXT_LIMIT come clipped (the view fetches the rest in chunks).
 */
export async function getNodeDetail(options: {
  projectId: string;
  nodeId: string;
  viewer: Pick<SessionUser, "id" | "role">;
  revealOthers?: boolean;
}) {
  if (!isUuid(options.nodeId)) return null;
  // Decisions after this moment are news to a viewer who saw none (decideNode). Taken before the read,
  // on the app's clock, which is what Prisma stamps created_at with.
  const readAt = new Date();
  const prisma = getPrisma();
  const node = await prisma.node.findFirst({
    where: { id: options.nodeId, projectId: options.projectId },
    // The texts are read clipped, below: one can be tens of megabytes.
    omit: { instruction: true, input: true, output: true, rawReply: true },
    include: {
      parent: { select: { id: true } },
      run: {
        select: { id: true, config: true, templateVersion: true, createdBy: { select: { name: true, email: true } } },
      },
      reviews: { orderBy: { createdAt: "asc" }, include: { reviewer: { select: { email: true, role: true } } } },
      edits: { orderBy: { createdAt: "asc" }, include: { editor: { select: { email: true } } } },
      root: { select: { metadata: true } },
      methodVersion: { select: { version: true, method: { select: { name: true } } } },
    },
  });
  if (!node) return null;
  const [texts, calls] = await Promise.all([readNodeTexts({ nodeId: node.id }), readNodeCalls(node)]);
  const { viewer } = options;
  const reviews = node.reviews.map((r) => ({ ...r, revoked: r.revokedAt !== null }));
  const othersShown = seesOthersDecisions({ viewer, reviews, adminReveal: options.revealOthers === true });
  const shown = othersShown ? reviews : reviews.filter((r) => r.reviewerId === viewer.id);
  const seenAt = othersShown ? null : readAt;
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
    /** "code v1": the method whose texts made the prompts (null: a seed). */
    method: node.methodVersion ? `${node.methodVersion.method.name} v${node.methodVersion.version}` : null,
    /** The texts, each whole up to NODE_TEXT_LIMIT characters, else its first NODE_TEXT_HEAD; `lengths` says how long. */
    instruction: texts.instruction,
    input: texts.input,
    output: texts.output,
    rawReply: texts.rawReply,
    lengths: texts.lengths,
    verdict: node.verdict,
    failedRules: node.failedRules,
    // Hidden decisions make the status; a viewer without their own decision would read them from it.
    humanStatus: othersShown ? node.humanStatus : ("unreviewed" as const),
    difficulty: node.difficulty,
    evolveModel: node.evolveModel,
    answerModel: node.answerModel,
    metadata: (node.parentId ? node.root.metadata : node.metadata) as Record<string, unknown>,
    parent: node.parent ? { id: node.parent.id, instruction: texts.parentInstruction ?? "" } : null,
    runId: node.runId,
    /** Who started the run that made the node (and paid for its calls); null: the command line or a deleted account. */
    runStartedBy: node.run?.createdBy ? personLabel(node.run.createdBy) : null,
    redo: redoOf(node.metadata),
    eliminator: {
      verdicts: eliminator?.verdicts ?? [],
      judgeReply: eliminator?.judgeReply ?? null,
      parseError: eliminator?.parseError ?? null,
    },
    calls,
    reviews: shown.map((r) => ({
      id: r.id,
      decision: r.decision,
      reasonTags: r.reasonTags,
      note: r.note,
      reviewer: r.reviewer.email,
      reviewerRole: r.reviewer.role,
      revoked: r.revoked,
      bulk: r.bulkActionId !== null,
      at: r.createdAt,
    })),
    blind: {
      /** Other reviewers' decisions were left out. */
      othersHidden: !othersShown,
      /** The viewer is an admin, who may switch them on. */
      canReveal: viewer.role === "admin",
      revealed: viewer.role === "admin" && options.revealOthers === true,
      /** When the view was read, while others' decisions were hidden (null otherwise). */
      seenAt,
    },
    edits: node.edits.map((e) => ({
      id: e.id,
      field: e.field,
      before: e.before,
      after: e.after,
      editor: e.editor?.email ?? "deleted user",
      at: e.createdAt,
    })),
    createdAt: node.createdAt,
    /** When the node was read: a decision saved after it is not in this view (components/review/node-status-badge.tsx). */
    readAt,
  };
}

/** A node made by re-evolving or re-answering another records which (lib/server/runs/start-redo.ts). */
function redoOf(metadata: unknown): { of: string; kind: string } | null {
  const m = metadata as { redoOf?: unknown; redo?: unknown } | null;
  return m && typeof m.redoOf === "string" && typeof m.redo === "string" ? { of: m.redoOf, kind: m.redo } : null;
}

export type NodeDetail = NonNullable<Awaited<ReturnType<typeof getNodeDetail>>>;
