import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";

export interface ComparisonListItem {
  id: string;
  name: string;
  createdAt: Date;
  seeds: number;
  runs: { method: string; status: string }[];
}

/** A project's comparisons: which methods, on how many seeds, and where each run is. */
export function ComparisonList({ projectId, comparisons }: { projectId: string; comparisons: ComparisonListItem[] }) {
  return (
    <DataTable
      columns={[{ label: "Comparison" }, { label: "Run A" }, { label: "Run B" }, { label: "Seeds", align: "right" }]}
    >
      {comparisons.map((c) => (
        <tr key={c.id}>
          <td className="px-4 py-2">
            <Link href={`/projects/${projectId}/comparisons/${c.id}`} className="text-indigo-700 hover:underline">
              {c.name || "Comparison"}
            </Link>
            <span className="ml-2 text-xs text-zinc-400">
              {c.createdAt.toISOString().slice(0, 16).replace("T", " ")}
            </span>
          </td>
          {c.runs.map((run, i) => (
            <td key={i} className="px-4 py-2">
              {run.method} <span className="text-xs text-zinc-500">{run.status.replaceAll("_", " ")}</span>
            </td>
          ))}
          <td className="px-4 py-2 text-right tabular-nums">{c.seeds.toLocaleString("en-US")}</td>
        </tr>
      ))}
    </DataTable>
  );
}
