import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { openExportFile } from "@/lib/server/export/open-export-file";
import { EXPORT_FILES, type ExportFile } from "@/lib/validation/export";

export const dynamic = "force-dynamic";

/**
 * Streams a finished export's file from disk: the archive when it was a
 * bundle, else the data file; `?file=data|card|dataset_info|axolotl|archive`
 * picks one file. Admins only, like every export.
 */
export async function GET(request: Request, { params }: { params: Promise<{ projectId: string; exportId: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Not signed in." }, { status: 401 });
  if (user.role !== "admin") return NextResponse.json({ error: "Only admins can export." }, { status: 403 });
  const { projectId, exportId } = await params;
  const asked = new URL(request.url).searchParams.get("file");
  if (asked !== null && !(EXPORT_FILES as readonly string[]).includes(asked))
    return NextResponse.json({ error: "Unknown file." }, { status: 400 });
  const opened = await openExportFile({ projectId, exportId, file: (asked as ExportFile | null) ?? undefined });
  if (!opened.ok) return NextResponse.json({ error: opened.error }, { status: opened.status });
  return new Response(opened.body, {
    headers: {
      "content-type": opened.contentType,
      "content-length": String(opened.size),
      "content-disposition": `attachment; filename="${opened.name.replace(/[^\w.-]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(opened.name)}`,
      "cache-control": "no-store",
    },
  });
}
