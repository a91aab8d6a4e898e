"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { RoundStats } from "@/lib/server/dashboard/dashboard-types";
import { AXIS_TICK, CHART_STYLE, LEGEND, roundLabel } from "./chart-theme";

const SERIES = [
  { key: "p90", label: "90th percentile", color: "#a5b4fc", dash: "4 3" },
  { key: "p50", label: "Median", color: "#4f46e5", dash: undefined },
  { key: "mean", label: "Mean", color: "#0ea5e9", dash: "2 2" },
  { key: "p10", label: "10th percentile", color: "#a5b4fc", dash: "4 3" },
] as const;

const words = (value: unknown) => (typeof value === "number" ? `${value.toFixed(1)} words` : "–");

/** Instruction length in words per round: median, mean and the 10th–90th percentile band. */
export function WordLengthChart({ rounds }: { rounds: RoundStats[] }) {
  const data = rounds.map((r) => ({ name: roundLabel(r.round), ...r.words }));
  return (
    <LineChart
      responsive
      style={CHART_STYLE}
      data={data}
      margin={{ top: 5, right: 10, bottom: 20, left: 10 }}
      desc="Instruction length in words per round"
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        tick={AXIS_TICK}
        label={{ value: "Round", position: "insideBottom", offset: -12, fontSize: 12 }}
      />
      <YAxis
        tick={AXIS_TICK}
        allowDecimals={false}
        label={{ value: "Words", angle: -90, position: "insideLeft", fontSize: 12 }}
      />
      <Tooltip formatter={(value) => words(value)} />
      <Legend {...LEGEND} height={28} />
      {SERIES.map((s) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stroke={s.color}
          strokeWidth={2}
          strokeDasharray={s.dash}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
