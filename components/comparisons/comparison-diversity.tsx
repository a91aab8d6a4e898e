import { DataTable } from "@/components/ui/data-table";
import { computedAtLabel, distinctRatiosOf, pairLabel } from "@/components/dashboard/diversity-figures";
import type { DiversityRound } from "@/lib/server/diversity/diversity-types";

const ratio = (x: number | undefined) => (x === undefined ? "—" : x.toFixed(3));

/** Both runs' diversity per round, side by side, from the project's last diversity snapshot. */
export function ComparisonDiversity(props: {
  runs: [DiversityRound[], DiversityRound[]];
  computedAt: string | null;
  stale: boolean;
}) {
  const { runs, computedAt, stale } = props;
  const roundNumbers = [...new Set(runs.flatMap((r) => r.map((x) => x.round)))].sort((a, b) => a - b);
  const status = computedAt
    ? `Computed ${computedAtLabel(computedAt)}${stale ? "; the project changed since, new figures are being computed." : "."}`
    : "Being computed for the first time: reload in a moment.";
  const side = (round: number, i: 0 | 1) => runs[i].find((r) => r.round === round);
  return (
    <section className="space-y-2" data-testid="comparison-diversity">
      <h2 className="text-base font-semibold">Diversity</h2>
      <p className="text-sm text-zinc-500">
        {status} Distinct n-grams ÷ all n-grams of each run&apos;s instructions of the round (higher is more varied),
        near-duplicate clusters among them, and the most common verb · object pair.
      </p>
      {roundNumbers.length ? (
        <DataTable
          columns={[
            { label: "Round" },
            { label: "Nodes A / B", align: "right" },
            { label: "Distinct-1 A / B", align: "right" },
            { label: "Distinct-2 A / B", align: "right" },
            { label: "Distinct-3 A / B", align: "right" },
            { label: "Clusters A / B", align: "right" },
            { label: "Top pair A / B" },
          ]}
        >
          {roundNumbers.map((round) => {
            const [a, b] = [side(round, 0), side(round, 1)];
            const [ra, rb] = [a && distinctRatiosOf(a), b && distinctRatiosOf(b)];
            return (
              <tr key={round}>
                <td className="px-4 py-2">{round}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {a?.nodes ?? 0} / {b?.nodes ?? 0}
                </td>
                {[0, 1, 2].map((n) => (
                  <td key={n} className="px-4 py-2 text-right tabular-nums">
                    {ratio(ra?.[n])} / {ratio(rb?.[n])}
                  </td>
                ))}
                <td className="px-4 py-2 text-right tabular-nums">
                  {a?.clusters ?? 0} / {b?.clusters ?? 0}
                </td>
                <td className="px-4 py-2 text-xs">
                  {a?.pairs[0] ? pairLabel(a.pairs[0]) : "—"} / {b?.pairs[0] ? pairLabel(b.pairs[0]) : "—"}
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
    </section>
  );
}
