"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { RoundStats } from "@/lib/server/dashboard/dashboard-types";
import { AXIS_TICK, CHART_STYLE, LEGEND, count, roundLabel, STATUS_SERIES, VERDICT_SERIES } from "./chart-theme";

/** Stacked bars of nodes per round, by human status or (evolved rounds only) by eliminator verdict. */
export function StatusByRoundChart({ rounds, by }: { rounds: RoundStats[]; by: "human" | "eliminator" }) {
  const series = by === "human" ? STATUS_SERIES : VERDICT_SERIES;
  const data = rounds
    .filter((r) => by === "human" || r.round > 0)
    .map((r) => ({ name: roundLabel(r.round), ...(by === "human" ? r.statuses : r.verdicts) }));
  return (
    <BarChart
      responsive
      style={CHART_STYLE}
      data={data}
      margin={{ top: 5, right: 10, bottom: 20, left: 10 }}
      desc={by === "human" ? "Nodes per round by review status" : "Evolved nodes per round by eliminator verdict"}
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
      <Legend {...LEGEND} height={28} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="status" fill={s.color} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
