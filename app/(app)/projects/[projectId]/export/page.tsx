import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExportForm } from "@/components/export/export-form";
import { ExportHistory, formatBytes } from "@/components/export/export-history";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { exportChoices } from "@/lib/server/export/export-choices";
import { listExports } from "@/lib/server/export/list-exports";
import { exportDiskUsage } from "@/lib/server/export/export-disk-usage";
import { getEnv } from "@/lib/server/config/env";
import { getProject } from "@/lib/server/projects/get-project";

export const metadata: Metadata = { title: "Export" };

export default async function ExportPage({
  params,
  searchParams,
}: {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ evalSet?: string }>;
}) {
  const { projectId } = await params;
  const { evalSet } = await searchParams;
  await requireProjectPage(projectId, "admin");
  const project = await getProject({ projectId });
  if (!project) notFound();
  const [choices, exports, diskBytes] = await Promise.all([
    exportChoices({ projectId: project.id }),
    listExports({ projectId: project.id }),
    exportDiskUsage({ projectId: project.id }),
  ]);
  const retentionDays = getEnv().EXPORT_RETENTION_DAYS;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {project.name}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">Export the dataset</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          Choose which nodes to take and the format your fine-tuning tool reads. The export is written on the server,
          streamed from the database, and kept: every export below can be downloaded again.
        </p>
      </div>
      <ExportForm
        projectId={project.id}
        choices={choices}
        evalSetId={choices.evalSets.some((s) => s.id === evalSet) ? evalSet : null}
      />
      <section className="space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-base font-semibold">Exports</h2>
          <p className="text-sm text-zinc-500">
            <span data-testid="export-disk-usage">{formatBytes(diskBytes)}</span> on the server&apos;s disk ·{" "}
            {retentionDays > 0 ? `files are kept ${retentionDays} days` : "files are kept until removed"}
          </p>
        </div>
        <ExportHistory
          projectId={project.id}
          exports={exports}
          evalSetNames={Object.fromEntries(choices.evalSets.map((s) => [s.id, s.name]))}
        />
      </section>
    </div>
  );
}
