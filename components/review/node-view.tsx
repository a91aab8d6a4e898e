import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { NodeBadges } from "@/components/tree/node-badges";
import { startedByText } from "@/components/runs/started-by";
import type { NodeDetail } from "@/lib/server/review/get-node-detail";
import { NODE_TEXT_LIMIT } from "@/lib/text/text-limits";
import { NodeHistory } from "./node-history";
import { NodeStatusBadge } from "./node-status-badge";
import { NodeText } from "./node-text";
import { VerdictTable } from "./verdict-table";
import { WordDiffView } from "./word-diff-view";

/** Everything about one node: its text (as safe markdown), what changed from its parent, and why it passed or failed. */
export function NodeView({ node }: { node: NodeDetail }) {
  const tokens = node.calls.reduce((sum, c) => sum + (c.promptTokens ?? 0) + (c.completionTokens ?? 0), 0);
  const latency = node.calls.reduce((sum, c) => sum + c.latencyMs, 0);
  const at = { projectId: node.projectId, nodeId: node.id };
  return (
    <div className="space-y-4" data-testid="node-view" data-node-id={node.id}>
      <div className="flex flex-wrap items-center gap-2">
        <NodeBadges
          node={node}
          status={<NodeStatusBadge nodeId={node.id} status={node.humanStatus} readAt={node.readAt.toISOString()} />}
        />
        {node.difficulty ? <Badge tone="neutral">difficulty {node.difficulty}</Badge> : null}
        {Object.entries(node.metadata)
          .filter(([k, v]) => ["skill", "difficulty"].includes(k) && (typeof v === "string" || typeof v === "number"))
          .map(([k, v]) => (
            <Badge key={k} tone="neutral">
              seed {k}: {String(v)}
            </Badge>
          ))}
        {node.redo ? (
          <Link
            href={`/projects/${node.projectId}/trees/${node.rootId}?node=${node.redo.of}`}
            className="text-xs text-indigo-700 hover:underline"
            data-testid="redo-of"
          >
            {node.redo.kind === "re-answer" ? "Re-answer" : "Re-evolution"} of a sibling
          </Link>
        ) : null}
      </div>
      <Card title="Instruction">
        <NodeText {...at} field="instruction" text={node.instruction} length={node.lengths.instruction} />
        {node.input ? (
          <div className="mt-3 border-t border-zinc-100 pt-3">
            <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-500">Input</h3>
            <NodeText {...at} field="input" text={node.input} length={node.lengths.input} />
          </div>
        ) : null}
      </Card>
      {node.parent ? (
        <Card title="What the evolution changed">
          <WordDiffView
            before={node.parent.instruction}
            after={node.instruction}
            clipped={
              (node.lengths.parentInstruction ?? 0) > NODE_TEXT_LIMIT || node.lengths.instruction > NODE_TEXT_LIMIT
            }
          />
        </Card>
      ) : null}
      <Card title={node.parentId ? "Answer" : "Reference output"}>
        {node.output ? (
          <NodeText {...at} field="output" text={node.output} length={node.lengths.output ?? 0} />
        ) : (
          <p className="text-sm text-zinc-500">No answer.</p>
        )}
      </Card>
      {node.parentId ? <VerdictTable node={node} /> : null}
      {node.calls.length ? (
        <p className="text-xs text-zinc-500">
          Models: evolve {node.evolveModel ?? "–"}, answer {node.answerModel ?? "–"} · {node.calls.length} LLM calls ·{" "}
          {tokens.toLocaleString("en-US")} tokens · {(latency / 1000).toFixed(1)} s of LLM time · template{" "}
          {node.templateVersion}
          {node.method ? <span data-testid="node-method"> · method {node.method}</span> : null}
          {node.runId ? (
            <>
              {" "}
              ·{" "}
              <Link href={`/projects/${node.projectId}/runs/${node.runId}`} className="text-indigo-700 hover:underline">
                run
              </Link>{" "}
              <span data-testid="node-run-started-by">{startedByText(node.runStartedBy)}</span>
            </>
          ) : null}
        </p>
      ) : null}
      <NodeHistory reviews={node.reviews} edits={node.edits} blind={node.blind} />
    </div>
  );
}
