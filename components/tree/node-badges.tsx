import { Badge } from "@/components/ui/badge";
import { OPERATION_LABELS, isOperation } from "@/lib/evolution/operations";

const STATUS_TONE = { accepted: "green", rejected: "red", disputed: "amber", unreviewed: "neutral" } as const;

/** The badge of a human status ("unreviewed" shows none). */
export function HumanStatusBadge({ status }: { status: string }) {
  if (status === "unreviewed") return null;
  return <Badge tone={STATUS_TONE[status as keyof typeof STATUS_TONE] ?? "neutral"}>{status}</Badge>;
}

/**
 * Operation, round, the eliminator's verdict and the human status of a node, compactly; `status` replaces the
 * human status badge (the review page's, which follows decisions saved in the background).
 */
export function NodeBadges({
  node,
  status,
}: {
  status?: React.ReactNode;
  node: {
    parentId: string | null;
    round: number;
    operation: string | null;
    verdict: string;
    failedRules: string[];
    humanStatus: string;
  };
}) {
  return (
    <span className="flex flex-wrap items-center gap-1">
      <Badge tone="neutral">{node.parentId === null ? "seed" : `R${node.round}`}</Badge>
      {node.operation && isOperation(node.operation) ? (
        <Badge tone="indigo">{OPERATION_LABELS[node.operation]}</Badge>
      ) : null}
      {node.parentId !== null ? (
        node.verdict === "passed" ? (
          <Badge tone="green">passed</Badge>
        ) : (
          <Badge tone="amber">{node.failedRules.map((r) => r.replaceAll("_", " ")).join(", ") || node.verdict}</Badge>
        )
      ) : null}
      {status === undefined ? <HumanStatusBadge status={node.humanStatus} /> : status}
    </span>
  );
}
