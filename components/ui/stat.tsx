export function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-3">
      <div className="text-xs uppercase tracking-wide text-zinc-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums" data-stat={label}>
        {typeof value === "number" ? value.toLocaleString("en-US") : value}
      </div>
    </div>
  );
}
