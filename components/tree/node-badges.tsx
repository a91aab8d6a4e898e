import { Badge } from "@/components/ui/badge";
import { OPERATION_LABELS, isOperation } from "@/lib/evolution/operations";

const STATUS_TONE = { accepted: "green", rejected: "red", disputed: "amber", unreviewed: "neutral" } as const;

/** Operation, round, the eliminator's verdict and the human status of a node, compactly. */
export function NodeBadges({
  node,
}: {
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
      {node.humanStatus !== "unreviewed" ? (
        <Badge tone={STATUS_TONE[node.humanStatus as keyof typeof STATUS_TONE] ?? "neutral"}>{node.humanStatus}</Badge>
      ) : null}
    </span>
  );
}
