import Link from "next/link";
import type { Confusion } from "@/lib/review/eliminator-confusion";

const pct = (v: number | null) => (v === null ? "–" : `${Math.round(v * 100)}%`);
const kappa = (v: number | null) => (v === null ? "–" : v.toFixed(2));

/** Eliminator vs human, one row per rule; the disagreement cells open the queue filtered to those nodes. */
export function ConfusionTable({
  projectId,
  overall,
  perRule,
}: {
  projectId: string;
  overall: Confusion;
  perRule: Record<string, Confusion>;
}) {
  const queue = (params: Record<string, string>) => `/projects/${projectId}/review?${new URLSearchParams(params)}`;
  const rows: [string, Confusion, string | null][] = [
    ["all rules (verdict)", overall, null],
    ...Object.entries(perRule).map(([rule, c]) => [rule.replaceAll("_", " "), c, rule] as [string, Confusion, string]),
  ];
  return (
    <table className="w-full text-sm" data-testid="confusion-table">
      <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
        <tr>
          <th className="py-1 pr-3">Rule</th>
          <th className="py-1 pr-3 text-right">Both pass</th>
          <th className="py-1 pr-3 text-right">Both fail</th>
          <th className="py-1 pr-3 text-right">Eliminator failed, human accepted</th>
          <th className="py-1 pr-3 text-right">Eliminator passed, human rejected</th>
          <th className="py-1 pr-3 text-right">Agreement</th>
          <th className="py-1 text-right">κ</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {rows.map(([label, c, rule]) => (
          <tr key={label}>
            <td className="py-1 pr-3 font-medium">{label}</td>
            <td className="py-1 pr-3 text-right tabular-nums">{c.bothPass}</td>
            <td className="py-1 pr-3 text-right tabular-nums">{c.bothFail}</td>
            <td className="py-1 pr-3 text-right tabular-nums">
              <Link
                className="text-indigo-700 hover:underline"
                href={queue(rule ? { rule, status: "accepted" } : { verdict: "failed", status: "accepted" })}
              >
                {c.eliminatorFailHumanAccept}
              </Link>
            </td>
            <td className="py-1 pr-3 text-right tabular-nums">
              {rule ? (
                c.eliminatorPassHumanReject
              ) : (
                <Link
                  className="text-indigo-700 hover:underline"
                  href={queue({ verdict: "passed", status: "rejected" })}
                >
                  {c.eliminatorPassHumanReject}
                </Link>
              )}
            </td>
            <td className="py-1 pr-3 text-right tabular-nums">{pct(c.agreement)}</td>
            <td className="py-1 text-right tabular-nums">{kappa(c.kappa)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
