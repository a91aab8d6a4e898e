"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { OperationStats } from "@/lib/server/dashboard/dashboard-types";
import {
  AXIS_TICK,
  CHART_STYLE,
  LEGEND,
  count,
  operationLabel,
  percent,
  percentTick,
  VERDICT_SERIES,
} from "./chart-theme";

/** Per operation over all rounds: nodes by eliminator verdict (bars) and the pass rate (line, right axis). */
export function OperationPassChart({ operations }: { operations: OperationStats[] }) {
  const data = operations.map((o) => ({ name: operationLabel(o.operation), ...o.verdicts, passRate: o.passRate }));
  return (
    <ComposedChart
      responsive
      style={CHART_STYLE}
      data={data}
      margin={{ top: 5, right: 10, bottom: 20, left: 10 }}
      desc="Nodes and pass rate per operation"
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        tick={{ ...AXIS_TICK, fontSize: 11 }}
        interval={0}
        angle={-20}
        textAnchor="end"
        height={56}
        label={{ value: "Operation", position: "insideBottom", offset: -12, fontSize: 12 }}
      />
      <YAxis
        yAxisId="nodes"
        tick={AXIS_TICK}
        tickFormatter={count}
        allowDecimals={false}
        label={{ value: "Nodes", angle: -90, position: "insideLeft", fontSize: 12 }}
      />
      <YAxis
        yAxisId="rate"
        orientation="right"
        domain={[0, 1]}
        tick={AXIS_TICK}
        tickFormatter={percentTick}
        label={{ value: "Pass rate", angle: 90, position: "insideRight", fontSize: 12 }}
      />
      <Tooltip formatter={(value, name) => (name === "Pass rate" ? percent(value) : count(value))} />
      <Legend {...LEGEND} height={28} />
      {VERDICT_SERIES.map((s) => (
        <Bar
          key={s.key}
          yAxisId="nodes"
          dataKey={s.key}
          name={s.label}
          stackId="verdict"
          fill={s.color}
          isAnimationActive={false}
        />
      ))}
      <Line
        yAxisId="rate"
        dataKey="passRate"
        name="Pass rate"
        stroke="#18181b"
        strokeWidth={2}
        isAnimationActive={false}
        connectNulls
      />
    </ComposedChart>
  );
}
