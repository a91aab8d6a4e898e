import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ComparisonDiversity } from "@/components/comparisons/comparison-diversity";
import { ComparisonView } from "@/components/comparisons/comparison-view";
import { getComparison } from "@/lib/server/comparisons/get-comparison";
import { getProjectDiversity } from "@/lib/server/diversity/get-project-diversity";
import { nullIfNotFound } from "@/lib/server/errors";
import { getProject } from "@/lib/server/projects/get-project";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";

export const metadata: Metadata = { title: "Comparison" };

export default async function ComparisonPage({
  params,
}: {
  params: Promise<{ projectId: string; comparisonId: string }>;
}) {
  const { projectId, comparisonId } = await params;
  await requireProjectPage(projectId);
  const [project, view] = await Promise.all([
    getProject({ projectId }),
    nullIfNotFound(getComparison({ projectId, comparisonId })),
  ]);
  if (!project || !view) notFound();
  const diversity = await getProjectDiversity({ projectId, nodes: project.counts.seeds + project.counts.evolved });
  const roundsOf = (runId: string) => diversity.runs.find((r) => r.runId === runId)?.rounds ?? [];
  return (
    <div className="space-y-4">
      <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
        ← {project.name}
      </Link>
      <div>
        <h1 className="text-xl font-semibold" data-testid="comparison-name">
          {view.name || "Comparison"}: {view.runs[0].method} against {view.runs[1].method}
        </h1>
        <p className="text-sm text-zinc-500">
          {view.seeds.toLocaleString("en-US")} seeds drawn once
          {view.seedQuery ? ` among those matching “${view.seedQuery}”` : ""}, evolved by both runs; started{" "}
          {view.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC. Figures as of this page&apos;s load.
        </p>
      </div>
      <ComparisonView view={view} />
      <ComparisonDiversity
        runs={[roundsOf(view.runs[0].id), roundsOf(view.runs[1].id)]}
        computedAt={diversity.computedAt?.toISOString() ?? null}
        stale={diversity.stale}
      />
    </div>
  );
}
