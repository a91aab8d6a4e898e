import { NextResponse } from "next/server";
import { z } from "zod";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { listReviewQueue } from "@/lib/server/review/list-review-queue";
import { reviewQueueFilterSchema } from "@/lib/validation/review";

export const dynamic = "force-dynamic";

/** The next page of the review queue, for the list's "load more". */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Not signed in." }, { status: 401 });
  const { projectId } = await params;
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const after = z.uuid().safeParse(search.after);
  if (!z.uuid().safeParse(projectId).success || !after.success)
    return NextResponse.json({ error: "Bad request." }, { status: 400 });
  const page = await listReviewQueue({
    projectId,
    filter: reviewQueueFilterSchema.parse(search),
    viewerId: user.id,
    after: after.data,
  });
  return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
}
