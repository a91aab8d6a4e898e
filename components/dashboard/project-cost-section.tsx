import type { ProjectCosts } from "@/lib/server/dashboard/get-project-costs";
import { ProjectCostTable } from "./project-cost-table";

/** The cost table once its figures arrive: the page renders it in a Suspense boundary, so the charts never wait for it. */
export async function ProjectCostSection({ costs }: { costs: Promise<ProjectCosts> }) {
  const loaded = await costs;
  return loaded.perRun.length > 0 ? <ProjectCostTable costs={loaded} /> : null;
}

export function ProjectCostLoading() {
  return (
    <p className="text-sm text-zinc-500" data-testid="project-cost-loading">
      Loading what the runs cost…
    </p>
  );
}
