"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { DiversityRound } from "@/lib/server/diversity/diversity-types";
import { AXIS_TICK, count, roundLabel } from "./chart-theme";
import { pairLabel } from "./diversity-figures";

/** The most common verb/object pairs of one round (the last by default), as horizontal bars. */
export function TopPairsChart({ rounds }: { rounds: DiversityRound[] }) {
  const [selected, setSelected] = useState(rounds.at(-1)?.round ?? 0);
  const round = rounds.find((r) => r.round === selected) ?? rounds.at(-1);
  const data = (round?.pairs ?? []).map((p) => ({ name: pairLabel(p), count: p.count }));
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-xs text-zinc-600">
        Round
        <select
          className="rounded border border-zinc-300 px-1 py-0.5 text-xs"
          value={round?.round ?? 0}
          onChange={(e) => setSelected(Number(e.target.value))}
        >
          {rounds.map((r) => (
            <option key={r.round} value={r.round}>
              {roundLabel(r.round)}
            </option>
          ))}
        </select>
      </label>
      {data.length === 0 ? (
        <p className="text-sm text-zinc-500">No instruction of this round has both a verb and an object.</p>
      ) : (
        <BarChart
          responsive
          layout="vertical"
          style={{ width: "100%", height: Math.max(120, data.length * 26 + 40) }}
          data={data}
          margin={{ top: 5, right: 20, bottom: 5, left: 10 }}
          desc="Most common verb/object pairs of the round"
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} tickFormatter={count} allowDecimals={false} />
          <YAxis type="category" dataKey="name" tick={{ ...AXIS_TICK, fontSize: 11 }} width={140} interval={0} />
          <Tooltip formatter={(value) => count(value)} />
          <Bar dataKey="count" name="Instructions" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      )}
    </div>
  );
}
