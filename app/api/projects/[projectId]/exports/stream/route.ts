import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { UserFacingError } from "@/lib/server/errors";
import { startStreamedExport } from "@/lib/server/export/stream-export";
import { startExportSchema } from "@/lib/validation/export";

export const dynamic = "force-dynamic";

/**
 * "Download now": a form post (field `options`, the export options as JSON)
 * answered with the export itself, streamed from the database as it is
 * encoded; the browser saves it as a download. Admins only. The session
 * cookie is SameSite=Lax, so another site cannot post this form as the admin.
 */
export async function POST(request: Request, { params }: { params: Promise<{ projectId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Not signed in." }, { status: 401 });
  if (user.role !== "admin") return NextResponse.json({ error: "Only admins can export." }, { status: 403 });
  const { projectId } = await params;
  let options: unknown;
  try {
    options = JSON.parse(String((await request.formData()).get("options") ?? ""));
  } catch {
    return NextResponse.json({ error: "The export options are missing or not JSON." }, { status: 400 });
  }
  const parsed = startExportSchema.safeParse({ projectId, options });
  if (!parsed.success)
    return NextResponse.json({ error: parsed.error.issues[0]?.message ?? "Invalid export options." }, { status: 400 });
  try {
    const started = await startStreamedExport({ projectId, options: parsed.data.options, actorId: user.id });
    return new Response(started.body, {
      headers: {
        "content-type": started.contentType,
        "content-disposition": `attachment; filename="${started.fileName.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(started.fileName)}`,
        "cache-control": "no-store",
        "x-export-id": started.exportId,
      },
    });
  } catch (error) {
    if (error instanceof UserFacingError) return NextResponse.json({ error: error.message }, { status: 422 });
    throw error;
  }
}
