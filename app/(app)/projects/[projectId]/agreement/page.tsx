import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConfusionTable } from "@/components/agreement/confusion-table";
import { ReviewSettingsForm } from "@/components/agreement/review-settings-form";
import { Card } from "@/components/ui/card";
import { requireProjectPage } from "@/lib/server/projects/require-project-page";
import { getAgreement } from "@/lib/server/review/get-agreement";
import { getPrisma } from "@/lib/server/db/prisma";
import { isUuid } from "@/lib/server/db/is-uuid";

export const metadata: Metadata = { title: "Agreement" };

export default async function AgreementPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const user = await requireProjectPage(projectId);
  if (!isUuid(projectId)) notFound();
  const project = await getPrisma().project.findUnique({
    where: { id: projectId },
    select: { id: true, name: true, statusRule: true, majorityK: true, overlapShare: true },
  });
  if (!project) notFound();
  const agreement = await getAgreement({ projectId });
  return (
    <div className="space-y-4">
      <div>
        <Link href={`/projects/${project.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {project.name}
        </Link>
        <h1 className="text-xl font-semibold">Agreement</h1>
        <p className="text-sm text-zinc-500">
          {agreement.decisions.toLocaleString("en-US")} standing decisions on{" "}
          {agreement.reviewedNodes.toLocaleString("en-US")} decided evolved nodes.
        </p>
      </div>
      <Card title="Eliminator vs human">
        <ConfusionTable
          projectId={project.id}
          overall={agreement.confusion.overall}
          perRule={agreement.confusion.perRule}
        />
        <p className="mt-2 text-xs text-zinc-500">
          Per rule, “fail” means the rule fired. Click a disagreement count to review those nodes.
        </p>
      </Card>
      <Card title="Between reviewers (Cohen's κ over the nodes both decided)">
        {agreement.pairs.length === 0 ? (
          <p className="text-sm text-zinc-500">Agreement needs at least two reviewers.</p>
        ) : (
          <table className="w-full text-sm" data-testid="kappa-table">
            <tbody className="divide-y divide-zinc-100">
              {agreement.pairs.map((p) => (
                <tr key={`${p.a}|${p.b}`}>
                  <td className="py-1 pr-3">{p.a}</td>
                  <td className="py-1 pr-3">{p.b}</td>
                  <td className="py-1 pr-3 text-right tabular-nums">{p.n.toLocaleString("en-US")} shared</td>
                  <td className="py-1 text-right tabular-nums">κ {p.kappa === null ? "–" : p.kappa.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {user.role === "admin" ? (
        <Card title="How a node's status follows its reviews, and overlap">
          <ReviewSettingsForm
            projectId={project.id}
            statusRule={project.statusRule}
            majorityK={project.majorityK}
            overlapShare={project.overlapShare}
          />
        </Card>
      ) : null}
    </div>
  );
}
