import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import type { DiversityRound } from "@/lib/server/diversity/diversity-types";
import { ChartFigure } from "./chart-figure";
import { count, percent, roundLabel } from "./chart-theme";
import { computedAtLabel, distinctRatiosOf, pairLabel } from "./diversity-figures";
import { DistinctNgramChart } from "./distinct-ngram-chart";
import { TopPairsChart } from "./top-pairs-chart";

const COLUMNS = [
  { label: "Round" },
  { label: "Nodes", align: "right" as const },
  { label: "Distinct-1", align: "right" as const },
  { label: "Distinct-2", align: "right" as const },
  { label: "Distinct-3", align: "right" as const },
  { label: "Clusters", align: "right" as const },
  { label: "Verb · object", align: "right" as const },
  { label: "Top pairs" },
];

/**
 * Breadth per round beside the depth charts: distinct n-grams, near-duplicate
 * clusters and the verb/object pairs Self-Instruct and WizardLM analysed,
 * from the project's last diversity snapshot.
 */
export function DiversitySection({
  diversity,
}: {
  diversity: { rounds: DiversityRound[]; computedAt: string | null; stale: boolean };
}) {
  const { rounds, computedAt, stale } = diversity;
  const status = computedAt
    ? `Computed ${computedAtLabel(computedAt)}${stale ? "; the project changed since, new figures are being computed." : "."}`
    : "Being computed for the first time: reload in a moment.";
  return (
    <section className="space-y-3" data-testid="diversity-section" aria-labelledby="diversity-title">
      <div>
        <h2 id="diversity-title" className="text-lg font-semibold">
          Diversity
        </h2>
        <p className="text-sm text-zinc-500" data-testid="diversity-status">
          {status}
        </p>
      </div>
      {rounds.length === 0 ? null : (
        <>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartFigure
              testId="chart-distinct-ngrams"
              title="Distinct n-grams and near-duplicates per round"
              caption="Distinct word 1-, 2- and 3-grams ÷ all of them in the round's instructions (higher is more varied), and groups of two or more near-duplicate instructions (MinHash, Jaccard ≥ 0.8 of character 5-grams, as the export's filter)."
            >
              <DistinctNgramChart rounds={rounds} />
            </ChartFigure>
            <ChartFigure
              testId="chart-verb-object"
              title="Most common verb/object pairs"
              caption="Root verb and its direct object of each instruction (lemmatised), the breadth analysis of Self-Instruct and WizardLM; instructions without both are left out."
            >
              <TopPairsChart rounds={rounds} />
            </ChartFigure>
          </div>
          <Card title="Diversity per round">
            <DataTable columns={COLUMNS}>
              {rounds.map((r) => {
                const ratios = distinctRatiosOf(r);
                return (
                  <tr key={r.round} data-testid={`diversity-round-${r.round}`}>
                    <td className="px-4 py-2">{roundLabel(r.round)}</td>
                    <td className="px-4 py-2 text-right">{count(r.nodes)}</td>
                    {ratios.map((ratio, i) => (
                      <td key={i} className="px-4 py-2 text-right">
                        {percent(ratio)}
                      </td>
                    ))}
                    <td className="px-4 py-2 text-right" title={`${count(r.duplicates)} near-duplicate instructions`}>
                      {count(r.clusters)}
                    </td>
                    <td className="px-4 py-2 text-right">{r.nodes ? percent(r.withPair / r.nodes) : "–"}</td>
                    <td className="px-4 py-2 text-zinc-600">
                      {r.pairs
                        .slice(0, 3)
                        .map((p) => `${pairLabel(p)} (${count(p.count)})`)
                        .join(", ") || "–"}
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          </Card>
        </>
      )}
    </section>
  );
}
