import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareMethodsForm } from "@/components/comparisons/compare-methods-form";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { getRunFormDefaults } from "@/lib/server/runs/run-form-defaults";
import { describeRealEndpoint } from "@/lib/server/llm/endpoints";

export const metadata: Metadata = { title: "Compare methods" };

export default async function NewComparisonPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectPage(projectId, "admin");
  const defaults = await getRunFormDefaults({ projectId });
  if (!defaults) notFound();
  const { project, budget, methods, defaultModels } = defaults;

  return (
    <div className="space-y-4">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {project.name}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">Compare methods</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          Two runs started together on one seed sample, alike in everything but their method, version or operation
          weights. The comparison page shows their figures side by side, per round and per operation.
        </p>
      </div>
      <CompareMethodsForm
        projectId={project.id}
        seedCount={project.counts.seeds}
        realEndpoint={describeRealEndpoint()}
        defaultModels={defaultModels}
        defaultCaps={{ maxTokens: budget.defaultMaxTokens, maxCostUsd: budget.defaultMaxCostUsd }}
        methods={methods.map((m) => ({
          name: m.name,
          description: m.description,
          versions: m.versions.map((v) => ({ version: v.version, note: v.note })),
        }))}
      />
    </div>
  );
}
