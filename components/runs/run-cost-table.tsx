import { Card } from "@/components/ui/card";
import type { RunCosts } from "@/lib/server/runs/get-run-costs";
import { CostLinesTable } from "./cost-lines-table";

const NO_STEP = "Failed attempts (no step)";

/** What the run cost per round, operation and call role; money only when the run knew every model's price. */
export function RunCostTable({ costs }: { costs: RunCosts }) {
  const { total } = costs;
  return (
    <Card title="Cost">
      <div className="space-y-4">
        <p className="text-sm text-zinc-600" data-testid="run-cost-summary">
          {total.tokens.toLocaleString("en-US")} tokens in {total.calls.toLocaleString("en-US")} calls
          {total.costUsd !== null ? `, $${total.costUsd.toFixed(4)}` : ""}.{" "}
          {costs.priced
            ? "A node's cost is every call of the step that made it; per accepted or passing node, the run's whole spend (eliminated work and failed attempts too) is divided by the nodes it kept."
            : "No money is shown: a model this run used had no price in LLM_PRICES when it started."}
        </p>
        <CostLinesTable
          testId="run-cost-rounds"
          keyLabel="Round"
          lines={costs.perRound}
          labelOf={(key) => (key === null ? NO_STEP : `Round ${key}`)}
        />
        <CostLinesTable
          testId="run-cost-operations"
          keyLabel="Operation"
          lines={costs.perOperation}
          labelOf={(key) => (key === null ? NO_STEP : String(key))}
        />
        <CostLinesTable testId="run-cost-roles" keyLabel="Call" lines={costs.perRole} labelOf={(key) => String(key)} />
      </div>
    </Card>
  );
}
