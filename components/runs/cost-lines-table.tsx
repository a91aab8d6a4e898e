import { DataTable } from "@/components/ui/data-table";
import type { CostLine } from "@/lib/evolution/cost-breakdown";

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const usd = (n: number) => `$${n < 0.01 && n > 0 ? n.toPrecision(2) : n.toFixed(4)}`;

/** Per node: money when the line is priced, tokens otherwise; a dash when no node of the kind was made. */
function perNode(line: CostLine<string | number>, money: number | null, tokens: number | null): string {
  if (line.costUsd !== null) return money === null ? "—" : usd(money);
  return tokens === null ? "—" : `${count(tokens)} tok`;
}

/**
 * Cost lines (a run's rounds, operations or roles; a project's runs): calls,
 * tokens, money where every model used is priced, and the cost per passing
 * and per accepted node.
 */
export function CostLinesTable(props: {
  keyLabel: string;
  lines: CostLine<string | number>[];
  labelOf: (key: string | number | null) => string;
  testId: string;
}) {
  const priced = props.lines.some((l) => l.costUsd !== null);
  return (
    <div data-testid={props.testId}>
      <DataTable
        columns={[
          { label: props.keyLabel },
          { label: "Calls", align: "right" },
          { label: "Tokens", align: "right" },
          ...(priced ? [{ label: "Cost", align: "right" as const }] : []),
          { label: "Passing", align: "right" },
          { label: "Accepted", align: "right" },
          { label: "Per passing", align: "right" },
          { label: "Per accepted", align: "right" },
        ]}
      >
        {props.lines.map((line) => (
          <tr key={String(line.key)}>
            <td className="px-4 py-2">{props.labelOf(line.key)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{count(line.calls)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{count(line.tokens)}</td>
            {priced ? (
              <td className="px-4 py-2 text-right tabular-nums">
                {line.costUsd === null ? "no price" : usd(line.costUsd)}
              </td>
            ) : null}
            <td className="px-4 py-2 text-right tabular-nums">{count(line.passing)}</td>
            <td className="px-4 py-2 text-right tabular-nums">{count(line.accepted)}</td>
            <td className="px-4 py-2 text-right tabular-nums">
              {perNode(line, line.costPerPassingUsd, line.tokensPerPassing)}
            </td>
            <td className="px-4 py-2 text-right tabular-nums">
              {perNode(line, line.costPerAcceptedUsd, line.tokensPerAccepted)}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
