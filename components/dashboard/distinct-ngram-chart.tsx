"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { DiversityRound } from "@/lib/server/diversity/diversity-types";
import { AXIS_TICK, CHART_STYLE, LEGEND, count, percent, percentTick, roundLabel } from "./chart-theme";
import { distinctRatiosOf } from "./diversity-figures";

const SERIES = [
  { key: "d1", label: "Distinct-1", color: "#4f46e5", dash: undefined },
  { key: "d2", label: "Distinct-2", color: "#0ea5e9", dash: "4 3" },
  { key: "d3", label: "Distinct-3", color: "#14b8a6", dash: "2 2" },
] as const;

/** Per round: distinct 1/2/3-gram ratios (lines) and near-duplicate clusters (bars, right axis). */
export function DistinctNgramChart({ rounds }: { rounds: DiversityRound[] }) {
  const data = rounds.map((r) => {
    const [d1, d2, d3] = distinctRatiosOf(r);
    return { name: roundLabel(r.round), d1, d2, d3, clusters: r.clusters };
  });
  return (
    <ComposedChart
      responsive
      style={CHART_STYLE}
      data={data}
      margin={{ top: 5, right: 10, bottom: 20, left: 10 }}
      desc="Distinct n-gram ratios and near-duplicate clusters per round"
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        tick={AXIS_TICK}
        label={{ value: "Round", position: "insideBottom", offset: -12, fontSize: 12 }}
      />
      <YAxis
        yAxisId="ratio"
        domain={[0, 1]}
        tick={AXIS_TICK}
        tickFormatter={percentTick}
        label={{ value: "Distinct ÷ total", angle: -90, position: "insideLeft", fontSize: 12 }}
      />
      <YAxis
        yAxisId="clusters"
        orientation="right"
        tick={AXIS_TICK}
        tickFormatter={count}
        allowDecimals={false}
        label={{ value: "Clusters", angle: 90, position: "insideRight", fontSize: 12 }}
      />
      <Tooltip formatter={(value, name) => (name === "Near-duplicate clusters" ? count(value) : percent(value))} />
      <Legend {...LEGEND} height={28} />
      <Bar
        yAxisId="clusters"
        dataKey="clusters"
        name="Near-duplicate clusters"
        fill="#e4e4e7"
        isAnimationActive={false}
      />
      {SERIES.map((s) => (
        <Line
          key={s.key}
          yAxisId="ratio"
          dataKey={s.key}
          name={s.label}
          stroke={s.color}
          strokeWidth={2}
          strokeDasharray={s.dash}
          isAnimationActive={false}
        />
      ))}
    </ComposedChart>
  );
}
