import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ComparisonList } from "@/components/comparisons/comparison-list";
import { RenameProjectForm } from "@/components/projects/rename-project-form";
import { RunList } from "@/components/runs/run-list";
import { ImportHistory } from "@/components/seeds/import-history";
import { SeedSearchForm } from "@/components/seeds/seed-search-form";
import { SeedTable } from "@/components/seeds/seed-table";
import { ButtonLink } from "@/components/ui/button-link";
import { Pagination } from "@/components/ui/pagination";
import { Stat } from "@/components/ui/stat";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { listComparisons } from "@/lib/server/comparisons/list-comparisons";
import { getProject } from "@/lib/server/projects/get-project";
import { listRuns } from "@/lib/server/runs/list-runs";
import { listImports } from "@/lib/server/seeds/list-imports";
import { listSeeds } from "@/lib/server/seeds/list-seeds";

type Props = {
  params: Promise<{ projectId: string }>;
  searchParams: Promise<{ q?: string; page?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { projectId } = await params;
  // The title names the project: only for those who may see it.
  await requireProjectPage(projectId);
  const project = await getProject({ projectId });
  return { title: project?.name ?? "Project" };
}

export default async function ProjectPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const user = await requireProjectPage(projectId);
  const { q, page } = await searchParams;
  const project = await getProject({ projectId });
  if (!project) notFound();
  const [seeds, imports, runs, comparisons] = await Promise.all([
    listSeeds({ projectId, query: q, page: Number(page) || 1 }),
    listImports({ projectId }),
    listRuns({ projectId }),
    listComparisons({ projectId }),
  ]);
  const base = `/projects/${projectId}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold" data-testid="project-name">
            {project.name}
          </h1>
          {project.description ? <p className="text-sm text-zinc-500">{project.description}</p> : null}
        </div>
        <div className="flex items-center gap-2">
          <ButtonLink href={`${base}/dashboard`} variant="secondary">
            Dashboard
          </ButtonLink>
          {project.counts.evolved > 0 ? (
            <ButtonLink href={`${base}/review`} variant="secondary">
              Review queue
            </ButtonLink>
          ) : null}
          {project.counts.evolved > 0 ? (
            <ButtonLink href={`${base}/review?mine=1&sort=oldest`} variant="secondary">
              Waiting for me
            </ButtonLink>
          ) : null}
          {project.counts.evolved > 0 ? (
            <ButtonLink href={`${base}/agreement`} variant="secondary">
              Agreement
            </ButtonLink>
          ) : null}
          {user.role === "admin" ? (
            <>
              <RenameProjectForm projectId={project.id} name={project.name} />
              <ButtonLink href={`${base}/settings`} variant="secondary">
                Settings
              </ButtonLink>
              <ButtonLink href={`${base}/seeds/import`} variant="secondary">
                Import seeds
              </ButtonLink>
              <ButtonLink href={`${base}/export`} variant="secondary">
                Export
              </ButtonLink>
              <ButtonLink href={`${base}/eval-sets`} variant="secondary">
                Evaluation sets
              </ButtonLink>
              {project.counts.seeds > 0 ? (
                <ButtonLink href={`${base}/comparisons/new`} variant="secondary">
                  Compare methods
                </ButtonLink>
              ) : null}
              {project.counts.seeds > 0 ? (
                <ButtonLink href={`${base}/runs/new`} variant="primary">
                  Start a run
                </ButtonLink>
              ) : null}
            </>
          ) : null}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Seeds" value={project.counts.seeds} />
        <Stat label="Evolved" value={project.counts.evolved} />
        <Stat label="Accepted" value={project.counts.accepted} />
        <Stat label="Rejected" value={project.counts.rejected} />
        <Stat label="Runs" value={project.counts.runs} />
        <Stat label="Imports" value={project.counts.imports} />
      </div>
      {runs.length ? (
        <section className="space-y-2">
          <h2 className="text-base font-semibold">Runs</h2>
          <RunList projectId={project.id} runs={runs} />
        </section>
      ) : null}
      {comparisons.length ? (
        <section className="space-y-2">
          <h2 className="text-base font-semibold">Comparisons</h2>
          <ComparisonList projectId={project.id} comparisons={comparisons} />
        </section>
      ) : null}
      <section className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-base font-semibold">Seeds</h2>
          <SeedSearchForm action={base} query={seeds.query} />
        </div>
        <p className="text-sm text-zinc-500" data-testid="seed-count">
          {seeds.query
            ? `${seeds.total.toLocaleString("en-US")} of ${project.counts.seeds.toLocaleString("en-US")} seeds match “${seeds.query}”`
            : `${seeds.total.toLocaleString("en-US")} seeds`}
        </p>
        <SeedTable
          projectId={project.id}
          seeds={seeds.items}
          emptyText={seeds.query ? "No seed matches this search." : "No seeds yet. Import a file to start."}
        />
        <Pagination
          page={seeds.page}
          pageCount={seeds.pageCount}
          hrefFor={(p) =>
            `${base}?${new URLSearchParams({ ...(seeds.query ? { q: seeds.query } : {}), page: String(p) })}`
          }
        />
      </section>
      <ImportHistory imports={imports} />
    </div>
  );
}
