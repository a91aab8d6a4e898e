import type { CostLine } from "@/lib/evolution/cost-breakdown";
import type { CostRow, DatasetCardInput } from "@/lib/export/bundle/dataset-card";
import type { ProjectCosts } from "@/lib/server/dashboard/get-project-costs";

const NO_STEP = "failed attempts (no step)";

function rowOf<K>(line: CostLine<K>, label: string): CostRow {
  return { ...line, key: undefined, label } as CostRow;
}

/** The dataset card's cost section from the project's (or the exported run's) cost lines. */
export function costRows(costs: ProjectCosts): NonNullable<DatasetCardInput["cost"]> {
  return {
    total: rowOf(costs.total, "total"),
    perRun: costs.perRun.map((line) => rowOf(line, costs.runNames[line.key ?? ""] || `run ${line.key?.slice(0, 8)}`)),
    perOperation: costs.perOperation.map((line) => rowOf(line, line.key ?? NO_STEP)),
  };
}
