"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { RoundStats } from "@/lib/server/dashboard/dashboard-types";
import { AXIS_TICK, CHART_STYLE, LEGEND, percent, percentTick, roundLabel } from "./chart-theme";

const ROUND_COLORS = ["#a1a1aa", "#c7d2fe", "#a5b4fc", "#818cf8", "#6366f1", "#4f46e5", "#4338ca", "#3730a3"];

/**
 * Per scored round, the share of its scored nodes at each difficulty 1–10:
 * shares, not counts, so rounds of different sizes compare.
 */
export function DifficultyChart({ rounds }: { rounds: RoundStats[] }) {
  const scored = rounds.filter((r) => r.difficulty.scored > 0);
  const data = Array.from({ length: 10 }, (_, i) => ({
    name: String(i + 1),
    ...Object.fromEntries(scored.map((r) => [`r${r.round}`, r.difficulty.distribution[i] / r.difficulty.scored])),
  }));
  return (
    <BarChart
      responsive
      style={CHART_STYLE}
      data={data}
      margin={{ top: 5, right: 10, bottom: 20, left: 10 }}
      desc="Difficulty distribution per round"
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        tick={AXIS_TICK}
        label={{ value: "Difficulty (1–10)", position: "insideBottom", offset: -12, fontSize: 12 }}
      />
      <YAxis
        tick={AXIS_TICK}
        tickFormatter={percentTick}
        label={{ value: "Share of scored nodes", angle: -90, position: "insideLeft", fontSize: 12, dy: 60 }}
      />
      <Tooltip formatter={(value) => percent(value)} />
      <Legend {...LEGEND} height={28} />
      {scored.map((r) => (
        <Bar
          key={r.round}
          dataKey={`r${r.round}`}
          name={`${roundLabel(r.round)} (mean ${r.difficulty.mean?.toFixed(1)})`}
          fill={ROUND_COLORS[Math.min(r.round, ROUND_COLORS.length - 1)]}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}
