import { getProjectCosts, type ProjectCosts } from "@/lib/server/dashboard/get-project-costs";
import { getPrisma } from "@/lib/server/db/prisma";
import { runConfigSchema } from "@/lib/server/runs/run-config";

export interface RunFacts {
  id: string;
  name: string;
  status: string;
  rounds: number;
  mode: string;
  templateVersion: string;
  /** "paper v1": the method whose texts made the run's prompts. */
  method: string;
  branching: number | null;
  endpoint: string | null;
  models: Record<string, string>;
  rules: Record<string, boolean>;
  weights: Record<string, number>;
  createdAt: Date;
}

export interface ProjectCardFacts {
  projectName: string;
  projectDescription: string;
  /** Across the whole project (not only the exported nodes): how the eliminator and the reviewers judged the evolved nodes. */
  evolved: {
    total: number;
    passed: number;
    failed: number;
    pending: number;
    accepted: number;
    rejected: number;
    disputed: number;
    unreviewed: number;
  };
  liveReviews: number;
  reviewers: number;
  runs: RunFacts[];
  /** What the runs (or the exported run) cost: docs/decisions/0024-what-a-node-cost.md. */
  costs: ProjectCosts;
}

/** What the dataset card says about where the data came from: the project, its runs and models, its review. */
export async function projectCardFacts(options: {
  projectId: string;
  runId?: string | null;
}): Promise<ProjectCardFacts> {
  const prisma = getPrisma();
  const project = await prisma.project.findUniqueOrThrow({
    where: { id: options.projectId },
    select: { name: true, description: true },
  });
  const [counts] = await prisma.$queryRaw<Record<string, bigint>[]>`
    SELECT count(*) AS total,
           count(*) FILTER (WHERE verdict = 'passed') AS passed,
           count(*) FILTER (WHERE verdict = 'failed') AS failed,
           count(*) FILTER (WHERE verdict = 'pending') AS pending,
           count(*) FILTER (WHERE human_status = 'accepted') AS accepted,
           count(*) FILTER (WHERE human_status = 'rejected') AS rejected,
           count(*) FILTER (WHERE human_status = 'disputed') AS disputed,
           count(*) FILTER (WHERE human_status = 'unreviewed') AS unreviewed
    FROM nodes WHERE project_id = ${options.projectId}::uuid AND parent_id IS NOT NULL`;
  const [reviews] = await prisma.$queryRaw<{ live: bigint; reviewers: bigint }[]>`
    SELECT count(*) AS live, count(DISTINCT r.reviewer_id) AS reviewers
    FROM reviews r JOIN nodes n ON n.id = r.node_id
    WHERE n.project_id = ${options.projectId}::uuid AND r.revoked_at IS NULL`;
  const runs = await prisma.run.findMany({
    where: { projectId: options.projectId, ...(options.runId ? { id: options.runId } : {}) },
    orderBy: { createdAt: "asc" },
    take: 50,
    include: { methodVersion: { select: { version: true, method: { select: { name: true } } } } },
  });
  const costs = await getProjectCosts({ projectId: options.projectId, runId: options.runId });
  return {
    costs,
    projectName: project.name,
    projectDescription: project.description,
    evolved: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])) as ProjectCardFacts["evolved"],
    liveReviews: Number(reviews.live),
    reviewers: Number(reviews.reviewers),
    runs: runs.map((run) => {
      const config = runConfigSchema.partial().safeParse(run.config);
      const c = config.success ? config.data : {};
      return {
        id: run.id,
        name: c.name ?? "",
        status: run.status,
        rounds: run.rounds,
        mode: run.mode,
        templateVersion: run.templateVersion,
        method: `${run.methodVersion.method.name} v${run.methodVersion.version}`,
        branching: c.branching ?? null,
        endpoint: c.endpointLabel ?? c.endpoint ?? null,
        models: c.llm ? Object.fromEntries(Object.entries(c.llm).map(([role, s]) => [role, s.model])) : {},
        rules: c.rules ?? {},
        weights: c.weights ?? {},
        createdAt: run.createdAt,
      };
    }),
  };
}
