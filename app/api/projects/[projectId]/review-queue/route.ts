import { defineRoute } from "@/lib/routes/define-route";
import { hideOthersStatuses } from "@/lib/server/review/hide-others-statuses";
import { listReviewQueue } from "@/lib/server/review/list-review-queue";
import { reviewQueuePageQuerySchema } from "@/lib/validation/review";
import { projectParamsSchema } from "@/lib/validation/route-params";

export const dynamic = "force-dynamic";

/** The next page of the review queue, for the list's "load more". */
export const GET = defineRoute({
  role: "any",
  params: projectParamsSchema,
  query: reviewQueuePageQuerySchema,
  project: (params) => params.projectId,
  handler: async ({ params, query: { after, ...filter } }, { user }) => {
    const page = await listReviewQueue({ projectId: params.projectId, filter, viewer: user, after });
    return { ...page, items: await hideOthersStatuses({ items: page.items, viewer: user }) };
  },
});
