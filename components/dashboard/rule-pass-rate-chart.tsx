"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { DashboardRule, RoundStats } from "@/lib/server/dashboard/dashboard-types";
import {
  AXIS_TICK,
  CHART_STYLE,
  LEGEND,
  percent,
  percentTick,
  roundLabel,
  RULE_COLORS,
  ruleLabel,
} from "./chart-theme";

/** Per evolved round: the overall pass rate and, per rule, the share of judged nodes it let through. */
export function RulePassRateChart({ rounds, rules }: { rounds: RoundStats[]; rules: DashboardRule[] }) {
  const data = rounds
    .filter((r) => r.round > 0)
    .map((r) => ({ name: roundLabel(r.round), overall: r.passRate, ...r.rulePassRates }));
  return (
    <LineChart
      responsive
      style={CHART_STYLE}
      data={data}
      margin={{ top: 5, right: 10, bottom: 20, left: 10 }}
      desc="Pass rate per eliminator rule per round"
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        tick={AXIS_TICK}
        label={{ value: "Round", position: "insideBottom", offset: -12, fontSize: 12 }}
      />
      <YAxis
        domain={[0, 1]}
        tick={AXIS_TICK}
        tickFormatter={percentTick}
        label={{ value: "Pass rate", angle: -90, position: "insideLeft", fontSize: 12 }}
      />
      <Tooltip formatter={(value) => percent(value)} />
      <Legend {...LEGEND} height={44} />
      <Line
        dataKey="overall"
        name="All rules"
        stroke="#18181b"
        strokeWidth={2}
        strokeDasharray="5 3"
        isAnimationActive={false}
        connectNulls
      />
      {rules.map((rule) => (
        <Line
          key={rule}
          dataKey={rule}
          name={ruleLabel(rule)}
          stroke={RULE_COLORS[rule]}
          strokeWidth={2}
          isAnimationActive={false}
          connectNulls
        />
      ))}
    </LineChart>
  );
}
