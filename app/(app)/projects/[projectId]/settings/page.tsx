import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProjectMembersEditor } from "@/components/projects/project-members";
import { ProjectSpendingForm } from "@/components/projects/project-spending-form";
import { ReviewLimitsForm } from "@/components/projects/review-limits-form";
import { Card } from "@/components/ui/card";
import { getProject } from "@/lib/server/projects/get-project";
import { getProjectBudget } from "@/lib/server/projects/get-project-budget";
import { getReviewLimits } from "@/lib/server/projects/get-review-limits";
import { listProjectMembers } from "@/lib/server/projects/list-project-members";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectPage(projectId, "admin");
  const [project, members, budget] = await Promise.all([
    getProject({ projectId }),
    listProjectMembers({ projectId }),
    getProjectBudget({ projectId }),
  ]);
  if (!project || !budget) notFound();
  const limits = await getReviewLimits({ projectId });
  return (
    <div className="space-y-4">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {project.name}
        </Link>
        <h1 className="text-xl font-semibold">Project settings</h1>
      </div>
      <Card title="Members">
        <ProjectMembersEditor projectId={project.id} {...members} />
      </Card>
      <Card title="Review limits">
        <ReviewLimitsForm projectId={project.id} {...limits} />
      </Card>
      <Card title="Spending">
        <ProjectSpendingForm projectId={project.id} {...budget} />
      </Card>
    </div>
  );
}
