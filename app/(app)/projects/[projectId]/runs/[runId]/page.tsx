import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RunCostTable } from "@/components/runs/run-cost-table";
import { runPageProgress } from "@/components/runs/run-page-progress";
import { RunProgressView } from "@/components/runs/run-progress-view";
import { getRunBatches } from "@/lib/server/batch/get-run-batches";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { nullIfNotFound } from "@/lib/server/errors";
import { getProject } from "@/lib/server/projects/get-project";
import { getRunCosts } from "@/lib/server/runs/get-run-costs";
import { getRunProgress } from "@/lib/server/runs/get-run-progress";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const user = await requireProjectPage(projectId);
  const [project, progress] = await Promise.all([
    getProject({ projectId }),
    nullIfNotFound(getRunProgress({ runId, viewer: user })),
  ]);
  if (!project || !progress || progress.projectId !== project.id) notFound();
  const [costs, batches] = await Promise.all([getRunCosts({ runId: progress.id }), getRunBatches({ runId })]);
  return (
    <div className="space-y-4">
      <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
        ← {project.name}
      </Link>
      <RunProgressView
        initial={runPageProgress({ progress, batches, viewer: user })}
        canControl={user.role === "admin"}
      />
      {/* As of the page's load: the progress above polls, the cost breakdown is read once. */}
      <RunCostTable costs={costs} />
    </div>
  );
}
