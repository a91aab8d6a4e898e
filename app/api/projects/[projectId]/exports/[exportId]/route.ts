import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getExport } from "@/lib/server/export/list-exports";

export const dynamic = "force-dynamic";

/** An export's state and counts, polled by the export page while it runs. Admins only. */
export async function GET(_request: Request, { params }: { params: Promise<{ projectId: string; exportId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Not signed in." }, { status: 401 });
  if (user.role !== "admin") return NextResponse.json({ error: "Only admins can export." }, { status: 403 });
  const row = await getExport(await params);
  if (!row) return NextResponse.json({ error: "Unknown export." }, { status: 404 });
  return NextResponse.json(row, { headers: { "cache-control": "no-store" } });
}
