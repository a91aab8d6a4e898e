import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getRunProgress } from "@/lib/server/runs/get-run-progress";

export const dynamic = "force-dynamic";

/** Live progress for the run page, polled while the run is active. */
export async function GET(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Not signed in." }, { status: 401 });
  const { runId } = await params;
  const progress = await getRunProgress({ runId });
  if (!progress) return NextResponse.json({ error: "Unknown run." }, { status: 404 });
  return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
}
