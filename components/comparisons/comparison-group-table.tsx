import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import type { RateInterval } from "@/lib/evolution/compare-stats";
import { RULES, type RuleId } from "@/lib/evolution/eliminator";
import { RULE_TEXT } from "@/lib/evolution/rule-text";
import type { ComparisonGroup } from "@/lib/server/comparisons/get-comparison";

const percent = (x: number) => `${(x * 100).toFixed(x === 0 || x === 1 ? 0 : 1)} %`;

/** A rate with its 95 % interval and counts, e.g. "72.0 % (64.1–79.0 %) 54/75". */
export function RateCell({ rate, differs }: { rate: RateInterval | null; differs: boolean }) {
  if (!rate) return <Cell>—</Cell>;
  return (
    <Cell differs={differs}>
      <span className="font-medium">{percent(rate.rate)}</span>{" "}
      <span className="text-zinc-500">
        ({percent(rate.low)}–{percent(rate.high)})
      </span>{" "}
      <span className="text-xs text-zinc-400">
        {rate.successes}/{rate.trials}
      </span>
    </Cell>
  );
}

function Cell({ children, differs = false }: { children: ReactNode; differs?: boolean }) {
  return (
    <td className={`px-4 py-2 tabular-nums ${differs ? "bg-amber-50" : ""}`} data-differs={differs || undefined}>
      {children}
      {differs ? (
        <span
          className="ml-2 rounded bg-amber-200 px-1 text-xs font-semibold text-amber-900"
          title="Intervals do not overlap"
        >
          differs
        </span>
      ) : null}
    </td>
  );
}

const signed = (x: number) => `${x > 0 ? "+" : ""}${Number.isInteger(x) ? x : x.toFixed(1)}`;
const plain = (x: number | null, digits: number) => (x === null ? "—" : x.toFixed(digits));

/** One group (all rounds, a round or an operation): every figure of both runs, side by side. */
export function ComparisonGroupTable({ group, priced }: { group: ComparisonGroup; priced: boolean }) {
  const { a, b, differs } = group;
  const median = (m: { median: number | null; pairs: number }) =>
    m.median === null ? "—" : `${signed(m.median)} (n = ${m.pairs})`;
  const rows: { label: string; a: ReactNode; b: ReactNode }[] = [{ label: "Nodes", a: a.nodes, b: b.nodes }];
  return (
    <section className="space-y-2" data-testid={`comparison-group-${group.key}`}>
      <h3 className="text-sm font-semibold">{group.label}</h3>
      <DataTable columns={[{ label: "Figure" }, { label: "Run A" }, { label: "Run B" }]}>
        {rows.map((row) => (
          <tr key={row.label}>
            <th className="px-4 py-2 text-left font-normal text-zinc-600">{row.label}</th>
            <Cell>{row.a}</Cell>
            <Cell>{row.b}</Cell>
          </tr>
        ))}
        <RateRow label="Passed the eliminator" a={a.passed} b={b.passed} differs={differs.passed} />
        {RULES.map((rule: RuleId) => (
          <RateRow
            key={rule}
            label={`Passed: ${RULE_TEXT[rule].label}`}
            a={a.rules[rule]}
            b={b.rules[rule]}
            differs={differs.rules[rule]}
          />
        ))}
        <RateRow label="Duplicate rate" a={a.duplicates} b={b.duplicates} differs={differs.duplicates} />
        <RateRow label="Accepted by reviewers" a={a.accepted} b={b.accepted} differs={differs.accepted} />
        <tr>
          <th className="px-4 py-2 text-left font-normal text-zinc-600">Difficulty change from parent (median)</th>
          <Cell>{median(a.difficultyChange)}</Cell>
          <Cell>{median(b.difficultyChange)}</Cell>
        </tr>
        <tr>
          <th className="px-4 py-2 text-left font-normal text-zinc-600">Words added to the instruction (median)</th>
          <Cell>{median(a.lengthGrowth)}</Cell>
          <Cell>{median(b.lengthGrowth)}</Cell>
        </tr>
        <tr>
          <th className="px-4 py-2 text-left font-normal text-zinc-600">LLM calls per accepted node</th>
          <Cell>{plain(a.callsPerAccepted, 1)}</Cell>
          <Cell>{plain(b.callsPerAccepted, 1)}</Cell>
        </tr>
        <tr>
          <th className="px-4 py-2 text-left font-normal text-zinc-600">
            {priced ? "Cost per accepted node (USD)" : "Tokens per accepted node"}
          </th>
          <Cell>{priced ? plain(a.costPerAcceptedUsd, 4) : plain(a.tokensPerAccepted, 0)}</Cell>
          <Cell>{priced ? plain(b.costPerAcceptedUsd, 4) : plain(b.tokensPerAccepted, 0)}</Cell>
        </tr>
      </DataTable>
    </section>
  );
}

function RateRow(props: { label: string; a: RateInterval | null; b: RateInterval | null; differs: boolean }) {
  return (
    <tr>
      <th className="px-4 py-2 text-left font-normal text-zinc-600">{props.label}</th>
      <RateCell rate={props.a} differs={props.differs} />
      <RateCell rate={props.b} differs={props.differs} />
    </tr>
  );
}
