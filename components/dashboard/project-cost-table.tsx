import { CostLinesTable } from "@/components/runs/cost-lines-table";
import { Card } from "@/components/ui/card";
import type { ProjectCosts } from "@/lib/server/dashboard/get-project-costs";

const NO_STEP = "Failed attempts (no step)";

/** What the project's runs cost, per run and per operation, with the cost per passing and accepted node. */
export function ProjectCostTable({ costs }: { costs: ProjectCosts }) {
  const { total } = costs;
  return (
    <Card title="Cost">
      <div className="space-y-4">
        <p className="text-sm text-zinc-600" data-testid="project-cost-summary">
          {total.tokens.toLocaleString("en-US")} tokens in {total.calls.toLocaleString("en-US")} LLM calls
          {total.costUsd !== null ? `, $${total.costUsd.toFixed(4)}` : ""}. Per accepted or passing node, all a run
          spent (eliminated work and failed attempts too) is divided by the nodes it kept; money only where every model
          used had a price (LLM_PRICES) when the run started.
        </p>
        <CostLinesTable
          testId="project-cost-runs"
          keyLabel="Run"
          lines={costs.perRun}
          labelOf={(key) => costs.runNames[String(key)] || `Run ${String(key).slice(0, 8)}`}
        />
        <CostLinesTable
          testId="project-cost-operations"
          keyLabel="Operation"
          lines={costs.perOperation}
          labelOf={(key) => (key === null ? NO_STEP : String(key))}
        />
      </div>
    </Card>
  );
}
