import { Card } from "@/components/ui/card";
import { NODE_TEXT_HEAD, NODE_TEXT_LIMIT } from "@/lib/text/text-limits";
import type { NodeDetail } from "@/lib/server/review/get-node-detail";

/** The eliminator's verdict rule by rule, with reasons and the judge's raw reply. */
export function VerdictTable({ node }: { node: NodeDetail }) {
  const { verdicts, judgeReply, parseError } = node.eliminator;
  return (
    <Card title={`Eliminator: ${node.verdict === "passed" ? "passed" : "failed"}`}>
      {parseError ? (
        <p className="mb-2 text-sm text-amber-800">The evolve reply could not be parsed: {parseError}</p>
      ) : null}
      {verdicts.length ? (
        <table className="w-full text-sm" data-testid="verdict-table">
          <tbody className="divide-y divide-zinc-100">
            {verdicts.map((v) => (
              <tr key={v.rule}>
                <td className="py-1 pr-3 font-mono text-xs">{v.rule}</td>
                <td className="py-1 pr-3">
                  {!v.enabled ? (
                    <span className="text-zinc-400">off</span>
                  ) : v.failed ? (
                    <span className="font-medium text-red-700">failed</span>
                  ) : (
                    <span className="text-emerald-700">passed</span>
                  )}
                </td>
                <td className="py-1 text-zinc-600">{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {judgeReply !== null ? (
        <div className="mt-2 text-xs text-zinc-600">
          Judge&apos;s raw reply: <code className="whitespace-pre-wrap rounded bg-zinc-100 px-1">{judgeReply}</code>
        </div>
      ) : null}
      {node.rawReply && node.rawReply.trim() !== node.instruction.trim() ? (
        <details className="mt-2 text-xs text-zinc-600">
          <summary className="cursor-pointer">Raw evolve reply</summary>
          <pre className="mt-1 whitespace-pre-wrap rounded bg-zinc-50 p-2">{node.rawReply}</pre>
          {(node.lengths.rawReply ?? 0) > NODE_TEXT_LIMIT ? (
            <p className="mt-1">
              The first {NODE_TEXT_HEAD.toLocaleString("en-US")} characters of{" "}
              {node.lengths.rawReply?.toLocaleString("en-US")}.
            </p>
          ) : null}
        </details>
      ) : null}
    </Card>
  );
}
