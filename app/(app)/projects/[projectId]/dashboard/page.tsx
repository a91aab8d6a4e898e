import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { ChartFigure } from "@/components/dashboard/chart-figure";
import { DashboardEmpty } from "@/components/dashboard/dashboard-empty";
import { DashboardTiles } from "@/components/dashboard/dashboard-tiles";
import { DifficultyChart } from "@/components/dashboard/difficulty-chart";
import { DiversitySection } from "@/components/dashboard/diversity-section";
import { OperationMixChart } from "@/components/dashboard/operation-mix-chart";
import { ProjectCostLoading, ProjectCostSection } from "@/components/dashboard/project-cost-section";
import { OperationPassChart } from "@/components/dashboard/operation-pass-chart";
import { RulePassRateChart } from "@/components/dashboard/rule-pass-rate-chart";
import { StatusByRoundChart } from "@/components/dashboard/status-by-round-chart";
import { WordLengthChart } from "@/components/dashboard/word-length-chart";
import { Card } from "@/components/ui/card";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { getProjectCosts } from "@/lib/server/dashboard/get-project-costs";
import { getProjectDashboard } from "@/lib/server/dashboard/get-project-dashboard";
import { getProjectDiversity } from "@/lib/server/diversity/get-project-diversity";
import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requireProjectPage(projectId);
  if (!isUuid(projectId)) notFound();
  const project = await getPrisma().project.findUnique({ where: { id: projectId }, select: { id: true, name: true } });
  if (!project) notFound();
  // Started now, awaited only inside the cost table's Suspense boundary: the rest of the page streams without it.
  const costs = getProjectCosts({ projectId });
  // Marks the rejection handled should the dashboard fail first; the boundary still sees it.
  costs.catch(() => {});
  const dashboard = await getProjectDashboard({ projectId });
  const { totals } = dashboard;
  const diversity = totals.nodes ? await getProjectDiversity({ projectId, nodes: totals.nodes }) : null;
  return (
    <div className="space-y-4">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {project.name}
        </Link>
        <h1 className="text-xl font-semibold">Dashboard</h1>
        <p className="text-sm text-zinc-500">
          {totals.nodes
            ? `${totals.nodes.toLocaleString("en-US")} instructions: ${totals.seeds.toLocaleString("en-US")} seeds and ${totals.evolved.toLocaleString("en-US")} evolved over ${totals.rounds} round${totals.rounds === 1 ? "" : "s"}.`
            : "No instructions yet."}
        </p>
      </div>
      {totals.nodes ? <DashboardTiles dashboard={dashboard} /> : null}
      {totals.evolved === 0 ? (
        <DashboardEmpty projectId={project.id} hasSeeds={totals.seeds > 0} isAdmin={user.role === "admin"} />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <ChartFigure
            testId="chart-review-status"
            title="Review status per round"
            caption="Nodes of each round by their current human status; seeds are round 0."
          >
            <StatusByRoundChart rounds={dashboard.rounds} by="human" />
          </ChartFigure>
          <ChartFigure
            testId="chart-verdicts"
            title="Eliminator verdict per round"
            caption="Evolved nodes of each round that passed the eliminator, were eliminated, or are still waiting for it."
          >
            <StatusByRoundChart rounds={dashboard.rounds} by="eliminator" />
          </ChartFigure>
          <ChartFigure
            testId="chart-rule-pass-rates"
            title="Pass rate per eliminator rule"
            caption="Per round, the share of judged evolved nodes on which each rule did not fire; the dashed line is the share that passed every rule. Pending nodes are left out."
          >
            <RulePassRateChart rounds={dashboard.rounds} rules={dashboard.rules} />
          </ChartFigure>
          <ChartFigure
            testId="chart-instruction-length"
            title="Instruction length"
            caption="Words per instruction in each round (words are separated by spaces, tabs or line breaks): median, mean, and 10th and 90th percentiles."
          >
            <WordLengthChart rounds={dashboard.rounds} />
          </ChartFigure>
          <ChartFigure
            testId="chart-operation-mix"
            title="Operation mix per round"
            caption="Evolved nodes of each round by the operation that produced them."
          >
            <OperationMixChart rounds={dashboard.rounds} />
          </ChartFigure>
          <ChartFigure
            testId="chart-operations"
            title="Operations: nodes and pass rate"
            caption="All rounds together: nodes per operation by eliminator verdict, and the share of judged ones that passed (right axis)."
          >
            <OperationPassChart operations={dashboard.operations} />
          </ChartFigure>
          {dashboard.difficultyScored > 0 ? (
            <ChartFigure
              testId="chart-difficulty"
              title="Difficulty per round"
              caption={`Distribution of the 1–10 difficulty scores of each round, as shares of its scored nodes (${dashboard.difficultyScored.toLocaleString("en-US")} nodes scored).`}
            >
              <DifficultyChart rounds={dashboard.rounds} />
            </ChartFigure>
          ) : (
            <Card title="Difficulty per round">
              <p className="text-sm text-zinc-600" data-testid="difficulty-not-scored">
                Difficulty was not scored in this project&apos;s runs. Turn on “Score difficulty (1–10)” when starting a
                run to see how difficulty moves from round to round.
              </p>
            </Card>
          )}
        </div>
      )}
      {diversity ? (
        <DiversitySection diversity={{ ...diversity, computedAt: diversity.computedAt?.toISOString() ?? null }} />
      ) : null}
      <Suspense fallback={<ProjectCostLoading />}>
        <ProjectCostSection costs={costs} />
      </Suspense>
    </div>
  );
}
