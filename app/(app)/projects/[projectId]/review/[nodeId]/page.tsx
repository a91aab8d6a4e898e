import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { QueueKeys } from "@/components/review-queue/queue-keys";
import { NodeView } from "@/components/review/node-view";
import { ReviewBar } from "@/components/review/review-bar";
import { queueQuery } from "@/lib/review/review-queue-params";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { NODE_TEXT_LIMIT } from "@/lib/text/text-limits";
import { getNodeDetail } from "@/lib/server/review/get-node-detail";
import { readRevealDecisions } from "@/lib/server/review/reveal-decisions";
import { getRedoAllowance } from "@/lib/server/runs/redo-allowance";
import { queueNeighbours } from "@/lib/server/review/review-queue-neighbours";
import { reviewQueueFilterSchema } from "@/lib/validation/review";

export const metadata: Metadata = { title: "Review" };

type Props = {
  params: Promise<{ projectId: string; nodeId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export default async function ReviewNodePage({ params, searchParams }: Props) {
  const { projectId, nodeId } = await params;
  const user = await requireProjectPage(projectId);
  const filter = reviewQueueFilterSchema.parse(await searchParams);
  const revealOthers = await readRevealDecisions(user);
  const [node, redo] = await Promise.all([
    getNodeDetail({ projectId, nodeId, viewer: user, revealOthers }),
    getRedoAllowance({ projectId, viewer: user }),
  ]);
  if (!node) notFound();
  const { next, afterNext, previous } = await queueNeighbours({ projectId, filter, viewer: user, nodeId });
  const query = queueQuery(filter);
  const href = (id: string | null) => (id ? `/projects/${projectId}/review/${id}${query}` : null);
  const latestReview = [...node.reviews].reverse().find((r) => !r.revoked) ?? null;
  return (
    <div className="mx-auto max-w-4xl space-y-3">
      <QueueKeys nextHref={href(next)} previousHref={href(previous)} aheadHref={href(afterNext)} />
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={`/projects/${projectId}/review${query}`} className="text-indigo-700 hover:underline">
          ← Queue
        </Link>
        <div className="flex gap-3">
          {previous ? (
            <Link href={href(previous)!} className="hover:underline">
              ← Previous <kbd className="text-xs text-zinc-400">k</kbd>
            </Link>
          ) : (
            <span className="text-zinc-300">← Previous</span>
          )}
          {next ? (
            <Link href={href(next)!} className="hover:underline">
              Next <kbd className="text-xs text-zinc-400">j</kbd> →
            </Link>
          ) : (
            <span className="text-zinc-300">End of queue</span>
          )}
          <Link
            href={`/projects/${projectId}/trees/${node.rootId}?node=${node.id}`}
            className="text-indigo-700 hover:underline"
          >
            Show in lineage
          </Link>
        </div>
      </div>
      <ReviewBar
        key={node.id}
        projectId={projectId}
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
        nextHref={href(next)}
      />
      <NodeView node={node} />
    </div>
  );
}
