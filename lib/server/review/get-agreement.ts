import { pairwiseKappa } from "@/lib/review/agreement";
import { eliminatorConfusion } from "@/lib/review/eliminator-confusion";
import { RULES } from "@/lib/evolution/eliminator";
import { getPrisma } from "@/lib/server/db/prisma";

/**
 * How far reviewers agree with each other (Cohen's kappa per pair) and with
 * the eliminator (a confusion matrix overall and per rule), from standing
 * decisions and current human statuses.
 */
export async function getAgreement(options: { projectId: string }) {
  const prisma = getPrisma();
  const [decisions, reviewers, rows] = await Promise.all([
    prisma.$queryRaw<{ node_id: string; reviewer_id: string; decision: string }[]>`
      SELECT r.node_id, r.reviewer_id, r.decision::text FROM reviews r JOIN nodes n ON n.id = r.node_id
      WHERE n.project_id = ${options.projectId}::uuid AND r.revoked_at IS NULL ORDER BY r.created_at, r.id`,
    prisma.$queryRaw<{ id: string; email: string }[]>`
      SELECT DISTINCT u.id, u.email FROM users u JOIN reviews r ON r.reviewer_id = u.id JOIN nodes n ON n.id = r.node_id
      WHERE n.project_id = ${options.projectId}::uuid`,
    prisma.$queryRaw<{ verdict: string; failed_rules: string[] | null; human_status: "accepted" | "rejected" }[]>`
      SELECT verdict::text, failed_rules, human_status::text FROM nodes
      WHERE project_id = ${options.projectId}::uuid AND parent_id IS NOT NULL AND verdict <> 'pending'
        AND human_status IN ('accepted', 'rejected')`,
  ]);
  const email = new Map(reviewers.map((r) => [r.id, r.email]));
  const pairs = pairwiseKappa(
    decisions.map((d) => ({ nodeId: d.node_id, reviewerId: d.reviewer_id, decision: d.decision })),
  );
  const confusion = eliminatorConfusion(
    rows.map((r) => ({
      eliminatorPassed: r.verdict === "passed",
      failedRules: r.failed_rules ?? [],
      human: r.human_status,
    })),
    RULES,
  );
  return {
    pairs: pairs.map((p) => ({ ...p, a: email.get(p.a) ?? p.a, b: email.get(p.b) ?? p.b })),
    confusion,
    reviewedNodes: rows.length,
    decisions: decisions.length,
  };
}
