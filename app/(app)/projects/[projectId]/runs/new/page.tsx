import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StartRunForm } from "@/components/runs/start-run-form";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { getRunFormDefaults } from "@/lib/server/runs/run-form-defaults";
import { getEnv } from "@/lib/server/config/env";
import { describeRealEndpoint } from "@/lib/server/llm/endpoints";
import { batchPriceFactorFromEnv, modelPricesFromEnv } from "@/lib/server/llm/model-prices";

export const metadata: Metadata = { title: "Start a run" };

export default async function NewRunPage({ params }: { params: Promise<{ projectId: string }> }) {
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
        <h1 className="mt-1 text-xl font-semibold">Start an evolution run</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          Each round, every frontier instruction is rewritten by one of the six Evol-Instruct operations, answered, and
          checked by the eliminator. Passing rewrites carry their lineage forward; a failed one leaves its parent to be
          evolved again next round.
        </p>
      </div>
      <StartRunForm
        projectId={project.id}
        seedCount={project.counts.seeds}
        realEndpoint={describeRealEndpoint()}
        defaultModels={defaultModels}
        prices={modelPricesFromEnv()}
        defaultCaps={{ maxTokens: budget.defaultMaxTokens, maxCostUsd: budget.defaultMaxCostUsd }}
        maxRunSteps={getEnv().EVOL_MAX_RUN_STEPS}
        batchPriceFactor={batchPriceFactorFromEnv()}
        methods={methods.map((m) => ({
          name: m.name,
          description: m.description,
          versions: m.versions.map((v) => ({ version: v.version, note: v.note })),
        }))}
      />
    </div>
  );
}
