const tones: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-700",
  HEAD: "bg-teal-50 text-teal-700",
  POST: "bg-indigo-50 text-indigo-700",
  PUT: "bg-amber-50 text-amber-800",
  PATCH: "bg-amber-50 text-amber-800",
  DELETE: "bg-red-50 text-red-700",
};

/** An HTTP method, colour-coded. */
export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-flex w-16 shrink-0 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold ${tones[method] ?? "bg-zinc-100 text-zinc-700"}`}
    >
      {method}
    </span>
  );
}
