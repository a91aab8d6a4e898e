import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { QueueCount, QueueCountPending } from "@/components/review-queue/queue-count";
import { QueueFilters } from "@/components/review-queue/queue-filters";
import { QueueList } from "@/components/review-queue/queue-list";
import { ButtonLink } from "@/components/ui/button-link";
import { queueQuery } from "@/lib/review/review-queue-params";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { hideOthersStatuses } from "@/lib/server/review/hide-others-statuses";
import { firstReviewQueuePage } from "@/lib/server/review/list-review-queue";
import { getProject } from "@/lib/server/projects/get-project";
import { getReviewLimits } from "@/lib/server/projects/get-review-limits";
import { reviewQueueFilterSchema } from "@/lib/validation/review";

export const metadata: Metadata = { title: "Review queue" };

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function ReviewQueuePage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const user = await requireProjectPage(projectId);
  const project = await getProject({ projectId });
  if (!project) notFound();
  const filter = reviewQueueFilterSchema.parse(await searchParams);
  // The count is started beside the list and streamed in after it (decision 0048): the list never waits for it.
  const [page, bulkLimit] = await Promise.all([
    firstReviewQueuePage({ projectId, filter, viewer: user }),
    user.role === "admin" ? null : getReviewLimits({ projectId }).then((limits) => limits.annotatorBulkLimit),
  ]);
  // Blind second reviews: an annotator sees the status of nodes they have not decided as "unreviewed".
  const items = await hideOthersStatuses({ items: page.items, viewer: user });
  const query = queueQuery(filter);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
            ← {project.name}
          </Link>
          <h1 className="text-xl font-semibold">Review queue</h1>
        </div>
        {page.items.length ? (
          <ButtonLink href={`/projects/${project.id}/review/${page.items[0].id}${query}`} variant="primary">
            Review these one by one →
          </ButtonLink>
        ) : null}
      </div>
      <QueueFilters projectId={project.id} filter={filter} reviewerId={user.id} />
      {/* Keyed like the list: another filter's count is never shown, nor waited for, beside this filter's list. */}
      <Suspense key={query} fallback={<QueueCountPending />}>
        <QueueCount total={page.total} projectId={project.id} filter={filter} bulkLimit={bulkLimit} />
      </Suspense>
      <QueueList
        key={query}
        projectId={project.id}
        bulkLimit={bulkLimit}
        query={query}
        initial={items}
        initialCursor={page.nextCursor}
      />
    </div>
  );
}
