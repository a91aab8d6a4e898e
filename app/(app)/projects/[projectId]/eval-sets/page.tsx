import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AvailableTable } from "@/components/eval-sets/available-table";
import { BuildEvalSetForm } from "@/components/eval-sets/build-eval-set-form";
import { EvalSetList } from "@/components/eval-sets/eval-set-list";
import { Card } from "@/components/ui/card";
import { countEvalSetCandidates } from "@/lib/server/eval-sets/eval-set-candidates";
import { listEvalSets } from "@/lib/server/eval-sets/list-eval-sets";
import { getProject } from "@/lib/server/projects/get-project";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";

export const metadata: Metadata = { title: "Evaluation sets" };

export default async function EvalSetsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectPage(projectId, "admin");
  const project = await getProject({ projectId });
  if (!project) notFound();
  const [available, sets] = await Promise.all([
    countEvalSetCandidates({ projectId: project.id }),
    listEvalSets({ projectId: project.id }),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {project.name}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">Evaluation sets</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          Draw a test set from the accepted evolved nodes that have a difficulty score and an answer: so many per
          difficulty bucket, spread as evenly as the counts allow over the seeds&apos; skills. A set held out is left
          out of the project&apos;s training exports; export the set itself as a test set.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Available nodes">
          <AvailableTable available={available} />
        </Card>
        <Card title="New evaluation set">
          <BuildEvalSetForm projectId={project.id} totals={available.totals} />
        </Card>
      </div>
      <section className="space-y-2">
        <h2 className="text-base font-semibold">Sets</h2>
        <EvalSetList projectId={project.id} sets={sets} />
      </section>
    </div>
  );
}
