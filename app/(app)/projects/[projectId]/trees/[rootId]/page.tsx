import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NodeView } from "@/components/review/node-view";
import { BulkButton, BulkLimitNote } from "@/components/review/bulk-button";
import { ReviewBar } from "@/components/review/review-bar";
import { LineageTree } from "@/components/tree/lineage-tree";
import { indexTree, subtreeSize, visibleRows } from "@/lib/review/tree-navigation";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { getLineageTree } from "@/lib/server/review/get-lineage-tree";
import { NODE_TEXT_LIMIT } from "@/lib/text/text-limits";
import { getNodeDetail } from "@/lib/server/review/get-node-detail";
import { hideOthersStatuses } from "@/lib/server/review/hide-others-statuses";
import { readRevealDecisions } from "@/lib/server/review/reveal-decisions";
import { getRedoAllowance } from "@/lib/server/runs/redo-allowance";
import { getProject } from "@/lib/server/projects/get-project";
import { getReviewLimits } from "@/lib/server/projects/get-review-limits";

export const metadata: Metadata = { title: "Lineage" };

type Props = { params: Promise<{ projectId: string; rootId: string }>; searchParams: Promise<{ node?: string }> };

export default async function TreePage({ params, searchParams }: Props) {
  const { projectId, rootId } = await params;
  const user = await requireProjectPage(projectId);
  const project = await getProject({ projectId });
  if (!project) notFound();
  const tree = await getLineageTree({ projectId, rootId });
  if (tree.length === 0) notFound();
  const { node: requested } = await searchParams;
  const selectedId = tree.some((n) => n.id === requested) ? requested! : rootId;
  const revealOthers = await readRevealDecisions(user);
  const [node, redo] = await Promise.all([
    getNodeDetail({ projectId, nodeId: selectedId, viewer: user, revealOthers }),
    getRedoAllowance({ projectId, viewer: user }),
  ]);
  if (!node) notFound();
  // After a decision, move on to the next node in tree order.
  const index = indexTree(tree);
  const rows = visibleRows(index, new Set());
  const bulkLimit = user.role === "admin" ? null : (await getReviewLimits({ projectId })).annotatorBulkLimit;
  const subtree = subtreeSize(index, node.id);
  // Blind second reviews: an annotator sees the status of nodes they have not decided as "unreviewed".
  const shownTree = await hideOthersStatuses({ items: tree, viewer: user });
  const next = rows[rows.findIndex((r) => r.id === selectedId) + 1]?.id ?? null;
  const latestReview = [...node.reviews].reverse().find((r) => !r.revoked) ?? null;
  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between gap-3">
        <div>
          <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
            ← {project.name}
          </Link>
          <h1 className="text-lg font-semibold">
            Lineage of a seed <span className="text-sm font-normal text-zinc-500">· {tree.length} nodes</span>
          </h1>
        </div>
        <p className="text-xs text-zinc-500">
          Keys: ← parent · → child · ↑↓ siblings · j/k next/previous · a accept · r reject · e edit
          {redo.allowed ? " · s new sibling" : ""} · ? help
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="h-[calc(100vh-11rem)] overflow-hidden rounded-lg border border-zinc-200 bg-white lg:sticky lg:top-4">
          <LineageTree nodes={shownTree} selectedId={selectedId} />
        </div>
        <div className="space-y-3">
          <ReviewBar
            key={node.id}
            projectId={project.id}
            nodeId={node.id}
            rootId={node.rootId}
            operation={node.operation}
            redo={redo}
            latestReviewId={latestReview?.id ?? null}
            seenAt={node.blind.seenAt?.toISOString() ?? null}
            // Only an editable text goes to the browser twice (as props of the edit panel).
            instruction={node.lengths.instruction > NODE_TEXT_LIMIT ? "" : node.instruction}
            output={(node.lengths.output ?? 0) > NODE_TEXT_LIMIT ? "" : (node.output ?? "")}
            lengths={{ instruction: node.lengths.instruction, output: node.lengths.output ?? 0 }}
            nextHref={next ? `/projects/${project.id}/trees/${rootId}?node=${next}` : null}
          />
          <div className="flex flex-wrap gap-2">
            <BulkButton
              projectId={project.id}
              scope={{ kind: "subtree", nodeId: node.id }}
              decision="reject"
              label="Reject this subtree…"
              limit={bulkLimit}
              knownCount={subtree}
            />
            <BulkButton
              projectId={project.id}
              scope={{ kind: "subtree", nodeId: node.id }}
              decision="accept"
              label="Accept this subtree…"
              limit={bulkLimit}
              knownCount={subtree}
            />
          </div>
          <BulkLimitNote limit={bulkLimit} knownCount={subtree} />
          <NodeView node={node} />
        </div>
      </div>
    </div>
  );
}
