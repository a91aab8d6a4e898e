import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SeedImportPanel } from "@/components/seeds/seed-import-panel";
import { getEnv } from "@/lib/server/config/env";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { getProject } from "@/lib/server/projects/get-project";
import { MAX_SEED_FILE_BYTES } from "@/lib/validation/seeds";

export const metadata: Metadata = { title: "Import seeds" };

export default async function ImportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await requireProjectPage(projectId, "admin");
  const project = await getProject({ projectId });
  if (!project) notFound();
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {project.name}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">Import seeds</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-600">
          JSONL, JSON array, CSV or plain text (one instruction per line). Alpaca, Self-Instruct seed tasks, the
          WizardLM test set, ShareGPT and OpenAI chat layouts are recognised. You see what will be imported before
          anything is written; a file with a bad record imports nothing unless you choose to skip the bad records.
        </p>
      </div>
      <SeedImportPanel
        projectId={project.id}
        maxBytes={MAX_SEED_FILE_BYTES}
        maxFieldChars={getEnv().SEED_MAX_FIELD_CHARS}
      />
    </div>
  );
}
