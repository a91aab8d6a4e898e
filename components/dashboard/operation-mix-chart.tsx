"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { OPERATIONS } from "@/lib/evolution/operations";
import type { RoundStats } from "@/lib/server/dashboard/dashboard-types";
import { AXIS_TICK, CHART_STYLE, LEGEND, count, OPERATION_COLORS, operationLabel, roundLabel } from "./chart-theme";

/** Evolved nodes per round, stacked by the operation that made them. */
export function OperationMixChart({ rounds }: { rounds: RoundStats[] }) {
  const data = rounds.filter((r) => r.round > 0).map((r) => ({ name: roundLabel(r.round), ...r.operations }));
  return (
    <BarChart
      responsive
      style={CHART_STYLE}
      data={data}
      margin={{ top: 5, right: 10, bottom: 20, left: 10 }}
      desc="Operation mix per round"
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        tick={AXIS_TICK}
        label={{ value: "Round", position: "insideBottom", offset: -12, fontSize: 12 }}
      />
      <YAxis
        tick={AXIS_TICK}
        tickFormatter={count}
        allowDecimals={false}
        label={{ value: "Nodes", angle: -90, position: "insideLeft", fontSize: 12 }}
      />
      <Tooltip formatter={(value) => count(value)} />
      <Legend {...LEGEND} height={44} />
      {OPERATIONS.map((op) => (
        <Bar
          key={op}
          dataKey={op}
          name={operationLabel(op)}
          stackId="ops"
          fill={OPERATION_COLORS[op]}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
